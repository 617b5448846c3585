"""One HTTP layer for every live source, so timeouts, retries, caching and key handling agree.

- Connect and read timeouts on every call.
- Retries with exponential backoff on 429, 502, 503, 504 and on connection errors or timeouts;
  a `Retry-After` header is honoured when it asks for no more than the maximum wait, and a
  longer demand ends the attempt at once rather than being silently shortened.
- A descriptive User-Agent.
- An on-disk response cache (requests-cache, SQLite) with a time-to-live. Only 200 responses
  are cached, and everything fetched during a failed refresh can be evicted so a bad body is
  never served again from the cache.
- The NOMIS API key travels as the `uid` query parameter and nowhere else: requests-cache is
  told to ignore and redact `uid` (so neither cache keys nor stored responses hold it), and
  every URL that reaches a message or a log goes through `redact_url` first.

The sleep function is injectable so tests run retries without waiting.
"""

from __future__ import annotations

import email.utils
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
import requests_cache

from data_sources.live.settings import Settings

LOGGER = logging.getLogger(__name__)
KEY_PARAMETER = "uid"
CACHE_FILE = "http_cache"  # requests-cache adds ".sqlite"
REDACTED = "REDACTED"


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
    """GET with timeouts, retries, a response cache and a secret-safe error path."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._fetched_urls: list[str] = []
        self.session: requests.Session
        if settings.use_cache:
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
        else:
            self.session = requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent
        install_log_redaction()

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

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
        headers = {"Accept": accept} if accept else {}
        attempts = self.settings.max_retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self.session.get(
                    url,
                    params=query,
                    headers=headers,
                    timeout=(self.settings.connect_timeout, self.settings.read_timeout),
                )
            except (requests.ConnectionError, requests.Timeout) as error:
                kind = "timed out" if isinstance(error, requests.Timeout) else "could not connect"
                problem = f"{kind} fetching {shown} ({type(error).__name__})"
                if last:
                    raise LiveSourceError(
                        source_id, f"{problem}; gave up after {attempts} attempts"
                    ) from None
                self._wait(source_id, problem, self._backoff(attempt))
                continue
            except requests.RequestException as error:
                detail = _redact_text(str(error), secret)
                raise LiveSourceError(
                    source_id, f"request for {shown} failed: {type(error).__name__}: {detail}"
                ) from None
            status = response.status_code
            if status == 200:
                from_cache = bool(getattr(response, "from_cache", False))
                LOGGER.info("%s: %s %s", source_id, "cached" if from_cache else "fetched", shown)
                self._fetched_urls.append(full_url)
                return Fetched(
                    url=shown,
                    content=response.content,
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
            self._wait(source_id, problem, asked if asked is not None else self._backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        return float(
            min(self.settings.backoff_base_seconds * 2**attempt, self.settings.max_wait_seconds)
        )

    def _wait(self, source_id: str, problem: str, seconds: float) -> None:
        LOGGER.warning("%s: %s; retrying in %.1f s", source_id, problem, seconds)
        self._sleep(seconds)

    def forget_fetched(self) -> None:
        """Evict every response fetched by this client from the cache (after a failed refresh)."""
        if isinstance(self.session, requests_cache.CachedSession) and self._fetched_urls:
            self.session.cache.delete(urls=self._fetched_urls)
        self._fetched_urls.clear()
