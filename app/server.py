"""The dashboard's launcher: Streamlit's own `streamlit run`, with TCP_NODELAY on every accepted socket
and the imported libraries frozen out of the garbage collector's full collections.

    python -m app.server run dashboard.py --server.port 8501 [any other `streamlit run` option]

Why: Streamlit 1.67 binds its listening socket itself (starlette_server._bind_socket, a plain
`socket.socket(family)` whose proto is 0), so asyncio's transport never sets TCP_NODELAY on the
connections it accepts. Nagle's algorithm then holds every websocket frame after the first until the
browser's delayed ACK (~40 ms), on every rerun. Streamlit has no option for it, so this wraps the bind:
the listening socket gets TCP_NODELAY (Linux copies it to every accepted socket) and is re-wrapped
with proto IPPROTO_TCP (so asyncio sets it on each accepted socket on any platform).

It also freezes the objects of the libraries it imports before serving (see freeze_imports).

Everything else is `streamlit run`, unchanged: the project's settings (post-script GC off, no file
watcher) are in .streamlit/config.toml, read from the working directory. No Streamlit UI code here.
"""

from __future__ import annotations

import socket
import sys


def enable_nodelay() -> None:
    """Patch Streamlit's socket binding (idempotent). Fails loudly if Streamlit moved the hook."""
    from streamlit.web.server.starlette import starlette_server

    bind = starlette_server._bind_socket
    if getattr(bind, "sets_nodelay", False):
        return

    def bind_with_nodelay(address: str, port: int, backlog: int) -> socket.socket:
        sock = bind(address, port, backlog)
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return sock
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.setblocking(False)
        tcp.set_inheritable(True)
        return tcp

    bind_with_nodelay.sets_nodelay = True
    starlette_server._bind_socket = bind_with_nodelay


# What the dashboard imports that is big: imported here, before Streamlit starts, so it can be frozen.
HEAVY_MODULES = ("streamlit.web.cli", "streamlit.runtime", "plotly.graph_objects", "polars", "duckdb", "pyarrow",
                 "pandas")  # fmt: skip


def freeze_imports() -> int:
    """Import the libraries the app uses, then move every object alive now into the garbage collector's
    permanent generation (gc.freeze). Why: with the post-script GC off, Python's own full collections
    still run every few seconds under load and scanned these ~150k import-time objects each time, a
    100-200 ms pause of the whole process (every session on the instance waits); frozen, they are never
    scanned again. Only objects created before serving are frozen (modules, classes, plotly's
    validators), none of the app's caches, so nothing that later becomes garbage is kept by it.
    Returns how many objects were frozen."""
    import gc
    import importlib

    for name in HEAVY_MODULES:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def main(argv: list[str] | None = None) -> None:
    freeze_imports()
    enable_nodelay()
    from streamlit.web import cli

    sys.argv = ["streamlit", *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
