"""PBoC quarterly microloan-company statistics (小额贷款公司统计数据报告): report pages with a table
of 地区名称, 机构数量(家), 从业人员数(人), 实收资本(亿元), 贷款余额(亿元) for the country and each province.

Report pages are discovered from the statistics listing and/or taken from a configured list. The
listing is paginated (index.html, then e.g. 11871-2.html …; `listing_page_url` in refresh.toml gives
the pattern, the page count comes from the listing's totalpage attribute). Early reports are titled
数据统计报告, later ones 统计数据报告; both are found. Where a report page holds no table but links an
attachment (an .htm/.html or .xlsx table), the attachment is fetched and parsed, with the report page
as its referrer. Layout variations tolerated: header cells with or without units or spaces, 地区 or
地区名称, province names with or without 省/市/自治区 suffixes, thousands separators; the period comes
from the table's date (2016-12-31) or from 截至YYYY年M月末 / 截至YYYY年末 in the text.

A page that cannot be parsed fails the whole source with a message naming it (nothing is loaded);
`exclude_urls` in refresh.toml leaves out a page known to be unusable, say a PDF-only attachment.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

from etl.fetch import FetchError, FetchPolicy, Response, fetch
from etl.sources import Document, Parsed, SourceError

SOURCE_ID = "pboc_microloan"
PUBLISHER = "pboc"
COLUMNS = {  # keyword in the header cell -> (series, unit)
    "机构数量": ("microloan_companies", "家"),
    "从业人员": ("microloan_staff", "人"),
    "实收资本": ("microloan_paid_in_capital", "亿元"),
    "贷款余额": ("microloan_loan_balance", "亿元"),
}
REPORT_LINK = re.compile(r"小额贷款公司.*(统计数据|数据统计)报告")
# An attachment holding the table: a link to a table file, or a link whose text names the table.
ATTACHMENT_FILE = re.compile(r"\.(html?|xlsx)(\?.*)?$", re.IGNORECASE)
ATTACHMENT_TEXT = re.compile(r"分地区|统计表|附件|附表")
UNPARSABLE_FILE = re.compile(r"\.(pdf|xls|docx?)(\?.*)?$", re.IGNORECASE)
TOTAL_PAGES = re.compile(r'totalpage="(\d+)"')
MAX_LISTING_PAGES = 40
HARD_MAX_LISTING_PAGES = 200  # whatever refresh.toml or the listing's totalpage says
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


def attachments(report: Document) -> list[str]:
    """Links of a report page that hold its table, when the page itself has none."""
    page = _html(report)
    if _report_table(page.tables):
        return []
    out = []
    for href, text in page.links:
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(report.url, href)
        names_table = (ATTACHMENT_FILE.search(href) and ATTACHMENT_TEXT.search(text)) or "attachDir" in href
        if names_table and url not in out and url != report.url:
            out.append(url)
    return out


def listing_pages(first: Document, config: dict) -> list[str]:
    """Further listing pages: `listing_page_url` with {page} = 2 … the listing's totalpage (or
    `max_listing_pages` when the page does not say), never more than `max_listing_pages`."""
    pattern = config.get("listing_page_url")
    if not pattern:
        return []
    if "{page}" not in pattern:
        raise SourceError("listing_page_url in refresh.toml must contain {page}")
    try:
        cap = min(int(config.get("max_listing_pages", MAX_LISTING_PAGES)), HARD_MAX_LISTING_PAGES)
    except (TypeError, ValueError):
        raise SourceError("max_listing_pages in refresh.toml must be a whole number") from None
    found = TOTAL_PAGES.search(_html(first).text)
    last = min(int(found[1]), cap) if found else cap
    return [pattern.format(page=n) for n in range(2, last + 1)]


def fetch_all(session: requests.Session, config: dict, policy: FetchPolicy, previous: dict) -> list[Response]:
    excluded = set(config.get("exclude_urls", []))
    urls = [u for u in config.get("report_urls", []) if u not in excluded]
    if config.get("listing_url"):
        listing = fetch(session, config["listing_url"], policy)
        first = Document(listing.url, listing.content, listing.content_type, "")
        found = discover(first)
        for page_url in listing_pages(first, config):
            try:
                page = fetch(session, page_url, policy)
            except FetchError as exc:
                if "HTTP 404" in str(exc):
                    break  # past the last page of a listing that does not say how many it has
                raise
            more = discover(Document(page.url, page.content, page.content_type, ""))
            if not more:
                break
            found += more
        urls += [u for u in found if u not in urls and u not in excluded]
    if not urls:
        raise SourceError("no report pages: set listing_url or report_urls for pboc_microloan in data/refresh.toml")
    responses = []
    for url in urls:
        meta = previous.get(url, {})
        response = fetch(session, url, policy, meta.get("etag"), meta.get("last_modified"))
        responses.append(response)
        if response.not_modified:  # its attachments are the ones fetched with it last time
            linked = [u for u, m in previous.items() if m.get("referrer") == url]
        else:
            linked = attachments(Document(url, response.content, response.content_type, ""))
        for attachment_url in linked:
            if attachment_url in excluded:
                continue
            old = previous.get(attachment_url, {})
            attachment = fetch(session, attachment_url, policy, old.get("etag"), old.get("last_modified"))
            attachment.referrer = url
            responses.append(attachment)
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


def period_of(table_text: str, page_text: str, url: str) -> str:
    """The quarter-end a table reports: its own date (2016-12-31, 2016年12月) first, because a page also
    carries other dates (when it was published); else 截至YYYY年M月末 or 截至YYYY年末 in the text."""
    m = re.search(r"(20\d{2})-(\d{2})-(\d{2})", table_text) or re.search(r"(20\d{2})年(\d{1,2})月", table_text)
    m = m or re.search(r"截至(20\d{2})年(\d{1,2})月末", page_text)
    if m:
        year, month = int(m[1]), int(m[2])
    elif m := re.search(r"截至(20\d{2})年末", page_text):
        year, month = int(m[1]), 12
    else:
        raise SourceError(f"{url}: no table date (YYYY-MM-DD), 截至YYYY年M月末 or 截至YYYY年末 found")
    if month not in (3, 6, 9, 12):
        raise SourceError(f"{url}: the table date {year}-{month:02d} is not a quarter-end")
    return str(year) if month == 12 else f"{year}-Q{month // 3}"


def _report_table(tables: list[list[list[str]]]) -> tuple[list[list[str]], int] | None:
    """The table whose header row names 地区 and 机构数量, and that row's index."""
    for candidate in tables:
        for index, row in enumerate(candidate):
            if any(c.startswith("地区") for c in row) and any("机构数量" in c for c in row):
                return candidate, index
    return None


class _Sheets:
    """An .xlsx attachment read like a page: every sheet a table of cell texts."""

    def __init__(self, content: bytes, url: str):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # a damaged or mislabelled file: say which
            raise SourceError(f"{url}: not a readable .xlsx file ({type(exc).__name__})") from exc
        self.tables, texts = [], []
        for sheet in book.worksheets:
            rows = []
            for values in sheet.iter_rows(values_only=True):
                row = [_cell_text(v) for v in values]
                if any(row):
                    rows.append(row)
            self.tables.append(rows)
            texts += [" ".join(r) for r in rows]
        self.text, self.title, self.links = "\n".join(texts), "", []


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and callable(value.date):
        return value.date().isoformat()
    return re.sub(r"\s+", "", str(value))


def _page(doc: Document):
    """HTML or .xlsx, read into tables, text, title and links."""
    if doc.content[:2] == b"PK" or doc.url.lower().split("?")[0].endswith(".xlsx"):
        return _Sheets(doc.content, doc.url)
    if UNPARSABLE_FILE.search(doc.url) or doc.content[:5] == b"%PDF-":
        raise SourceError(f"{doc.url}: a PDF/.xls/.doc attachment cannot be read; list it in exclude_urls")
    return _html(doc)


def parse_report(doc: Document, codes: dict[str, str], attached: list[Document] = ()) -> Parsed:
    """Figures of one report page, read from its own table or else from an attachment it links."""
    page = _page(doc)
    found, holder, context = _report_table(page.tables), doc, page.text
    for attachment in attached if not found else ():
        sheet = _page(attachment)
        found = _report_table(sheet.tables)
        if found:
            holder, context = attachment, sheet.text + "\n" + page.text
            break
    if found is None:
        where = " or in its attachments" if attached else ""
        raise SourceError(f"{doc.url}: no table with 地区名称 and 机构数量 columns{where}")
    table, header_index = found
    header = table[header_index]
    columns = {}
    for keyword in COLUMNS:
        matches = [i for i, cell in enumerate(header) if keyword in cell]
        if not matches:
            raise SourceError(f"{holder.url}: the table has no {keyword} column (header: {' | '.join(header)})")
        columns[keyword] = matches[0]
    region_column = next(i for i, cell in enumerate(header) if cell.startswith("地区"))
    table_text = "\n".join(" ".join(row) for row in table)
    period = period_of(table_text, context, holder.url)
    source_id = f"pboc-microloan-{period.lower()}"
    parsed = Parsed()
    seen: set[str] = set()
    for row_number, row in enumerate(table[header_index + 1 :], start=header_index + 2):
        if len(row) <= max(columns.values()) or not row[region_column] or row[region_column].startswith("("):
            continue  # a units row or a note
        region = region_of(row[region_column], codes)
        if region is None:
            raise SourceError(f"{holder.url}: table row {row_number}: unknown region {row[region_column]!r}")
        if region in seen:
            raise SourceError(f"{holder.url}: table row {row_number}: {row[region_column]} appears twice")
        seen.add(region)
        excerpt = " ".join(row)
        for keyword, index in columns.items():
            cell = row[index].replace(",", "")
            if not NUMBER.match(cell):
                raise SourceError(f"{holder.url}: table row {row_number} ({row[region_column]}), column {keyword}: "
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
        raise SourceError(f"{holder.url}: the table has no 全国 (national) row")
    parsed.sources[source_id] = {
        "publisher": "中国人民银行 (pbc.gov.cn)",
        "title": page.title or f"小额贷款公司统计数据报告 {period}",
        "url": doc.url,
        "accessed": date.fromisoformat(doc.retrieved[:10]),
        "kind": "official release",
        "reliability": "high",
        "note": "Fetched by python -m etl refresh; replaces figures curated from reposts."
        + (f" Table read from the attachment {holder.url}." if holder is not doc else ""),
    }
    return parsed


def parse(documents: list[Document], config: dict, data_dir: Path | None = None) -> Parsed:
    from etl.paths import DATA_DIR

    codes = region_codes(data_dir or DATA_DIR)
    out = Parsed()
    for doc in documents:
        if doc.referrer:
            continue  # an attachment: read with the report page that links it
        attached = [d for d in documents if d.referrer == doc.url]
        part = parse_report(doc, codes, attached)
        duplicate = {(r["series"], r["period"], r["region"]) for r in out.rows} & {
            (r["series"], r["period"], r["region"]) for r in part.rows
        }
        if duplicate:
            raise SourceError(f"{doc.url}: repeats figures of another report page: {sorted(duplicate)[:3]}")
        out.rows += part.rows
        out.sources |= part.sources
    return out
