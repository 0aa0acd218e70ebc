"""Exports that carry their source: CSV (UTF-8 with BOM), XLSX (data + about sheets), a ZIP bundle
(CSV + metadata.json + README with citation), and static images. Pure functions: no Streamlit."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from etl.output import flatten_nested

# The columns an export holds, in order: what was drawn, and where each figure was read.
EXPORT_COLUMNS = (
    "series_id", "period_label", "period_end", "region", "publisher_id", "publisher_zh", "publisher_en",
    "value", "unit", "qualifier", "derived", "derivation", "vintage", "reliability", "publisher_inferred",
    "source_title", "source_url", "accessed", "excerpt", "note",
)  # fmt: skip


@dataclass
class ExportMeta:
    title: str
    unit: str
    publishers: list[str]
    permalink: str = ""
    notes: list[str] = field(default_factory=list)
    build_id: str = ""
    accessed: date = field(default_factory=date.today)

    def citation(self) -> str:
        who = "; ".join(self.publishers) or "—"
        link = f" {self.permalink}" if self.permalink else ""
        return (
            f"Lendscope, “{self.title}”, data from {who}, build {self.build_id}, "
            f"accessed {self.accessed.isoformat()}.{link}"
        )

    def header_lines(self) -> list[str]:
        lines = [
            f"Title: {self.title}",
            f"Unit: {self.unit}",
            f"Source: {'; '.join(self.publishers)} (each row's source_url is the page the figure was read on)",
            f"Citation: {self.citation()}",
        ]
        return lines + [f"Note: {n}" for n in self.notes]


def export_frame(frame: pl.DataFrame) -> pl.DataFrame:
    return flatten_nested(frame.select([c for c in EXPORT_COLUMNS if c in frame.columns]))


def csv_bytes(frame: pl.DataFrame, meta: ExportMeta) -> bytes:
    """UTF-8 with BOM (spreadsheet programs then read Chinese correctly); `#` lines carry the source."""
    header = "".join(f"# {line}\n" for line in meta.header_lines())
    return ("\ufeff" + header + export_frame(frame).write_csv()).encode("utf-8")


def xlsx_bytes(frame: pl.DataFrame, meta: ExportMeta) -> bytes:
    from openpyxl import Workbook

    data = export_frame(frame)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.append(list(data.columns))
    for row in data.iter_rows():
        sheet.append([v.isoformat() if isinstance(v, date) else v for v in row])
    about = workbook.create_sheet("about")
    for line in meta.header_lines():
        key, _, value = line.partition(": ")
        about.append([key, value])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def metadata(meta: ExportMeta, frame: pl.DataFrame) -> dict:
    data = export_frame(frame)
    return {
        "title": meta.title,
        "unit": meta.unit,
        "publishers": meta.publishers,
        "citation": meta.citation(),
        "permalink": meta.permalink,
        "build_id": meta.build_id,
        "notes": meta.notes,
        "rows": data.height,
        "columns": data.columns,
        "sources": sorted(set(data["source_url"].to_list())) if "source_url" in data.columns else [],
    }


def zip_bytes(frame: pl.DataFrame, meta: ExportMeta, base_name: str) -> bytes:
    files = [
        f"- {base_name}.csv: the data drawn, one row per figure, with the page each was read on",
        "- metadata.json: title, unit, publishers, citation, source URLs",
    ]
    readme = "\n".join([f"# {meta.title}", "", *meta.header_lines(), "", "Files:", *files, ""])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{base_name}.csv", csv_bytes(frame, meta))
        archive.writestr("metadata.json", json.dumps(metadata(meta, frame), ensure_ascii=False, indent=2))
        archive.writestr("README.md", readme)
    return buffer.getvalue()


class ImageExportUnavailable(RuntimeError):
    pass


def image_export_available() -> bool:
    import shutil

    return any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))


def image_bytes(figure, fmt: str, width: int = 1100, height: int = 650, scale: float = 2) -> bytes:
    """PNG or SVG through kaleido, which needs a Chromium on the machine."""
    if not image_export_available():
        raise ImageExportUnavailable("no Chromium found (install Debian's chromium)")
    try:
        return figure.to_image(format=fmt, width=width, height=height, scale=scale)
    except Exception as exc:  # kaleido reports a missing or broken browser in several ways
        raise ImageExportUnavailable(f"{type(exc).__name__}: {exc}") from exc
