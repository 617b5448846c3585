"""One HTTP layer for every live source, so timeouts, limits, retries, caching and keys agree.

- Every request has an overall deadline (`request_deadline_seconds`), and the whole refresh a
  time budget (`refresh_budget_seconds`): a timer cuts the connection when time runs out,
  wherever the request is blocked, so a server that drips one byte a second or goes silent
  is stopped on time. The message says which source ran out of time.
- Every body is streamed and its decoded size capped (`max_response_bytes`), gzip bombs
  included (urllib3 bounds what one read may inflate), so memory stays bounded.
- Connect and read timeouts on every call.
- Retries with exponential backoff on 429, 502, 503, 504 and on connection errors or timeouts;
  a `Retry-After` header is honoured when it asks for no more than the maximum wait, and a
  longer demand ends the attempt at once rather than being silently shortened.
- A descriptive User-Agent.
- An on-disk response cache (requests-cache, SQLite) with a time-to-live. Only 200 responses
  are cached. Whatever a source fetched is evicted when that source fails in any way
  (`HttpClient.source`), so a bad body is never served again from the cache; an error of the
  cache itself (SQLite) is that source's failure too, never a traceback.
- The NOMIS API key travels as the `uid` query parameter and nowhere else: requests-cache is
  told to ignore and redact `uid` (so neither cache keys nor stored responses hold it), and
  every URL that reaches a message or a log goes through `redact_url` first.

The sleep function is injectable so tests run retries without waiting.
"""

from __future__ import annotations

import email.utils
import logging
import re
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
import requests_cache
from requests.adapters import HTTPAdapter
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool, ProxyManager
from urllib3.connection import HTTPConnection, HTTPSConnection

from data_sources.live.settings import Settings

LOGGER = logging.getLogger(__name__)
KEY_PARAMETER = "uid"
CACHE_FILE = "http_cache"  # requests-cache adds ".sqlite"
REDACTED = "REDACTED"
CHUNK_BYTES: Final = 64 * 1024


class LiveSourceError(RuntimeError):
    """A live source failed or returned something unexpected; names the source and the problem."""

    def __init__(self, source_id: str, problem: str) -> None:
        super().__init__(f"{source_id}: {problem}")
        self.source_id = source_id
        self.problem = problem


def redact_url(url: str) -> str:
    """The URL with any API key replaced, safe for messages, logs and manifests."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [
        (name, REDACTED if name.lower() == KEY_PARAMETER else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe=",:'*()")))


def error_kind(error: BaseException) -> str:
    """The error's type as a reader can look it up: `_csv.Error`, `sqlite3.DataError`."""
    kind = type(error)
    return (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )


def _redact_text(text: str, secret: str | None) -> str:
    return text.replace(secret, REDACTED) if secret else text


_KEY_IN_TEXT = re.compile(rf"(?i)([?&;]{KEY_PARAMETER}=)[^&\s\"'#]+")


class RedactKeyFilter(logging.Filter):
    """Replaces `uid=…` in any log record: urllib3 and requests-cache log full URLs at DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _KEY_IN_TEXT.sub(rf"\g<1>{REDACTED}", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_REDACT_FILTER = RedactKeyFilter()
_LIBRARY_LOGGERS = ("urllib3", "requests", "requests_cache")


def install_log_redaction() -> None:
    """Attach the redacting filter to every logger of the HTTP libraries (idempotent).

    Logger filters only see records created on that very logger, so each module logger of
    urllib3, requests and requests-cache gets the filter, not just the package loggers.
    """
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger) and name.split(".")[0] in _LIBRARY_LOGGERS:
            if _REDACT_FILTER not in logger.filters:
                logger.addFilter(_REDACT_FILTER)
    for name in _LIBRARY_LOGGERS:
        package_logger = logging.getLogger(name)
        if _REDACT_FILTER not in package_logger.filters:
            package_logger.addFilter(_REDACT_FILTER)


class _Deadline:
    """One request's deadline: when it passes, a timer shuts every socket the request used.

    Socket timeouts only bound each `recv`, so a server sending a byte a second would never be
    cut off by them; shutting the socket from a timer thread wakes whatever call is blocked on
    it (connect, headers or body) at once.
    """

    def __init__(self, seconds: float, clock: Callable[[], float]) -> None:
        self.ends = clock() + max(seconds, 0.0)
        self._clock = clock
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._done = False
        self.expired = False
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def remaining(self) -> float:
        return self.ends - self._clock()

    def passed(self) -> bool:
        return self.expired or self.remaining() <= 0

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if self._done:
                return
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def __enter__(self) -> _Deadline:
        _ACTIVE.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()
        with self._lock:
            self._done = True
            self._sockets.clear()
        _ACTIVE.deadline = None


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


_ACTIVE = threading.local()  # the deadline of the request this thread is making, if any


def _watch(sock: socket.socket | None) -> None:
    deadline: _Deadline | None = getattr(_ACTIVE, "deadline", None)
    if deadline is not None:
        deadline.watch(sock)


class _WatchedHTTPConnection(HTTPConnection):
    """Hands its socket to the current request's deadline, on connect and on every reuse."""

    def connect(self) -> None:
        super().connect()
        _watch(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self.sock)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self.sock)
        super().request(*args, **kwargs)


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS: Final = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _WatchedAdapter(HTTPAdapter):
    """requests' adapter with connections a deadline can cut."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_WATCHED_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if type(manager) is ProxyManager:  # SOCKS managers keep their own pools
            manager.pool_classes_by_scheme = dict(_WATCHED_POOLS)
        return manager


class _TooLargeError(Exception):
    """The body grew past the size limit (raised from the response hook, never a RequestException,
    so it is not retried)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class _OutOfTimeError(Exception):
    """The request's deadline passed while its body was being read."""


@dataclass(frozen=True)
class Fetched:
    """A successful response body with the (redacted) URL it came from."""

    url: str
    content: bytes
    content_type: str
    from_cache: bool

    def text(self) -> str:
        return self.content.decode("utf-8-sig")

    def looks_like_html(self) -> bool:
        head = self.content[:512].lstrip().lower()
        return "html" in self.content_type.lower() or head.startswith((b"<!doctype", b"<html"))


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or an HTTP date), if any."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


class HttpClient:
    """GET with deadlines, a size cap, retries, a response cache and a secret-safe error path.

    One client serves one refresh: its time budget starts when it is made.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._clock = clock
        self._budget_ends = clock() + settings.refresh_budget_seconds
        self._fetched_urls: dict[str, list[str]] = {}
        self.session: requests.Session
        if settings.use_cache:
            try:
                settings.cache_dir.mkdir(parents=True, exist_ok=True)
                self.session = requests_cache.CachedSession(
                    str(settings.cache_dir / CACHE_FILE),
                    backend="sqlite",
                    expire_after=settings.cache_ttl_seconds,
                    allowable_codes=(200,),
                    allowable_methods=("GET",),
                    ignored_parameters=[KEY_PARAMETER],
                    stale_if_error=False,
                )
            except (OSError, sqlite3.Error) as error:
                raise LiveSourceError(
                    "response cache",
                    f"cannot open the response cache in {settings.cache_dir} "
                    f"({type(error).__name__}: {error}); set NOLB_CACHE_DIR or use --no-cache",
                ) from None
        else:
            self.session = requests.Session()
        for scheme in ("http://", "https://"):
            self.session.mount(scheme, _WatchedAdapter())
        self.session.headers["User-Agent"] = settings.user_agent
        self.session.hooks["response"].append(self._read_capped)
        install_log_redaction()

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, error_type: type[BaseException] | None, *_: object) -> None:
        if error_type is not None:
            self.forget_fetched()  # whatever went wrong, nothing fetched may poison later runs
        self.close()

    @contextmanager
    def source(self, source_id: str) -> Iterator[None]:
        """Fetch one source inside this block: if it fails in any way, what it fetched is evicted
        from the cache, and an error that is not already a LiveSourceError becomes one naming
        the source (so the refresh never ends in a traceback)."""
        try:
            yield
        except LiveSourceError:
            self.forget_fetched(source_id)
            raise
        except Exception as error:
            self.forget_fetched(source_id)
            detail = _redact_text(str(error), self.settings.nomis_api_key)[:300]
            raise LiveSourceError(
                source_id, f"unexpected {error_kind(error)} while reading it: {detail}"
            ) from error

    def _request_deadline(self, source_id: str, shown: str) -> tuple[float, str]:
        """Seconds this request may take, and what to say if it runs out of them."""
        budget_left = self._budget_ends - self._clock()
        own = self.settings.request_deadline_seconds
        budget = (
            f"the refresh ran out of its time budget of {self.settings.refresh_budget_seconds:g} s "
            f"(NOLB_REFRESH_BUDGET_SECONDS) while fetching {shown}"
        )
        if budget_left <= 0:
            raise LiveSourceError(source_id, budget)
        if budget_left < own:
            return budget_left, budget
        return own, (
            f"no complete response from {shown} within {own:g} s "
            "(NOLB_REQUEST_DEADLINE_SECONDS); the server is too slow or not answering"
        )

    def get(
        self,
        source_id: str,
        url: str,
        params: Mapping[str, str] | None = None,
        *,
        accept: str | None = None,
        send_key: bool = False,
    ) -> Fetched:
        """GET `url` with `params`; raises LiveSourceError naming `source_id` on any failure.

        With `send_key`, the NOMIS API key (if configured) is added as `uid`.
        """
        query = dict(params or {})
        secret = self.settings.nomis_api_key if send_key else None
        if secret:
            query[KEY_PARAMETER] = secret
        request = requests.Request("GET", url, params=query).prepare()
        full_url = request.url or url
        shown = redact_url(full_url)
        seconds, out_of_time = self._request_deadline(source_id, shown)
        # Recorded before asking: whatever reaches the cache for this URL goes if the source fails.
        self._fetched_urls.setdefault(source_id, []).append(full_url)
        with _Deadline(seconds, self._clock) as deadline:
            try:
                return self._get(source_id, url, query, accept, secret, shown, deadline)
            except _OutOfTimeError:
                raise LiveSourceError(source_id, out_of_time) from None
            except LiveSourceError:
                if deadline.passed():
                    raise LiveSourceError(source_id, out_of_time) from None
                raise

    def _get(
        self,
        source_id: str,
        url: str,
        query: dict[str, str],
        accept: str | None,
        secret: str | None,
        shown: str,
        deadline: _Deadline,
    ) -> Fetched:
        headers = {"Accept": accept} if accept else {}
        attempts = self.settings.max_retries + 1
        limit = self.settings.max_response_bytes
        for attempt in range(attempts):
            last = attempt == attempts - 1
            left = max(deadline.remaining(), 0.001)
            try:
                response = self.session.get(
                    url,
                    params=query,
                    headers=headers,
                    timeout=(
                        min(self.settings.connect_timeout, left),
                        min(self.settings.read_timeout, left),
                    ),
                )
            except _TooLargeError as error:
                raise LiveSourceError(
                    source_id,
                    f"the response from {shown} is larger than the limit of {limit:,} bytes "
                    f"(NOLB_MAX_RESPONSE_BYTES); stopped after {error.size:,} bytes",
                ) from None
            except _OutOfTimeError:
                raise
            except (requests.ConnectionError, requests.Timeout) as error:
                if deadline.passed():
                    raise _OutOfTimeError() from None
                kind = "timed out" if isinstance(error, requests.Timeout) else "could not connect"
                problem = f"{kind} fetching {shown} ({type(error).__name__})"
                if last:
                    raise LiveSourceError(
                        source_id, f"{problem}; gave up after {attempts} attempts"
                    ) from None
                self._wait(source_id, problem, self._backoff(attempt), deadline)
                continue
            except requests.RequestException as error:
                if deadline.passed():
                    raise _OutOfTimeError() from None
                detail = _redact_text(str(error), secret)
                raise LiveSourceError(
                    source_id, f"request for {shown} failed: {type(error).__name__}: {detail}"
                ) from None
            except sqlite3.Error as error:
                raise LiveSourceError(
                    source_id,
                    f"the response cache failed on {shown} ({type(error).__name__}: "
                    f"{_redact_text(str(error), secret)}); it is in "
                    f"{self.settings.cache_dir} (NOLB_CACHE_DIR), or use --no-cache",
                ) from None
            except Exception as error:
                if deadline.passed():
                    raise _OutOfTimeError() from None
                detail = _redact_text(str(error), secret)[:300]
                raise LiveSourceError(
                    source_id, f"fetching {shown} failed: {type(error).__name__}: {detail}"
                ) from None
            status = response.status_code
            if status == 200:
                content = response.content
                if len(content) > limit:  # a cached body from before the limit was lowered
                    raise LiveSourceError(
                        source_id,
                        f"the response from {shown} is larger than the limit of {limit:,} bytes "
                        "(NOLB_MAX_RESPONSE_BYTES)",
                    )
                from_cache = bool(getattr(response, "from_cache", False))
                LOGGER.info("%s: %s %s", source_id, "cached" if from_cache else "fetched", shown)
                return Fetched(
                    url=shown,
                    content=content,
                    content_type=response.headers.get("Content-Type", ""),
                    from_cache=from_cache,
                )
            problem = f"HTTP {status} {response.reason or ''}".rstrip() + f" from {shown}"
            if status not in self.settings.retry_statuses:
                raise LiveSourceError(source_id, problem)
            if last:
                raise LiveSourceError(source_id, f"{problem}; gave up after {attempts} attempts")
            asked = retry_after_seconds(response.headers.get("Retry-After"))
            if asked is not None and asked > self.settings.max_wait_seconds:
                raise LiveSourceError(
                    source_id,
                    f"{problem} asks to retry after {asked:g} s, more than the maximum wait of "
                    f"{self.settings.max_wait_seconds:g} s; try again later",
                )
            wait = asked if asked is not None else self._backoff(attempt)
            self._wait(source_id, problem, wait, deadline)
        raise AssertionError("unreachable")  # pragma: no cover

    def _read_capped(self, response: requests.Response, *_: Any, **__: Any) -> requests.Response:
        """Response hook: read the body in chunks, stopping at the size limit or the deadline.

        Runs before requests-cache stores anything, so an oversized body is never cached and
        never held whole in memory. Cached responses (already read) pass through.
        """
        if getattr(response, "from_cache", False) or getattr(response, "_content_consumed", True):
            return response
        limit = self.settings.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            response.close()
            raise _TooLargeError(int(declared))
        deadline: _Deadline | None = getattr(_ACTIVE, "deadline", None)
        body = bytearray()
        for chunk in response.iter_content(CHUNK_BYTES):
            body += chunk
            if len(body) > limit:
                response.close()
                raise _TooLargeError(len(body))
            if deadline is not None and deadline.passed():
                response.close()
                raise _OutOfTimeError()
        response._content = bytes(body)
        return response

    def _backoff(self, attempt: int) -> float:
        return float(
            min(self.settings.backoff_base_seconds * 2**attempt, self.settings.max_wait_seconds)
        )

    def _wait(self, source_id: str, problem: str, seconds: float, deadline: _Deadline) -> None:
        if seconds >= deadline.remaining():
            raise _OutOfTimeError()
        LOGGER.warning("%s: %s; retrying in %.1f s", source_id, problem, seconds)
        self._sleep(seconds)

    def forget_fetched(self, source_id: str | None = None) -> None:
        """Evict from the cache every response fetched for `source_id` (or for every source).

        Never raises: it runs while another failure is being reported. If the cache cannot
        delete single entries it is cleared whole.
        """
        names = list(self._fetched_urls) if source_id is None else [source_id]
        urls = [url for name in names for url in self._fetched_urls.pop(name, [])]
        if not isinstance(self.session, requests_cache.CachedSession) or not urls:
            return
        try:
            self.session.cache.delete(urls=urls)
        except Exception as error:  # noqa: BLE001 - any cache failure: fall back to clearing it
            LOGGER.warning("could not evict %d cached responses (%s); clearing", len(urls), error)
            try:
                self.session.cache.clear()  # type: ignore[no-untyped-call]
            except Exception as second:  # noqa: BLE001
                LOGGER.error(
                    "could not clear the response cache in %s (%s): delete it by hand",
                    self.settings.cache_dir,
                    second,
                )
