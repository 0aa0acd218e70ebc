"""HTTP for refresh: timeouts, retries with backoff on 429/5xx honouring Retry-After, a clear
User-Agent, conditional requests (ETag / Last-Modified), and one error type naming what happened.

Bounded: a socket timeout alone lets a server that trickles a byte at a time keep one request
open for as long as it likes, so every request also has a total deadline, and every source a
Budget (total time, requests, bytes) shared by all its requests and retries."""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field, replace
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
    request_deadline: float = 120.0  # seconds for one request, connect to last byte
    source_deadline: float = 900.0  # seconds for all of one source's requests, retries and waits
    max_response_bytes: int = 50_000_000
    max_source_bytes: int = 200_000_000
    max_source_requests: int = 400  # pages, attachments and retries of one source
    budget: Budget | None = field(default=None, compare=False)

    def for_source(self) -> FetchPolicy:
        """This policy with a fresh budget: what one source may spend."""
        return replace(self, budget=Budget(self))


class Budget:
    """Time, requests and bytes one source has left (shared by all its fetches)."""

    def __init__(self, policy: FetchPolicy, clock=time.monotonic):
        self.clock = clock
        self.deadline = clock() + policy.source_deadline
        self.requests = 0
        self.bytes = 0

    def remaining(self) -> float:
        return self.deadline - self.clock()


class FetchError(Exception):
    """kind: timeout, connection, http, truncated, redirect, limit."""

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
    budget = policy.budget or Budget(policy)
    wait = policy.backoff
    last_error: FetchError | None = None
    for attempt in range(1, policy.attempts + 1):
        _spend_request(budget, policy, url)
        by_source = budget.remaining() < policy.request_deadline
        deadline = time.monotonic() + min(policy.request_deadline, budget.remaining())
        try:
            r = session.get(url, headers=headers, timeout=(policy.connect_timeout, policy.read_timeout), stream=True)
            try:
                content = _read_body(r, url, policy, budget, deadline, by_source)  # a short body raises here
            finally:
                r.close()
        except requests.exceptions.Timeout as exc:
            last_error = FetchError("timeout", url, f"no answer within the time limit ({exc.__class__.__name__})")
        except requests.exceptions.TooManyRedirects:
            raise FetchError(
                "redirect", url, f"a redirect loop (more than {session.max_redirects} redirects)"
            ) from None
        except requests.exceptions.ChunkedEncodingError as exc:
            last_error = FetchError("truncated", url, f"the body ended early ({_short(exc)})")
        except requests.exceptions.ConnectionError as exc:
            kind = "truncated" if "IncompleteRead" in str(exc) or "incomplete" in str(exc).lower() else "connection"
            last_error = FetchError(kind, url, _cause(exc))
        except requests.exceptions.RequestException as exc:  # an invalid URL, a bad header …
            raise FetchError("connection", url, _short(f"{type(exc).__name__}: {exc}")) from None
        else:
            if r.status_code in RETRY_STATUSES:
                last_error = FetchError("http", url, f"HTTP {r.status_code} {r.reason}")
                if attempt < policy.attempts:
                    _sleep(sleep, budget, min(policy.max_wait, retry_after_seconds(r.headers.get("Retry-After"), wait)))
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
            _sleep(sleep, budget, min(policy.max_wait, wait))
            wait *= 2
    assert last_error is not None
    raise last_error


def _spend_request(budget: Budget, policy: FetchPolicy, url: str) -> None:
    if budget.remaining() <= 0:
        raise FetchError("limit", url, f"the source's time budget ({policy.source_deadline:g} s) is spent")
    if budget.requests >= policy.max_source_requests:
        raise FetchError("limit", url, f"more than {policy.max_source_requests} requests for one source")
    budget.requests += 1


def _sleep(sleep, budget: Budget, seconds: float) -> None:
    sleep(max(0.0, min(seconds, budget.remaining())))


def _read_body(
    r: requests.Response, url: str, policy: FetchPolicy, budget: Budget, deadline: float, by_source: bool
) -> bytes:
    """The whole body, read as it arrives (read1 returns after at most one socket read), checking
    the request's deadline and the byte caps between reads."""
    declared = r.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_response_bytes:
        raise FetchError(
            "limit", url, f"the answer is {int(declared):,} bytes; the cap is {policy.max_response_bytes:,}"
        )
    parts, size = [], 0
    while True:
        if time.monotonic() > deadline:
            if by_source:
                raise FetchError("limit", url, f"the source's time budget ({policy.source_deadline:g} s) is spent")
            raise FetchError("timeout", url, f"the answer took longer than {policy.request_deadline:g} s in total "
                                             "(a server sending a trickle of bytes?)")  # fmt: skip
        try:
            chunk = r.raw.read1(65536, decode_content=True)
        except Exception as exc:  # urllib3's own errors: the same meaning as requests' wrappers
            if "timed out" in str(exc).lower():
                raise requests.exceptions.ReadTimeout(str(exc)) from None
            raise requests.exceptions.ChunkedEncodingError(_short(exc)) from None
        if not chunk:
            break
        size += len(chunk)
        budget.bytes += len(chunk)
        if size > policy.max_response_bytes:
            raise FetchError("limit", url, f"the answer exceeds the cap of {policy.max_response_bytes:,} bytes")
        if budget.bytes > policy.max_source_bytes:
            raise FetchError("limit", url, f"the source's answers exceed the cap of {policy.max_source_bytes:,} bytes")
        parts.append(chunk)
    if declared.isdigit() and not r.headers.get("Content-Encoding") and size < int(declared):
        raise requests.exceptions.ChunkedEncodingError(
            f"IncompleteRead({size} bytes read, {int(declared) - size} more expected)"
        )
    return b"".join(parts)


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
