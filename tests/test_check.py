"""The article checker (issue 15): extraction of numbers, units, qualifiers, periods and subjects in
Chinese and English; matching by subject and period; verdicts; the JSON interface; the CLI; bad input."""

from __future__ import annotations

import json
from datetime import date

import chinese2digits
import pytest

from etl.check import MAX_CHARS, InputProblem, check
from etl.check.extract import extract
from tests.conftest import run_etl

REGIONS = [
    {"code": "CN-JS", "name_zh": "江苏省", "name_en": "Jiangsu"},
    {"code": "CN-BJ", "name_zh": "北京市", "name_en": "Beijing"},
]


def claims_of(text: str, article: date | None = None):
    return extract(text, article, REGIONS)[0]


def only(text: str, article: date | None = None):
    found = claims_of(text, article)
    assert len(found) == 1, [(c.quote, c.value_base) for c in found]
    return found[0]


# --- numbers and qualifiers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "base", "kind", "qualifier"),
    [
        ("2020年末网贷行业贷款余额达1.22万亿元。", "1.22万亿元", 1.22e12, "money", "exact"),
        ("2023年网贷平台有近2000家。", "近2000家", 2000, "entities", "nearly"),
        ("2016年P2P网贷成交量超过8000亿。", "超过8000亿", 8e11, "money", "more_than"),
        ("2017年P2P网贷平均收益率为9.45%。", "9.45%", 9.45, "percent", "exact"),
        ("2016年P2P网贷平均收益率为百分之九点四五。", "百分之九点四五", 9.45, "percent", "exact"),
        ("By the end of 2016 there were 2,448 P2P platforms.", "2,448", 2448, "entities", "exact"),
        ("By 2015 there were two thousand P2P platforms.", "two thousand", 2000, "entities", "exact"),
        ("2014年网贷平台有一千五百七十五家。", "一千五百七十五家", 1575, "entities", "exact"),
        ("2015年逾千家网贷平台出现问题。", "逾千家", 1000, "entities", "more_than"),
        ("2015年網貸平臺數量約兩千五百九十五家。", "約兩千五百九十五家", 2595, "entities", "about"),
        ("2015年网贷平台6000多家。", "6000多家", 6000, "entities", "more_than"),
        ("2015年网贷平台2500家左右。", "2500家左右", 2500, "entities", "about"),
        ("2019年小额贷款公司不到8000家。", "不到8000家", 8000, "entities", "less_than"),
        ("2016年P2P investors numbered about 13.75 million.", "about 13.75 million", 13.75e6, "persons", "about"),
        ("2018年网贷投资人数为1331万人。", "1331万人", 13.31e6, "persons", "exact"),
        ("In 2018 P2P turnover was 1.79 trillion yuan.", "1.79 trillion yuan", 1.79e12, "money", "exact"),
        ("In 2018 P2P turnover was RMB 179.5 billion.", "179.5 billion", 179.5e9, "money", "exact"),
    ],
)
def test_numbers_units_and_qualifiers(text, quote, base, kind, qualifier):
    claim = only(text)
    assert claim.quote == quote
    assert claim.value_base == pytest.approx(base)
    assert claim.unit_kind == kind
    assert claim.qualifier == qualifier


def test_quote_is_the_exact_substring_even_in_traditional_and_fullwidth_text():
    text = "截至２０１７年３月末，全國共有小額貸款公司８６６５家，貸款余額９３７７億元。"
    found = claims_of(text)
    assert [(c.quote, c.value_base) for c in found] == [("８６６５家", 8665), ("９３７７億元", 9.377e11)]
    assert all(text[c.start : c.end] == c.quote for c in found)


def test_ranges():
    claim = only("2013年网贷平台数量在800-1000家之间。")
    assert (claim.qualifier, claim.value_base, claim.value_high_base) == ("range", 800, 1000)
    claim = only("In 2019 P2P yields ranged between 8% and 10%.")
    assert (claim.qualifier, claim.value_base, claim.value_high_base) == ("range", 8, 10)
    claim = only("2015年数千家网贷平台上线。")
    assert (claim.qualifier, claim.value_base, claim.value_high_base) == ("range", 2000, 9000)


@pytest.mark.parametrize(
    "text",
    [
        "本文发布于2025-02-12,作者张三。",  # a publication date
        "详见第3页。",  # a page number
        "咨询电话:13812345678,客服热线400-123-4567。",  # phone numbers
        "P2P网贷于2014年兴起。",  # a bare year; the 2 of P2P
        "See page 12 and Table 3 of the 2019 report.",
        "发布时间:2026-01-21 09:52:45,377人看过。",
        "在5G时代,第9th届论坛召开。",
    ],
)
def test_not_claims(text):
    assert claims_of(text) == []


# --- periods --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "article", "label"),
    [
        ("2014年网贷平台有1575家。", None, "2014"),
        ("2016年末小额贷款公司8673家。", None, "2016"),
        ("2019年第三季度小额贷款公司贷款余额9108亿元。", None, "2019-Q3"),
        ("截至2020年11月中旬,在运营的P2P网贷机构降至0家。", None, "2020-11-mid"),
        ("2018年1-9月P2P网贷成交量1.5万亿元。", None, "2018-01/2018-09"),
        ("2018年上半年P2P网贷成交量1.05万亿元。", None, "2018-H1"),
        ("By end-June 2024 there were 5,428 microloan companies.", None, "2024-06"),
        ("As of the end of the first half of 2018 there were 1504 P2P platforms.", None, "2018-H1"),
        ("Last year there were 1082 P2P platforms.", date(2019, 1, 16), "2018"),
        ("去年网贷平台有1082家。", date(2019, 1, 16), "2018"),
        ("截至今年9月末,实际运营网贷机构462家。", date(2019, 10, 20), "2019-09"),
        ("目前网络小贷公司有180家。", date(2025, 6, 10), "2025-06-10"),
    ],
)
def test_periods(text, article, label):
    claim = only(text, article)
    assert claim.period is not None and claim.period.label == label


def test_relative_period_without_an_article_date_is_left_open():
    assert only("去年网贷平台有1082家。").period is None


def test_a_period_carries_to_the_next_sentence():
    found = claims_of("截至2018年末,全国共有小额贷款公司8133家。贷款余额9550亿元,全年减少190亿元。")
    assert [c.period.label for c in found] == ["2018", "2018", "2018"]
    assert [c.subject for c in found] == ["microloan_companies", "microloan_loan_balance", "microloan_new_loans"]
    assert found[2].value_base == -1.9e10  # 减少: net new loans were negative


# --- subjects -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("2015年正常运营平台2595家。", "p2p_platforms_operating"),
        ("截至2015年9月底,P2P网贷行业累计平台数量达到3448家。", "p2p_platforms_cumulative"),
        ("截至2015年9月底,累计问题平台达到1031家。", "p2p_problem_platforms_cumulative"),
        ("2016年6月,停业及问题平台共有94家。", "p2p_exited_platforms"),
        ("2015年上半年新上线的平台近900家。", "p2p_platforms_new"),
        ("2017年网贷行业成交量为28048.49亿元。", "p2p_turnover"),
        ("2017年网贷行业综合收益率为9.45%。", "p2p_yield"),
        ("2016年网贷行业投资人数为1375万人。", "p2p_investors"),
        ("截至2024年末,消费金融公司资产总额为13848.59亿元。", "consumer_finance_assets"),
        ("2023年网络小额贷款公司179家。", "online_microloan_companies"),
        ("2025年上半年黑猫投诉平台暴力催收投诉23万件。", "collection_complaints"),
        ("The number of P2P platforms peaked at about 5,000.", "p2p_platforms_peak"),
    ],
)
def test_subjects(text, subject):
    assert only(text).subject == subject


def test_changes_and_shares_are_not_levels():
    found = claims_of("2018年末正常运营平台1082家,比上年减少703家,同比下降39.38%。")
    assert [(c.quote, c.subject) for c in found] == [("1082家", "p2p_platforms_operating"), ("703家", None),
                                                     ("39.38%", None)]  # fmt: skip


def test_respectively_lists_map_regions_in_order():
    found = claims_of("2017年3月末,江苏省和北京市的小额贷款公司数量分别为624家和87家。")
    assert [(c.value_base, c.region) for c in found] == [(624, "CN-JS"), (87, "CN-BJ")]


def test_chinese2digits_on_this_sectors_phrasing():
    """What the maintained parser reads and what the checker handles around it (stack.md)."""

    def digits(text):
        return chinese2digits.takeNumberFromString(text)["digitsStringList"]

    assert digits("一千五百七十五") == ["1575"]
    assert digits("1.22万亿元") == ["1220000000000"]
    assert digits("超过8000亿") == ["800000000000"]
    assert digits("逾千家") == []  # a bare 千: handled by the checker
    assert digits("1,575") == ["1", "575"]  # split: digit groups are read by the checker
    assert digits("兩千五百九十五") != ["2595"]  # traditional 兩: mapped to 两 first
    assert only("2014年網貸平臺一千五百七十五家。").value_base == 1575


# --- matching and verdicts against the bundled data -------------------------------------------


def verdict_of(store, text, article=None):
    result = check(text, store, article)
    assert len(result.claims) == 1, [c.claim.quote for c in result.claims]
    return result.claims[0]


def test_seed_claims(store):
    result = check("我国网贷平台的数量已经从2014年的1575家增加到了2023年的近2000家。", store)
    first, second = result.claims
    assert first.verdict.verdict == "consistent"
    assert any(f["publisher_id"] == "wdzj" and f["value"] == 1575 for f in first.verdict.figures)
    assert second.verdict.verdict == "contradicted"
    assert "zero" in second.verdict.explanation_en


def test_value_alone_is_not_a_match(store):
    """1575 is the end-2014 count of P2P platforms, not of microloan companies."""
    item = verdict_of(store, "2014年末,全国共有小额贷款公司1575家。")
    assert item.claim.subject == "microloan_companies"
    assert item.verdict.verdict == "contradicted"
    assert all(f["series_id"].startswith("microloan_companies") for f in item.verdict.figures)


def test_contradicted_says_who_published_what_and_by_how_much(store):
    item = verdict_of(store, "截至2019年3月末,全国共有小额贷款公司8967家。")
    assert item.verdict.verdict == "contradicted"
    assert "7967" in item.verdict.explanation_zh and "中国人民银行" in item.verdict.explanation_zh
    assert "12.6% lower" not in item.verdict.explanation_en and "% lower" in item.verdict.explanation_en


def test_unverifiable_names_the_nearest_figures(store):
    item = verdict_of(store, "2014年1月,纳入统计的P2P网贷平台为356家。")
    assert item.verdict.verdict == "unverifiable"
    assert "Nearest" in item.verdict.explanation_en and item.verdict.figures


def test_qualifiers_widen_the_match(store):
    assert verdict_of(store, "2015年末正常运营平台约2600家。").verdict.verdict == "consistent"
    assert verdict_of(store, "2015年末正常运营平台近2600家。").verdict.verdict == "consistent"
    assert verdict_of(store, "2015年末正常运营平台超过2000家。").verdict.verdict == "consistent"
    assert verdict_of(store, "2015年末正常运营平台不到1000家。").verdict.verdict == "contradicted"


def test_english_article_with_article_date(store):
    result = check(
        "As of the end of June 2020 China's P2P lending platforms had fallen to just 29, a number which further "
        "dwindled to 15 by the end of August, 6 by mid-October and 3 at the start of November.",
        store,
        date(2020, 11, 30),
    )
    assert [(c.claim.value_base, c.verdict.verdict) for c in result.claims] == [
        (29, "consistent"), (15, "consistent"), (6, "consistent"), (3, "consistent"),
    ]  # fmt: skip


# --- bad input --------------------------------------------------------------------------------


def test_bad_input_gives_a_result_or_a_message(store):
    assert check("", store).claims == []
    big = check("截至2019年3月末,全国共有小额贷款公司7967家。" * 40000, store)  # about 1 MB
    assert len(big.text) == MAX_CHARS and any("cut" in n for n in big.notes)
    assert big.claims and max(c.claim.end for c in big.claims) <= MAX_CHARS  # nothing read past the cap
    tagged = check("<p>截至2019年3月末,全国共有<b>小额贷款公司</b>7967家。</p><img src='x' width='300'>", store)
    assert [c.claim.value_base for c in tagged.claims] == [7967] and any("HTML" in n for n in tagged.notes)
    mixed = check("P2P网贷 in 2015: 正常运营平台 2595家; Россия 123; العربية ٣٤٥; 日本語の1000件", store)
    assert any(c.claim.value_base == 2595 and c.verdict.verdict == "consistent" for c in mixed.claims)


# --- the command line and its JSON interface ----------------------------------------------------

INTERFACE_KEYS = {
    "quote", "start", "end", "value", "value_base", "unit_kind", "qualifier", "period", "subject", "series_id",
    "region", "verdict", "figures", "explanation_zh", "explanation_en",
}  # fmt: skip
FIGURE_KEYS = {"obs_id", "value", "unit", "publisher_id", "period_label", "url"}


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("据统计,我国网贷平台的数量从2014年的1575家增加到了2023年的近2000家。", encoding="utf-8")
    return path


@pytest.mark.slow
def test_cli_json_interface(bundled_db, article):
    done = run_etl("check", str(article), "--db", str(bundled_db), "--format", "json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == {"claims"}
    text = article.read_text(encoding="utf-8")
    for claim in out["claims"]:
        assert set(claim) == INTERFACE_KEYS
        assert text[claim["start"] : claim["end"]] == claim["quote"]
        assert isinstance(claim["value"], float) and isinstance(claim["value_base"], float)
        assert claim["verdict"] in ("consistent", "contradicted", "unverifiable")
        assert claim["period"] is None or isinstance(claim["period"], str)
        for figure in claim["figures"]:
            assert set(figure) == FIGURE_KEYS and figure["url"].startswith("http")
    assert [c["verdict"] for c in out["claims"]] == ["consistent", "contradicted"]


@pytest.mark.slow
def test_cli_reports_and_exit_codes(bundled_db, article, tmp_path):
    db = ["--db", str(bundled_db)]
    md = run_etl("check", str(article), *db, "--format", "md", "--lang", "zh")
    assert md.returncode == 0 and "# 文章核查报告" in md.stdout and "与数据不符" in md.stdout
    csv_out = run_etl("check", str(article), *db, "--format", "csv")
    assert csv_out.returncode == 0 and csv_out.stdout.splitlines()[0].startswith("claim,quote,start,end")
    missing = run_etl("check", str(tmp_path / "nope.txt"), *db)
    assert missing.returncode == 1 and "cannot read" in missing.stderr and "Traceback" not in missing.stderr
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    done = run_etl("check", str(binary), *db)
    assert done.returncode == 1 and "binary" in done.stderr and "Traceback" not in done.stderr
    bad_date = run_etl("check", str(article), *db, "--date", "2025-13-01")
    assert bad_date.returncode == 2 and "--date" in bad_date.stderr
    big = tmp_path / "big.txt"
    big.write_text("2015年末正常运营平台2595家。" * 60000, encoding="utf-8")  # 1 MB
    done = run_etl("check", str(big), *db, "--format", "csv")
    assert done.returncode == 0 and "cut to the first" in done.stderr


@pytest.mark.slow
def test_cli_reads_standard_input(bundled_db):
    import subprocess
    import sys

    from etl.paths import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "etl", "check", "-", "--db", str(bundled_db)],
        input="截至2019年3月末,全国共有小额贷款公司7967家。".encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["claims"][0]["verdict"] == "consistent"


def test_development_set_meets_the_issue_targets(store):
    """The hand-annotated passages (tests/fixtures/articles) keep meeting the issue's targets."""
    from bench.bench_check import evaluate, load_set, summarise

    summary = summarise(evaluate(store, load_set()))
    assert summary["claims"] >= 60 and summary["passages"] >= 8
    assert summary["recall"] >= 0.95
    assert summary["agreement"] >= 0.85
    assert summary["true_contradicted"] <= 0.03
    assert summary["altered_contradicted"] >= 0.90


def test_reports_keep_pasted_text_inert(store):
    from etl.check.report import to_csv, to_markdown

    result = check("[点我](http://evil.example) <b>x</b> =cmd| 2015年末正常运营平台2595家。", store)
    md = to_markdown(result, "en")
    assert "\\[点我\\]\\(http://evil.example\\)" in md and "<b>" not in md
    assert "wdzj" in to_csv(result) or "Wangdaizhijia" in to_csv(result)
    zh = to_markdown(check("2023年网贷平台有近2000家。", store), "zh")
    assert "与数据不符" in zh and "为零" in zh


def test_random_text_never_raises(store):
    """Scrambled sector text (digits, numerals, units, qualifiers, dates, tags, other scripts): a result, not
    a traceback."""
    import random

    pieces = [
        "2014年", "末", "第三季度", "11月中旬", "截至", "近", "逾", "超过", "约", "左右", "多", "余", "家", "亿元",
        "万亿", "万", "%", "百分之", "一千五百", "两", "兩", "千", "十", "1,575", "2 935", "9.45", "0", "-", "~", "至",
        "分别为",
        "、", ",", "。", "\n", "P2P", "网贷平台", "小额贷款公司", "贷款余额", "成交量", "问题平台", "累计", "新增",
        "end-June", "2024", "last year", "first half of", "billion yuan", "platforms", "between", "and", "about",
        "U.S. dollars", "<b>", "</b>", "http://x.cn/1", "13812345678", "第3页", "Россия", "٣٤٥", "😀", "\x00", "\u200b",
        "江苏省", "Beijing", "目前", "去年", "或将", "每天", "其中", "、", "(", ")", "“", "”", "½", "²", "١٢",
    ]  # fmt: skip
    rng = random.Random(15)
    for _ in range(600):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        try:
            result = check(text, store, date(2020, 6, 30) if rng.random() < 0.5 else None)
        except InputProblem:
            continue  # binary-looking input: refused with a message, which is the designed answer
        except Exception as exc:  # pragma: no cover - the assertion below names the input
            raise AssertionError(f"check raised {exc!r} on {text!r}") from exc
        for item in result.claims:
            assert result.text[item.claim.start : item.claim.end] == item.claim.quote
