"""SQL console: an editor (highlighting, completion of tables and columns, Ctrl+Enter), the schema
beside it, the named queries as grouped examples, `$name` parameters as form fields, this session's
history, one-click downloads. Every query runs in an isolated worker process (app.console). The SQL
and its parameters live in the URL, so a query is a link. Every text that comes from the user, a
link or DuckDB is shown as plain text (st.code), never as Markdown."""

from __future__ import annotations

import polars as pl
import streamlit as st

from app import console, data, queries, ui
from app.i18n import STRINGS, t
from etl.dictionary import describe_schema
from etl.named_queries import NamedQueryError, load_all
from etl.paths import resolve_db_path
from etl.result_files import FORMATS
from etl.sandbox import QueryError

PAGE = "app/pages/sql.py"


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
    st.error(tr("named_unreadable"))
    st.code(str(exc), language=None)
    named = {}

# --- state: the URL (a link, a history entry, an example) wins when it changed -------------------
state = st.session_state
url_sql = st.query_params.get("sql")
url_nq = st.query_params.get("nq") or ""
url_params = {k[2:]: st.query_params.get(k) for k in st.query_params if k.startswith("p_")}
if state.get("_sql_seen") != (url_sql, url_nq, url_params):
    if url_nq and url_nq not in named:
        st.warning(tr("unknown_named"))
        st.code(url_nq, language=None)
        url_nq = ""
    state["nq"] = url_nq
    state["console_sql"] = url_sql if url_sql is not None else (named[url_nq].sql if url_nq else "")
    for key in [k for k in state if isinstance(k, str) and k.startswith("p_")]:
        del state[key]
    for name, value in url_params.items():
        state[f"p_{name}"] = value
    state["editor_generation"] = state.get("editor_generation", 0) + 1


def choose_example() -> None:
    name = state.get("nq") or ""
    state["console_sql"] = named[name].sql if name else ""
    for key in [k for k in state if isinstance(k, str) and k.startswith("p_")]:
        del state[key]
    state["editor_generation"] = state.get("editor_generation", 0) + 1


def tables_and_columns() -> tuple[dict, pl.DataFrame]:
    counts = dict(data.query(queries.TABLE_COUNTS, build_id=build_id).iter_rows())
    return counts, pl.DataFrame(describe_schema())


counts, dictionary = tables_and_columns()

editor_column, side_column = st.columns([3, 2], gap="medium")

with editor_column:
    own_sql = tr("none")  # captured now: a format function may be called outside the script run
    in_order = sorted(named.items(), key=lambda i: (i[1].group, i[1].title))  # the same order in both languages
    titles = {n: f"{q.group_in(language)} · {q.title_in(language)}" for n, q in in_order}
    st.selectbox(
        tr("named"), ["", *titles], key="nq", format_func=lambda n: titles.get(n, own_sql) if n else own_sql,
        on_change=choose_example,
    )  # fmt: skip
    chosen = named.get(state.get("nq") or "")
    if chosen:
        st.caption(chosen.description)

    plain = ui.toggle(tr("plain_editor"), "plain")
    sql = state.get("console_sql", "")
    editor_failed = False
    if not plain:
        try:
            from code_editor import code_editor
        except ImportError:  # the component is not installed: the text box does the same job
            editor_failed = True
        else:
            completions = [
                {"caption": table, "value": table, "meta": tr("table"), "name": table, "score": 500}
                for table in dictionary["table"].unique(maintain_order=True)
            ] + [
                {"caption": row["column"], "value": row["column"], "meta": row["table"], "name": row["column"],
                 "score": 400}
                for row in dictionary.iter_rows(named=True)
            ]  # fmt: skip
            response = code_editor(
                sql,
                lang="sql",
                height=[8, 22],
                completions=completions,
                buttons=[
                    {
                        "name": tr("run_editor"),
                        "feather": "Play",
                        "primary": True,
                        "hasText": True,
                        "showWithIcon": True,
                        "alwaysOn": True,
                        "commands": ["submit"],
                        "style": {"bottom": "0.44rem", "right": "0.4rem"},
                    }
                ],
                options={"wrap": True, "showLineNumbers": True},
                # Room below the last line for the floating Run button (top, bottom, left, right in px).
                props={"placeholder": tr("editor_placeholder"), "scrollMargin": [15, 48, 0, 0]},
                key=f"editor_{state.get('editor_generation', 0)}",
            )
            if response and response.get("type") == "submit" and response.get("id") != state.get("_editor_event"):
                state["_editor_event"] = response.get("id")
                sql = state["console_sql"] = response.get("text", "")
            st.caption(tr("editor_help"))
    if plain or editor_failed:
        if state.get("_plain_synced") != sql or "sql" not in state:
            state["sql"] = sql
        sql = st.text_area(tr("sql"), key="sql", height=200)
        state["console_sql"] = state["_plain_synced"] = sql
        st.button(tr("run"), key="run", type="primary")

    # `$name` in the SQL: a field each (typed, with a default, when the named query declares it).
    declared = {p.name: p for p in chosen.parameters} if chosen and sql == chosen.sql else {}
    params: dict = {}
    missing = []
    names = console.parameter_names(sql)
    if names:
        fields = st.columns(min(len(names), 3))
        for i, name in enumerate(names):
            p = declared.get(name)
            key = f"p_{name}"
            if key not in state:
                state[key] = p.default if p else ""
            label = f"${name} ({p.type})" if p else f"${name}"
            raw = fields[i % len(fields)].text_input(
                label, key=key, help=p.description if p else tr("param_help"), max_chars=1000
            )
            if p:
                try:
                    params[name] = p.convert(raw if raw != "" else None)
                except NamedQueryError:
                    st.warning(tr("param_invalid", name=name, type=p.type))
                    st.code(raw, language=None)
                    params[name] = p.convert(None)
            elif raw == "":
                missing.append(name)
            else:
                params[name] = console.guess_value(raw)

# --- the URL follows the state (only what differs from a named query's defaults) ------------------
nq = state.get("nq") or ""
for key in [k for k in st.query_params if k.startswith("p_") or k in ("sql", "nq")]:
    del st.query_params[key]
if nq:
    st.query_params["nq"] = nq
if sql and not (chosen and sql == chosen.sql):
    st.query_params["sql"] = sql
for name in params:
    raw = state.get(f"p_{name}", "")
    if not (name in declared and raw == declared[name].default) and raw != "":
        st.query_params[f"p_{name}"] = raw
state["_sql_seen"] = (
    st.query_params.get("sql"),
    st.query_params.get("nq") or "",
    {k[2:]: st.query_params.get(k) for k in st.query_params if k.startswith("p_")},
)

# Run before the side column is drawn, so the history there already holds this query.
outcome: object = None
if sql.strip() and not missing:
    try:
        outcome = console.run(build_id, sql, params)
    except QueryError as exc:
        outcome = exc

with side_column:
    schema_tab, examples_tab, history_tab = st.tabs([tr("schema"), tr("examples"), tr("history")])
    with schema_tab:
        tables = list(dictionary["table"].unique(maintain_order=True))
        rows_word = tr("rows_word")  # captured now, as own_sql above
        labels = {name: f"{name} · {counts[name]:,} {rows_word}" if name in counts else name for name in tables}
        first = tables.index("observations") if "observations" in tables else 0
        table = st.selectbox(tr("table"), tables, index=first, key="schema_table", format_func=labels.get)
        st.dataframe(
            dictionary.filter(pl.col("table") == table).drop("table"), hide_index=True,
            column_config={"column": tr("schema_column"), "type": tr("schema_type"),
                           "description": st.column_config.TextColumn(tr("schema_description"), width="large")},
        )  # fmt: skip
    # Fixed-height panes: a long list must not push the result far below the editor.
    with examples_tab, st.container(height=480, border=False):
        groups: dict[str, list] = {}
        for name, query in in_order:
            groups.setdefault(query.group_in(language), []).append((name, query))
        for group, members in groups.items():
            st.markdown(f"**{console.escape_markdown(group)}**")
            for name, query in members:
                st.page_link(
                    PAGE,
                    label=console.escape_markdown(query.title_in(language)),
                    query_params={"nq": name, "lang": language},
                )
                st.caption(query.description)
    with history_tab, st.container(height=480, border=False):
        entries = console.history()
        if not entries:
            st.caption(tr("history_empty"))
        for entry in entries:
            summary = tr("error_word", kind=entry["error"]) if entry["error"] else tr("rows_n", n=entry["rows"])
            snippet = " ".join(entry["sql"].split())[:90]
            st.page_link(
                PAGE, label=console.escape_markdown(f"{snippet} · {summary}"),
                query_params=console.link_query(entry["sql"], entry["params"], language),
            )  # fmt: skip

# --- the result ------------------------------------------------------------------------------------
if sql.strip() and missing:
    # Escaped: two `$` in one Markdown line would be typeset as a formula.
    st.info(tr("fill_params", names=console.escape_markdown(", ".join(f"${n}" for n in missing))))
elif isinstance(outcome, QueryError):
    kind = outcome.kind if f"sql_error_{outcome.kind}" in STRINGS else "failed"
    st.error(tr(f"error_{kind}"))
    st.code(str(outcome), language=None)  # DuckDB's own lines, caret under the column
elif outcome is not None:
    result = outcome
    st.caption(tr("rows", n=result.frame.height, s=result.seconds))
    if result.truncated_by == "rows":
        st.warning(tr("truncated", n=f"{result.row_cap:,}", m=f"{limits.export_rows:,}",
                      b=limits.export_bytes // 2**20))  # fmt: skip
    elif result.truncated_by == "bytes":
        st.warning(tr("truncated_bytes", n=f"{result.frame.height:,}", b=limits.display_bytes // 2**20))
    st.dataframe(result.frame, hide_index=True, column_config=console.result_columns(result.frame))
    base_name = nq or "query"
    meta = {
        "sql": sql, "params": params, "build_id": build_id, "name": base_name,
        "permalink": console.permalink(st.context.url or "", sql, params, language),
    }  # fmt: skip
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(f"**{tr('download')}**")
    for fmt, (mime, label) in FORMATS.items():
        row.download_button(
            label, console.downloader(sql, params, fmt, meta), f"{base_name}-{build_id}.{fmt}", mime,
            key=f"dl_{fmt}", on_click="ignore", help=tr(f"download_{fmt}_help"),
        )  # fmt: skip

# Researchers may rather open the file itself. Deferred: the bytes are read only when clicked, from
# whichever file is current then (a rebuild swaps it by rename, so a read sees one whole build).
db_path = resolve_db_path()
st.download_button(
    tr("download_db", size=f"{db_path.stat().st_size / 1e6:.1f}"), db_path.read_bytes,
    f"lendscope-{build_id}.duckdb", "application/octet-stream", key="dl_db", on_click="ignore",
    help=tr("download_db_help"),
)  # fmt: skip
