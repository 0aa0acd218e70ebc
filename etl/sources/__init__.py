"""Sources that publish online, one module each, with the same interface:

    SOURCE_ID: str
    fetch_all(session, config, policy, previous) -> list[Response]   (the shared HTTP client)
    parse(documents, config, data_dir) -> Parsed                      (rows and source entries)

parse() writes rows and source entries in the same form as the curated files, so they pass through
the same validation."""

from __future__ import annotations

from dataclasses import dataclass, field


class SourceError(Exception):
    """A response that cannot be used: wrong format, missing column, non-numeric cell … (says where)."""


@dataclass
class Document:
    url: str
    content: bytes
    content_type: str
    retrieved: str  # ISO timestamp
    referrer: str = ""  # the page that linked to this one, for an attachment


@dataclass
class Parsed:
    rows: list[dict] = field(default_factory=list)  # observation rows, CSV columns, all strings
    sources: dict[str, dict] = field(default_factory=dict)  # source id -> TOML table


def registry() -> dict:
    from etl.sources import pboc_microloan, worldbank

    return {module.SOURCE_ID: module for module in (worldbank, pboc_microloan)}
