"""Pure figure builders: data frame + metadata -> plotly Figure. No Streamlit, no DuckDB."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")

PERIOD_WORDS = {
    "year": "year-end / annual",
    "half": "half-year",
    "quarter": "quarter",
    "month": "month-end / monthly",
    "day": "as of a date",
    "range": "span of months",
    "cumulative": "cumulative to date",
}


def source_line(frame: pl.DataFrame) -> str:
    publishers = frame.select("publisher_zh", "publisher_en").unique().sort("publisher_en").rows()
    names = "; ".join(f"{zh} ({en})" for zh, en in publishers)
    return f"Source: {names}. Each figure cited to the page it was read on; see Lendscope › Sources."


def series_line_chart(frame: pl.DataFrame, series: dict) -> go.Figure:
    """One line per publisher: the disagreement between publishers is shown, never averaged."""
    fig = go.Figure()
    period_types = sorted(set(frame["period_type"])) if frame.height else []
    for index, (publisher_id,) in enumerate(frame.select("publisher_id").unique().sort("publisher_id").rows()):
        part = frame.filter(pl.col("publisher_id") == publisher_id).sort("period_end")
        name = f"{part['publisher_zh'][0]} ({part['publisher_en'][0]})"
        fig.add_trace(
            go.Scatter(
                x=part["period_end"].to_list(),
                y=part["value"].to_list(),
                mode="lines+markers",
                name=name,
                line={"color": PALETTE[index % len(PALETTE)]},
                customdata=list(zip(part["period_label"], part["source_site"], part["source_url"], strict=True)),
                hovertemplate=(
                    "%{y:,} "
                    + series["unit"]
                    + "<br>period %{customdata[0]}<br>"
                    + name
                    + "<br>source: %{customdata[1]}<br>%{customdata[2]}<extra></extra>"
                ),
            )
        )
    subtitle = f"Unit: {series['unit']} · period: {', '.join(PERIOD_WORDS[t] for t in period_types) or '—'}"
    fig.update_layout(
        title={"text": f"{series['name_en']} · {series['name_zh']}<br><sup>{subtitle}</sup>"},
        yaxis_title=series["unit"],
        legend={"orientation": "h", "y": -0.2},
        margin={"b": 120},
        font={"family": "Noto Sans CJK SC, Noto Sans SC, sans-serif"},
        annotations=[
            {
                "text": source_line(frame) if frame.height else "No data",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.38,
                "showarrow": False,
                "font": {"size": 10},
                "xanchor": "left",
            }
        ],
    )
    return fig
