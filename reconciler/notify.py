"""Webhook notifications (ARCHITECTURE.md §11): signed JSON events, retried, bounded in time, never raising.

Each event is serialised once; every subscribed URL gets those exact bytes, signed with HMAC-SHA256 in
`X-Reconciler-Signature: sha256=<hex>` when the notification names a secret. Transport errors, timeouts,
429 and 5xx are retried with exponential backoff and jitter, inside one time bound per delivery.
A failure becomes a `Delivery(ok=False)` and a warning that names only scheme and host: webhook URLs
often embed tokens, so neither the full URL nor the secret is ever logged. Only the status of an answer
matters: at most limits.webhook_response_kb of its body is read before the connection is closed.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt
from tenacity.wait import wait_random_exponential

from reconciler.config import Notification
from reconciler.exceptions import ConfigError
from reconciler.limits import DEFAULT_LIMITS
from reconciler.redaction import redact_value, register_secret
from reconciler.transport import refusal

log = logging.getLogger(__name__)

EVENT_HEADER = "X-Reconciler-Event"
DELIVERY_HEADER = "X-Reconciler-Delivery"
SIGNATURE_HEADER = "X-Reconciler-Signature"


@dataclass(frozen=True)
class Delivery:
    """The outcome of one event sent to one URL; `url_host` is scheme and host only ("" when unset)."""

    url_host: str
    ok: bool
    status: int | None
    attempts: int
    error: str | None


@dataclass(frozen=True)
class _Endpoint:
    url: str
    host: str
    secret: str | None


class _Retryable(Exception):
    """A failed attempt worth another try: transport error, timeout, 429 or 5xx."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.status = reason, status


def sign(body: bytes, secret: str) -> str:
    """The `X-Reconciler-Signature` value for `body`: `sha256=` and the hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def url_host(url: str) -> str:
    """Scheme and host (with an explicit port) of `url`: all a log line may show of a webhook URL."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return "<invalid url>"
    port = f":{parsed.port}" if parsed.port is not None else ""
    return f"{parsed.scheme}://{parsed.host}{port}" if parsed.host else "<invalid url>"


def event_body(event: str, *, target: str, data: Mapping[str, Any], delivery_id: str) -> bytes:
    """The JSON body of an event, compact, with `data` redacted (secrets, tokens, phone numbers)."""
    document = {
        "event": event,
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "target": target,
        "delivery_id": delivery_id,
        "data": redact_value(data),
    }
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


class Notifier:
    """Sends events to the project's `notifications`; URLs and secrets are read from the named env vars."""

    def __init__(
        self,
        notifications: Sequence[Notification],
        *,
        target: str,
        env: Mapping[str, str] = os.environ,
        timeout_seconds: float = 10.0,
        attempts: int = 3,
        backoff_base: float = 0.5,
        backoff_max: float = 5.0,
        transport: httpx.AsyncBaseTransport | None = None,
        response_bytes: int = DEFAULT_LIMITS.webhook_response_bytes,
    ) -> None:
        self.notifications = tuple(notifications)
        self.response_bytes = response_bytes
        self.target = target
        self.env = env
        self.timeout_seconds = timeout_seconds
        self.attempts = max(1, attempts)
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.transport = transport
        refuse_unsafe_urls(self.notifications, env)

    def enabled_for(self, event: str) -> bool:
        """True when some notification subscribes to `event` (whether or not its env vars are set)."""
        return any(event in item.events for item in self.notifications)

    def send_sync(self, event: str, data: Mapping[str, Any]) -> list[Delivery]:
        """`send` for synchronous callers such as the CLI (not from inside a running event loop)."""
        return asyncio.run(self.send(event, data))

    async def send(self, event: str, data: Mapping[str, Any]) -> list[Delivery]:
        """POST `event` to every subscribed URL at once; one Delivery per subscription, never an exception."""
        subscribed = [item for item in self.notifications if event in item.events]
        if not subscribed:
            return []
        delivery_id = str(uuid.uuid4())
        try:
            body = event_body(event, target=self.target, data=data, delivery_id=delivery_id)
        except (TypeError, ValueError) as exc:
            log.warning("notification %s not sent: data is not JSON (%s)", event, type(exc).__name__)
            return [Delivery("", False, None, 0, "data is not JSON") for _ in subscribed]
        headers = {"Content-Type": "application/json", EVENT_HEADER: event, DELIVERY_HEADER: delivery_id}
        resolved = [self._endpoint(item, event) for item in subscribed]
        endpoints = [found for found in resolved if isinstance(found, _Endpoint)]
        if not endpoints:
            return [found for found in resolved if isinstance(found, Delivery)]
        async with httpx.AsyncClient(transport=self.transport, timeout=self.timeout_seconds) as client:
            sends = [
                self._deliver(client, found, event=event, body=body, headers=headers) for found in endpoints
            ]
            sent = iter(await asyncio.gather(*sends))
        return [next(sent) if isinstance(found, _Endpoint) else found for found in resolved]

    def _endpoint(self, item: Notification, event: str) -> _Endpoint | Delivery:
        """The URL and secret of a notification, or a skipped Delivery saying which variable is missing."""
        url = self.env.get(item.url_env, "")
        if not url:
            return _failed(event, "", None, 0, f"{item.url_env} not set")
        host = url_host(url)
        if not host.startswith(("http://", "https://")) or refusal(url) is not None:
            return _failed(event, "", None, 0, f"{item.url_env} is not an allowed http(s) URL")
        secret = self.env.get(item.secret_env, "") if item.secret_env else None
        register_secret(url)  # webhook URLs often embed tokens: never shown, whoever echoes them
        register_secret(secret)
        if item.secret_env and not secret:  # never send unsigned what the receiver expects signed
            return _failed(event, host, None, 0, f"{item.secret_env} not set")
        return _Endpoint(url=url, host=host, secret=secret)

    async def _deliver(
        self,
        client: httpx.AsyncClient,
        endpoint: _Endpoint,
        *,
        event: str,
        body: bytes,
        headers: dict[str, str],
    ) -> Delivery:
        if endpoint.secret is not None:
            headers = {**headers, SIGNATURE_HEADER: sign(body, endpoint.secret)}
        tries = 0
        retrying = AsyncRetrying(
            retry=retry_if_exception_type(_Retryable),
            wait=wait_random_exponential(multiplier=self.backoff_base, max=self.backoff_max),
            stop=stop_after_attempt(self.attempts),
            reraise=True,
        )
        try:
            async with asyncio.timeout(self.timeout_seconds):
                async for attempt in retrying:
                    with attempt:
                        tries += 1
                        response = await _post_once(
                            client, endpoint.url, body=body, headers=headers, read=self.response_bytes
                        )
        except _Retryable as exc:
            return _failed(event, endpoint.host, exc.status, tries, f"{exc.reason} after {tries} attempt(s)")
        except TimeoutError:
            return _failed(event, endpoint.host, None, tries, f"no answer within {self.timeout_seconds:g}s")
        except Exception as exc:  # a notification must never fail the run that sends it
            return _failed(event, endpoint.host, None, tries, f"unexpected {type(exc).__name__}")
        if not response.is_success:
            return _failed(event, endpoint.host, response.status_code, tries, f"HTTP {response.status_code}")
        log.debug("notification %s delivered to %s (%d attempt(s))", event, endpoint.host, tries)
        return Delivery(endpoint.host, True, response.status_code, tries, None)


async def _post_once(
    client: httpx.AsyncClient, url: str, *, body: bytes, headers: Mapping[str, str], read: int
) -> httpx.Response:
    """POST once; of the answer only `read` bytes are taken in (a receiver may answer endlessly)."""
    try:
        async with client.stream("POST", url, content=body, headers=headers) as response:
            taken = 0
            async for chunk in response.aiter_raw():
                taken += len(chunk)
                if taken >= read:
                    break  # leaving the block closes the connection with the rest unread
    except httpx.TransportError as exc:  # includes timeouts; the message may carry the URL, the type does not
        raise _Retryable(type(exc).__name__) from None
    if response.status_code == 429 or response.status_code >= 500:
        raise _Retryable(f"HTTP {response.status_code}", response.status_code)
    return response


def refuse_unsafe_urls(notifications: Sequence[Notification], env: Mapping[str, str]) -> None:
    """Refuse, before a run starts, a webhook URL that is plain http to a host that is not loopback, or a
    link-local or metadata address (ARCHITECTURE.md §13); an unset variable stays a skipped delivery."""
    for index, item in enumerate(notifications):
        url = env.get(item.url_env, "")
        problem = refusal(url) if url else None
        if problem is not None:  # the message names the variable and the host, never the URL (tokens)
            raise ConfigError(
                f"notifications[{index}].url_env: the URL in {item.url_env} {problem}", location=item.where
            )


def _failed(event: str, host: str, status: int | None, attempts: int, error: str) -> Delivery:
    log.warning("notification %s to %s failed: %s", event, host or "<unset>", error)
    return Delivery(host, False, status, attempts, error)
