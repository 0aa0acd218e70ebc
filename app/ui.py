"""Streamlit building blocks shared by the pages: language, database guard, widgets whose state
lives in the URL (permalinks), and the figure block (a spec's chart, table, exports and citation).

Streamlit drops an invalid URL value silently; `_check_param` shows the user a notice instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from urllib.parse import urlencode, urlsplit

import polars as pl
import streamlit as st

from app import data, figures
from app.export import csv_bytes, image_bytes, image_export_available, xlsx_bytes, zip_bytes
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
    text = " ".join(_INVISIBLE.sub(" ", str(text)).split())
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


# Streamlit forgets a widget's state when its page is not shown, and a sidebar switch clears the URL.
# So each widget's last value (and what was last written to the URL for it) is kept here, per key,
# and restored when its page is shown again.
_KEPT = "_lendscope_kept"


def _kept() -> dict:
    return st.session_state.setdefault(_KEPT, {})


def _seed(
    key: str,
    valid,
    default,
    multi: bool = False,
    parse=lambda v: v,
    state_key: str | None = None,
    max_chars: int = MAX_PARAM_CHARS,
) -> None:
    """Before the widget is drawn: its value from the URL when the URL names one this session did not
    write (a shared link, a link from another page), else the value kept from the last visit, else the
    default. A value already in the session (a rerun) stays. A value longer than `max_chars`, or more
    values than MAX_PARAM_VALUES, is refused unparsed."""
    kept = _kept()
    raw = st.query_params.get_all(key)
    state = state_key or key
    if state in st.session_state and (not raw or raw == kept.get(("url", key))):
        return
    if len(raw) > MAX_PARAM_VALUES or any(len(v) > max_chars for v in raw):
        _notice(key, [v for v in raw if len(v) > max_chars] or [f"{len(raw)} values"])
        st.session_state[state] = list(default) if multi else default
        kept[("url", key)] = raw  # noticed once, not on every rerun
        return
    if raw:
        values = [parse(v) for v in raw]
        good = [v for v in values if valid is None or v in valid]
        if len(good) != len(raw):
            _notice(key, [r for r, v in zip(raw, values, strict=True) if v not in good])
        if multi:
            st.session_state[state] = good if good else list(default)
        else:
            st.session_state[state] = good[0] if good else default
        return
    if key in kept:
        value = kept[key]
        if multi:
            st.session_state[state] = [v for v in value if valid is None or v in valid] if value else list(default)
        else:
            st.session_state[state] = value if valid is None or value in valid else default
        return
    st.session_state[state] = list(default) if multi else default


def forget(key: str) -> None:
    """Drop a widget's value everywhere (session, kept copy, URL): it starts again from its default."""
    st.session_state.pop(key, None)
    st.session_state.pop(widget_key(key), None)
    _kept().pop(key, None)
    _kept().pop(("url", key), None)
    if key in st.query_params:
        del st.query_params[key]


def _publish(key: str, value, default) -> None:
    """Write the widget's value to the URL (omitted when it is the default, keeping links short), and
    keep it for the next visit to the page."""
    kept = _kept()
    kept[key] = list(value) if isinstance(value, list) else value
    if value == default or value in (None, "") or value == []:
        if key in st.query_params:
            del st.query_params[key]
        kept[("url", key)] = []
        return
    if isinstance(value, bool):
        written = ["true" if value else "false"]
    elif isinstance(value, list):
        written = [str(v) for v in value]
    else:
        written = [str(value)]
    st.query_params[key] = written if isinstance(value, list) else written[0]
    kept[("url", key)] = written


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
    from app.labels import date_label

    built = info["built_at"]
    when = f"{date_label(built.date(), lang())} {built:%H:%M}"  # a date as the language writes it
    st.caption(t("build_caption", lang(), build_id=info["build_id"], built_at=when))


def widget_key(key: str) -> str:
    """The Streamlit key of a selectbox: one per language. Streamlit's front end keeps showing a
    selectbox's option label in the old language after a switch (until a reload), so each language gets
    its own widget, seeded with the same value (the URL and kept value use the plain key)."""
    return f"{key}.{lang()}"


def selectbox(label: str, options: Sequence[str], key: str, format_func: Callable = str, index: int = 0) -> str:
    options = list(options)
    default = options[index] if options else None
    state = widget_key(key)
    _seed(key, set(options), default, state_key=state)
    if st.session_state.get(state) not in options:  # options changed since the value was chosen
        st.session_state[state] = default
    value = st.selectbox(label, options, format_func=format_func, key=state)
    _publish(key, value, default)
    return value


def tabs(labels: dict[str, str], key: str, guess: Callable[[], str | None] | None = None) -> tuple[str, dict]:
    """Tabs that run only the open tab: (open tab's id, {id: container}). The caller fills only
    `containers[open_id]`, so a rerun costs one tab, not all of them (Streamlit's `on_change="rerun"`:
    a click reruns the script with the new tab). The open tab is in the URL as its id (`key=<id>`,
    omitted for the first tab), so a copied link reopens it in either language; like `selectbox`, the
    widget is keyed per language because the labels are. `guess` names the tab for a link that has no
    tab parameter (an older link made before the tab was kept): the tab a first visit opens, where a tab
    kept from an earlier visit would not decide. The URL omits `key=` only for the first tab."""
    ids = list(labels)
    default = ids[0]
    state = widget_key(key)
    guessed = guess() if guess and not st.query_params.get_all(key) else None  # only decides a first visit
    _seed(key, set(ids), guessed if guessed in labels else default, state_key=state)
    if st.session_state.get(state) not in labels.values():  # seeded as an id: the widget holds labels
        st.session_state[state] = labels.get(st.session_state.get(state), labels[default])
    containers = st.tabs(list(labels.values()), key=state, on_change="rerun", default=labels[default])
    open_label = st.session_state[state]
    open_id = next((i for i, label in labels.items() if label == open_label), default)
    _publish(key, open_id, default)
    return open_id, dict(zip(ids, containers, strict=True))


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
    """The URL that reopens this view (every filter is in the query string); on the public site's
    address when LENDSCOPE_PUBLIC_URL is set, so a citation never names localhost."""
    url = st.context.url or ""
    base = url.split("?", 1)[0]
    public = figures.public_url()
    if public:
        base = public + urlsplit(base).path
    params = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    return f"{base}?{urlencode(params)}" if params else base


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "lendscope"


def topojson_url() -> str:
    """Where the browser's plotly.js finds its (local, empty) world basemap: a map would otherwise fetch
    one from cdn.plot.ly. Served from ./static by Streamlit's static serving (.streamlit/config.toml)."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/topojson/".replace("//", "/")


# Built figures are cached as Figure objects (not their JSON): st.plotly_chart of a Figure costs ~2 ms,
# of a dict ~13 ms (it rebuilds and validates one). The cached objects are shared by every session, so
# nothing below may mutate them; the metadata is copied before a permalink is set.
@st.cache_resource(show_spinner=False, ttl=3600, max_entries=256)
def built_figure(build_id: str, spec_name: str, view: figures.View, language: str):
    spec = figures.spec(spec_name)
    params = figures.query_params(spec, view)
    if spec.kind == "change":
        frame = pl.concat(
            [data.named(spec.query, build_id, **(params | {"period": p})) for p in (view.period, view.period_to)],
            how="vertical_relaxed",
        )
    else:
        frame = data.named(spec.query, build_id, **params)
    catalogue = {r["series_id"]: r for r in data.series_catalogue(build_id).iter_rows(named=True)}
    events = data.events(build_id) if view.events else None
    return figures.build(
        spec, frame, language, view, series=catalogue.get(view.series), events=events, catalogue=catalogue,
        build_id=build_id,
    )  # fmt: skip


def _text(text: str, css: str) -> None:
    """Data text (titles, sources) rendered as text, never as markup."""
    st.markdown(f'<div class="{css}">{html.escape(text)}</div>', unsafe_allow_html=True)


FIGURE_CSS = """<style>
.ls-title{font-size:1.15rem;font-weight:650;line-height:1.3;margin:0.2rem 0 0.1rem}
.ls-subtitle{font-size:0.9rem;color:#5b5b5b;margin-bottom:0.2rem}
.ls-source,.ls-note,.ls-cite{font-size:0.78rem;color:#5b5b5b;line-height:1.35;overflow-wrap:anywhere}
.ls-cite{color:#333}
</style>"""


def figure_block(spec_name: str, view: figures.View, key: str, build_id: str) -> tuple:
    """One chart as a journalist needs it: title and subtitle, Chart and Table tabs, the source line and
    notes, the citation, five downloads (CSV, XLSX, ZIP, SVG, PNG) and a copy-link action. Every
    piece comes from one figures.build call, so the screen and the downloads agree."""
    language = lang()
    fig, shared_meta = built_figure(build_id, spec_name, view, language)
    meta = replace(shared_meta, permalink=permalink())
    spec = figures.spec(spec_name)
    name = slug(f"{key}-{view.series or ''}")
    with st.container(key=f"figure-{slug(key)}"):
        st.markdown(FIGURE_CSS, unsafe_allow_html=True)
        _text(meta.title, "ls-title")
        _text(meta.subtitle, "ls-subtitle")
        # Only the open tab runs: converting the table for st.dataframe cost every rerun ~10 % of a page
        # while nearly everyone looks at the chart. Clicking Table reruns the script with the table.
        labels = [t("fig_tab_chart", language), t("fig_tab_table", language)]
        chart_tab, table_tab = st.tabs(labels, key=f"{key}_view.{language}", on_change="rerun")
        if not table_tab.open:
            with chart_tab:
                st.plotly_chart(
                    fig, key=f"{key}_chart", width="stretch",
                    config={"displaylogo": False, "responsive": True, "topojsonURL": topojson_url(),
                            "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}},
                )  # fmt: skip
        else:
            with table_tab:
                table, links = figures.table_view(spec, meta, language)
                if table.is_empty():
                    st.info(t("empty_series", language))
                else:
                    config = {c: st.column_config.LinkColumn(c, display_text="↗") for c in links}
                    st.dataframe(table, hide_index=True, column_config=config, key=f"{key}_table")
        _text(meta.source, "ls-source")
        if meta.notes:
            _text(f"{t('chart_notes', language)}: " + " · ".join(meta.notes), "ls-note")
        _text(f"{t('fig_cite', language)}: {meta.citation()}", "ls-cite")
        rows = meta.rows if meta.rows is not None else pl.DataFrame()
        if rows.is_empty():
            st.info(t("empty_series", language))
            return fig, meta
        images = image_export_available()
        # Deferred downloads: the bytes are made only when a button is clicked, so a rerun costs nothing.
        buttons = [
            ("csv", t("download_csv", language), lambda: csv_bytes(rows, meta), "text/csv"),
            ("xlsx", t("download_xlsx", language), lambda: xlsx_bytes(rows, meta),
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("zip", t("download_zip", language), lambda: zip_bytes(rows, meta, name), "application/zip"),
            ("svg", t("download_svg", language),
             lambda: image_bytes(figures.export_figure(fig, meta, language), "svg"), "image/svg+xml"),
            ("png", t("download_png", language),
             lambda: image_bytes(figures.export_figure(fig, meta, language), "png"), "image/png"),
        ]  # fmt: skip
        columns = st.columns(len(buttons) + 1)
        for column, (fmt, label, make, mime) in zip(columns, buttons, strict=False):
            disabled = fmt in ("svg", "png") and not images
            column.download_button(
                label, make, f"{name}.{fmt}", mime, key=f"{key}_{fmt}", on_click="ignore", disabled=disabled,
                help=t("image_unavailable", language, error="no Chromium") if disabled else None,
            )  # fmt: skip
        with columns[-1].popover(t("fig_copy_link", language)):
            st.caption(t("fig_link_help", language))
            st.code(meta.permalink, language=None, wrap_lines=True)
    return fig, meta


def requested_page() -> str | None:
    """The page name the browser asked for by URL (e.g. "nosuchpage" for /nosuchpage), when it asked
    by name rather than by clicking a page; None when unknown. Streamlit silently shows the default
    page for a name it does not know; the caller tells the reader instead."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None or getattr(manager, "intended_page_script_hash", None):
        return None
    name = getattr(manager, "intended_page_name", None)
    return name if isinstance(name, str) else None


def unknown_page_notice(name: str, home: str) -> None:
    """A one-line notice naming the path (as text, capped) and a link to the home page."""
    shown = name if len(name) <= 80 else name[:79] + "…"
    st.warning(t("unknown_page", lang(), path=escape_markdown(shown)))
    st.page_link(
        home, label=t("go_home", lang()), query_params={LANG_KEY: lang()} if lang() != DEFAULT_LANGUAGE else None
    )


SOURCE_ID = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b")


def cite_sources(text: str, sources: dict) -> str:
    """Markdown of a note that names sources by id (ev-caixin-…): each known id becomes the source's
    publisher, linked to its page; the rest of the text is escaped."""
    parts, last = [], 0
    for match in SOURCE_ID.finditer(text):
        source = sources.get(match[0])
        if source is None:
            continue
        parts += [
            escape_markdown(text[last : match.start()]),
            f"[{escape_markdown(source['publisher'])}]({source['url']})",
        ]
        last = match.end()
    return "".join([*parts, escape_markdown(text[last:])])
