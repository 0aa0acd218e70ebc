"""Kinds of lender side by side: what "online lending" was made of before and after P2P went to zero.

One line per series and publisher (never averaged, never merged); which lines are drawn, the measure
and the scale are in the URL like every other control. The measures and their default lines are figure
specs (app/figures/specs.toml: lenders_after_p2p_*)."""

from __future__ import annotations

from app import data, figures, labels, ui
from app.figures import default_lines, line_options
from app.i18n import t

MEASURES = {"companies": "lenders_after_p2p_companies", "balances": "lenders_after_p2p_balances"}

__all__ = ["MEASURES", "default_lines", "lender_comparison", "line_options"]


def lender_comparison(key: str, build_id: str) -> None:
    language = ui.lang()
    measure = ui.selectbox(
        t("compare_measure", language), list(MEASURES), f"{key}_m", format_func=lambda m: t(f"compare_{m}", language)
    )
    spec = figures.spec(MEASURES[measure])
    frame = data.named(spec.query, build_id, **figures.query_params(spec, figures.default_view(spec)))
    options = line_options(frame)
    names = {
        r["publisher_id"]: labels.publisher(r, language) for r in frame.unique("publisher_id").iter_rows(named=True)
    }

    def describe(option: str) -> str:
        series_id, publisher_id = option.split(":", 1)
        return f"{figures.series_short(series_id, language)} · {names.get(publisher_id, publisher_id)}"

    defaults = default_lines(options, spec.lines)
    chosen = ui.multiselect(t("compare_lines", language), options, f"{key}_l", defaults, format_func=describe)
    log_scale = ui.toggle(t("log_scale", language), f"{key}_log", value=bool(spec.default("log_scale", False)))
    view = figures.default_view(spec, lines=tuple(sorted(chosen)), log_scale=log_scale)
    ui.figure_block(spec.name, view, key=f"{key}_{measure}", build_id=build_id)
