"""World Bank Indicators API (v2, JSON): domestic credit to the private sector, bank NPLs, lending
rate, Global Findex borrowing, for China and comparison economies.

Layout: a JSON array [page_info, records]; page_info has page, pages, per_page, total; each record
has indicator {id, value}, country {id (ISO2), value}, countryiso3code, date, value (null when
missing). An error comes inside a 200 response as [{"message": [{"id", "key", "value"}]}].
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import requests

from etl.fetch import FetchPolicy, Response, fetch
from etl.sources import Document, Parsed, SourceError

SOURCE_ID = "worldbank"
PUBLISHER = "worldbank"
INDICATORS = {
    "FS.AST.PRVT.GD.ZS": "macro_private_credit_gdp",
    "FB.AST.NPER.ZS": "macro_bank_npl",
    "FR.INR.LEND": "macro_lending_rate",
}
DEFAULTS = {
    "base_url": "https://api.worldbank.org",
    "countries": ["CN", "US", "JP", "KR", "IN", "ID", "BR"],
    "first_year": 2005,
    "per_page": 1000,
}


def settings(config: dict) -> dict:
    out = DEFAULTS | config
    out["indicators"] = config.get("indicators") or INDICATORS  # a configured list replaces the default
    return out


def page_url(cfg: dict, code: str, page: int) -> str:
    countries = ";".join(cfg["countries"])
    last_year = date.today().year
    return (
        f"{cfg['base_url'].rstrip('/')}/v2/country/{countries}/indicator/{code}"
        f"?format=json&per_page={cfg['per_page']}&date={cfg['first_year']}:{last_year}&page={page}"
    )


# More pages than this for one indicator is not the World Bank's layout (1000 records a page).
MAX_PAGES = 50


def _decode(url: str, content: bytes, content_type: str) -> list:
    """The [page_info, records] payload, its shape checked: anything else is one SourceError line."""
    try:
        text = content.decode("utf-8")  # JSON is UTF-8 (RFC 8259); GBK labelled as UTF-8 would be mojibake
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{url}: not UTF-8 (byte {content[exc.start]:#04x} at offset {exc.start}; "
            f"declared {content_type or 'nothing'}): refused rather than stored garbled"
        ) from None
    if "json" not in content_type.lower() and text.lstrip()[:1] not in "[{":
        raise SourceError(f"{url}: expected JSON, got {content_type or 'no content type'}: {text.strip()[:80]!r}")
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{url}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    if isinstance(payload, list) and payload and isinstance(payload[0], dict) and "message" in payload[0]:
        notes = payload[0]["message"] if isinstance(payload[0]["message"], list) else [payload[0]["message"]]
        messages = "; ".join(
            f"{m.get('id')} {m.get('key')}: {m.get('value')}" if isinstance(m, dict) else str(m) for m in notes
        )
        raise SourceError(f"{url}: the World Bank API answered with an error: {messages[:200]}")
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], dict)):
        raise SourceError(f"{url}: unexpected JSON layout (expected [page_info, records])")
    info, records = payload
    if records is not None and not (isinstance(records, list) and all(isinstance(r, dict) for r in records)):
        raise SourceError(
            f"{url}: unexpected JSON layout: the records are a {type(records).__name__}, not a list of objects"
        )
    pages = info.get("pages", 1)
    if isinstance(pages, bool) or not (isinstance(pages, int) or (isinstance(pages, str) and pages.isdigit())):
        raise SourceError(f"{url}: unexpected JSON layout: page_info.pages is {str(pages)[:40]!r}, not a number")
    if int(pages) > MAX_PAGES:
        raise SourceError(f"{url}: page_info.pages says {int(pages):,} pages; more than {MAX_PAGES} is refused")
    return payload


def fetch_all(session: requests.Session, config: dict, policy: FetchPolicy, previous: dict) -> list[Response]:
    """Every page of every indicator. `previous` maps url -> snapshot meta (for conditional requests)."""
    cfg = settings(config)
    responses = []
    for code in cfg["indicators"]:
        page, pages = 1, 1
        while page <= pages:
            url = page_url(cfg, code, page)
            meta = previous.get(url, {})
            response = fetch(session, url, policy, meta.get("etag"), meta.get("last_modified"))
            responses.append(response)
            if response.not_modified:
                break  # unchanged since the last snapshot: the earlier pages' snapshot stands
            info = _decode(url, response.content, response.content_type)[0]
            pages = int(info.get("pages") or 1)  # checked by _decode: a number, at most MAX_PAGES
            page += 1
    return responses


def _plain(value) -> str:
    return format(Decimal(str(value)), "f")


def parse(documents: list[Document], config: dict, data_dir=None) -> Parsed:
    cfg = settings(config)
    parsed = Parsed()
    seen: dict[tuple, str] = {}
    for doc in documents:
        _info, records = _decode(doc.url, doc.content, doc.content_type)
        for record in records or []:
            indicator, country = record.get("indicator"), record.get("country")
            if not (isinstance(indicator, (dict, type(None))) and isinstance(country, (dict, type(None)))):
                raise SourceError(f"{doc.url}: unexpected JSON layout: indicator and country must be objects")
            code = (indicator or {}).get("id")
            series = cfg["indicators"].get(code) if isinstance(code, str) else None
            region = (country or {}).get("id")
            year = str(record.get("date") or "")
            if series is None or region not in cfg["countries"] or not (year.isdigit() and len(year) == 4):
                continue
            if record.get("value") is None:
                continue  # the API marks a missing figure with null: no figure, no row
            if isinstance(record["value"], bool) or not isinstance(record["value"], (int, float)):
                raise SourceError(
                    f"{doc.url}: {code} {region} {year}: value {str(record['value'])[:40]!r} is not a number"
                )
            if record["value"] != record["value"] or abs(record["value"]) == float("inf"):
                raise SourceError(f"{doc.url}: {code} {region} {year}: value is not a finite number")
            value = _plain(record["value"])
            key = (series, year, region)
            if key in seen:
                if seen[key] != value:
                    raise SourceError(f"{doc.url}: {code} {region} {year} appears twice with different values")
                continue
            seen[key] = value
            source_id = f"wb-api-{code.lower().replace('.', '-')}"
            parsed.rows.append(
                {
                    "series": series, "period": year, "region": region, "publisher": PUBLISHER, "value": value,
                    "unit": "%", "qualifier": "", "source": source_id,
                    "excerpt": json.dumps(
                        {"countryiso3code": record.get("countryiso3code"), "date": year, "value": record["value"]}
                    ),
                    "derivation": "", "vintage": "", "reliability": "", "note": "", "attribution": "",
                }
            )  # fmt: skip
            parsed.sources.setdefault(
                source_id,
                {
                    "publisher": "World Bank Indicators API (api.worldbank.org)",
                    "title": f"World Bank WDI {code}: {(record.get('indicator') or {}).get('value', '')}".strip(),
                    "url": doc.url.split("&page=")[0],
                    "accessed": date.fromisoformat(doc.retrieved[:10]),
                    "kind": "API",
                    "reliability": "high",
                    "licence": "CC BY 4.0",
                    "note": "Fetched by python -m etl refresh; replaces values curated from stored pages.",
                },
            )
    return parsed
