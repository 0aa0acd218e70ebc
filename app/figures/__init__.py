"""The figure layer: one spec per chart (specs.toml), one pure function from (spec, rows, language,
view) to the plotly figure *and* its export metadata, so the screen, PNG/SVG, CSV/XLSX/ZIP and
`python -m etl figure` cannot disagree.

    spec = figures.spec("platforms_series")
    rows = <the named query spec.query, run with figures.query_params(spec, view)>
    fig, meta = figures.build(spec, rows, "en", view, series=..., events=...)
    figures.table_view(spec, meta.rows, "en")     # the Table tab
    figures.export_figure(fig, meta, "en")        # the PNG/SVG layout (title, subtitle, footer)

Pure: no Streamlit, no DuckDB (run_spec takes a connection for the command line). Names come from
app/labels.py only.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import plotly.graph_objects as go
import polars as pl

from app import charts, labels
from app.export import ExportMeta
from app.i18n import t

SPECS_PATH = Path(__file__).with_name("specs.toml")
KINDS = ("line", "bar", "map", "change", "dumbbell", "timeline")
FREQUENCIES = ("all", "year", "month")


class UnknownFigure(LookupError):
    pass


@dataclass(frozen=True)
class FigureSpec:
    name: str
    kind: str
    query: str
    pages: tuple[str, ...]
    title: str | None = None
    note: tuple[str, ...] = ()
    unit: str | None = None
    unit_series: str | None = None
    series: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()
    defaults: tuple[tuple[str, object], ...] = ()
    claim: str | None = None
    roles: tuple[tuple[str, str], ...] = ()

    def default(self, key: str, fallback=None):
        return dict(self.defaults).get(key, fallback)


@cache
def specs() -> dict[str, FigureSpec]:
    with SPECS_PATH.open("rb") as fh:
        raw = tomllib.load(fh)
    out = {}
    for name, entry in raw.items():
        if entry.get("kind") not in KINDS:
            raise ValueError(f"{SPECS_PATH.name} [{name}]: kind must be one of {', '.join(KINDS)}")
        out[name] = FigureSpec(
            name=name, kind=entry["kind"], query=entry["query"], pages=tuple(entry.get("pages", ())),
            title=entry.get("title"), note=tuple(entry.get("note", ())), unit=entry.get("unit"),
            unit_series=entry.get("unit_series"), series=tuple(entry.get("series", ())),
            lines=tuple(entry.get("lines", ())), defaults=tuple(sorted(entry.get("defaults", {}).items())),
            claim=entry.get("claim"), roles=tuple(entry.get("roles", {}).items()),
        )  # fmt: skip
    return out


def spec(name: str) -> FigureSpec:
    try:
        return specs()[name]
    except KeyError:
        raise UnknownFigure(f"no figure spec {name!r}; specs: {', '.join(specs())}") from None


@dataclass(frozen=True)
class View:
    """What the reader chose (hashable: with the spec, build id and language it is the cache key)."""

    series: str | None = None
    publishers: tuple[str, ...] | None = None  # None: every publisher
    lines: tuple[str, ...] | None = None  # multi-series charts: "series:publisher"
    frequency: str = "all"
    log_scale: bool = False
    events: bool = False
    first_year: int | None = None
    last_year: int | None = None
    period: str | None = None  # bar: the period shown; change: the earlier one
    period_to: str | None = None  # change: the later one
    ids: tuple[str, ...] | None = None  # timeline: the events a page's own filters keep (None: all)
    region: str = "CN"  # series charts: national, or a province for series published only by province


def default_view(figure: FigureSpec, **choices) -> View:
    base = View(log_scale=bool(figure.default("log_scale", False)), events=bool(figure.default("events", False)),
                frequency=figure.default("frequency", "all"))  # fmt: skip
    return replace(base, **choices)


def query_params(figure: FigureSpec, view: View) -> dict:
    """The named query's parameters for a view (the SQL itself lives in queries/)."""
    if figure.query == "series_by_publisher":
        return {"series": view.series or (figure.series[0] if figure.series else ""), "region": view.region}
    if figure.query == "series_side_by_side":
        return {"series_ids": ",".join(figure.series)}
    if figure.query == "provincial_ranking":
        return {"series": view.series or figure.series[0], "period": view.period or ""}
    if figure.query == "claim_chart_figures":
        return {"claim": figure.claim}
    return {}


# --- line selection ---------------------------------------------------------------------------------


def line_options(frame: pl.DataFrame) -> list[str]:
    """Every "series:publisher" pair present, in series then publisher order."""
    pairs = frame.select("series_id", "publisher_id").unique().sort("series_id", "publisher_id").rows()
    return [f"{s}:{p}" for s, p in pairs]


def default_lines(options: list[str], defaults) -> list[str]:
    """The default pairs that exist, a "series:*" default standing for all of its publishers."""
    wanted = set(defaults)
    return [o for o in options if o in wanted or f"{o.split(':')[0]}:*" in wanted]


def year_span(frame: pl.DataFrame) -> list[int]:
    if frame.is_empty():
        return []
    return list(range(frame["period_end"].min().year, frame["period_end"].max().year + 1))


def drawn_rows(figure: FigureSpec, frame: pl.DataFrame, view: View) -> pl.DataFrame:
    """Pure: the rows a view draws (publishers, lines, frequency, time range)."""
    out = frame
    if out.is_empty() or figure.kind != "line":
        return out
    if figure.lines:
        chosen = list(view.lines) if view.lines is not None else default_lines(line_options(out), figure.lines)
        keys = pl.concat_str([pl.col("series_id"), pl.lit(":"), pl.col("publisher_id")])
        out = out.filter(keys.is_in(chosen))
    if view.publishers is not None:
        out = out.filter(pl.col("publisher_id").is_in(list(view.publishers)))
    if view.frequency in ("year", "month"):
        out = out.filter(pl.col("period_type") == view.frequency)
    if view.first_year is not None:
        out = out.filter(pl.col("period_end").dt.year() >= view.first_year)
    if view.last_year is not None:
        out = out.filter(pl.col("period_end").dt.year() <= view.last_year)
    return out


# --- text pieces --------------------------------------------------------------------------------------

COUNT_UNITS = {"家", "人", "件", "通"}


def value_text(value, unit: str, lang: str, series=None, qualifier=None) -> str:
    """A figure with its unit word, as hover and table show it: "2,595 platforms", "2,595家"."""
    text = labels.number(value, unit, lang, qualifier=qualifier)
    if lang != "zh" and unit in COUNT_UNITS and value is not None:
        text = f"{text} {labels.unit(unit, lang, series)}"
    return text


def period_types_text(frame: pl.DataFrame, lang: str) -> str:
    kinds = [k for k in labels.PERIOD_TYPES if "period_type" in frame.columns and k in set(frame["period_type"])]
    return ", ".join(labels.period_type(k, lang) for k in kinds)


def subtitle(unit_word: str, frame: pl.DataFrame, lang: str, extra: str = "") -> str:
    parts = [f"{t('chart_unit', lang)}: {unit_word}"] if unit_word else []
    periods = period_types_text(frame, lang)
    if periods:
        parts.append(f"{t('chart_period', lang)}: {periods}")
    if "period_end" in frame.columns and frame.height:
        first, last = frame["period_end"].min().year, frame["period_end"].max().year
        parts.append(str(first) if first == last else f"{first}–{last}")
    if extra:
        parts.append(extra)
    return " · ".join(parts)


def publishers_of(frame: pl.DataFrame, lang: str) -> list[str]:
    if frame.is_empty() or "publisher_id" not in frame.columns:
        return []
    rows = frame.select("publisher_id", "publisher_zh", "publisher_en").unique("publisher_id").iter_rows(named=True)
    return sorted(labels.publisher_full(r, lang) for r in rows)


def source_line(frame: pl.DataFrame, lang: str) -> str:
    names = publishers_of(frame, lang)
    if not names:
        return t("chart_no_data", lang)
    return f"{t('chart_source', lang)}: {'; '.join(names)}. {t('chart_cited', lang)}"


def data_notes(frame: pl.DataFrame, lang: str, most: int = 3) -> list[str]:
    """The figures' own notes (the data's `note` column). They are written in English only, so a
    Chinese chart leaves them to the downloads (CSV, XLSX) rather than show English text."""
    if lang == "zh" or "note" not in frame.columns:
        return []
    return sorted(set(frame["note"].drop_nulls().to_list()))[:most]


def count_notes(frame: pl.DataFrame, lang: str) -> list[str]:
    """What a reader must know about the figures drawn: derived, revised, inferred, weak."""
    if frame.is_empty() or "value" not in frame.columns:
        return []
    keys = [k for k in ("series_id", "publisher_id", "period_label", "region") if k in frame.columns]
    counts = {
        "n_derived": frame["derived"].sum() if "derived" in frame.columns else 0,
        "n_revised": frame.group_by(keys).len().filter(pl.col("len") > 1).height if keys else 0,
        "n_inferred": frame["publisher_inferred"].sum() if "publisher_inferred" in frame.columns else 0,
        "n_low": (frame["reliability"] == "low").sum() if "reliability" in frame.columns else 0,
    }
    return [t(f"chart_{key}", lang, n=n) for key, n in counts.items() if n]


def _flags(row: dict, lang: str) -> list[str]:
    flags = []
    if row.get("qualifier"):
        flags.append(labels.qualifier(row["qualifier"], lang))
    if row.get("derived"):
        flags.append(f"{t('chart_derived', lang)}: {row.get('derivation')}")
    if row.get("publisher_inferred"):
        flags.append(t("chart_inferred", lang))
    if row.get("reliability") == "low":
        flags.append(f"{t('reliability', lang)}: {labels.reliability('low', lang)}")
    if row.get("vintage"):
        flags.append(f"{t('fig_vintage', lang)}: {row['vintage']}")
    return flags


def figure_hover(row: dict, name: str, lang: str) -> str:
    value = value_text(row["value"], row["unit"], lang, row.get("series_id"), row.get("qualifier"))
    lines = [f"<b>{value}</b>", f"{labels.period(row['period_label'], row.get('period_type'), lang)} · {name}"]
    if row.get("source_site"):
        lines.append(str(row["source_site"])[:80])
    flags = _flags(row, lang)
    if flags:
        lines.append("; ".join(flags))
    return "<br>".join(lines)


def series_short(record, lang: str) -> str:
    """A series name without its bracketed scope, for legends ("P2P lending platforms in normal operation")."""
    name = labels.series(record, lang)
    short = re.sub(r"\s*[(（][^)）]*[)）]", "", name).strip()
    return short if len(short) >= 4 else name


# --- build --------------------------------------------------------------------------------------------


def _title(figure: FigureSpec, lang: str, series) -> str:
    if figure.title:
        return t(figure.title, lang)
    return labels.series(series, lang) if series is not None else figure.name


def _meta(figure: FigureSpec, lang: str, title: str, sub: str, unit_word: str, rows: pl.DataFrame, notes, **extra):
    return ExportMeta(
        title=title, unit=unit_word, publishers=publishers_of(rows, lang), notes=[n for n in notes if n],
        subtitle=sub, source=source_line(rows, lang), lang=lang, spec=figure.name, kind=figure.kind, rows=rows,
        **extra,
    )  # fmt: skip


def build(
    figure: FigureSpec,
    frame: pl.DataFrame,
    lang: str,
    view: View | None = None,
    *,
    series: dict | None = None,
    events: pl.DataFrame | None = None,
    catalogue: dict | None = None,
    build_id: str = "",
    permalink: str = "",
) -> tuple[go.Figure, ExportMeta]:
    """The figure and its export metadata from one spec, the named query's rows and the reader's view.

    `series` is the chosen series' catalogue record (series charts); `catalogue` maps series ids to
    records (multi-series charts); `events` the regulation events (drawn within the data's range when
    the view asks for them)."""
    view = view or default_view(figure)
    lang = "zh" if lang == "zh" else "en"
    builder = {"line": _line, "bar": _bar, "map": _map, "change": _change, "dumbbell": _dumbbell, "timeline": _timeline}
    fig, meta = builder[figure.kind](figure, frame, lang, view, series=series, events=events, catalogue=catalogue)
    meta.build_id, meta.permalink = build_id, permalink or public_url()
    return fig, meta


def public_url() -> str:
    """The site's public address when deployed (LENDSCOPE_PUBLIC_URL), never localhost."""
    return os.environ.get("LENDSCOPE_PUBLIC_URL", "").strip().rstrip("/")


def _line(figure, frame, lang, view, *, series, events, catalogue):
    rows = drawn_rows(figure, frame, view)
    multi = bool(figure.lines)
    catalogue = catalogue or {}
    unit = figure.unit or (series or {}).get("unit") or (rows["unit"][0] if rows.height else "")
    unit_series = figure.unit_series or (series or {}).get("series_id") or (figure.series[0] if figure.series else None)
    unit_word = labels.unit(unit, lang, None if multi and unit == "家" else unit_series)
    if multi and unit == "家" and lang == "en":
        unit_word = t("fig_lenders_unit", lang)
    order = {s: i for i, s in enumerate(figure.series)}
    keys = ["series_id", "publisher_id"] if multi else ["publisher_id"]
    pairs = rows.select(keys).unique().rows() if rows.height else []
    pairs.sort(key=lambda k: (order.get(k[0], 99), k) if multi else (labels.publisher(k[0], lang),))
    lines = []
    for pair in pairs:
        part = rows.filter(*[pl.col(k) == v for k, v in zip(keys, pair, strict=True)]).sort("period_end")
        first = part.row(0, named=True)
        name = labels.publisher(first, lang)
        dash = "solid"
        if multi:
            name = f"{series_short(catalogue.get(pair[0], pair[0]), lang)} · {name}"
            dash = charts.DASHES[order.get(pair[0], 0) % len(charts.DASHES)]
        records = list(part.iter_rows(named=True))
        lines.append(
            charts.Line(
                key=":".join(pair), name=name, colour=charts.publisher_colour(first["publisher_id"]), dash=dash,
                x=part["period_end"].to_list(), y=part["value"].to_list(),
                hover=[figure_hover(r, name, lang) for r in records],
                open_markers=[bool(r.get("publisher_inferred")) for r in records],
            )
        )  # fmt: skip
    marks = _event_marks(events, rows, lang) if view.events else []
    fig = charts.line_chart(lines, unit, lang, log_scale=view.log_scale, events=marks)
    notes = [t(k, lang) for k in figure.note] + count_notes(rows, lang)
    if view.log_scale and rows.height and (rows["value"] <= 0).any():
        notes.append(t("fig_log_zero_note", lang))
    title = _title(figure, lang, series)
    if view.region != "CN":
        title = f"{title} · {labels.region(view.region, lang)}"
    meta = _meta(figure, lang, title, subtitle(unit_word, rows, lang), unit_word, rows, notes,
                 events=[m["label"] for m in marks])  # fmt: skip
    return fig, meta


def _event_marks(events: pl.DataFrame | None, rows: pl.DataFrame, lang: str) -> list[dict]:
    if events is None or events.is_empty() or rows.is_empty():
        return []
    first, last = rows["period_end"].min(), rows["period_end"].max()
    marks = []
    for i, e in enumerate(events.filter(pl.col("date").is_between(first, last)).sort("date").iter_rows(named=True)):
        title = e[f"title_{lang}"] or e["title_zh"]
        when = labels.date_label(e["date"], lang)
        marks.append({"date": e["date"], "hover": f"<b>{i + 1}</b> · {when}<br>{title}<br>{e['authority']}",
                      "label": f"{i + 1} {e['date']:%Y-%m} {_clip(title, 44)}"})  # fmt: skip
    return marks


def _clip(text: str, width: int) -> str:
    lines = charts.wrap(text, width)
    return lines[0] + ("…" if len(lines) > 1 else "") if lines else ""


def _bar(figure, frame, lang, view, *, series, events, catalogue):
    rows = frame.sort("value", descending=True)
    unit = (series or {}).get("unit") or (rows["unit"][0] if rows.height else "")
    series_id = (series or {}).get("series_id")
    unit_word = labels.unit(unit, lang, series_id)
    records = list(rows.iter_rows(named=True))
    names = [labels.region(r, lang) for r in records]
    texts = [labels.number(r["value"], r["unit"], lang, qualifier=r.get("qualifier")) for r in records]
    hovers = [figure_hover(r, labels.region(r, lang), lang) for r in records]
    fig = charts.bar_chart(names, rows["value"].to_list(), texts, hovers, charts.PALETTE[0])
    period = labels.period(view.period or (records[0]["period_label"] if records else ""), None, lang)
    title = f"{labels.series(series or series_id or '', lang)}, {t('fig_by_province', lang)}, {period}"
    notes = count_notes(rows, lang) + data_notes(rows, lang) if rows.height else []
    return fig, _meta(figure, lang, title, subtitle(unit_word, rows, lang), unit_word, rows, notes)


def _map(figure, frame, lang, view, *, series, events, catalogue):
    """The provinces as a choropleth (app/province_map.py draws it offline). Its title, subtitle, source
    and notes go where every chart's go (the block on screen, the header and footer of an export), so
    the map's own are removed here."""
    from app import province_map

    rows = frame.sort("value", descending=True)
    unit = (series or {}).get("unit") or (rows["unit"][0] if rows.height else "")
    series_id = (series or {}).get("series_id")
    record = series or {"series_id": series_id, "unit": unit, "name_zh": "", "name_en": ""}
    period_id = view.period or (rows["period_label"][0] if rows.height else "")
    regions = pl.DataFrame(
        [{"code": code, "name_zh": labels.region(code, "zh"), "name_en": labels.region(code, "en")}
         for code in province_map.GB_CODES]
    )  # fmt: skip
    fig = province_map.province_map(rows, record, labels.period(period_id, None, lang), lang, regions)
    unit_word = labels.unit(unit, lang, series_id)
    title = f"{labels.series(series or series_id or '', lang)}, {t('fig_by_province', lang)}, "
    title += labels.period(period_id, None, lang)
    _, vintage_notes = province_map.latest_per_region(rows, lang)
    credit = t("map_boundaries", lang, package=province_map.BOUNDARY_PACKAGE,
               version=province_map.boundary_version(), licence=province_map.boundary_licence())  # fmt: skip
    notes = (count_notes(rows, lang) + data_notes(rows, lang)) if rows.height else []
    notes += [*vintage_notes, t("map_no_data_note", lang), credit]
    return fig, _meta(figure, lang, title, subtitle(unit_word, rows, lang), unit_word, rows, notes)


def change_rows(frame: pl.DataFrame, first: str, last: str) -> pl.DataFrame:
    """Pure: provinces published at both periods, with the change between them."""
    a = frame.filter(pl.col("period_label") == first).unique("region", keep="last")
    b = frame.filter(pl.col("period_label") == last).unique("region", keep="last")
    both = a.select("region", pl.col("value").alias("from_value")).join(
        b.select("region", pl.col("value").alias("to_value")), on="region"
    )
    return both.with_columns(change=pl.col("to_value") - pl.col("from_value")).sort("change")


def _change(figure, frame, lang, view, *, series, events, catalogue):
    first, last = view.period or "", view.period_to or ""
    change = change_rows(frame, first, last)
    rows = frame.filter(pl.col("region").is_in(change["region"].to_list()))
    unit = (series or {}).get("unit") or (rows["unit"][0] if rows.height else "")
    series_id = (series or {}).get("series_id")
    unit_word = labels.unit(unit, lang, series_id)
    regions = {r["region"]: r for r in rows.iter_rows(named=True)}
    names, texts, hovers = [], [], []
    for r in change.iter_rows(named=True):
        region = labels.region(regions[r["region"]], lang)
        sign = "+" if r["change"] > 0 else ""
        text = f"{sign}{labels.number(r['change'], unit, lang)}"
        names.append(region)
        texts.append(text)
        hovers.append(
            f"<b>{region}: {text}</b>"
            f"<br>{labels.period(first, None, lang)}: {value_text(r['from_value'], unit, lang, series_id)}"
            f"<br>{labels.period(last, None, lang)}: {value_text(r['to_value'], unit, lang, series_id)}"
        )
    fig = charts.bar_chart(names, change["change"].to_list(), texts, hovers, charts.PALETTE[0])
    span = f"{labels.period(first, None, lang)} → {labels.period(last, None, lang)}"
    title = f"{labels.series(series or series_id or '', lang)}: {t('fig_change_by_province', lang)}, {span}"
    notes = [t(k, lang) for k in figure.note] + count_notes(rows, lang)
    return fig, _meta(figure, lang, title, subtitle(unit_word, rows, lang), unit_word, rows, notes)


def _dumbbell(figure, frame, lang, view, *, series, events, catalogue):
    rows = frame
    roles = {role: t(key, lang) for role, key in figure.roles}
    unit = figure.unit or (rows["unit"][0] if rows.height else "")
    unit_word = labels.unit(unit, lang, None)
    if unit == "家" and lang == "en":
        unit_word = t("fig_lenders_unit", lang)
    entries: dict[int, dict] = {}
    for r in rows.sort("row_number").iter_rows(named=True):
        name = f"{series_short(r['series_id'], lang)} · {labels.publisher(r, lang)}"
        entry = entries.setdefault(r["row_number"], {"name": name})
        entry[r["role"]] = r["value"]
        entry[f"{r['role']}_hover"] = figure_hover(r, name, lang) + f"<br>{roles.get(r['role'], '')}"
    fig = charts.dumbbell_chart(list(entries.values()), roles, unit, lang)
    notes = [t(k, lang) for k in figure.note] + count_notes(rows, lang)
    return fig, _meta(figure, lang, _title(figure, lang, None), subtitle(unit_word, rows, lang), unit_word, rows, notes)


def _timeline(figure, frame, lang, view, *, series, events, catalogue):
    rows = frame if view.ids is None else frame.filter(pl.col("event_id").is_in(list(view.ids)))
    categories = []
    for r in (
        rows.select("category", "category_zh", "category_en").unique("category").sort("category").iter_rows(named=True)
    ):
        categories.append(
            (r["category"], labels.category({"name_zh": r["category_zh"], "name_en": r["category_en"]}, lang))
        )
    points = []
    for r in rows.iter_rows(named=True):
        title = r[f"title_{lang}"] or r["title_zh"]
        points.append(
            {
                "date": r["date"],
                "category": r["category"],
                "hover": f"<b>{labels.date_label(r['date'], lang)}</b><br>{title}<br>{r['authority']}",
            }
        )
    fig = charts.timeline_chart(points, categories)
    sub = t("fig_timeline_subtitle", lang, n=rows.height)
    if rows.height:
        sub += f" · {rows['date'].min().year}–{rows['date'].max().year}"
    meta = _meta(figure, lang, _title(figure, lang, None), sub, "", rows, [t(k, lang) for k in figure.note])
    sites = sorted({s for s in rows["source_site"].to_list() if s}) if rows.height else []
    # Whose record a citation names: the issuing authorities (named in Chinese only) for a Chinese
    # reader, the sites each event was read on (described in English) for an English one.
    meta.publishers = (sorted(set(rows["authority"].to_list())) if lang == "zh" else sites) if rows.height else []
    # The sites are described in English only (sources.publisher): a Chinese reader is told how many
    # pages, each linked in the Table tab, rather than shown English names.
    listed = t("fig_source_pages", lang, n=len(sites)) if lang == "zh" else "; ".join(sites[:12])
    more = " …" if lang != "zh" and len(sites) > 12 else ""
    meta.source = f"{t('chart_source', lang)}: {listed}{more}. {t('chart_cited', lang)}"
    return fig, meta


# --- the Table tab and the export rows ------------------------------------------------------------


def table_view(figure: FigureSpec, meta: ExportMeta, lang: str) -> tuple[pl.DataFrame, list[str]]:
    """The figures drawn as a reader's table (formatted text) and which of its columns are links.

    Line charts: one row per period, a column per line (publisher), each followed by its source link.
    Bars: one row per province. Claims: one row per series and publisher. Timeline: one row per event."""
    rows = meta.rows
    if rows is None or rows.is_empty():
        return pl.DataFrame(), []
    period_col, source = t("fig_col_period", lang), t("fig_col_source", lang)
    if figure.kind == "line":
        multi = bool(figure.lines)
        cells: dict[tuple, dict] = {}
        names: list[str] = []
        for r in rows.sort("period_end").iter_rows(named=True):
            name = labels.publisher(r, lang)
            if multi:
                name = f"{series_short(r['series_id'], lang)} · {name}"
            if name not in names:
                names.append(name)
            cell = cells.setdefault((r["period_end"], r["period_label"]), {})
            text = value_text(r["value"], r["unit"], lang, r["series_id"], r.get("qualifier"))
            cell[name] = f"{cell[name]} / {text}" if name in cell else text
            cell.setdefault(f"{name} · {source}", r["source_url"])
        names.sort()
        columns = [c for n in names for c in (n, f"{n} · {source}")]
        data = [
            {period_col: labels.period(label, None, lang), **{c: cell.get(c) for c in columns}}
            for (_, label), cell in sorted(cells.items())
        ]
        # A period a publisher has no figure for is an empty cell, not "None".
        table = pl.DataFrame(data, schema={period_col: pl.String, **{c: pl.String for c in columns}}).fill_null("")
        return table, [c for c in columns if c.endswith(f" · {source}")]
    if figure.kind in ("bar", "map", "change"):
        value_col = labels.series(rows["series_id"][0], lang)
        out = []
        for r in rows.sort(["region", "period_end"]).iter_rows(named=True):
            out.append(
                {
                    t("fig_col_region", lang): labels.region(r, lang),
                    period_col: labels.period(r["period_label"], None, lang),
                    value_col: value_text(r["value"], r["unit"], lang, r["series_id"], r.get("qualifier")),
                    t("publishers", lang): labels.publisher(r, lang),
                    source: r["source_url"],
                }
            )
        return pl.DataFrame(out), [source]
    if figure.kind == "dumbbell":
        roles = {role: t(key, lang) for role, key in figure.roles}
        out = []
        for r in rows.sort("row_number", "role").iter_rows(named=True):
            out.append(
                {
                    t("series", lang): series_short(r["series_id"], lang),
                    t("publishers", lang): labels.publisher(r, lang),
                    t("fig_col_role", lang): roles.get(r["role"], r["role"]),
                    period_col: labels.period(r["period_label"], None, lang),
                    t("fig_col_value", lang): value_text(
                        r["value"], r["unit"], lang, r["series_id"], r.get("qualifier")
                    ),
                    source: r["source_url"],
                }
            )
        return pl.DataFrame(out), [source]
    out = []
    for r in rows.sort("date").iter_rows(named=True):
        out.append(
            {
                t("fig_col_date", lang): labels.date_label(r["date"], lang),
                t("category", lang): labels.category({"name_zh": r["category_zh"], "name_en": r["category_en"]}, lang),
                t("fig_col_title", lang): r[f"title_{lang}"] or r["title_zh"],
                t("fig_col_authority", lang): r["authority"],
                source: r["source_url"],
            }
        )
    return pl.DataFrame(out), [source]


# --- static images ----------------------------------------------------------------------------------

EXPORT_WIDTH = 900  # px; written at scale 2, so 1800 px wide


def _text_width(text: str, size: float) -> float:
    return sum(size * (1.0 if ord(c) > 0x2E80 else 0.55) for c in text)


def export_figure(fig: go.Figure, meta: ExportMeta, lang: str, width: int = EXPORT_WIDTH) -> go.Figure:
    """The figure as a publishable image: title and subtitle top left, the plot, the legend below it,
    then source, notes, event labels and the citation in the footer. Every margin is set explicitly,
    so the plot area can be read from the layout (tests/test_figures.py does)."""
    out = go.Figure(fig)
    for trace in out.data:
        if (
            getattr(trace, "yaxis", None) == "y2" and trace.text
        ):  # the event markers: numbered, as the footer lists them
            trace.mode = "markers+text"
    title_lines = charts.wrap(meta.title, int(width / 9.5))
    sub_lines = charts.wrap(meta.subtitle, int(width / 6.4))
    top = 20 + 25 * len(title_lines) + 18 * len(sub_lines) + 26
    foot = [meta.source, *meta.notes]
    if meta.events:
        foot.append(f"{t('fig_events', lang)}: " + "; ".join(meta.events))
    foot.append(meta.citation())
    footer_lines = [line for text in foot for line in charts.wrap(text, int(width / 5.6))]
    footer_px = 14 * len(footer_lines) + 10
    # Legend rows, laid out as plotly does: entries side by side until the width is used.
    entries = [tr.name for tr in out.data if tr.showlegend is not False and tr.name]
    available, used, rows = width - 80, 0.0, 1 if entries else 0
    line_height = 0
    row_height = 0
    for name in entries:
        parts = name.split("<br>")
        w = 46 + max(_text_width(p, 11) for p in parts)
        if used and used + w > available:
            rows += 1
            line_height += row_height
            used, row_height = 0.0, 0
        used += w
        row_height = max(row_height, 18 * len(parts) + 2)
    legend_px = line_height + row_height + (8 if entries else 0)
    axis_px = 30 if fig.layout.xaxis.showticklabels is not False else 8
    labels_px = max((_text_width(str(x), 11) for x in (fig.layout.yaxis.ticktext or ())), default=0)
    left = int(12 + labels_px) if fig.layout.yaxis.showticklabels is not False else 10
    plot_height = max(fig.layout.height - 70, 260)
    height = int(top + plot_height + axis_px + legend_px + footer_px)
    out.update_layout(
        width=width, height=height,
        margin={"l": left, "r": 16, "t": top, "b": axis_px + legend_px + footer_px, "autoexpand": False},
        legend={"y": -axis_px / plot_height, "yanchor": "top", "x": 0, "xanchor": "left"},
    )  # fmt: skip
    # The title as an annotation anchored above the plot: a layout title's multi-line box is placed
    # from its middle and was clipped at the top of the image.
    out.update_layout(title=None)
    out.add_annotation(
        text="<b>" + "<br>".join(title_lines) + "</b><br><span style='font-size:13px;color:#5b5b5b'>"
        + "<br>".join(sub_lines) + "</span>",
        xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="bottom", xshift=16 - left, yshift=12,
        showarrow=False, align="left", font={"size": 19, "color": charts.INK},
    )  # fmt: skip
    out.add_annotation(
        text="<br>".join(footer_lines), xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
        yshift=-(axis_px + legend_px), showarrow=False, align="left", font={"size": 10, "color": charts.MUTED},
    )  # fmt: skip
    return out


def plot_area(layout) -> tuple[float, float]:
    """(width fraction, height fraction) of the plot area of an exported figure, from its layout."""
    m = layout.margin
    return (layout.width - m.l - m.r) / layout.width, (layout.height - m.t - m.b) / layout.height


# --- the command line (python -m etl figure) ---------------------------------------------------------


def figure_names(con) -> list[str]:
    return [*specs(), *(r[0] for r in con.sql("SELECT DISTINCT series_id FROM observations ORDER BY 1").fetchall())]


def run_spec(con, name: str, lang: str = "en") -> tuple[go.Figure, ExportMeta]:
    """A spec by name, or any series id (drawn as on its page), with its default view, from a DuckDB
    connection: what `python -m etl figure NAME` writes."""
    from app import queries
    from etl.named_queries import get

    catalogue = {r["series_id"]: r for r in con.sql(queries.SERIES).pl().iter_rows(named=True)}
    view_choices: dict = {}
    if name in specs():
        figure = spec(name)
    elif name in catalogue:
        figure = next((s for s in specs().values() if s.kind == "line" and not s.lines and name in s.series),
                      spec("collection_evidence"))  # fmt: skip
        view_choices["series"] = name
    else:
        known = ", ".join(figure_names(con)[:8])
        raise UnknownFigure(f"no figure {name!r}; names are spec names or series ids, e.g. {known} …")
    series_id = view_choices.pop("series", None) or (figure.series[0] if figure.series and not figure.lines else None)
    if figure.name == "collection_evidence" and series_id is None:  # its series are data, not spec
        series_id = con.sql(
            "SELECT min(m.series_id) FROM collection_method_evidence m JOIN observations o USING (series_id) "
            "WHERE o.region = 'CN'"
        ).fetchall()[0][0]
    if figure.kind in ("bar", "map", "change"):
        periods = con.sql(queries.PROVINCIAL_PERIODS, params=[series_id]).pl()
        complete = (
            periods.filter(pl.col("provinces") >= 31)["period_label"].to_list() or periods["period_label"].to_list()
        )
        first = periods["period_label"].to_list()[0] if figure.kind == "change" else complete[-1]
        view_choices.update(period=first, period_to=complete[-1])
    if figure.query == "series_by_publisher" and series_id:
        regions = [r[0] for r in con.sql(queries.SERIES_REGIONS, params=[series_id]).fetchall()]
        view_choices["region"] = "CN" if "CN" in regions or not regions else regions[0]
    view = default_view(figure, series=series_id, **view_choices)
    query = get(figure.query)
    if figure.kind == "change":
        frames = [con.sql(query.sql, params=query.bind(query_params(figure, replace(view, period=p))
                                                           )).pl() for p in (view.period, view.period_to)]  # fmt: skip
        frame = pl.concat(frames, how="vertical_relaxed")
    else:
        frame = con.sql(query.sql, params=query.bind(query_params(figure, view)) or None).pl()
    events = None
    if view.events:
        events_query = get("regulation_events")
        events = con.sql(events_query.sql).pl()
    build_id = con.sql("SELECT build_id FROM build_info").fetchall()[0][0]
    return build(figure, frame, lang, view, series=catalogue.get(series_id), events=events, catalogue=catalogue,
                 build_id=build_id)  # fmt: skip


__all__ = [
    "FigureSpec", "UnknownFigure", "View", "build", "default_view", "drawn_rows", "export_figure", "plot_area",
    "query_params", "run_spec", "spec", "specs", "table_view",
]  # fmt: skip
