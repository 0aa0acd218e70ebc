"""A light client that speaks Streamlit's own websocket protocol, so many dashboard sessions can be
simulated without browsers (used by bench/load.py and tests/test_load.py).

The protocol, as the bundled frontend (streamlit/static/.../index.*.js) and the Starlette server
(streamlit/web/server/starlette/starlette_websocket.py) of Streamlit 1.67 speak it:

* Handshake: a websocket to ``ws://HOST:PORT/_stcore/stream`` with the subprotocol list
  ``["streamlit", <xsrf token or "PLACEHOLDER_AUTH_TOKEN">, <last session id, on reconnect>]``. The
  server selects the first entry ("streamlit") and reads the other two as tokens; an XSRF token only
  matters for auth cookies. Origin is checked against Host (same origin passes); we send the
  browser's ``http://HOST:PORT``. Every frame is binary protobuf: BackMsg up, ForwardMsg down.
* Nothing arrives until the client asks for a run: ``BackMsg.rerun_script`` (a ClientState) with the
  URL's query string (without "?"), the page, the widget states, the hashes of the cached messages
  the client holds, and context info (url, timezone, locale). The first run of a session addresses
  the page as the browser does on page load: ``page_name`` = the URL path relative to the app
  ("platforms"; "" for the default page) and an empty ``page_script_hash``. Later runs send the
  ``page_script_hash`` of the current page, or of the target page (from the Navigation message's
  ``app_pages``) on a page change, as the frontend's onPageChange does.
* The server answers with ``new_session`` (one per run), deltas (elements and blocks),
  ``page_info_changed`` (the app rewrote the URL's query string: the client keeps it as the browser's
  address bar does, and sends it with the next rerun), ``navigation`` and finally
  ``script_finished`` (status FINISHED_EARLY_FOR_RERUN means another run follows).
* Message cache: a delta whose ``metadata.cacheable`` is set (new elements of 10 kB or more, e.g. a
  plotly figure) is kept by hash; the client lists the hashes it holds in
  ``ClientState.cached_message_hashes`` and the server then sends a ForwardMsg with only
  ``ref_hash`` instead of the element. Like the frontend, an entry expires when it was not used in
  the last ``MAX_CACHED_MESSAGE_AGE`` runs.
* Widget changes: a rerun whose ``widget_states`` holds the widget's id and new value. The id is
  read from the widget's element in the last run (``$$ID-<hash>-<user key>``: the user key is the id's
  suffix), so a widget is addressed by its key. Like the browser, the client sends the values it set
  for every widget that is still on the page; widgets it never touched keep their server-side state.

Run from the command line for a quick look:
``python bench/st_client.py --port 8501 --page platforms --query "lang=en&pl_f=year"``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

MAX_CACHED_MESSAGE_AGE = 2  # the server's global.maxCachedMessageAge default, mirrored by the frontend
BUILD_RE = re.compile(r"(?:Build|数据版本) ([0-9a-f]{6,}) ·")
TEXT_ELEMENTS = ("markdown", "heading", "text", "alert", "metric", "exception")
FINISHED = ForwardMsg.ScriptFinishedStatus
WIDGET_ELEMENTS = ("checkbox", "selectbox", "multiselect", "text_input", "text_area")
INSTANCE_HEADER = "X-Lendscope-Instance"  # set by the proxy (deploy/serve.py)


class ClientError(Exception):
    """Base of the client's errors."""


class SessionDisconnected(ClientError):
    """The server closed the websocket (or it could not be opened)."""


class RunTimeout(ClientError):
    """No script_finished within the time limit."""


class ProtocolError(ClientError):
    """A message the client cannot interpret (e.g. a ref_hash to a message it does not hold)."""


@dataclass
class RunResult:
    """One interaction: from sending the rerun to the final script_finished."""

    elapsed: float
    texts: list[str]
    exceptions: list[str]  # "Type: message" of every exception element
    errors: list[str]  # body of every st.error alert
    plotly: bool
    status: str
    page_script_hash: str
    query_string: str
    reruns: int = 0  # runs that finished early because another run followed
    cache_refs: int = 0  # elements received as ref_hash and resolved from the cache
    widget_ids: dict[str, str] = field(default_factory=dict)  # user key -> element id

    @property
    def build_id(self) -> str | None:
        """The build id of the page's caption ("Build <id> · built …", or its Chinese form)."""
        for text in self.texts:
            match = BUILD_RE.search(text)
            if match:
                return match.group(1)
        return None

    @property
    def ok(self) -> bool:
        return self.status == "FINISHED_SUCCESSFULLY" and not self.exceptions


def element_texts(element) -> tuple[str | None, list[str]]:
    """(type, texts) of an Element proto."""
    kind = element.WhichOneof("type")
    body = getattr(element, kind) if kind else None
    if kind in ("markdown", "text", "heading"):
        return kind, [body.body]
    if kind == "alert":
        return kind, [body.body]
    if kind == "metric":
        return kind, [f"{body.label}: {body.body}"]
    if kind == "exception":
        return kind, [f"{body.type}: {body.message}"]
    return kind, []


def widget_value_state(element, value: Any) -> WidgetState:
    """The WidgetState a browser sends when the user sets this widget to `value`.

    checkbox/toggle: bool; selectbox: an option's label (as displayed) or its index;
    multiselect: labels; text_input/text_area: str."""
    kind = element.WhichOneof("type")
    proto = getattr(element, kind)
    state = WidgetState(id=proto.id)
    if kind == "checkbox":
        state.bool_value = bool(value)
    elif kind == "selectbox":
        options = list(proto.options)
        label = options[value] if isinstance(value, int) else value
        if label not in options:
            raise ValueError(f"{label!r} is not an option of {proto.id} ({options})")
        state.string_value = label
    elif kind == "multiselect":
        state.string_array_value.data.extend(list(value))
    elif kind in ("text_input", "text_area"):
        state.string_value = str(value)
    else:
        raise ValueError(f"cannot set a {kind} widget")
    return state


def tab_block(msg: ForwardMsg, tab_bars: dict, elements: dict) -> None:
    """Stateful tabs (`st.tabs(..., on_change="rerun")`) are a widget whose value is the open tab's
    label (a string_value), sent as a block, each tab a child block with its label. To the client
    they are a selectbox of those labels: it is kept as a Selectbox element with the tab bar's id,
    the labels as options and the open tab as its default, so `set_widgets({key: label or index})`
    opens a tab as a click does."""
    block, path = msg.delta.add_block, tuple(msg.metadata.delta_path)
    if block.WhichOneof("type") == "tab_container" and block.tab_container.id:
        element = Element()
        element.selectbox.id = block.tab_container.id
        element.selectbox.default = block.tab_container.default_tab_index
        tab_bars[path] = element
        widget_id = block.tab_container.id
        key = widget_id.split("-", 2)[-1] if widget_id.count("-") >= 2 else "None"
        if key != "None":
            elements[re.sub(r"\.(zh|en)$", "", key)] = element
    elif block.WhichOneof("type") == "tab" and path[:-1] in tab_bars:
        tab_bars[path[:-1]].selectbox.options.append(block.tab.label)


class StreamlitSession:
    """One browser tab: a websocket session that runs pages and changes widgets.

    ``async with StreamlitSession(port) as s: result = await s.run("platforms", "lang=en")``
    """

    def __init__(self, port: int, host: str = "127.0.0.1", timeout: float = 30.0, load_page: bool = True):
        self.host, self.port, self.timeout = host, port, timeout
        # Like a browser: GET the page first and send its cookies with the websocket handshake (a
        # proxy's stickiness cookie). Which instance answered each (X-Lendscope-Instance, set by the
        # proxy) is kept, to check stickiness.
        self.load_page = load_page
        self.cookies: dict[str, str] = {}
        self.page_instance: str | None = None
        self.ws_instance: str | None = None
        self.ws = None
        self.session_id: str | None = None
        self.page_script_hash = ""
        self.query_string = ""
        self.pages: dict[str, str] = {}  # url path -> page_script_hash (from the Navigation message)
        self.elements: dict[str, Any] = {}  # user key -> last element proto of that widget
        self.widget_values: dict[str, WidgetState] = {}  # element id -> the value this client set
        self.cache: dict[str, ForwardMsg] = {}
        self.cache_age: dict[str, int] = {}
        self.runs = 0

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def http_get(self, path: str = "/") -> tuple[int, bytes]:
        """GET a path with the session's cookies, keeping the ones the response sets (blocking)."""
        request = urllib.request.Request(f"{self.origin}{path}", headers=self._cookie_header())
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, body, headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as exc:
            status, body, headers = exc.code, exc.read(), exc.headers
        for value in headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0].strip()
        if path == "/":
            self.page_instance = headers.get(INSTANCE_HEADER)
        return status, body

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    async def connect(self) -> None:
        url = f"ws://{self.host}:{self.port}/_stcore/stream"
        try:
            if self.load_page and not self.cookies:
                status, _ = await asyncio.to_thread(self.http_get, "/")
                if status != 200:
                    raise SessionDisconnected(f"GET {self.origin}/ answered {status}")
            self.ws = await websockets.connect(
                url,
                subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],
                origin=self.origin,
                additional_headers=self._cookie_header(),
                max_size=None,
                open_timeout=self.timeout,
                ping_interval=None,  # the frontend sends app_heartbeat BackMsgs, not websocket pings
            )
        except (OSError, websockets.InvalidHandshake, TimeoutError) as exc:
            raise SessionDisconnected(f"cannot connect to {url}: {exc}") from exc
        self.ws_instance = self.ws.response.headers.get(INSTANCE_HEADER)
        if self.ws.subprotocol != "streamlit":
            raise ProtocolError(f"server selected subprotocol {self.ws.subprotocol!r}")

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def __aenter__(self) -> StreamlitSession:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    # ---- interactions -------------------------------------------------------------------------

    async def run(self, page: str | None = None, query_string: str | None = None) -> RunResult:
        """Open `page` (url path, "" for the default page; None: stay on the current page) with
        `query_string` (None: the session's current one, as rewritten by the app)."""
        return await self._rerun(page, query_string, {})

    async def set_widgets(self, values: dict[str, Any]) -> RunResult:
        """Change widgets by their user key (e.g. {"pl_log": True}) and rerun the current page."""
        states = {}
        for key, value in values.items():
            element = self.elements.get(key)
            if element is None:
                raise KeyError(f"no widget with key {key!r} on the page (have: {sorted(self.elements)})")
            state = widget_value_state(element, value)
            states[state.id] = state
        return await self._rerun(None, None, states)

    def widget(self, key: str):
        """The last element proto (Checkbox, Selectbox, …) of the widget with this user key."""
        element = self.elements[key]
        return getattr(element, element.WhichOneof("type"))

    # ---- protocol ------------------------------------------------------------------------------

    def _rerun_msg(self, page: str | None, query_string: str | None, states: dict[str, WidgetState]) -> BackMsg:
        msg = BackMsg()
        rerun = msg.rerun_script
        if query_string is not None:
            self.query_string = query_string.lstrip("?")
        rerun.query_string = self.query_string
        if page is None and self.page_script_hash:
            rerun.page_script_hash = self.page_script_hash
        elif page is not None and page in self.pages:
            rerun.page_script_hash = self.pages[page]
        else:
            rerun.page_name = page or ""  # first load: the URL path, as the browser sends it
        if page is None:  # same page: the widget values this client set, for widgets still shown
            shown = {getattr(e, e.WhichOneof("type")).id for e in self.elements.values()}
            self.widget_values = {i: s for i, s in self.widget_values.items() if i in shown}
            self.widget_values.update(states)
            rerun.widget_states.widgets.extend(self.widget_values.values())
        else:
            self.widget_values = {}
        rerun.cached_message_hashes.extend(self.cache)
        path = page if page is not None else next((p for p, h in self.pages.items() if h == self.page_script_hash), "")
        rerun.context_info.url = f"{self.origin}/{path}" + (f"?{self.query_string}" if self.query_string else "")
        rerun.context_info.timezone = "UTC"
        rerun.context_info.locale = "en-US"
        return msg

    async def _rerun(self, page: str | None, query_string: str | None, states: dict[str, WidgetState]) -> RunResult:
        if self.ws is None:
            raise SessionDisconnected("not connected")
        msg = self._rerun_msg(page, query_string, states)
        t0 = time.perf_counter()
        try:
            await self.ws.send(msg.SerializeToString())
            return await asyncio.wait_for(self._read_run(t0), self.timeout)
        except TimeoutError as exc:
            raise RunTimeout(f"no script_finished within {self.timeout:.0f} s") from exc
        except websockets.ConnectionClosed as exc:
            raise SessionDisconnected(f"websocket closed: {exc}") from exc

    async def _read_run(self, t0: float) -> RunResult:
        texts: list[str] = []
        exceptions: list[str] = []
        errors: list[str] = []
        elements: dict[str, Any] = {}
        tab_bars: dict[tuple[int, ...], Any] = {}  # delta path of a stateful tab bar -> its Selectbox stand-in
        plotly = False
        reruns = refs = 0
        used: set[str] = set()
        while True:
            raw = await self.ws.recv()
            if not isinstance(raw, bytes):
                raise ProtocolError("text frame from the server")
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "ref_hash":
                cached = self.cache.get(msg.ref_hash)
                if cached is None:
                    raise ProtocolError(f"ref_hash {msg.ref_hash} not in the client's cache")
                used.add(msg.ref_hash)
                refs += 1
                msg, kind = cached, cached.WhichOneof("type")
            elif msg.metadata.cacheable and msg.hash:
                self.cache[msg.hash] = msg
                used.add(msg.hash)
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                self.page_script_hash = msg.new_session.page_script_hash
                texts, exceptions, errors, elements, plotly = [], [], [], {}, False
                tab_bars = {}
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_script_hash = msg.navigation.page_script_hash or self.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
                tab_block(msg, tab_bars, elements)
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                element_kind, found = element_texts(element)
                texts += found
                if element_kind == "exception":
                    exceptions += found
                elif element_kind == "alert" and element.alert.format == element.alert.ERROR:
                    errors += found
                elif element_kind == "plotly_chart":
                    plotly = True
                elif element_kind in WIDGET_ELEMENTS:
                    widget_id = getattr(element, element_kind).id
                    key = widget_id.split("-", 2)[-1] if widget_id.count("-") >= 2 else "None"
                    if key != "None":  # widgets without a user key get "-None"
                        # The app keys a selectbox per language ("pl_f.en"); callers name it "pl_f".
                        elements[re.sub(r"\.(zh|en)$", "", key)] = element
            elif kind == "script_finished":
                status = FINISHED.Name(msg.script_finished)
                if msg.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    reruns += 1
                    continue
                elapsed = time.perf_counter() - t0
                self.elements = elements
                self._age_cache(used)
                self.runs += 1
                return RunResult(
                    elapsed=elapsed,
                    texts=texts,
                    exceptions=exceptions,
                    errors=errors,
                    plotly=plotly,
                    status=status,
                    page_script_hash=self.page_script_hash,
                    query_string=self.query_string,
                    reruns=reruns,
                    cache_refs=refs,
                    widget_ids={k: getattr(e, e.WhichOneof("type")).id for k, e in elements.items()},
                )

    def _age_cache(self, used: set[str]) -> None:
        for key in list(self.cache):
            self.cache_age[key] = 0 if key in used else self.cache_age.get(key, 0) + 1
            if self.cache_age[key] > MAX_CACHED_MESSAGE_AGE:
                del self.cache[key], self.cache_age[key]


async def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--page", default="")
    parser.add_argument("--query", default="lang=en")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=JSON", help="e.g. pl_log=true")
    args = parser.parse_args()
    async with StreamlitSession(args.port) as session:
        results = [await session.run(args.page, args.query)]
        if args.set:
            changes = {k: json.loads(v) for k, v in (item.split("=", 1) for item in args.set)}
            results.append(await session.set_widgets(changes))
    for r in results:
        summary = {
            "elapsed_s": round(r.elapsed, 3), "status": r.status, "build_id": r.build_id, "plotly": r.plotly,
            "exceptions": r.exceptions, "errors": r.errors, "query_string": r.query_string,
            "cache_refs": r.cache_refs, "widgets": sorted(r.widget_ids), "texts": r.texts[:5],
        }  # fmt: skip
        print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    asyncio.run(_main())
