"""HTTP for refresh: timeouts, retries with backoff on 429/5xx honouring Retry-After, a clear
User-Agent, conditional requests (ETag / Last-Modified), and one error type naming what happened."""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests

import etl

USER_AGENT = f"Lendscope/{etl.__version__} (open-source data refresh; python-requests)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    attempts: int = 4  # first try included
    backoff: float = 1.0  # seconds, doubled after each retry
    max_wait: float = 60.0  # never wait longer than this for one retry, whatever Retry-After says


class FetchError(Exception):
    """kind: timeout, connection, http, truncated."""

    def __init__(self, kind: str, url: str, message: str):
        self.kind, self.url = kind, url
        super().__init__(f"{kind}: {message}")


@dataclass
class Response:
    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    retrieved: datetime = field(default_factory=lambda: datetime.now(UTC))
    attempts: int = 1
    referrer: str | None = None  # the page that linked to this one (an attachment's report page)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None, default: float) -> float:
    """Retry-After as seconds or as an HTTP date; the default when absent or unreadable."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def fetch(
    session: requests.Session,
    url: str,
    policy: FetchPolicy = FetchPolicy(),
    etag: str | None = None,
    last_modified: str | None = None,
    sleep=time.sleep,
) -> Response:
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    wait = policy.backoff
    last_error: FetchError | None = None
    for attempt in range(1, policy.attempts + 1):
        try:
            r = session.get(url, headers=headers, timeout=(policy.connect_timeout, policy.read_timeout))
            content = r.content  # reads the whole body: a short body raises here
        except requests.exceptions.Timeout as exc:
            last_error = FetchError("timeout", url, f"no answer within the time limit ({exc.__class__.__name__})")
        except requests.exceptions.ChunkedEncodingError as exc:
            last_error = FetchError("truncated", url, f"the body ended early ({_short(exc)})")
        except requests.exceptions.ConnectionError as exc:
            kind = "truncated" if "IncompleteRead" in str(exc) or "incomplete" in str(exc).lower() else "connection"
            last_error = FetchError(kind, url, _cause(exc))
        else:
            if r.status_code in RETRY_STATUSES:
                last_error = FetchError("http", url, f"HTTP {r.status_code} {r.reason}")
                if attempt < policy.attempts:
                    sleep(min(policy.max_wait, retry_after_seconds(r.headers.get("Retry-After"), wait)))
                    wait *= 2
                    continue
                raise last_error
            if r.status_code >= 400:
                raise FetchError("http", url, f"HTTP {r.status_code} {r.reason}")
            return Response(
                url=url, status=r.status_code, content=content,
                content_type=r.headers.get("Content-Type", ""), etag=r.headers.get("ETag"),
                last_modified=r.headers.get("Last-Modified"), attempts=attempt,
            )  # fmt: skip
        if attempt < policy.attempts:
            sleep(min(policy.max_wait, wait))
            wait *= 2
    assert last_error is not None
    raise last_error


def _cause(exc: Exception) -> str:
    """The innermost reason of a requests/urllib3 error, without the URL repeated."""
    reason = exc
    while True:
        inner = getattr(reason, "reason", None) or (reason.args[0] if reason.args else None)
        if not isinstance(inner, Exception) or inner is reason:
            break
        reason = inner
    text = str(reason)
    text = text.split(": ", 1)[-1] if text.startswith("<") else text
    return _short(f"{type(reason).__name__}: {text}")


def _short(exc) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:200] + "…"
