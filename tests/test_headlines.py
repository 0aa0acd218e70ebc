"""The Overview's headlines follow their figures: each is computed by the rule in its named query
(queries/headline_*.sql), so changing the data changes the headline, with no edit to the page."""

from __future__ import annotations

import shutil

from etl.build import build
from etl.paths import DATA_DIR


def append_rows(path, *rows: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(rows) + "\n", encoding="utf-8")


def headline_text(open_page, db, lang="en") -> str:
    at = open_page(db, "overview", lang=lang)
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption]).replace("\\", "")


def test_headlines_change_when_their_figures_change(tmp_path, open_page):
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR, root, ignore=shutil.ignore_patterns("*.duckdb*"))
    build(tmp_path / "a.duckdb", root, log=lambda _: None)
    before = headline_text(open_page, tmp_path / "a.duckdb")
    assert "about 5,000" in before and "3 of 4 statements" in before and "as many as 6,000 (CBIRC, Aug 2020)" in before
    assert "WDZJ (网贷之家) 2,595 (2015)" in before and "mid-Nov 2020" in before and "5,257" in before

    # Two more regulators' statements of "6,000", the latest ones: now the most-stated value is 6,000.
    source = "p2p-cbirc-20201127-cbn"
    append_rows(
        root / "observations" / "p2p_platforms.csv",
        f"p2p_platforms_peak_official,2021-03-01,CN,cbirc,6000,家,,{source},test statement: 6000,,,,,",
        f"p2p_platforms_peak_official,2021-03-02,CN,pboc,6000,家,,{source},test statement: 6000,,,,,",
        # A newer reliable count of microloan companies: the licensed-lenders card moves to it.
        f"microloan_companies,2025-Q4,CN,pboc,4700,家,,{source},test figure 4700,,,medium,,",
    )
    build(tmp_path / "b.duckdb", root, log=lambda _: None)
    after = headline_text(open_page, tmp_path / "b.duckdb")
    # (no qualifier: every statement of 6,000 gave the number bare)
    assert "P2P platforms at the peak (regulators)** 6,000" in after.replace("\n", " ") or "6,000</div>" in after
    assert "3 of 6 statements" in after and "3 other statements: 5,000 (CBIRC, PBoC;" in after
    assert "4,700" in after and "Q4 2025" in after and "5,257" not in after
    zh = headline_text(open_page, tmp_path / "b.duckdb", lang="zh")
    assert ">6,000家<" in zh and "4,700家" in zh and "2025年第四季度" in zh
