"""Pure figure builders: data frame + metadata -> plotly Figure. No Streamlit, no DuckDB.

Every chart carries its title, a subtitle with unit and period type, and a source line naming each
publisher; hover shows value, period, publisher and source.
"""

from __future__ import annotations

# Imported here, not left to plotly: plotly looks pandas up in sys.modules without importing it, so
# when several sessions start at once it could see a half-initialised pandas (AttributeError). An
# explicit import waits for the module to finish initialising.
import pandas  # noqa: F401
import plotly.graph_objects as go
import polars as pl

from app.i18n import pick, t

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
# For charts of many lines (kinds of lender side by side): twelve colours that stay apart.
WIDE_PALETTE = (*PALETTE, "#882255", "#44AA99", "#999933", "#888888")
LEGEND_ROW = 20  # pixels per legend entry when the legend stands one entry per row
FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, sans-serif"


def notes_line(frame: pl.DataFrame, lang: str) -> str:
    """What a reader must know about the figures drawn: derived, revised, inferred, weak."""
    if frame.is_empty():
        return ""
    counts = {
        "n_derived": frame["derived"].sum() if "derived" in frame.columns else 0,
        "n_revised": frame.group_by("publisher_id", "period_label").len().filter(pl.col("len") > 1).height,
        "n_inferred": frame["publisher_inferred"].sum() if "publisher_inferred" in frame.columns else 0,
        "n_low": (frame["reliability"] == "low").sum() if "reliability" in frame.columns else 0,
    }
    parts = [t(f"chart_{key}", lang, n=n) for key, n in counts.items() if n]
    return f"{t('chart_notes', lang)}: " + "; ".join(parts) + "." if parts else ""


# The main publishers keep their colour on every chart; others take one by a stable hash of their id.
PUBLISHER_COLOURS = {
    "wdzj": "#000000", "lingyi": "#0072B2", "p2p001": "#E69F00", "rong360": "#009E73", "p2peye": "#CC79A7",
    "cbirc": "#D55E00", "pboc": "#56B4E9", "nfra": "#D55E00", "nifa": "#F0E442",
}  # fmt: skip


# For the other publishers, in order: Paul Tol's muted scheme, also colour-blind safe.
EXTRA_COLOURS = ("#882255", "#44AA99", "#117733", "#332288", "#AA4499", "#999933", "#88CCEE", "#661100", "#888888")


def publisher_colours(publisher_ids: list[str]) -> dict[str, str]:
    """Main publishers keep their colour on every chart; the others take unused colours in id order."""
    colours = {p: PUBLISHER_COLOURS[p] for p in publisher_ids if p in PUBLISHER_COLOURS}
    spare = [c for c in (*EXTRA_COLOURS, *PALETTE) if c not in colours.values()]
    for index, publisher_id in enumerate(sorted(p for p in publisher_ids if p not in colours)):
        colours[publisher_id] = spare[index % len(spare)]
    return colours


def legend_name(zh: str, en: str, lang: str) -> str:
    """Chinese name; in English the English name up to its first parenthesis, then the Chinese."""
    return zh if lang == "zh" else f"{en.split(' (')[0]} · {zh}"


def publisher_names(frame: pl.DataFrame, lang: str) -> list[str]:
    pairs = frame.select("publisher_zh", "publisher_en").unique().sort("publisher_en").rows()
    return [zh if lang == "zh" else f"{en} ({zh})" for zh, en in pairs]


def source_line(frame: pl.DataFrame, lang: str = "en") -> str:
    if frame.is_empty():
        return t("chart_no_data", lang)
    return f"{t('chart_source', lang)}: {'; '.join(publisher_names(frame, lang))}. {t('chart_cited', lang)}"


def wrap(text: str, width: int) -> list[str]:
    """Break a line for a chart footer; a CJK character counts as two columns."""
    lines, current, size = [], "", 0
    for char in text:
        step = 2 if ord(char) > 0x2E80 else 1
        if size + step > width and char != " ":
            cut = current.rfind(" ")
            if cut > width // 2 and not any(ord(c) > 0x2E80 for c in current[cut:]):
                lines.append(current[:cut])
                current = current[cut + 1 :]
            else:
                lines.append(current)
                current = ""
            size = sum(2 if ord(c) > 0x2E80 else 1 for c in current)
        current += char
        size += step
    return [*lines, current] if current else lines


def footer(fig: go.Figure, text: str, below: int = 0) -> None:
    """The source line under the plot, wrapped, with the bottom margin it needs (plus `below` pixels
    kept free under it, for a legend placed at the bottom)."""
    lines = wrap(text, 150)
    fig.add_annotation(
        text="<br>".join(lines), xref="paper", yref="paper", x=0, y=0, yshift=-48, xanchor="left", yanchor="top",
        showarrow=False, align="left", font={"size": 10, "color": "#444444"},
    )  # fmt: skip
    fig.update_layout(margin={"b": 60 + 14 * len(lines) + below})


def subtitle(series: dict, frame: pl.DataFrame, lang: str) -> str:
    kinds = sorted(set(frame["period_type"])) if frame.height else []
    periods = ", ".join(t(f"period_{k}", lang) for k in kinds) or "—"
    return f"{t('chart_unit', lang)}: {series['unit']} · {t('chart_period', lang)}: {periods}"


def _hover_rows(part: pl.DataFrame, lang: str) -> list[list[str]]:
    rows = []
    for r in part.iter_rows(named=True):
        flags = []
        if r.get("derived"):
            flags.append(f"{t('chart_derived', lang)}: {r.get('derivation')}")
        if r.get("publisher_inferred"):
            flags.append(t("chart_inferred", lang))
        if r.get("qualifier"):
            flags.append(r["qualifier"])
        rows.append([r["period_label"], r["source_site"] or "", r["source_url"] or "", "; ".join(flags)])
    return rows


def series_line_chart(
    frame: pl.DataFrame,
    series: dict,
    lang: str = "en",
    *,
    log_scale: bool = False,
    events: pl.DataFrame | None = None,
    line_names: dict[str, dict] | None = None,
) -> go.Figure:
    """One line per publisher: the disagreement between publishers is shown, never averaged.

    With `line_names` (series id -> {name_zh, name_en}, in drawing order) the frame holds several series
    and there is one line per series and publisher, named "series · publisher": kinds of lender side by
    side, each publisher still its own line, the legend below the plot."""
    fig = go.Figure()
    keys = ["series_id", "publisher_id"] if line_names else ["publisher_id"]
    lines = frame.select(keys).unique().sort(keys).rows()
    if line_names:
        order = {s: i for i, s in enumerate(line_names)}
        lines.sort(key=lambda line: (order.get(line[0], len(order)), line[1]))
    if line_names:  # one colour per line: there are more lines than main publishers
        colours = {line: WIDE_PALETTE[i % len(WIDE_PALETTE)] for i, line in enumerate(lines)}
    else:
        colours = {(p,): c for p, c in publisher_colours([p for (p,) in lines]).items()}
    for line in lines:
        part = frame.filter(*[pl.col(k) == v for k, v in zip(keys, line, strict=True)]).sort("period_end")
        name = legend_name(part["publisher_zh"][0], part["publisher_en"][0], lang)
        if line_names:
            name = f"{pick(line_names[line[0]], 'name', lang)} · {name}"
        fig.add_trace(
            go.Scatter(
                x=part["period_end"].to_list(),
                y=part["value"].to_list(),
                mode="lines+markers",
                name=name,
                line={"color": colours[line]},
                marker={"symbol": ["circle-open" if v else "circle" for v in part["publisher_inferred"]]}
                if "publisher_inferred" in part.columns
                else None,
                customdata=_hover_rows(part, lang),
                hovertemplate=(
                    "<b>%{y:,}</b> " + series["unit"] + "<br>%{customdata[0]} · " + name
                    + "<br>%{customdata[1]}<br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"
                ),
            )
        )  # fmt: skip
    if events is not None and events.height:
        add_event_markers(fig, events, lang)
    title = pick(series, "name", lang)
    fig.update_layout(
        title={"text": f"{title}<br><sup>{subtitle(series, frame, lang)}</sup>"},
        yaxis={"title": series["unit"], "type": "log" if log_scale else "linear"},
        # Many long "series · publisher" names: a legend to the right would squeeze the plot, so they
        # stand one per row at the very bottom, under the source line (footer keeps the room free).
        legend={"orientation": "v", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom", "font": {"size": 11}}
        if line_names
        else {"orientation": "v", "x": 1.01, "y": 1, "xanchor": "left", "font": {"size": 11}},
        margin={"t": 90, "r": 10},
        height=520 + LEGEND_ROW * len(lines) if line_names else 520,
        font={"family": FONT},
        colorway=PALETTE,
    )
    below = LEGEND_ROW * len(lines) + 10 if line_names else 0
    footer(fig, " ".join(filter(None, [source_line(frame, lang), notes_line(frame, lang)])), below)
    return fig


def add_event_markers(fig: go.Figure, events: pl.DataFrame, lang: str) -> None:
    """Regulation events as dotted vertical lines, with their titles on hover (a marker row on top)."""
    # One layout update for all lines (add_vline per event re-validates the layout each time).
    line = {"color": "#999999", "width": 1, "dash": "dot"}
    shapes = [
        {"type": "line", "xref": "x", "yref": "paper", "x0": d, "x1": d, "y0": 0, "y1": 1, "line": line}
        for d in events["date"].to_list()
    ]
    fig.update_layout(shapes=[*fig.layout.shapes, *shapes])
    fig.add_trace(
        go.Scatter(
            x=events["date"].to_list(),
            y=[1.02] * events.height,
            yaxis="y2",
            mode="markers",
            marker={"symbol": "triangle-down", "size": 9, "color": "#555555"},
            name="监管事件" if lang == "zh" else "Regulation events",
            customdata=[[pick(r, "title", lang), r["authority"]] for r in events.iter_rows(named=True)],
            hovertemplate="%{x|%Y-%m-%d}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    )
    fig.update_layout(yaxis2={"overlaying": "y", "range": [0, 1.05], "visible": False})


def province_bar_chart(
    frame: pl.DataFrame, series: dict, period: str, lang: str, value_column: str = "value"
) -> go.Figure:
    names = [pick(r, "name", lang) for r in frame.iter_rows(named=True)]
    fig = go.Figure(
        go.Bar(
            x=frame[value_column].to_list(), y=names, orientation="h", marker={"color": PALETTE[0]},
            hovertemplate="%{y}: %{x:,} " + series["unit"] + "<extra></extra>",
        )
    )  # fmt: skip
    unit = f"{t('chart_unit', lang)}: {series['unit']}"
    fig.update_layout(
        title={"text": f"{pick(series, 'name', lang)} · {period}<br><sup>{unit}</sup>"},
        yaxis={"autorange": "reversed"},
        height=max(400, 22 * frame.height + 160),
        margin={"l": 120},
        font={"family": FONT},
    )
    if "publisher_zh" in frame.columns:
        footer(fig, source_line(frame, lang))
    return fig


def events_timeline_chart(events: pl.DataFrame, categories: dict[str, str], lang: str) -> go.Figure:
    """Events as points on a time axis, one row per category."""
    fig = go.Figure()
    for index, category in enumerate(sorted(set(events["category"]))):
        part = events.filter(pl.col("category") == category)
        fig.add_trace(
            go.Scatter(
                x=part["date"].to_list(), y=[categories.get(category, category)] * part.height, mode="markers",
                marker={"size": 11, "color": PALETTE[index % len(PALETTE)]}, name=categories.get(category, category),
                customdata=[[pick(r, "title", lang), r["authority"]] for r in part.iter_rows(named=True)],
                hovertemplate="%{x|%Y-%m-%d}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(
        showlegend=False, height=max(300, 40 * len(categories) + 120), margin={"l": 160}, font={"family": FONT},
        title={"text": "监管与市场事件" if lang == "zh" else "Regulation and market events"},
    )  # fmt: skip
    return fig
