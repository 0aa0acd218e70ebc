"""SQL console: one read-only statement, sandboxed in the engine, time-limited; named queries with
parameters as form fields; the SQL and parameters live in the URL, so a query is a link."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import console, data, queries, ui
from app.i18n import t
from etl.dictionary import describe_schema
from etl.named_queries import NamedQueryError, load_all
from etl.paths import resolve_db_path
from etl.sandbox import QueryError


def tr(key: str, **values) -> str:
    return t(f"sql_{key}", ui.lang(), **values)


language, info = ui.page_header("page_sql")
build_id = info["build_id"]
limits = console.LIMITS
st.caption(
    tr(
        "limits",
        t=limits.timeout_seconds,
        d=f"{limits.display_rows:,}",
        e=f"{limits.export_rows:,}",
        m=limits.memory_limit,
    )
)

try:
    named = load_all()
except NamedQueryError as exc:
    st.error(str(exc))
    named = {}
own_sql = tr("none")  # captured now: a format function may be called outside the script run
choice = ui.selectbox(tr("named"), ["", *named], "nq", format_func=lambda n: named[n].title if n else own_sql)

params: dict = {}
if choice:
    query = named[choice]
    st.markdown(query.description)
    for p in query.parameters:
        raw = ui.text_input(f"{p.name} ({p.type}) — {p.description}", f"p_{p.name}", default=p.default)
        try:
            params[p.name] = p.convert(raw if raw != "" else None)
        except NamedQueryError as exc:
            st.warning(str(exc))
            params[p.name] = p.convert(None)
    sql = query.sql
    st.code(sql, language="sql")
else:
    sql = ui.text_area(tr("sql"), "sql")

st.button(tr("run"), key="run", type="primary")
if sql.strip():
    try:
        result = console.run(build_id, sql, tuple(sorted(params.items())), limits.display_rows)
    except QueryError as exc:
        st.error(f"{exc.kind}: {exc}")
    else:
        st.caption(tr("rows", n=result.frame.height, s=result.seconds))
        if result.truncated:
            st.warning(tr("truncated", n=f"{limits.display_rows:,}", m=f"{limits.export_rows:,}"))
        st.dataframe(result.frame, hide_index=True)
        if st.button(tr("prepare"), key="prepare"):
            try:
                full = console.run(build_id, sql, tuple(sorted(params.items())), limits.export_rows)
            except QueryError as exc:
                st.error(f"{exc.kind}: {exc}")
            else:
                name = choice or "query"
                c1, c2, c3 = st.columns(3)
                for column, fmt, mime in (
                    (c1, "csv", "text/csv"),
                    (c2, "parquet", "application/vnd.apache.parquet"),
                    (c3, "json", "application/json"),
                ):
                    column.download_button(
                        fmt.upper(), console.to_bytes(full.frame, fmt), f"{name}.{fmt}", mime, key=f"dl_{fmt}",
                        on_click="ignore",
                    )  # fmt: skip

# Researchers may rather open the file itself. Deferred: the bytes are read only when clicked, from
# whichever file is current then (a rebuild swaps it by rename, so a read sees one whole build).
db_path = resolve_db_path()
st.download_button(
    tr("download_db", size=f"{db_path.stat().st_size / 1e6:.1f}"), db_path.read_bytes,
    f"lendscope-{build_id}.duckdb", "application/octet-stream", key="dl_db", on_click="ignore",
    help=tr("download_db_help"),
)  # fmt: skip

with st.expander(tr("schema")):
    counts = dict(data.query(queries.TABLE_COUNTS, build_id=build_id).iter_rows())
    dictionary = pl.DataFrame(describe_schema())
    for table in dictionary["table"].unique(maintain_order=True):
        st.markdown(f"**{table}** · {counts.get(table, '—')} rows")
        st.dataframe(dictionary.filter(pl.col("table") == table).drop("table"), hide_index=True)
