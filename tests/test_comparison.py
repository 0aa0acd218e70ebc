"""Kinds of lender side by side (Lenders page, "After P2P"): line choice, the chart, the page."""

from __future__ import annotations

import json
from datetime import date

import polars as pl

from app import figures
from app.comparison import MEASURES, default_lines, line_options


def frame(rows: list[tuple[str, str, int, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "series_id": s, "publisher_id": p, "period_end": date(y, 12, 31), "period_label": str(y),
                "period_type": "year", "region": "CN", "value": v, "unit": "家", "qualifier": None,
                "publisher_zh": p.upper(), "publisher_en": p.upper(), "publisher_inferred": False, "derived": False,
                "derivation": None, "vintage": None, "reliability": "medium", "note": None, "source_site": "site",
                "source_url": "url", "excerpt": "x",
            }
            for s, p, y, v in rows
        ]
    )  # fmt: skip


ROWS = [
    ("p2p_platforms_operating", "wdzj", 2015, 2595), ("p2p_platforms_operating", "p2p001", 2015, 2500),
    ("microloan_companies", "pboc", 2015, 8910), ("consumer_finance_companies", "cba", 2021, 30),
    ("consumer_finance_companies", "cbrc", 2017, 22),
]  # fmt: skip


def test_default_lines_keep_named_publishers_and_expand_a_star():
    options = line_options(frame(ROWS))
    assert options == [
        "consumer_finance_companies:cba", "consumer_finance_companies:cbrc", "microloan_companies:pboc",
        "p2p_platforms_operating:p2p001", "p2p_platforms_operating:wdzj",
    ]  # fmt: skip
    chosen = default_lines(options, ["p2p_platforms_operating:wdzj", "consumer_finance_companies:*"])
    assert chosen == [
        "consumer_finance_companies:cba",
        "consumer_finance_companies:cbrc",
        "p2p_platforms_operating:wdzj",
    ]


def test_every_default_names_a_series_of_its_measure():
    for spec_name in MEASURES.values():
        spec = figures.spec(spec_name)
        assert {d.split(":")[0] for d in spec.lines} <= set(spec.series)


def test_one_line_per_series_and_publisher_in_the_spec_order():
    spec = figures.spec("lenders_after_p2p_companies")
    view = figures.default_view(spec, lines=tuple(line_options(frame(ROWS))))
    fig, meta = figures.build(spec, frame(ROWS), "en", view)
    names = [t.name.replace("<br>", " ") for t in fig.data if t.showlegend is not False]
    assert len(names) == 5 and names[0].startswith("P2P lending platforms") and names[-1].startswith("Consumer")
    styles = {(t.line.color, t.line.dash) for t in fig.data}
    assert len(styles) == 5, "every line its own colour and dash"
    assert meta.rows.height == 5 and fig.layout.legend.orientation == "h"  # the legend below, never beside


def test_lenders_page_opens_on_the_comparison_and_the_url_picks_the_measure(open_page, bundled_db):
    at = open_page(bundled_db, "lenders", lang="en")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [trace.get("name", "").replace("<br>", " ") for trace in spec["data"]]
    assert any(n.startswith("P2P lending platforms") and "WDZJ" in n for n in names)
    assert any(n.startswith("Microloan companies") and "PBoC" in n for n in names)
    titles = [m.value for m in at.markdown if "ls-title" in m.value]
    assert any("how many lenders" in t for t in titles)
    at = open_page(bundled_db, "lenders", lang="zh", ap_m="balances", ap_l="microloan_loan_balance:pboc")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [t["name"] for t in spec["data"]] == ["小额贷款公司贷款余额 · 人民银行"]
