"""One API client per run: bearer auth with one refresh on 401, the shared rate limiter, and retries.

Retries (tenacity): 429 waits for Retry-After (the limiter holds every caller back as long);
5xx other than 501, timeouts and dropped connections back off exponentially with jitter (CXone: no
retry of a 500 or of a POST after a 5xx, CXONE_RETRY). 206 Partial Success is an answer: its items say
what failed. A write that
is not idempotent (POST) and loses its connection after sending raises OutcomeUnknown instead of being
sent again, so the caller can re-read by name first and never create a duplicate.

Every exchange, retry and 429 wait is counted in the client's `telemetry` (reconciler.telemetry), and
each request is one trace span when tracing is on.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, stop_after_delay
from tenacity.wait import wait_random_exponential

from reconciler.exceptions import OutcomeUnknown, PlatformError, RequestFailed, RetriesExhausted
from reconciler.limits import DEFAULT_LIMITS, Limits
from reconciler.providers.auth import TokenSource
from reconciler.providers.bounded import BodyLimit, send_bounded
from reconciler.providers.rate_limit import RateLimiter
from reconciler.telemetry import tracing
from reconciler.telemetry.collector import RunTelemetry
from reconciler.telemetry.endpoints import endpoint_template

log = logging.getLogger(__name__)

MAX_RETRY_AFTER_SECONDS = 180.0


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 8
    max_seconds: float = 300.0
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    retry_500: bool = True
    """Whether a 500 is worth another try (CXone documents its 500s as deterministic errors)."""
    retry_post_5xx: bool = True
    """Whether a POST (not idempotent: a create, an addition) is sent again after a 5xx."""

    def retries(self, method: str, problem: RequestFailed) -> bool:
        """Whether `problem`, the answer to a `method` request, is worth another try under this policy."""
        if not problem.retryable:
            return False
        if problem.status < 500:
            return True
        if problem.status == 500 and not self.retry_500:
            return False
        return method != "POST" or self.retry_post_5xx


CXONE_RETRY = RetryPolicy(retry_500=False, retry_post_5xx=False)
"""CXone: 206 Partial Success is an answer read per item, not a failure; its documented 500s ("Skill setup
failed. Skill cannot be marked active", "Invalid skillId") are deterministic, so a 500 is never retried;
and a POST is never sent again after a 5xx (it may have been applied). 502/503/504 on GET, PUT and
DELETE and every 429 are still retried. Source: the Admin API "Skills" and "Lists" specification
(developer.niceincontact.com/API/AdminAPI, as published in mark05e/NiceIncontactAPI-Admin)."""


class _Temporary(Exception):
    """A failure worth another try; `retry_after` is the server's own wait, when it gave one."""

    def __init__(self, cause: PlatformError, retry_after: float | None = None) -> None:
        super().__init__(str(cause))
        self.cause, self.retry_after = cause, retry_after


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return min(float(value), MAX_RETRY_AFTER_SECONDS) if value is not None else None
    except ValueError:
        return None


def error_code(response: httpx.Response) -> tuple[str | None, str]:
    """(code, message) from a Genesys ErrorBody or a CXone {error, errorDescription} body."""
    try:
        body = response.json()
    except ValueError:
        return None, response.reason_phrase
    if not isinstance(body, dict):
        return None, response.reason_phrase
    code = body.get("code") or body.get("error")
    message = body.get("message") or body.get("errorDescription") or body.get("error_description")
    return (str(code) if code else None), str(message or response.reason_phrase)


def correlation_id(response: httpx.Response) -> str | None:
    """Genesys's id for this exchange (ININ-Correlation-Id, else the ErrorBody's contextId), for support."""
    value = response.headers.get("inin-correlation-id")
    if value is None:
        try:
            body = response.json()
        except ValueError:
            body = None
        value = body.get("contextId") if isinstance(body, dict) else None
    if isinstance(value, str) and _CORRELATION_ID.fullmatch(value):
        return value
    return None  # absent, or not an id (nothing the server sends is shown unchecked)


_CORRELATION_ID = re.compile(r"[A-Za-z0-9._:-]{1,100}")


def failure(response: httpx.Response) -> RequestFailed:
    code, message = error_code(response)
    request = response.request
    path = request.url.path
    shown = f" {code}" if code else ""
    correlation = correlation_id(response)
    quoted = f" (correlation id {correlation})" if correlation else ""
    return RequestFailed(
        f"{request.method} {path} failed: HTTP {response.status_code}{shown}: {message}{quoted}",
        status=response.status_code,
        code=code,
        method=request.method,
        path=path,
        correlation_id=correlation,
    )


class ApiClient:
    def __init__(
        self,
        *,
        http: httpx.AsyncClient,
        base_url: str,
        tokens: TokenSource,
        limiter: RateLimiter,
        retry: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
        limits: Limits = DEFAULT_LIMITS,
        telemetry: RunTelemetry | None = None,
    ) -> None:
        self.http = http
        self.limits = limits  # response size and pages per listing (limits: of reconciler.yaml)
        self.telemetry = telemetry or RunTelemetry()
        self.base_url = base_url.rstrip("/")
        self.tokens = tokens
        self.limiter = limiter
        self.retry = retry or RetryPolicy()
        self.headers = dict(default_headers or {})
        self.requests_sent = 0

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Temporary) and exc.retry_after is not None:
            return 0.0  # the limiter already holds every caller back for Retry-After
        backoff = wait_random_exponential(multiplier=self.retry.backoff_base, max=self.retry.backoff_max)
        return float(backoff(state))

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        ok: tuple[int, ...] = (200, 201, 202, 204, 206),
        allow: tuple[int, ...] = (),
        body_limit: BodyLimit | None = None,
    ) -> httpx.Response:
        """Send a request with auth, limiting and retries; return a response whose status is in ok or allow.

        The body is read up to `body_limit` (default limits.response_mb); past it, LimitExceeded."""
        retrying = AsyncRetrying(
            retry=retry_if_exception(lambda exc: isinstance(exc, _Temporary)),
            wait=self._wait,
            stop=stop_after_attempt(self.retry.attempts) | stop_after_delay(self.retry.max_seconds),
            reraise=True,
        )
        attributes = {"http.request.method": method, "url.template": endpoint_template(path)}
        with tracing.span(f"{method} {attributes['url.template']}", attributes) as span:
            try:
                async for attempt in retrying:
                    number = attempt.retry_state.attempt_number
                    span.set("reconciler.attempts", number)
                    if number > 1:
                        self.telemetry.retry()
                    with attempt:
                        response = await self._once(
                            method, path, params=params, json=json, ok=ok, allow=allow, body_limit=body_limit
                        )
                        span.set("http.response.status_code", response.status_code)
                        return response
            except _Temporary as exc:
                raise RetriesExhausted(
                    f"{exc.cause} (gave up after {self.retry.attempts} attempts)"
                ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    async def _once(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None,
        json: Any,
        ok: tuple[int, ...],
        allow: tuple[int, ...],
        body_limit: BodyLimit | None = None,
    ) -> httpx.Response:
        limit = body_limit or BodyLimit(self.limits.response_bytes)
        expected = (*ok, *allow)
        response = await self._send(
            method, path, params=params, json=json, limit=limit, refresh=False, expected=expected
        )
        if response.status_code == 401:
            response = await self._send(
                method, path, params=params, json=json, limit=limit, refresh=True, expected=expected
            )
        if response.status_code in ok or response.status_code in allow:
            return response
        problem = failure(response)
        if response.status_code == 429:
            wait = _retry_after(response)
            self.limiter.pause(wait if wait is not None else 1.0)
            self.telemetry.throttle(wait if wait is not None else 1.0)
            raise _Temporary(problem, wait if wait is not None else 1.0)
        if self.retry.retries(method, problem):
            raise _Temporary(problem)
        raise problem

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None,
        json: Any,
        limit: BodyLimit,
        refresh: bool,
        expected: tuple[int, ...],
    ) -> httpx.Response:
        await self.limiter.acquire()
        token = await self.tokens.token(self.http, refresh=refresh)
        headers = {**self.headers, "Authorization": f"Bearer {token}"}
        url = path if path.startswith("http") else self.base_url + path
        self.requests_sent += 1
        started = time.perf_counter()
        try:
            request = self.http.build_request(method, url, params=params, json=json, headers=headers)
            response = await send_bounded(self.http, request, limit)
        except httpx.TimeoutException as exc:
            self.telemetry.request(method, path, seconds=time.perf_counter() - started, failed=True)
            return self._transport_failed(method, path, exc, sent=not isinstance(exc, httpx.ConnectTimeout))
        except httpx.TransportError as exc:
            self.telemetry.request(method, path, seconds=time.perf_counter() - started, failed=True)
            sent = not isinstance(exc, httpx.ConnectError)
            return self._transport_failed(method, path, exc, sent=sent)
        failed = response.status_code not in expected  # an allowed 404 is an answer, not a failure
        self.telemetry.request(method, path, seconds=time.perf_counter() - started, failed=failed)
        return response

    @staticmethod
    def _transport_failed(method: str, path: str, exc: Exception, *, sent: bool) -> httpx.Response:
        what = f"{method} {path}: {type(exc).__name__}"
        if method == "POST" and sent:
            raise OutcomeUnknown(f"{what}; the request may have been applied") from None
        log.debug("transport failure, will retry: %s", what)
        raise _Temporary(RetriesExhaustedCause(what))


class RetriesExhaustedCause(PlatformError):
    """The last transport failure behind a RetriesExhausted."""
