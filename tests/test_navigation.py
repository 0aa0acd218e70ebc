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
