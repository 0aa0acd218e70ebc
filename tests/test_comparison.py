"""Kinds of lender side by side (Lenders page, "After P2P"): line choice, the chart, the page."""

from __future__ import annotations

import json
from datetime import date

import polars as pl

from app.charts import series_line_chart
from app.comparison import MEASURES, default_lines, line_options, lines_frame


def frame(rows: list[tuple[str, str, int, float]]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "series_id": s, "publisher_id": p, "period_end": date(y, 12, 31), "period_label": str(y),
                "period_type": "year", "value": v, "unit": "家", "qualifier": None, "publisher_zh": p.upper(),
                "publisher_en": p.upper(), "publisher_inferred": False, "derived": False, "derivation": None,
                "vintage": None, "reliability": "medium", "note": None, "source_site": "site", "source_url": "url",
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
    assert lines_frame(frame(ROWS), chosen).height == 3


def test_every_default_names_a_series_of_its_measure():
    for series_ids, defaults in MEASURES.values():
        assert {d.split(":")[0] for d in defaults} <= set(series_ids)


def test_one_line_per_series_and_publisher_in_the_given_order():
    names = {
        "p2p_platforms_operating": {"name_zh": "P2P平台", "name_en": "P2P platforms"},
        "microloan_companies": {"name_zh": "小贷公司", "name_en": "Microloan companies"},
        "consumer_finance_companies": {"name_zh": "消费金融公司", "name_en": "Consumer-finance companies"},
    }
    fig = series_line_chart(
        frame(ROWS), {"name_zh": "比较", "name_en": "Compare", "unit": "家"}, "en", line_names=names
    )
    traces = [t.name for t in fig.data]
    assert len(traces) == 5 and traces[0].startswith("P2P platforms · ") and traces[-1].startswith("Consumer-finance")
    assert len({t.line.color for t in fig.data}) == 5, "every line its own colour"
    assert fig.layout.legend.yref == "container" and fig.layout.margin.b > 5 * 20


def test_lenders_page_opens_on_the_comparison_and_the_url_picks_the_measure(open_page, bundled_db):
    at = open_page(bundled_db, "lenders", lang="en")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [trace["name"] for trace in spec["data"]]
    assert any(n.startswith("P2P lending platforms") and "Wangdaizhijia" in n for n in names)
    assert any(n.startswith("Microloan companies") and "People's Bank of China" in n for n in names)
    assert "how many lenders" in spec["layout"]["title"]["text"]
    at = open_page(bundled_db, "lenders", lang="zh", ap_m="balances", ap_l="microloan_loan_balance:pboc")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [trace["name"] for trace in spec["data"]] == ["小额贷款公司贷款余额(人民银行统计) · 中国人民银行"]
