"""Navigation keeps state: filters survive leaving a page and coming back; a language switch gives
each selectbox a fresh widget (Streamlit's front end kept the old language's option label)."""

from __future__ import annotations


def test_filters_survive_leaving_and_returning(open_page, bundled_db):
    at = open_page(bundled_db, "platforms", lang="en")
    at.selectbox(key="pl_s.en").set_value("p2p_platforms_new").run()
    at.toggle(key="pl_log").set_value(True).run()
    at.switch_page("app/pages/overview.py")
    at.query_params.clear()  # a sidebar switch drops the URL's parameters
    at.run()
    at.switch_page("app/pages/platforms.py")
    at.run()
    assert at.selectbox(key="pl_s.en").value == "p2p_platforms_new"
    assert at.toggle(key="pl_log").value is True


def test_a_language_switch_keeps_the_choice_in_a_new_widget(open_page, bundled_db):
    at = open_page(bundled_db, "platforms", lang="en")
    at.selectbox(key="pl_s.en").set_value("p2p_platforms_new").run()
    at.selectbox(key="lang").set_value("zh").run()
    box = at.selectbox(key="pl_s.zh")
    assert box.value == "p2p_platforms_new" and box.label == "数据系列"
    assert box.proto.raw_value in list(box.proto.options) and "新" in box.proto.raw_value


def test_publisher_picker_offers_only_publishers_of_the_series(open_page, bundled_db):
    from etl.database import connect_read_only

    at = open_page(bundled_db, "platforms", lang="en", pl_s="p2p_platforms_peak_official")
    with connect_read_only(bundled_db) as con:
        have = {r[0] for r in con.sql(
            "SELECT DISTINCT publisher_id FROM observations WHERE series_id = 'p2p_platforms_peak_official' "
            "AND region = 'CN'").fetchall()}  # fmt: skip
    options = at.multiselect(key="pl_p").options
    assert len(options) == len(have) == 2  # not every publisher of the page's series
    assert at.multiselect(key="pl_p").value == sorted(have)


def _widget_keys(at) -> set[str]:
    return {w.key for kind in ("selectbox", "toggle", "multiselect") for w in at.get(kind) if w.key}


def test_only_the_open_lenders_tab_runs_and_a_link_names_it(open_page, bundled_db):
    at = open_page(bundled_db, "lenders", lang="en", lt="provinces")
    keys = _widget_keys(at)
    assert "pr_s.en" in keys and not any(k.startswith(("ln_", "lo_", "ap_")) for k in keys), keys
    assert len(at.get("plotly_chart")) == 2  # the province ranking (a map) and the change: nothing else ran
    at = open_page(bundled_db, "lenders", lang="en")
    keys = _widget_keys(at)
    assert any(k.startswith("ap_") for k in keys) and not any(k.startswith("pr_") for k in keys), keys


def test_a_link_from_before_the_tab_was_kept_opens_its_tab(open_page, bundled_db):
    at = open_page(bundled_db, "lenders", lang="en", pr_v="bar")  # a Provinces link without lt=
    assert "pr_v.en" in _widget_keys(at) and at.selectbox(key="pr_v.en").value == "bar"


def test_a_language_switch_keeps_the_open_tab(open_page, bundled_db):
    at = open_page(bundled_db, "lenders", lang="en", lt="national")
    at.selectbox(key="lang").set_value("zh").run()
    keys = _widget_keys(at)
    assert any(k.startswith("ln_") for k in keys) and not any(k.startswith("ap_") for k in keys), keys


def test_an_unknown_tab_in_a_link_says_so_and_opens_the_first(open_page, bundled_db):
    at = open_page(bundled_db, "lenders", lang="en", lt="nosuchtab")
    assert any("lt=nosuchtab" in w.value for w in at.warning)
    assert any(k.startswith("ap_") for k in _widget_keys(at))


def test_the_overview_card_opens_the_lenders_tab_it_names_after_another_was_open(open_page, bundled_db):
    from urllib.parse import parse_qsl

    at = open_page(bundled_db, "lenders", lang="en")  # the first tab is open (and kept)
    at.switch_page("app/pages/overview.py")
    at.query_params.clear()
    at.run()
    link = next(e.proto for e in at.get("page_link") if e.proto.page == "lenders")
    at.query_params.clear()
    for key, value in parse_qsl(link.query_string):
        at.query_params[key] = value
    at.switch_page("app/pages/lenders.py")
    at.run()
    assert at.selectbox(key="ln_s.en").value == "microloan_companies"
    assert not any(k.startswith("ap_") for k in _widget_keys(at))
