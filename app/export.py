"""Exports that carry their source. Pure functions: no Streamlit.

- CSV: UTF-8 with BOM (Excel reads Chinese), the header row first and one row per figure with its source
  URL and excerpt, so Excel, pandas and polars open it with their defaults. No preamble: title, unit,
  citation and notes go in the ZIP's README.md and metadata.json and the XLSX `about` sheet.
- XLSX: a `data` sheet (real dates, sized columns, header frozen) and an `about` sheet.
- ZIP: the CSV, metadata.json, README.md.
- PNG/SVG: through one long-lived kaleido renderer (a browser started once, not per image).
"""

from __future__ import annotations

import io
import json
import threading
import zipfile
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from app import labels
from etl.output import flatten_nested

# The columns a figure export holds, in order: what was drawn, in the reader's words, then the ids and
# where each figure was read.
FIGURE_COLUMNS = (
    "series", "period", "publisher", "value", "unit", "qualifier",
    "series_id", "period_label", "period_end", "region", "publisher_id", "publisher_zh", "publisher_en",
    "derived", "derivation", "vintage", "reliability", "publisher_inferred",
    "source_title", "source_url", "accessed", "excerpt", "note",
)  # fmt: skip
EVENT_COLUMNS = (
    "date", "category", "authority", "title_zh", "title_en", "doc_number", "in_force", "gist_zh", "gist_en",
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
    subtitle: str = ""
    source: str = ""
    lang: str = "en"
    spec: str = ""
    kind: str = ""
    events: list[str] = field(default_factory=list)
    rows: pl.DataFrame | None = None

    def citation(self) -> str:
        """Lendscope, the chart's title, whose data, which build, when; and the link that reopens it."""
        who = self.cited_publishers()
        link = f" {self.permalink}" if self.permalink else ""
        if self.lang == "zh":
            return (
                f"Lendscope,《{self.title.strip('“”')}》,数据来自{who},数据版本 {self.build_id},"
                f"访问于 {self.accessed.isoformat()}。{link}"
            ).strip()
        title = self.title if self.title[:1] in '“"' else f"“{self.title}”"
        return (
            f"Lendscope, {title}, data from {who}, build {self.build_id}, accessed {self.accessed.isoformat()}.{link}"
        )

    def cited_publishers(self, most: int = 4) -> str:
        """Whose data, as a citation names them: up to `most`, then how many more (the full list is
        in the source line, the Table tab and the downloads' metadata)."""
        names = list(self.publishers)
        if len(names) <= most:
            return "; ".join(names) or "—"
        shown, rest = "; ".join(names[: most - 1]), len(names) - (most - 1)
        return f"{shown}等{len(names)}家" if self.lang == "zh" else f"{shown} and {rest} others"

    def header_lines(self) -> list[tuple[str, str]]:
        zh = self.lang == "zh"
        lines = [
            ("标题" if zh else "Title", self.title),
            ("副标题" if zh else "Subtitle", self.subtitle),
            ("单位" if zh else "Unit", self.unit),
            ("来源" if zh else "Source", self.source or "; ".join(self.publishers)),
            ("引用" if zh else "Citation", self.citation()),
            ("链接" if zh else "Link", self.permalink),
            ("数据版本" if zh else "Build", self.build_id),
        ]
        lines += [("注" if zh else "Note", n) for n in self.notes]
        lines += [("事件" if zh else "Event", e) for e in self.events]
        return [(k, v) for k, v in lines if v]


def export_frame(frame: pl.DataFrame, lang: str = "en") -> pl.DataFrame:
    """The rows every download holds: one per figure (or event), readable columns first."""
    if frame.is_empty():
        return frame
    if "title_zh" in frame.columns and "value" not in frame.columns:  # events (the regulation timeline)
        out = frame.with_columns(
            category=pl.Series([labels.category({"name_zh": z, "name_en": e}, lang) for z, e in
                                zip(frame["category_zh"], frame["category_en"], strict=True)]),
        )  # fmt: skip
        return flatten_nested(out.select([c for c in EVENT_COLUMNS if c in out.columns]))
    records = list(frame.iter_rows(named=True))
    readable = {
        "series": [labels.series(r.get("series_id") or "", lang) for r in records],
        "period": [labels.period(r["period_label"], r.get("period_type"), lang) for r in records],
        "publisher": [labels.publisher_full(r, lang) for r in records],
        "unit": [labels.unit(r["unit"], lang, r.get("series_id")) for r in records],
        "qualifier": [labels.qualifier(r.get("qualifier"), lang) or None for r in records],
    }
    out = frame.with_columns([pl.Series(k, v, dtype=pl.String) for k, v in readable.items()])
    columns = [c for c in FIGURE_COLUMNS if c in out.columns]
    if "region" in out.columns and out["region"].str.starts_with("CN-").any():
        out = out.with_columns(province=pl.Series([labels.region(r, lang) for r in records], dtype=pl.String))
        columns.insert(1, "province")
    return flatten_nested(out.select(columns))


def csv_bytes(frame: pl.DataFrame, meta: ExportMeta) -> bytes:
    """UTF-8 with BOM; the header row first; one row per figure."""
    return ("\ufeff" + export_frame(frame, meta.lang).write_csv()).encode("utf-8")


def xlsx_bytes(frame: pl.DataFrame, meta: ExportMeta) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    data = export_frame(frame, meta.lang)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.append(list(data.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    date_columns = [i for i, dtype in enumerate(data.dtypes, start=1) if dtype == pl.Date]
    for row in data.iter_rows():
        sheet.append(list(row))  # dates stay dates: Excel sorts and filters them as dates
    for index in date_columns:
        for cell in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell[0].number_format = "yyyy-mm-dd"
    for index, column in enumerate(data.columns, start=1):
        values = [str(v) for v in data[column].head(200).to_list() if v is not None]
        longest = max([_cells(column), *(_cells(v) for v in values)], default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))
    sheet.freeze_panes = "A2"
    about = workbook.create_sheet("about")
    for key, value in meta.header_lines():
        about.append([key, value])
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 110
    for row in about.iter_rows():
        row[0].font = Font(bold=True)
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cells(text: str) -> int:
    """Width in spreadsheet columns: a CJK character takes two."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in str(text)[:80])


def metadata(meta: ExportMeta, frame: pl.DataFrame) -> dict:
    data = export_frame(frame, meta.lang)
    return {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "unit": meta.unit,
        "source": meta.source,
        "publishers": meta.publishers,
        "citation": meta.citation(),
        "permalink": meta.permalink,
        "build_id": meta.build_id,
        "language": meta.lang,
        "figure": meta.spec,
        "notes": meta.notes,
        "events": meta.events,
        "rows": data.height,
        "columns": data.columns,
        "sources": sorted(set(data["source_url"].drop_nulls().to_list())) if "source_url" in data.columns else [],
    }


def zip_bytes(frame: pl.DataFrame, meta: ExportMeta, base_name: str) -> bytes:
    files = [
        f"- {base_name}.csv: the data drawn, one row per figure, with the page each was read on and its words",
        "- metadata.json: title, unit, source, citation, notes, source URLs",
    ]
    about = [f"- {key}: {value}" for key, value in meta.header_lines()]
    readme = "\n".join([f"# {meta.title}", "", *about, "", "Files:", *files, ""])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{base_name}.csv", csv_bytes(frame, meta))
        archive.writestr("metadata.json", json.dumps(metadata(meta, frame), ensure_ascii=False, indent=2, default=str))
        archive.writestr("README.md", readme)
    return buffer.getvalue()


class ImageExportUnavailable(RuntimeError):
    pass


def image_export_available() -> bool:
    import shutil

    return any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))


_renderer_lock = threading.Lock()
_renderer_started = False


def _start_renderer() -> None:
    """One kaleido browser for the process's life: the first image pays ~3 s, later ones ~0.3 s."""
    global _renderer_started
    with _renderer_lock:
        if not _renderer_started:
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            _renderer_started = True


def image_bytes(figure, fmt: str, scale: float = 2) -> bytes:
    """PNG or SVG of an export figure (figures.export_figure sets its size) through kaleido."""
    if not image_export_available():
        raise ImageExportUnavailable("no Chromium found (install Debian's chromium)")
    try:
        _start_renderer()
        with _renderer_lock:  # the sync server takes one request at a time
            return figure.to_image(format=fmt, scale=scale)
    except Exception as exc:  # kaleido reports a missing or broken browser in several ways
        raise ImageExportUnavailable(f"{type(exc).__name__}: {exc}") from exc
