"""Exports carry their source: CSV with BOM and source lines, XLSX with an about sheet, ZIP bundle."""

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
        "series_id": ["p2p_platforms_operating"], "period_label": ["2014"], "period_end": [date(2014, 12, 31)],
        "region": ["CN"], "publisher_id": ["wdzj"], "publisher_zh": ["网贷之家"], "publisher_en": ["Wangdaizhijia"],
        "value": [1575.0], "unit": ["家"], "source_url": ["http://example.org/p"],
        "excerpt": ["全國網貸運營平臺達1575家"],
    }
)  # fmt: skip
META = ExportMeta(
    title="正常运营P2P平台数",
    unit="家",
    publishers=["网贷之家"],
    permalink="http://x/platforms?pl_p=wdzj",
    build_id="abc",
)


def test_csv_has_bom_source_lines_and_data():
    content = csv_bytes(FRAME, META)
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    comments = [line for line in text.splitlines() if line.startswith("# ")]
    assert "# Unit: 家" in comments and any(c.startswith("# Source: 网贷之家") for c in comments)
    assert any("Citation: Lendscope" in c and "http://x/platforms?pl_p=wdzj" in c for c in comments)
    rows = list(csv.DictReader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("# ")))))
    assert rows[0]["value"] == "1575.0" and rows[0]["excerpt"] == "全國網貸運營平臺達1575家"
    assert rows[0]["source_url"] == "http://example.org/p"


def test_xlsx_has_data_and_about_sheets():
    book = load_workbook(io.BytesIO(xlsx_bytes(FRAME, META)))
    assert book.sheetnames == ["data", "about"]
    header = [c.value for c in book["data"][1]]
    assert header[:3] == ["series_id", "period_label", "period_end"]
    about = {row[0].value: row[1].value for row in book["about"].iter_rows()}
    assert about["Unit"] == "家" and "Lendscope" in about["Citation"]


def test_zip_bundle_holds_csv_metadata_and_readme():
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes(FRAME, META, "platforms")))
    assert sorted(archive.namelist()) == ["README.md", "metadata.json", "platforms.csv"]
    meta = json.loads(archive.read("metadata.json"))
    assert meta["unit"] == "家" and meta["sources"] == ["http://example.org/p"] and meta["rows"] == 1
    assert "Citation:" in archive.read("README.md").decode("utf-8")
