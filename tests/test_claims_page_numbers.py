"""The seed's Claim check page checks its numbers through the article checker (etl.check) and shows them
as the "Check an article" page does: what a reader sees, in both languages."""

from __future__ import annotations

from datetime import date

import pytest

SEED_NUMBERS = "据相关统计数据显示我国网贷平台的数量已经从2014年的1575家增加到了2023年的近2000家。"


def marked_text(at) -> str:
    return next(h.proto.body for h in at.get("html") if "lc-text" in h.proto.body)


def open_details(at, key: str, n: int = 2):
    """Open the first n claims' expanders (each is built only while open) and rerun."""
    for i in range(1, n + 1):
        at.session_state[f"{key}-claim-{i}"] = True
    at.run()
    return at


def figure_tables(at, publisher_header: str, source_header: str) -> list:
    return [d.value for d in at.dataframe if {publisher_header, source_header} <= set(d.value.columns)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "lang, consistent, contradicted, publisher, source",
    [
        ("en", "Consistent", "Contradicted", "Publisher", "Source"),
        ("zh", "与数据相符", "与数据不符", "发布机构", "来源链接"),
    ],
)
def test_seed_numbers_get_the_checkers_verdicts(
    bundled_db, open_page, lang, consistent, contradicted, publisher, source
):
    at = open_page(bundled_db, "claims", lang=lang)
    # A consistent claim's details are closed, and not built, until opened (a contradicted one is open).
    shown = " ".join(m.value for m in at.markdown)
    assert ("Consistent with" if lang == "en" else "与数据相符:") not in shown
    open_details(at, "seed-platform_counts_2014_2023")
    checked = [e.label for e in at.expander if e.label[:2] in ("1.", "2.", "3.")]
    # Only the first claim holds numbers; the collection methods and the outlook keep their own queries.
    assert checked == [f"1. 1575家 — {consistent}", f"2. 近2000家 — {contradicted}"]
    assert {m.label: m.value for m in at.metric} == {consistent: "1", contradicted: "1", **{
        m.label: "0" for m in at.metric if m.label not in (consistent, contradicted)}}  # fmt: skip
    body = marked_text(at)
    assert 'class="lc-consistent"' in body and 'class="lc-contradicted"' in body
    assert body.index("1575家") < body.index("近2000家")
    # The figures behind the verdicts, with publishers and links, as on the Check-an-article page.
    tables = figure_tables(at, publisher, source)
    assert tables, "no figures table"
    publishers = {p for table in tables for p in table[publisher].to_list()}
    assert any("网贷之家" in p for p in publishers), publishers
    urls = {u for table in tables for u in table[source].to_list()}
    assert urls and all(u.startswith(("http://", "https://")) for u in urls)
    texts = " ".join(m.value for m in at.markdown)
    if lang == "en":
        assert "Consistent with Wangdaizhijia" in texts and "wound down to zero" in texts
        assert "Verdict: Contradicted" in texts  # the claim as a whole keeps its own query's verdict
    else:
        assert "与数据相符:网贷之家" in texts and "清零" in texts


@pytest.mark.slow
def test_the_claim_page_and_the_check_page_say_the_same_of_the_same_sentence(bundled_db, open_page):
    claims = open_page(bundled_db, "claims", lang="en")
    page = open_page(bundled_db, "check", lang="en")
    page.text_area(key="chk_text").input(SEED_NUMBERS)
    page.date_input(key="chk_date").set_value(date(2025, 2, 12))
    next(b for b in page.button if b.label == "Check").click()
    page.run()
    open_details(page, "check")
    open_details(claims, "seed-platform_counts_2014_2023")
    on_check = [e.label for e in page.expander]
    assert on_check == [e.label for e in claims.expander if e.label in on_check] == [
        "1. 1575家 — Consistent", "2. 近2000家 — Contradicted",
    ]  # fmt: skip
    explanations = [m.value for m in page.markdown if m.value.startswith(("Consistent with", "Contradicted:"))]
    assert len(explanations) == 2
    claim_texts = [m.value for m in claims.markdown]
    assert all(e in claim_texts for e in explanations)
