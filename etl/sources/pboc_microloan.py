"""PBoC quarterly microloan-company statistics (小额贷款公司统计数据报告): report pages with a table
of 地区名称, 机构数量(家), 从业人员数(人), 实收资本(亿元), 贷款余额(亿元) for the country and each province.

Report pages are discovered from a listing page (links whose text names the report) and/or taken
from a configured list. Layout variations tolerated: header cells with or without units or spaces,
地区 or 地区名称, province names with or without 省/市/自治区 suffixes, thousands separators; the
period comes from the table's date (2016-12-31) or from 截至YYYY年M月末 in the text.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

from etl.fetch import FetchPolicy, Response, fetch
from etl.sources import Document, Parsed, SourceError

SOURCE_ID = "pboc_microloan"
PUBLISHER = "pboc"
COLUMNS = {  # keyword in the header cell -> (series, unit)
    "机构数量": ("microloan_companies", "家"),
    "从业人员": ("microloan_staff", "人"),
    "实收资本": ("microloan_paid_in_capital", "亿元"),
    "贷款余额": ("microloan_loan_balance", "亿元"),
}
REPORT_LINK = re.compile(r"小额贷款公司.*统计数据报告")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class _Tables(HTMLParser):
    """Collects every table as rows of cell texts, the page title, and every link."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.links: list[tuple[str, str]] = []
        self.title = ""
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._href: str | None = None
        self._link_text: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "a":
            self._href, self._link_text = dict(attrs).get("href"), []
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(re.sub(r"\s+", "", "".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if any(self._row):
                self.tables[-1].append(self._row)
            self._row = None
        elif tag == "a" and self._href:
            self.links.append((self._href, "".join(self._link_text).strip()))
            self._href = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._href is not None:
            self._link_text.append(data)
        if self._in_title:
            self.title += data.strip()


def _html(doc: Document) -> _Tables:
    for encoding in ("utf-8", "gb18030"):
        try:
            text = doc.content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SourceError(f"{doc.url}: neither UTF-8 nor GB18030")
    parser = _Tables()
    parser.feed(text)
    parser.text = text
    return parser


def discover(listing: Document) -> list[str]:
    page = _html(listing)
    return [urljoin(listing.url, href) for href, text in page.links if href and REPORT_LINK.search(text)]


def fetch_all(session: requests.Session, config: dict, policy: FetchPolicy, previous: dict) -> list[Response]:
    responses, urls = [], list(config.get("report_urls", []))
    if config.get("listing_url"):
        listing = fetch(session, config["listing_url"], policy)
        urls += [u for u in discover(Document(listing.url, listing.content, listing.content_type, "")) if u not in urls]
    if not urls:
        raise SourceError("no report pages: set listing_url or report_urls for pboc_microloan in data/refresh.toml")
    for url in urls:
        meta = previous.get(url, {})
        responses.append(fetch(session, url, policy, meta.get("etag"), meta.get("last_modified")))
    return responses


def region_codes(data_dir: Path) -> dict[str, str]:
    with (data_dir / "regions.csv").open(encoding="utf-8") as fh:
        return {row["name_zh"]: row["code"] for row in csv.DictReader(fh) if row["code"].startswith("CN")}


def region_of(name: str, codes: dict[str, str]) -> str | None:
    name = name.replace(" ", "")
    if name in ("全国", "合计", "总计"):
        return "CN"
    for zh, code in sorted(codes.items(), key=lambda kv: -len(kv[0])):
        if code != "CN" and name.startswith(zh):
            return code
    return None


def period_of(text: str, url: str) -> str:
    m = re.search(r"(20\d{2})-(\d{2})-(\d{2})", text) or re.search(r"截至(20\d{2})年(\d{1,2})月末", text)
    if not m:
        raise SourceError(f"{url}: no table date (YYYY-MM-DD) or 截至YYYY年M月末 found")
    year, month = int(m[1]), int(m[2])
    if month not in (3, 6, 9, 12):
        raise SourceError(f"{url}: the table date {year}-{month:02d} is not a quarter-end")
    return str(year) if month == 12 else f"{year}-Q{month // 3}"


def parse_report(doc: Document, codes: dict[str, str]) -> Parsed:
    page = _html(doc)
    header_index, table = None, None
    for candidate in page.tables:
        for index, row in enumerate(candidate):
            if any(c.startswith("地区") for c in row) and any("机构数量" in c for c in row):
                header_index, table = index, candidate
                break
        if table:
            break
    if table is None:
        raise SourceError(f"{doc.url}: no table with 地区名称 and 机构数量 columns")
    header = table[header_index]
    columns = {}
    for keyword in COLUMNS:
        matches = [i for i, cell in enumerate(header) if keyword in cell]
        if not matches:
            raise SourceError(f"{doc.url}: the table has no {keyword} column (header: {' | '.join(header)})")
        columns[keyword] = matches[0]
    region_column = next(i for i, cell in enumerate(header) if cell.startswith("地区"))
    period = period_of(page.text, doc.url)
    source_id = f"pboc-microloan-{period.lower()}"
    parsed = Parsed()
    seen: set[str] = set()
    for row_number, row in enumerate(table[header_index + 1 :], start=header_index + 2):
        if len(row) <= max(columns.values()) or not row[region_column] or row[region_column].startswith("("):
            continue  # a units row or a note
        region = region_of(row[region_column], codes)
        if region is None:
            raise SourceError(f"{doc.url}: table row {row_number}: unknown region {row[region_column]!r}")
        if region in seen:
            raise SourceError(f"{doc.url}: table row {row_number}: {row[region_column]} appears twice")
        seen.add(region)
        excerpt = " ".join(row)
        for keyword, index in columns.items():
            cell = row[index].replace(",", "")
            if not NUMBER.match(cell):
                raise SourceError(f"{doc.url}: table row {row_number} ({row[region_column]}), column {keyword}: "
                                  f"not a number: {row[index]!r}")  # fmt: skip
            series, unit = COLUMNS[keyword]
            parsed.rows.append(
                {
                    "series": series, "period": period, "region": region, "publisher": PUBLISHER, "value": cell,
                    "unit": unit, "qualifier": "", "source": source_id, "excerpt": excerpt, "derivation": "",
                    "vintage": "", "reliability": "", "note": "", "attribution": "",
                }
            )  # fmt: skip
    if "CN" not in seen:
        raise SourceError(f"{doc.url}: the table has no 全国 (national) row")
    parsed.sources[source_id] = {
        "publisher": "中国人民银行 (pbc.gov.cn)",
        "title": page.title or f"小额贷款公司统计数据报告 {period}",
        "url": doc.url,
        "accessed": date.fromisoformat(doc.retrieved[:10]),
        "kind": "official release",
        "reliability": "high",
        "note": "Fetched by python -m etl refresh; replaces figures curated from reposts.",
    }
    return parsed


def parse(documents: list[Document], config: dict, data_dir: Path | None = None) -> Parsed:
    from etl.paths import DATA_DIR

    codes = region_codes(data_dir or DATA_DIR)
    out = Parsed()
    for doc in documents:
        part = parse_report(doc, codes)
        duplicate = {(r["series"], r["period"], r["region"]) for r in out.rows} & {
            (r["series"], r["period"], r["region"]) for r in part.rows
        }
        if duplicate:
            raise SourceError(f"{doc.url}: repeats figures of another report page: {sorted(duplicate)[:3]}")
        out.rows += part.rows
        out.sources |= part.sources
    return out
