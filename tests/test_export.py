"""Exports carry their source: a CSV that Excel, pandas and polars open with their defaults (header
first, one row per figure with source URL and excerpt), XLSX with real dates and an about sheet, a ZIP
whose README and metadata.json hold title, unit, citation and notes."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import polars as pl
from openpyxl import load_workbook

from app.export import ExportMeta, csv_bytes, xlsx_bytes, zip_bytes

FRAME = pl.DataFrame(
    {
        "series_id": ["p2p_platforms_operating"], "period_label": ["2014"], "period_type": ["year"],
        "period_end": [date(2014, 12, 31)], "region": ["CN"], "publisher_id": ["wdzj"],
        "publisher_zh": ["网贷之家 / 盈灿咨询"], "publisher_en": ["Wangdaizhijia (wdzj.com) / Yingcan Consulting"],
        "value": [1575.0], "unit": ["家"], "qualifier": ["about"], "source_url": ["http://example.org/p"],
        "excerpt": ["全國網貸運營平臺達1575家"], "accessed": [date(2026, 11, 29)],
    }
)  # fmt: skip
META = ExportMeta(
    title="P2P platforms in normal operation",
    unit="platforms",
    publishers=["Wangdaizhijia (wdzj.com) / Yingcan Consulting (网贷之家 / 盈灿咨询)"],
    permalink="http://x/platforms?pl_p=wdzj",
    build_id="abc",
    notes=["2 values derived from figures on the page"],
    lang="en",
)


def test_csv_opens_with_defaults_header_first_one_row_per_figure():
    content = csv_bytes(FRAME, META)
    assert content.startswith("\ufeff".encode()), "Excel needs the BOM to read Chinese"
    text = content.decode("utf-8-sig")
    assert not text.startswith("#") and text.splitlines()[0].startswith("series,")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    row = rows[0]
    assert row["value"] == "1575.0" and row["unit"] == "platforms" and row["qualifier"] == "about"
    assert row["period"] == "2014" and row["publisher"].startswith("Wangdaizhijia")
    assert row["excerpt"] == "全國網貸運營平臺達1575家" and row["source_url"] == "http://example.org/p"
    frame = pl.read_csv(io.BytesIO(content))  # polars' defaults
    assert frame.height == 1 and frame["source_url"][0] == "http://example.org/p"


def test_csv_labels_follow_the_language():
    text = csv_bytes(FRAME, ExportMeta("t", "家", [], lang="zh")).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert (
        row["unit"] == "家"
        and row["period"] == "2014年"
        and row["qualifier"] == "约"
        and row["publisher"] == "网贷之家 / 盈灿咨询"
    )


def test_xlsx_has_real_dates_widths_and_an_about_sheet():
    book = load_workbook(io.BytesIO(xlsx_bytes(FRAME, META)))
    assert book.sheetnames == ["data", "about"]
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    end = sheet.cell(row=2, column=header.index("period_end") + 1).value
    assert end.date() == date(2014, 12, 31)  # a date, not the text "2014-12-31"
    assert sheet.column_dimensions["A"].width > 8 and sheet.freeze_panes == "A2"
    about = {row[0].value: row[1].value for row in book["about"].iter_rows()}
    assert about["Unit"] == "platforms" and "Lendscope" in about["Citation"] and about["Note"].startswith("2 values")


def test_zip_bundle_holds_csv_metadata_and_readme():
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes(FRAME, META, "platforms")))
    assert sorted(archive.namelist()) == ["README.md", "metadata.json", "platforms.csv"]
    meta = json.loads(archive.read("metadata.json"))
    assert meta["unit"] == "platforms" and meta["sources"] == ["http://example.org/p"] and meta["rows"] == 1
    assert meta["notes"] == ["2 values derived from figures on the page"] and "Lendscope" in meta["citation"]
    readme = archive.read("README.md").decode("utf-8")
    assert (
        readme.startswith("# P2P platforms in normal operation")
        and "Citation:" in readme
        and "Unit: platforms" in readme
    )
    assert archive.read("platforms.csv") == csv_bytes(FRAME, META)


def test_the_chinese_citation():
    meta = ExportMeta("正常运营P2P平台数", "家", ["网贷之家 / 盈灿咨询"], build_id="abc", lang="zh",
                      accessed=date(2026, 12, 1))  # fmt: skip
    assert (
        meta.citation()
        == "Lendscope,《正常运营P2P平台数》,数据来自网贷之家 / 盈灿咨询,数据版本 abc,访问于 2026-12-01。"
    )


def test_a_citation_names_four_publishers_at_most_and_counts_the_rest():
    """The regulation timeline has dozens of authorities: the citation stays a line a journalist can paste."""
    many = [f"Publisher {i}" for i in range(12)]
    english = ExportMeta("Events", "", many, build_id="abc", lang="en", accessed=date(2026, 12, 1))
    assert "data from Publisher 0; Publisher 1; Publisher 2 and 9 others, build abc" in english.citation()
    chinese = ExportMeta("事件", "", many, build_id="abc", lang="zh", accessed=date(2026, 12, 1))
    assert "数据来自Publisher 0; Publisher 1; Publisher 2等12家," in chinese.citation()
    assert "Publisher 3" not in english.citation() + chinese.citation()
    four = ExportMeta("Events", "", many[:4], build_id="abc", lang="en", accessed=date(2026, 12, 1))
    assert "Publisher 3, build" in four.citation()
