"""The SQL console's engine side for the dashboard: every query runs in a pool of worker processes
with operating-system limits (etl.isolation); the dashboard's own chart queries stay in-process
(app.data). A session keeps only its last result (bounded by the display byte cap); downloads are
written by a worker when clicked and handed straight to Streamlit, never cached."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from etl.isolation import WorkerPool
from etl.paths import resolve_db_path
from etl.sandbox import Limits, QueryError, QueryResult

LIMITS = Limits()
POOL_SIZE = 2  # one per core: a runaway query holds one worker, the other keeps serving
HISTORY_LENGTH = 20
_LAST = "_console_last"
_HISTORY = "_console_history"

PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@st.cache_resource(show_spinner=False)
def _pool(path: str, limits_key: str, _limits: Limits) -> WorkerPool:
    return WorkerPool(path, _limits, POOL_SIZE)


def pool() -> WorkerPool:
    """The process's workers for the current database file and limits (started once)."""
    return _pool(str(resolve_db_path()), repr(LIMITS), LIMITS)


def run(build_id: str, sql: str, params: dict) -> QueryResult:
    """The query's first rows, from a worker. The session's last answer (or error) is kept, so a
    rerun for another widget does not run the query again (nor wait out a time limit again)."""
    key = (build_id, sql, tuple(sorted((k, repr(v)) for k, v in params.items())))
    last = st.session_state.get(_LAST)
    if last is not None and last[0] == key:
        outcome = last[1]
    else:
        try:
            outcome = pool().run(sql, params or None)
        except QueryError as exc:
            outcome = exc
        st.session_state[_LAST] = (key, outcome)
        _remember(sql, params, outcome)
    if isinstance(outcome, QueryError):
        raise outcome
    return outcome


def _remember(sql: str, params: dict, outcome) -> None:
    history = st.session_state.setdefault(_HISTORY, [])
    entry = {
        "sql": sql,
        "params": {k: str(v) for k, v in params.items()},
        "rows": None if isinstance(outcome, QueryError) else outcome.frame.height,
        "error": outcome.kind if isinstance(outcome, QueryError) else None,
    }
    history[:] = [h for h in history if (h["sql"], h["params"]) != (entry["sql"], entry["params"])]
    history.insert(0, entry)
    del history[HISTORY_LENGTH:]


def history() -> list[dict]:
    return list(st.session_state.get(_HISTORY, []))


def downloader(sql: str, params: dict, fmt: str, meta: dict):
    """A callable for st.download_button: the worker writes the file when the button is clicked.
    (It runs outside the script thread, so it holds the pool itself.)"""
    workers = pool()
    meta = {**meta, "accessed": date.today().isoformat()}

    def make() -> bytes:
        content, _ = workers.export(sql, params or None, fmt, meta)
        return content

    return make


def result_columns(frame) -> dict:
    """Column settings for a result table: DATE columns as the database holds them (2017-12-31),
    not as the midnight timestamps the table widget shows them as by default."""
    import polars as pl

    return {name: st.column_config.DateColumn(format="YYYY-MM-DD") for name, dtype in frame.schema.items()
            if dtype == pl.Date}  # fmt: skip


def parameter_names(sql: str) -> list[str]:
    """`$name` placeholders in order of first use (quoted text and comments are not placeholders)."""
    bare = re.sub(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/", " ", sql, flags=re.S)
    seen: dict[str, None] = {}
    for name in PARAMETER.findall(bare):
        seen.setdefault(name, None)
    return list(seen)


def guess_value(text: str):
    """A typed value for a `$name` field of one's own SQL: integer, number, ISO date, true/false,
    else text (write `$name::VARCHAR` to force text)."""
    from etl.periods import PeriodError, parse_date

    stripped = text.strip()
    if re.fullmatch(r"[+-]?\d{1,18}", stripped):
        return int(stripped)
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?", stripped):
        return float(stripped)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stripped):
        try:
            return parse_date(stripped)
        except PeriodError:
            return text
    if stripped.lower() in ("true", "false"):
        return stripped.lower() == "true"
    return text


def link_query(sql: str, params: dict, lang: str) -> dict:
    """The query parameters that reopen this query on the SQL page."""
    query = {"lang": lang, "sql": sql}
    query.update({f"p_{k}": str(v) for k, v in params.items()})
    return query


def permalink(base: str, sql: str, params: dict, lang: str) -> str:
    return f"{base.split('?', 1)[0]}?{urlencode(link_query(sql, params, lang))}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")


def escape_markdown(text: str) -> str:
    """Text for a Streamlit label that must show as typed: every Markdown character escaped, so a
    `[text](url)` or `![](url)` is neither a link nor a fetched image (and `http:` no autolink)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\n", " "))
