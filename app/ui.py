"""Streamlit building blocks shared by the pages: language, database guard, widgets whose state
lives in the URL (permalinks), and a chart block with its exports and citation.

Streamlit drops an invalid URL value silently; `_check_param` shows the user a notice instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from urllib.parse import urlencode

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from app import data
from app.export import ExportMeta, csv_bytes, image_bytes, image_export_available, xlsx_bytes, zip_bytes
from app.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

LANG_KEY = "lang"

# Widget state lives in the URL as ids, not labels: Streamlit's own `bind="query-params"` writes the
# formatted label, which changes with the language and would break shared links. So each widget's
# state is seeded from the URL on a session's first run, and written back after every run.


# A link's parameter is an id or a short search text: anything longer is refused before it is
# parsed (a 100 KB value took 24-98 s to render), and so are more values than a control holds.
MAX_PARAM_CHARS = 200
MAX_PARAM_VALUES = 50
SHOWN_CHARS = 60  # how much of a refused value the notice repeats
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def plain_code(text: str) -> str:
    """`text` as an inline code span that nothing inside it can close, so Streamlit's markdown shows
    it literally: no link, image, emphasis, HTML, LaTeX or colour directive can come out of it."""
    text = " ".join(_INVISIBLE.sub(" ", text).split())
    if len(text) > SHOWN_CHARS:
        text = text[:SHOWN_CHARS] + "…"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest or text.startswith(" ") else ""
    return f"{fence}{pad}{text}{pad}{fence}" if text else "` `"


def escape_markdown(text: str) -> str:
    """Plain text for a markdown element: every ASCII punctuation character backslash-escaped."""
    text = " ".join(_INVISIBLE.sub(" ", text).split())
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def plain_warning(text: str) -> None:
    """A warning whose text (which may quote what a user typed) is shown as text, never as markdown."""
    st.warning(escape_markdown(text), icon="⚠️")


def _notice(name: str, bad: list[str]) -> None:
    too_long = [v for v in bad if len(v) > MAX_PARAM_CHARS]
    if too_long:
        length = max(len(v) for v in too_long)
        message = t("param_too_long", lang(), param=plain_code(name), length=f"{length:,}", limit=MAX_PARAM_CHARS)
    else:
        message = t("invalid_param", lang(), param=plain_code(f"{name}={', '.join(bad)}"))
    st.warning(message, icon="⚠️")


def _seed(key: str, valid, default, multi: bool = False, parse=lambda v: v, max_chars: int = MAX_PARAM_CHARS) -> None:
    """On a session's first run, take the widget's value from the URL (ids), else the default.
    A value longer than `max_chars`, or more values than MAX_PARAM_VALUES, is refused unparsed."""
    if key in st.session_state:
        return
    raw = st.query_params.get_all(key)
    if len(raw) > MAX_PARAM_VALUES or any(len(v) > max_chars for v in raw):
        _notice(key, [v for v in raw if len(v) > max_chars] or [f"{len(raw)} values"])
        st.session_state[key] = list(default) if multi else default
        return
    values = [parse(v) for v in raw]
    good = [v for v in values if valid is None or v in valid]
    if len(good) != len(raw):
        _notice(key, [r for r, v in zip(raw, values, strict=True) if v not in good])
    if multi:
        st.session_state[key] = good if raw and good else list(default)
    else:
        st.session_state[key] = good[0] if good else default


def _publish(key: str, value, default) -> None:
    """Write the widget's value to the URL (omitted when it is the default, keeping links short)."""
    if value == default or value in (None, "") or value == []:
        if key in st.query_params:
            del st.query_params[key]
    elif isinstance(value, bool):
        st.query_params[key] = "true" if value else "false"
    elif isinstance(value, list):
        st.query_params[key] = [str(v) for v in value]
    else:
        st.query_params[key] = str(value)


def language_selector() -> str:
    _seed(LANG_KEY, LANGUAGES, DEFAULT_LANGUAGE)
    value = st.sidebar.selectbox("语言 / Language", list(LANGUAGES), format_func=LANGUAGES.get, key=LANG_KEY)
    _publish(LANG_KEY, value, DEFAULT_LANGUAGE)
    return value


def lang() -> str:
    value = st.session_state.get(LANG_KEY)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def require_database() -> dict:
    """Build info, or a page that says how to build the database (never a traceback)."""
    try:
        return data.build_info()
    except data.DatabaseUnavailable as exc:
        st.error(t("db_unavailable", lang(), error=exc))
        st.markdown(t("db_how_to_build", lang()))
        st.stop()


def page_header(title_key: str) -> tuple[str, dict]:
    """Language, database guard, title and build caption: how every page starts."""
    language = lang()
    info = require_database()
    st.title(t(title_key, language))
    build_caption(info)
    return language, info


def build_caption(info: dict) -> None:
    st.caption(t("build_caption", lang(), build_id=info["build_id"], built_at=f"{info['built_at']:%Y-%m-%d %H:%M}"))


def selectbox(label: str, options: Sequence[str], key: str, format_func: Callable = str, index: int = 0) -> str:
    options = list(options)
    default = options[index] if options else None
    _seed(key, set(options), default)
    if st.session_state.get(key) not in options:  # options changed since the value was chosen
        st.session_state[key] = default
    value = st.selectbox(label, options, format_func=format_func, key=key)
    _publish(key, value, default)
    return value


def multiselect(label: str, options: Sequence[str], key: str, default: Sequence[str], format_func: Callable = str):
    options, default = list(options), list(default)
    _seed(key, set(options), default, multi=True)
    st.session_state[key] = [v for v in st.session_state[key] if v in options]
    value = st.multiselect(label, options, format_func=format_func, key=key)
    _publish(key, value if sorted(value) != sorted(default) else default, default)
    return value


def toggle(label: str, key: str, value: bool = False) -> bool:
    flags = {"true": True, "false": False}
    _seed(key, {True, False}, value, parse=lambda v: flags.get(v.lower(), v))
    chosen = st.toggle(label, key=key)
    _publish(key, chosen, value)
    return chosen


def text_input(label: str, key: str, default: str = "") -> str:
    _seed(key, None, default)
    value = st.text_input(label, key=key, max_chars=MAX_PARAM_CHARS)
    _publish(key, value, default)
    return value


def year_value(text: str, key: str) -> int | None:
    """A year typed or linked (1990-2100), else None with the standard notice for anything else."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"[0-9]{4}", text) and 1990 <= int(text) <= 2100:
        return int(text)
    _notice(key, [text])
    return None


def text_area(label: str, key: str, height: int = 160) -> str:
    _seed(key, None, "", max_chars=20_000)  # SQL text: longer than a search, still bounded
    value = st.text_area(label, key=key, height=height)
    _publish(key, value, "")
    return value


def permalink() -> str:
    """The URL that reopens this view (every filter is in the query string)."""
    base = (st.context.url or "").split("?", 1)[0]
    params = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    return f"{base}?{urlencode(params)}" if params else base


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "lendscope"


def chart_block(fig: go.Figure | dict, frame: pl.DataFrame, meta: ExportMeta, key: str) -> None:
    """The chart, then its downloads (CSV, XLSX, ZIP, SVG/PNG) and the suggested citation.
    `fig` may be a Figure or its plotly JSON (a cached figure)."""
    language = lang()
    name = slug(key)
    if isinstance(fig, dict) and not fig.get("data"):
        fig = go.Figure(fig)  # plotly rejects a dict with no traces (with an exception it no longer defines)
    st.plotly_chart(
        fig,
        key=f"{key}_chart",
        config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}},
    )
    if frame.is_empty():
        st.info(t("empty_series", language))
        return
    meta.permalink = meta.permalink or permalink()
    # Deferred downloads: the bytes are made only when a button is clicked, so a rerun costs nothing.
    images = image_export_available()
    buttons = [
        ("csv", t("download_csv", language), lambda: csv_bytes(frame, meta), "text/csv"),
        ("xlsx", t("download_xlsx", language), lambda: xlsx_bytes(frame, meta),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("zip", t("download_zip", language), lambda: zip_bytes(frame, meta, name), "application/zip"),
        ("svg", t("download_svg", language), lambda: image_bytes(go.Figure(fig), "svg"), "image/svg+xml"),
        ("png", t("download_png", language), lambda: image_bytes(go.Figure(fig), "png"), "image/png"),
    ]  # fmt: skip
    for column, (fmt, label, make, mime) in zip(st.columns(len(buttons)), buttons, strict=True):
        disabled = fmt in ("svg", "png") and not images
        column.download_button(
            label, make, f"{name}.{fmt}", mime, key=f"{key}_{fmt}", on_click="ignore", disabled=disabled,
            help=t("image_unavailable", language, error="no Chromium") if disabled else None,
        )  # fmt: skip
    with st.expander(t("citation", language)):
        st.code(meta.citation(), language=None, wrap_lines=True)
    with st.expander(t("data_table", language)):
        st.dataframe(frame.select([c for c in DATA_TABLE_COLUMNS if c in frame.columns]), hide_index=True)


DATA_TABLE_COLUMNS = (
    "period_label", "publisher_zh", "value", "unit", "qualifier", "reliability", "derivation", "vintage",
    "source_url", "excerpt",
)  # fmt: skip
