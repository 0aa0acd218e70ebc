"""Overview: headline figures computed by definition (each rule is written in its named query in
queries/headline_*.sql), the rise and fall with events, and what the data cover."""

from __future__ import annotations

import html

import streamlit as st

from app import data, figures, labels, tables, ui
from app.i18n import t
from etl.named_queries import get


def _headline(name: str, build_id: str) -> list[dict]:
    return data.query(get(f"headline_{name}").sql, build_id=build_id).to_dicts()


def _who(rows: list[dict], language: str) -> str:
    return t("list_sep", language).join(dict.fromkeys(labels.publisher(r["publisher_id"], language) for r in rows))


def _by_value(rows: list[dict]) -> dict[float, list[dict]]:
    out: dict[float, list[dict]] = {}
    for row in rows:
        out.setdefault(row["value"], []).append(row)
    return out


def _card(language: str, label: str, value: str, lines: list[str], page: str, params: dict, query: str) -> None:
    """One headline: what it counts, the figure (never cut off), who said it and when, and links to the
    figures behind it (the series page as a permalink) and to the rule (its named query on the SQL page)."""
    with st.container(border=True):
        st.markdown(f"**{ui.escape_markdown(label)}**")
        st.markdown(f'<div class="lendscope-headline">{html.escape(value)}</div>', unsafe_allow_html=True)
        for line in lines:
            st.caption(ui.escape_markdown(line))
        lang = {"lang": language} if language != "zh" else {}
        st.page_link(f"app/pages/{page}.py", label=t("headline_see_series", language), query_params={**params, **lang})
        st.page_link("app/pages/sql.py", label=t("headline_see_rule", language), query_params={"nq": query, **lang})


# The cards' text is the same for every session and rerun of a build and language: computed once (five
# queries and the wording were a quarter of the overview's rerun), then only drawn. Shared by all
# sessions, so it is a tuple of tuples nobody mutates.
@st.cache_resource(show_spinner=False, ttl=3600, max_entries=16)
def headline_content(language: str, build_id: str) -> tuple:
    """(label, value, lines, page, params, query) per card, for _card."""
    cards = []
    peak, trackers = _headline("p2p_peak_official", build_id), _headline("p2p_tracker_peaks", build_id)
    zero, owed = _headline("p2p_zero", build_id), _headline("money_owed", build_id)
    lenders = _headline("licensed_lenders", build_id)
    period = lambda label: labels.period(label, None, language)  # noqa: E731
    value, lines = "—", []
    if peak:
        head = peak[0]
        value = labels.number(head["headline_value"], "家", language, qualifier=head["headline_qualifier"])
        agree = [r for r in peak if r["agrees"]]
        lines.append(
            t("headline_peak_rule", language, who=_who(agree, language), n=len(agree), total=len(peak),
              first=period(agree[0]["period_label"]), last=period(agree[-1]["period_label"]))
            + "".join(
                t("headline_peak_other" + ("_one" if len(said) == 1 else ""), language, n=len(said),
                  value=labels.number(other, "家", language), who=_who(said, language),
                  period=t("list_sep", language).join(period(r["period_label"]) for r in said))
                for other, said in _by_value([r for r in peak if not r["agrees"]]).items()
            )
        )  # fmt: skip
        peaks = [r for r in trackers if r["is_peak"]]
        if peaks:
            lines.append(
                t("headline_tracker_peaks", language)
                + t("list_sep", language).join(
                    t(
                        "headline_tracker_item",
                        language,
                        who=labels.publisher(r["publisher_id"], language),
                        value=labels.number(r["peak"], "家", language),
                        period=period(r["peak_period"]),
                    )
                    for r in peaks
                )
            )
    cards.append((t("headline_peak_official", language), value, tuple(lines), "platforms",
                  {"pl_s": "p2p_platforms_peak_official"}, "headline_p2p_peak_official"))  # fmt: skip
    value, lines = "—", []
    if zero:
        head = zero[0]
        value = labels.mid_month(head["period_label"], language) if head["mid_month"] else period(head["period_label"])
        lines.append(t("headline_zero_rule", language, who=_who(zero, language)))
    cards.append((t("headline_zero", language), value, tuple(lines), "platforms",
                  {"pl_s": "p2p_institutions_operating_official"}, "headline_p2p_zero"))  # fmt: skip
    value, lines, when = "—", [], "—"
    if owed:
        head = owed[0]
        value = labels.number(head["value"], head["unit"], language, qualifier=head["qualifier"])
        when = period(head["period_label"])
        lines.append(t("headline_owed_rule", language, who=_who(owed, language)))
    cards.append((t("headline_owed", language, period=when), value, tuple(lines), "volume",
                  {"vo_s": "p2p_unrecovered_funds_official"}, "headline_money_owed"))  # fmt: skip
    value, lines, when = "—", [], "—"
    if lenders:
        head, rest = lenders[0], lenders[1:]
        value = labels.number(head["value"], head["unit"], language, series=head["series_id"])
        when = period(head["period_label"])
        lines.append(t("headline_lenders_rule", language, who=labels.publisher(head["publisher_id"], language)))
        lines += [
            t("headline_lenders_other", language, series=labels.series(r["series_id"], language),
              value=labels.number(r["value"], r["unit"], language, series=r["series_id"]),
              who=labels.publisher(r["publisher_id"], language), period=period(r["period_label"]))
            for r in rest
        ]  # fmt: skip
    cards.append((t("headline_lenders", language, period=when), value, tuple(lines), "lenders",
                  {"lt": "national", "ln_s": "microloan_companies"}, "headline_licensed_lenders"))  # fmt: skip
    return tuple(cards)


def headline_cards(language: str, build_id: str) -> None:
    st.markdown(
        "<style>.lendscope-headline{font-size:1.75rem;line-height:1.2;font-weight:600;margin:-0.4rem 0 0.2rem}</style>",
        unsafe_allow_html=True,
    )
    for column, card in zip(st.columns(4), headline_content(language, build_id), strict=True):
        with column:
            _card(language, *card)


COVERAGE = """
SELECT s.topic, count(DISTINCT s.series_id) AS series, count(o.obs_id) AS observations,
       count(DISTINCT o.publisher_id) AS publishers, min(o.period_end) AS first, max(o.period_end) AS last
FROM series s LEFT JOIN observations o USING (series_id) GROUP BY s.topic ORDER BY s.topic
"""


@st.cache_resource(show_spinner=False, ttl=3600, max_entries=16)
def coverage_table(build_id: str, language: str):
    """The coverage table as st.dataframe takes it (pandas): converting it on every rerun was a tenth of
    the overview's cost. Shared by all sessions and never mutated."""
    return tables.readable(data.query(COVERAGE, build_id=build_id), language).to_pandas()


language = ui.lang()
info = ui.require_database()
build_id = info["build_id"]
st.title(t("app_title", language))
ui.build_caption(info)

headline_cards(language, build_id)

show_events = ui.toggle(t("show_events", language), "ov_ev", value=True)
spec = figures.spec("overview_rise_and_fall")
ui.figure_block(spec.name, figures.default_view(spec, events=show_events), key="overview", build_id=build_id)

st.subheader(t("coverage", language))
st.dataframe(coverage_table(build_id, language), hide_index=True)
