"""What stands in front of every API request: auth, request log, latency, faults and the rate limit.

Every Genesys response, the middleware's own 401/429/5xx included, carries an `ININ-Correlation-Id`
header (a fresh UUID per response), as the real platform sends on every response.

Order: log -> latency -> authentication (401) -> 429 storm -> per-token rate limit (429 with
Retry-After) -> injected 5xx -> handler, with an injected connection drop either before the
handler runs or after it has run (the write happened, the client never hears of it).
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import uuid

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reconciler.emulator.auth import bearer_token
from reconciler.emulator.core import Emulator
from reconciler.emulator.errors import genesys_error_body, genesys_rate_limit_body

_ID_SEGMENT = re.compile(r"^([0-9a-fA-F-]{32,36}|[0-9]+)$")
RATE_WINDOW_SECONDS = 60.0


class ConnectionDropped(httpx.RemoteProtocolError):
    """Raised to drop a connection. In process, httpx's client sees it as a transport error; under
    uvicorn the connection closes without a complete response, which the client sees the same way."""


def route_template(path: str) -> str:
    """/api/v2/outbound/campaigns/3f2a... -> /api/v2/outbound/campaigns/{id}."""
    return "/".join("{id}" if _ID_SEGMENT.match(part) else part for part in path.split("/"))


def _platform_of(path: str) -> str | None:
    if path.startswith("/api/v2/"):
        return "genesys"
    if path.startswith("/inContactAPI/"):
        return "cxone"
    return None


async def _send_json(send: Send, status: int, body: object, headers: dict[str, str] | None = None) -> None:
    if isinstance(body, dict) and "contextId" in body:  # a Genesys ErrorBody: the header names the same id
        headers = {"ININ-Correlation-Id": str(body["contextId"]), **(headers or {})}
    payload = json.dumps(body).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})


def _error_body(platform: str, status: int, code: str, message: str) -> dict[str, object]:
    if platform == "genesys":
        return genesys_error_body(status, code, message)
    return {"error": code, "errorDescription": message}


CORRELATION_HEADER = b"inin-correlation-id"


def with_correlation_id(send: Send) -> Send:
    """`send`, adding an ININ-Correlation-Id to a response that has none (an error body's contextId is kept)."""

    async def correlated(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            if not any(name.lower() == CORRELATION_HEADER for name, _ in headers):
                headers.append((CORRELATION_HEADER, str(uuid.uuid4()).encode()))
            message = {**message, "headers": headers}
        await send(message)

    return correlated


class EmulatorMiddleware:
    def __init__(self, app: ASGIApp, emulator: Emulator) -> None:
        self.app = app
        self.emulator = emulator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        platform = _platform_of(path)
        if platform is None:
            await self.app(scope, receive, send)
            return
        if platform == "genesys":
            send = with_correlation_id(send)
        emulator = self.emulator
        emulator.tick()
        emulator.requests[(scope["method"], route_template(path))] += 1
        faults = emulator.settings.faults
        if faults.latency_ms:
            await asyncio.sleep(faults.latency_ms / 1000)
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        token, problem = bearer_token(emulator, headers, platform)
        if token is None:
            code = "authentication.required" if problem == "missing" else "bad.credentials"
            message = {
                "missing": "No authentication bearer token specified in authorization header.",
                "invalid": "Invalid login credentials.",
                "expired": "The access token has expired.",
            }[problem]
            await _send_json(send, 401, _error_body(platform, 401, code, message))
            return
        if faults.storm_requests > 0:
            faults.storm_requests -= 1
            await self._too_many(send, platform, faults.storm_retry_after)
            return
        retry_after = self._rate_limited(token)
        if retry_after is not None:
            await self._too_many(send, platform, retry_after)
            return
        if faults.error_rate and emulator.rng.random() < faults.error_rate:
            status = emulator.rng.choice([500, 502, 503])
            code = {500: "internal.server.error", 502: "bad.gateway", 503: "service.unavailable"}[status]
            await _send_json(send, status, _error_body(platform, status, code, "Injected fault."))
            return
        if faults.drop_rate and emulator.rng.random() < faults.drop_rate:
            if emulator.rng.random() < 0.5:
                raise ConnectionDropped("connection dropped before the request was handled (injected)")
            await self.app(scope, receive, self._swallow)
            raise ConnectionDropped("connection dropped after the request was handled (injected)")
        await self.app(scope, receive, send)

    @staticmethod
    async def _swallow(message: Message) -> None:
        """Discard the response of a request whose connection is about to drop."""

    def _rate_limited(self, token: str) -> int | None:
        """Seconds to wait if this token has used its per-minute budget, else None (and count it)."""
        now = self.emulator.now()
        window = [t for t in self.emulator.rate_windows.get(token, []) if t > now - RATE_WINDOW_SECONDS]
        if len(window) >= self.emulator.settings.rate_limit_per_minute:
            self.emulator.rate_windows[token] = window
            return max(1, math.ceil(window[0] + RATE_WINDOW_SECONDS - now))
        window.append(now)
        self.emulator.rate_windows[token] = window
        return None

    @staticmethod
    async def _too_many(send: Send, platform: str, retry_after: int) -> None:
        message = f"Rate limit exceeded the maximum. Retry the request in [{retry_after}] seconds"
        body = (
            genesys_rate_limit_body(retry_after)
            if platform == "genesys"
            else _error_body(platform, 429, "too.many.requests.retry.after", message)
        )
        await _send_json(send, 429, body, {"Retry-After": str(retry_after)})
