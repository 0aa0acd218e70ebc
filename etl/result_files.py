"""A query result as a download file, written batch by batch so the row and byte caps hold while
it is written (inside the query worker): ZIP (CSV + README with the SQL, build id and citation),
Parquet (the same facts in its key-value metadata) and JSON (an object with the rows and the facts).
A file cut at a cap says so, in its own format. Pure functions: no Streamlit, no DuckDB.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from datetime import date

import polars as pl
import pyarrow as pa

from etl.output import flatten_nested

FORMATS = {
    "zip": ("application/zip", "ZIP (CSV + README)"),
    "parquet": ("application/vnd.apache.parquet", "Parquet"),
    "json": ("application/json", "JSON"),
}


def citation(meta: dict) -> str:
    link = f" {meta['permalink']}" if meta.get("permalink") else ""
    accessed = meta.get("accessed") or date.today().isoformat()
    return f"Lendscope, SQL query result, database build {meta.get('build_id', '')}, accessed {accessed}.{link}"


def truncation_note(info: dict, max_rows: int, max_bytes: int) -> str:
    if info["truncated_by"] == "rows":
        return f"TRUNCATED: the result has more than {max_rows:,} rows; this file holds the first {info['rows']:,}."
    if info["truncated_by"] == "bytes":
        return (
            f"TRUNCATED: the result is larger than {max_bytes / 2**20:.0f} MB; this file holds the first "
            f"{info['rows']:,} rows."
        )
    return f"Complete: {info['rows']:,} rows."


def _take(batches: Iterable[pa.Table], max_rows: int):
    """Batches up to max_rows; sets info['truncated_by'] = 'rows' when there were more."""
    taken = 0
    state = {"truncated_by": None}

    def gen():
        nonlocal taken
        for batch in batches:
            if taken + batch.num_rows > max_rows:
                batch = batch.slice(0, max_rows - taken)
                state["truncated_by"] = "rows"
            if batch.num_rows:
                taken += batch.num_rows
                yield batch
            if state["truncated_by"]:
                return

    return gen(), state


def _frame(batch: pa.Table) -> pl.DataFrame:
    frame = pl.from_arrow(batch)
    return frame.to_frame() if isinstance(frame, pl.Series) else frame


def write_export(
    batches: Iterable[pa.Table], fmt: str, meta: dict, max_rows: int, max_bytes: int, schema: pa.Schema | None = None
):
    """(file bytes, info) where info holds rows, truncated_by ('rows', 'bytes' or None), the note.
    The schema gives an empty result its columns (a CSV header line, a Parquet schema)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown download format {fmt!r}; one of {', '.join(FORMATS)}")
    stream, state = _take(batches, max_rows)
    writer = {"zip": _zip, "parquet": _parquet, "json": _json}[fmt]
    if schema is not None:
        meta = {**meta, "_schema": schema}
    content, rows, cut = writer(stream, meta, max_bytes, state, max_rows)
    info = {"rows": rows, "truncated_by": "bytes" if cut else state["truncated_by"]}
    info["note"] = truncation_note(info, max_rows, max_bytes)
    return content, info


def _csv(stream, max_bytes: int, schema: pa.Schema | None = None) -> tuple[bytes, int, bool]:
    buffer = io.BytesIO()
    buffer.write("\ufeff".encode())
    rows, header, columns = 0, True, None
    for batch in stream:
        frame = flatten_nested(_frame(batch))
        columns = frame.columns
        chunk = frame.write_csv(include_header=header).encode("utf-8")
        if buffer.tell() + len(chunk) > max_bytes:
            # Only whole rows: keep the lines that fit.
            lines = chunk.split(b"\n")
            kept, size = [], buffer.tell()
            for line in lines[:-1]:
                if size + len(line) + 1 > max_bytes:
                    break
                kept.append(line)
                size += len(line) + 1
            buffer.write(b"".join(line + b"\n" for line in kept))
            return buffer.getvalue(), rows + max(len(kept) - (1 if header else 0), 0), True
        buffer.write(chunk)
        rows += frame.height
        header = False
    if header and columns is None and schema is not None:  # no rows at all: the header alone
        buffer.write(pl.DataFrame(schema=schema.names).write_csv().encode("utf-8"))
    return buffer.getvalue(), rows, False


def _readme(meta: dict, info: dict, csv_name: str) -> str:
    params = meta.get("params") or {}
    lines = [
        "# Lendscope SQL query result",
        "",
        info["note"],
        "",
        f"Database build: {meta.get('build_id', '')}",
        f"Citation: {citation(meta)}",
        "",
        "## SQL",
        "",
        "```sql",
        meta.get("sql", ""),
        "```",
    ]
    if params:
        lines += ["", "## Parameters", ""] + [f"- {k} = {v!r}" for k, v in params.items()]
    lines += [
        "",
        "## Files",
        "",
        f"- {csv_name}: the result, UTF-8 with BOM, one header line (lists and structs as JSON text)",
        "- README.md: this file",
        "",
        "Every figure in the Lendscope database carries its publisher, the URL it was read on and the words",
        "of the page; join observations to sources on source_id to cite them.",
        "",
    ]
    return "\n".join(lines)


def _zip(stream, meta, max_bytes, state, max_rows):
    name = meta.get("name") or "query"
    csv, rows, cut = _csv(stream, max_bytes, meta.get("_schema"))
    info = {"rows": rows, "truncated_by": "bytes" if cut else state["truncated_by"]}
    info["note"] = truncation_note(info, max_rows, max_bytes)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}.csv", csv)
        archive.writestr("README.md", _readme(meta, info, f"{name}.csv"))
    return buffer.getvalue(), rows, cut


def _facts(meta: dict, rows: int, truncated_by, max_rows: int, max_bytes: int) -> dict:
    info = {"rows": rows, "truncated_by": truncated_by}
    return {
        "sql": meta.get("sql", ""),
        "params": {k: str(v) for k, v in (meta.get("params") or {}).items()},
        "build_id": meta.get("build_id", ""),
        "citation": citation(meta),
        "rows": rows,
        "truncated": truncated_by is not None,
        "note": truncation_note(info, max_rows, max_bytes),
    }


def _parquet(stream, meta, max_bytes, state, max_rows):
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    writer = None
    rows, cut = 0, False
    for batch in stream:
        if writer is None:
            writer = pq.ParquetWriter(buffer, batch.schema, compression="zstd")
        if buffer.tell() + batch.nbytes > max_bytes and rows:
            cut = True
            break
        writer.write_table(batch)
        rows += batch.num_rows
    if writer is None:
        writer = pq.ParquetWriter(buffer, meta.get("_schema") or pa.schema([]), compression="zstd")
    facts = _facts(meta, rows, "bytes" if cut else state["truncated_by"], max_rows, max_bytes)
    writer.add_key_value_metadata({f"lendscope.{k}": json.dumps(v, ensure_ascii=False) for k, v in facts.items()})
    writer.close()
    return buffer.getvalue(), rows, cut


def _json(stream, meta, max_bytes, state, max_rows):
    parts, size, rows, cut = [], 0, 0, False
    for batch in stream:
        frame = _frame(batch)
        text = frame.write_json()  # a JSON array of row objects
        body = text.strip()[1:-1]
        if not body:
            continue
        encoded = body.encode("utf-8")
        if size + len(encoded) > max_bytes:
            # Row by row until the cap (a batch is at most 20,000 rows).
            for row in frame.iter_rows(named=True):
                one = json.dumps(row, ensure_ascii=False, default=str).encode("utf-8")
                if size + len(one) + 1 > max_bytes:
                    break
                parts.append(one)
                size += len(one) + 1
                rows += 1
            cut = True
            break
        parts.append(encoded)
        size += len(encoded) + 1
        rows += frame.height
    facts = _facts(meta, rows, "bytes" if cut else state["truncated_by"], max_rows, max_bytes)
    head = json.dumps(facts, ensure_ascii=False, indent=1)[:-2]  # without the closing brace
    content = head.encode("utf-8") + b',\n "data": [' + b",".join(parts) + b"]\n}\n"
    return content, rows, cut
