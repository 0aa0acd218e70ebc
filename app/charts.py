"""Pure drawing primitives of the figure layer: frames of lines, bars and events -> plotly Figures in
one template. No Streamlit, no DuckDB, no display names of their own (those come from app/labels.py
through app/figures, which decides what is drawn).

Layout rules every chart keeps (the browser test measures them):
- the legend stands below the plot, and the figure grows taller with it; the plot never shrinks for it;
- no axis title eats width: the unit is in the subtitle; tick labels are compact (labels.tick);
- a year-end figure sits on its own year's tick: x ticks are placed at the period ends they label.
"""

from __future__ import annotations

import html
import math
import zlib
from dataclasses import dataclass, field
from datetime import date

# Imported here, not left to plotly: plotly looks pandas up in sys.modules without importing it, so
# when several sessions start at once it could see a half-initialised pandas (AttributeError). An
# explicit import waits for the module to finish initialising.
import pandas  # noqa: F401
import plotly.graph_objects as go

from app import labels

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif'
INK, MUTED, GRID = "#222222", "#5b5b5b", "#e6e6e6"

# Okabe-Ito first (distinguishable with the common forms of colour blindness), then Paul Tol's muted.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
EXTRA_COLOURS = ("#882255", "#44AA99", "#117733", "#332288", "#AA4499", "#999933", "#88CCEE", "#661100", "#888888")
# The main publishers keep these colours on every chart of the site; any other publisher takes a colour
# from a stable hash of its id, so it too is the same on every chart.
PUBLISHER_COLOURS = {
    "wdzj": "#000000", "lingyi": "#0072B2", "p2p001": "#E69F00", "rong360": "#009E73", "p2peye": "#CC79A7",
    "cbirc": "#D55E00", "cbrc": "#882255", "pboc": "#56B4E9", "nfra": "#AA4499", "nifa": "#999933",
    "cba": "#117733", "p2p_rectification_office": "#661100",
}  # fmt: skip
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")

TIMELINE_ROW = 42  # px per category row of the events timeline: its label above, its dots below
LEGEND_ROW = 22  # px per legend line when entries stand one per row (a phone): the height we reserve
BASE_HEIGHT = 400  # px of a chart with no legend


def publisher_colour(publisher_id: str) -> str:
    """One colour per publisher, the same on every chart."""
    if publisher_id in PUBLISHER_COLOURS:
        return PUBLISHER_COLOURS[publisher_id]
    spare = [c for c in (*EXTRA_COLOURS, *PALETTE) if c not in PUBLISHER_COLOURS.values()]
    return spare[zlib.crc32(publisher_id.encode()) % len(spare)]


def wrap(text: str, width: int) -> list[str]:
    """Break text into lines of `width` columns, a CJK character counting as two; at spaces where
    Latin text allows."""
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
    return [line.strip() for line in [*lines, current] if line.strip()]


def legend_text(name: str, width: int = 40) -> str:
    return "<br>".join(wrap(name, width))


# --- template ---------------------------------------------------------------------------------------


def template_layout(height: int, legend_lines: int) -> dict:
    """White, light grid, legend below: the same on screen and in exports."""
    return {
        "height": height + LEGEND_ROW * legend_lines,
        "font": {"family": FONT, "size": 12, "color": INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 2, "r": 6, "t": 28, "b": 8},  # the tick labels (automargin) are the left margin
        "legend": {
            "orientation": "h", "x": 0, "xanchor": "left", "y": -0.06, "yanchor": "top",
            "font": {"size": 11}, "itemsizing": "constant", "tracegroupgap": 2,
        },
        "hoverlabel": {"font": {"family": FONT, "size": 12}, "align": "left"},
        "xaxis": {"showgrid": True, "gridcolor": GRID, "linecolor": "#999999", "ticks": "outside",
                  "tickcolor": "#999999", "automargin": True, "fixedrange": False},
        "yaxis": {"showgrid": True, "gridcolor": GRID, "zeroline": True, "zerolinecolor": "#b0b0b0",
                  "automargin": True, "ticks": "", "title": None},
        "showlegend": True,
    }  # fmt: skip


# --- ticks ------------------------------------------------------------------------------------------


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (0 included when the range touches it)."""
    low, high = min(low, 0.0), max(high, 0.0) if low >= 0 else high
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = [round(first, 10)]
    while ticks[-1] < high:  # the last tick at or above the highest value: nothing drawn off the axis
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def log_ticks(low: float, high: float) -> list[float]:
    low, high = max(low, 1e-9), max(high, 1e-9)
    decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    steps = (1,) if len(decades) > 4 else (1, 2, 5)
    return [m * 10**d for d in decades for m in steps if low / 1.01 <= m * 10**d <= high * 1.01]


def y_axis(values: list[float], unit: str, lang: str, log_scale: bool) -> dict:
    """Tick values and their text in the reader's language (plotly cannot write 万/亿)."""
    positive = [v for v in values if v is not None and v > 0]
    if log_scale and positive:
        floor = zero_floor(positive)
        ticks = log_ticks(min(positive), max(positive) * 1.3)  # no tick below the data: the floor is "zero"
        return {"type": "log", "tickvals": ticks, "ticktext": [labels.tick(v, unit, lang) for v in ticks],
                "range": [math.log10(floor) - 0.15, math.log10(max(positive)) + 0.12]}  # fmt: skip
    present = [v for v in values if v is not None] or [0.0]
    ticks = nice_ticks(min(present), max(present))
    return {"type": "linear", "tickvals": ticks, "ticktext": [labels.tick(v, unit, lang) for v in ticks],
            "range": [ticks[0], ticks[-1]]}  # fmt: skip


def zero_floor(positive: list[float]) -> float:
    """Where a log axis draws "reached zero": one decade-step below the smallest positive figure."""
    return 10 ** math.floor(math.log10(min(positive))) / 2


def x_ticks(first: date, last: date, lang: str, at_year_end: bool = True) -> dict:
    """Ticks at the period ends they label, so a year-end figure reads at its own year (dated events,
    with `at_year_end` false, get the usual 1 January ticks)."""
    years = last.year - first.year
    if years >= 3 or not at_year_end:
        # At most ~7 labels, so they stand apart on a phone; every year keeps its (minor) gridline.
        step = 1 if years <= 6 else 2 if years <= 13 else 5
        if at_year_end:
            values = [date(y, 12, 31) for y in range(first.year - 1, last.year + 1) if y % step == 0]
            values = [d for d in values if first <= d or (first - d).days < 200]
        else:
            values = [date(y, 1, 1) for y in range(first.year, last.year + 2) if y % step == 0]
        every = [date(y, 12, 31) if at_year_end else date(y, 1, 1) for y in range(first.year - 1, last.year + 2)]
        return {"tickvals": values, "ticktext": [str(d.year) for d in values], "tickangle": 0,
                "minor": {"tickvals": every, "showgrid": True, "gridcolor": "#f3f3f3"}}  # fmt: skip
    quarters = []
    for year in range(first.year, last.year + 1):
        for q in range(1, 5):
            end = date(year, 3 * q, 31 if q in (1, 4) else 30)
            if first.replace(day=1) <= end <= date(last.year, last.month, 28) or first <= end <= last:
                quarters.append((year, q, end))
    if len(quarters) > 8:
        quarters = quarters[:: math.ceil(len(quarters) / 8)]
    text = [f"Q{q} {y}" if lang == "en" else f"{y}Q{q}" for y, q, _ in quarters]
    return {"tickvals": [end for _, _, end in quarters], "ticktext": text, "tickangle": 0}


# --- line charts ------------------------------------------------------------------------------------


@dataclass
class Line:
    """One drawn line: a publisher (or series · publisher), its points and their hover text."""

    key: str
    name: str
    colour: str
    x: list[date]
    y: list[float]
    hover: list[str]
    open_markers: list[bool] = field(default_factory=list)
    dash: str = "solid"


def line_chart(lines: list[Line], unit: str, lang: str, *, log_scale: bool = False, events=None) -> go.Figure:
    """Lines with markers, legend below (one entry per line, wrapped), ticks in the reader's language.
    On a log axis a line that reaches zero ends in a marked "reached zero" point on the axis floor."""
    fig = go.Figure()
    values = [v for line in lines for v in line.y]
    positive = [v for v in values if v > 0]
    floor = zero_floor(positive) if log_scale and positive else None
    legend_lines = 0
    for line in lines:
        name = legend_text(line.name)
        legend_lines += name.count("<br>") + 1
        xs, ys, hovers, opens = line.x, line.y, line.hover, line.open_markers or [False] * len(line.x)
        zeros = [(x, h) for x, y, h in zip(xs, ys, hovers, strict=True) if y <= 0] if floor else []
        if floor:
            kept = [(x, y, h, o) for x, y, h, o in zip(xs, ys, hovers, opens, strict=True) if y > 0]
            xs, ys, hovers, opens = (list(c) for c in zip(*kept, strict=True)) if kept else ([], [], [], [])
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines+markers", name=name, legendgroup=line.key,
                line={"color": line.colour, "width": 2, "dash": line.dash},
                marker={"size": 6, "color": line.colour, "symbol": ["circle-open" if o else "circle" for o in opens]},
                customdata=hovers, hovertemplate="%{customdata}<extra></extra>",
            )
        )  # fmt: skip
        if zeros:
            # The first zero ends the line: a dotted drop from the last positive figure to the floor.
            zero_x, zero_hover = zeros[0]
            drop_x = [xs[-1], zero_x] if xs else [zero_x]
            drop_y = [ys[-1], floor] if ys else [floor]
            fig.add_trace(
                go.Scatter(
                    x=drop_x, y=drop_y, mode="lines", line={"color": line.colour, "width": 1.5, "dash": "dot"},
                    legendgroup=line.key, showlegend=False, hoverinfo="skip",
                )
            )  # fmt: skip
            fig.add_trace(
                go.Scatter(
                    x=[zero_x], y=[floor], mode="markers+text", legendgroup=line.key, showlegend=False,
                    marker={"symbol": "x-thin-open", "size": 12, "color": line.colour,
                            "line": {"width": 2.5, "color": line.colour}},
                    text=[REACHED_ZERO[lang if lang == "zh" else "en"]], textposition="top center",
                    textfont={"size": 10, "color": line.colour}, customdata=[zero_hover],
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )  # fmt: skip
    layout = template_layout(BASE_HEIGHT, legend_lines)
    layout["yaxis"].update(y_axis(values, unit, lang, log_scale))
    all_x = [x for line in lines for x in line.x]
    if all_x:
        layout["xaxis"].update(x_ticks(min(all_x), max(all_x), lang))
    fig.update_layout(layout)
    if events is not None and len(events):
        add_event_markers(fig, events, lang)
    return fig


REACHED_ZERO = {"zh": "降至0", "en": "reached zero"}


def add_event_markers(fig: go.Figure, events: list[dict], lang: str, numbered: bool = False) -> None:
    """Regulation events as dotted vertical lines, each with a marker on top whose hover names it;
    `numbered` (exports) writes each marker's number, which the footer lists."""
    line = {"color": "#9a9a9a", "width": 1, "dash": "dot"}
    shapes = [
        {"type": "line", "xref": "x", "yref": "paper", "x0": e["date"], "x1": e["date"], "y0": 0, "y1": 1, "line": line}
        for e in events
    ]
    fig.update_layout(shapes=[*fig.layout.shapes, *shapes])
    fig.add_trace(
        go.Scatter(
            x=[e["date"] for e in events], y=[1.0] * len(events), yaxis="y2",
            mode="markers+text" if numbered else "markers",
            marker={"symbol": "triangle-down", "size": 9, "color": "#555555"},
            text=[str(i + 1) for i in range(len(events))], textposition="top center",
            textfont={"size": 9, "color": MUTED}, cliponaxis=False,
            name="监管事件" if lang == "zh" else "Regulation events",
            customdata=[e["hover"] for e in events], hovertemplate="%{customdata}<extra></extra>",
        )
    )  # fmt: skip
    fig.update_layout(
        yaxis2={"overlaying": "y", "range": [0, 1.04], "visible": False, "fixedrange": True},
        height=fig.layout.height + LEGEND_ROW,
    )


# --- bars, change, dumbbell, timeline -------------------------------------------------------------


def bar_chart(names: list[str], values: list[float], texts: list[str], hovers: list[str], colour: str) -> go.Figure:
    """Horizontal bars, one per row, the row's name and value written on the bar (no tick labels
    eating the width on a phone); negative values (a change) to the left in a second colour."""
    colours = [colour if v >= 0 else "#D55E00" for v in values]
    fig = go.Figure(
        go.Bar(
            x=values, y=list(range(len(names))), orientation="h", marker={"color": colours},
            text=[f"{n}  {t}" for n, t in zip(names, texts, strict=True)], textposition="auto",
            insidetextanchor="start", textfont={"size": 11}, outsidetextfont={"color": INK},
            insidetextfont={"color": "white"}, cliponaxis=False, customdata=hovers,
            hovertemplate="%{customdata}<extra></extra>",
        )
    )  # fmt: skip
    layout = template_layout(max(320, 24 * len(names) + 60), 0)
    layout["showlegend"] = False
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    layout["xaxis"].update(range=[low - 0.45 * span * (low < 0), high + 0.45 * span * (high > 0)], side="top")
    layout["yaxis"].update(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False)
    layout["bargap"] = 0.25
    fig.update_layout(layout)
    return fig


def dumbbell_chart(rows: list[dict], roles: dict[str, str], unit: str, lang: str) -> go.Figure:
    """Two figures per row (from -> to), each row's name written above its markers: a claim's numbers
    side by side without category labels squeezing the plot."""
    fig = go.Figure()
    symbols = {"from": ("circle-open", "#0072B2"), "to": ("circle", "#D55E00")}
    for role, label in roles.items():
        points = [(r[role], i, r[f"{role}_hover"]) for i, r in enumerate(rows) if r.get(role) is not None]
        symbol, colour = symbols[role]
        fig.add_trace(
            go.Scatter(
                x=[p[0] for p in points], y=[p[1] for p in points], mode="markers", name=label,
                marker={"symbol": symbol, "size": 12, "color": colour, "line": {"width": 2, "color": colour}},
                customdata=[p[2] for p in points], hovertemplate="%{customdata}<extra></extra>",
            )
        )  # fmt: skip
    for i, r in enumerate(rows):
        if r.get("from") is not None and r.get("to") is not None:
            fig.add_shape(type="line", x0=r["from"], x1=r["to"], y0=i, y1=i, line={"color": "#bbbbbb", "width": 2},
                          layer="below")  # fmt: skip
        fig.add_annotation(
            x=0, xref="paper", y=i - 0.42, yref="y", text=r["name"], showarrow=False, xanchor="left",
            yanchor="bottom", font={"size": 11, "color": INK}, align="left",
        )  # fmt: skip
    values = [r[k] for r in rows for k in roles if r.get(k) is not None]
    layout = template_layout(max(260, 52 * len(rows) + 40), 1)
    layout["yaxis"].update(autorange="reversed", showticklabels=False, showgrid=False, zeroline=False,
                           range=None, tickvals=list(range(len(rows))))  # fmt: skip
    axis = y_axis(values, unit, lang, False)
    low, high = axis["range"]
    pad = 0.03 * ((high - low) or 1)
    # Ticks on top (the legend stands below); a little room either side so a marker at 0 is whole.
    layout["xaxis"].update(axis, type="linear", side="top", range=[low - pad, high + pad])
    fig.update_layout(layout)
    return fig


def timeline_chart(rows: list[dict], categories: list[tuple[str, str]]) -> go.Figure:
    """Events as points on a time axis, one row per category, each row named just above its line at
    the plot's left edge (as OWID labels lines directly): no legend to match twelve colours against,
    and no tick labels taking a phone's width."""
    fig = go.Figure()
    shown = [(c, name) for c, name in categories if any(r["category"] == c for r in rows)]
    for i, (category, name) in enumerate(shown):
        part = [r for r in rows if r["category"] == category]
        fig.add_trace(
            go.Scatter(
                x=[r["date"] for r in part], y=[i] * len(part), mode="markers", name=legend_text(name, 34),
                marker={"size": 11, "color": (*PALETTE, *EXTRA_COLOURS)[i % 17],
                        "line": {"width": 1, "color": "white"}},
                customdata=[r["hover"] for r in part], hovertemplate="%{customdata}<extra></extra>",
            )
        )  # fmt: skip
        fig.add_annotation(
            x=0, xref="paper", xanchor="left", y=i, yref="y", yshift=14, yanchor="middle", showarrow=False,
            text=html.escape(name), font={"size": 11, "color": MUTED},
        )  # fmt: skip
    layout = template_layout(max(240, TIMELINE_ROW * len(shown) + 70), 0)
    layout["showlegend"] = False
    # Reversed, with room above the first row for its label.
    layout["yaxis"].update(showticklabels=False, autorange=False, range=[len(shown) - 0.5, -0.9], zeroline=False)
    dates = [r["date"] for r in rows]
    if dates:
        layout["xaxis"].update(x_ticks(min(dates), max(dates), "en", at_year_end=False))
    fig.update_layout(layout)
    return fig
