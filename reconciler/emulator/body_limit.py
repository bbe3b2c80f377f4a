"""A cap on request bodies for every route of the emulator: a larger body is answered 413, never buffered.

A declared Content-Length over the cap is refused before anything is read; a chunked body is counted as
it arrives and refused as soon as it passes the cap (the handler's read stops there).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024


class BodyTooLarge(Exception):
    """Raised inside the app's receive() when the body passes the cap."""


class BodyLimitMiddleware:
    """Answers 413 to a request whose body is larger than `limit()` bytes (read per request)."""

    def __init__(self, app: ASGIApp, limit: Callable[[], int]) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.limit()
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > cap):
            await _too_large(send, cap)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if started:  # the handler answered before reading it all; nothing more can be said
                raise
            await _too_large(send, cap)


async def _too_large(send: Send, cap: int) -> None:
    body = json.dumps({"error": f"request body larger than {cap:,} bytes"}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
