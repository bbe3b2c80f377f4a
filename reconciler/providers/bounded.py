"""Response bodies read up to a bound (limits.response_mb): streamed, and reading stops past the bound.

A server (or anything posing as one) that answers a gigabyte must not make the run hold it in memory.
"""

from __future__ import annotations

from typing import NamedTuple

import httpx

from reconciler.exceptions import LimitExceeded
from reconciler.limits import MB


class BodyLimit(NamedTuple):
    """A bound on a response body and the `limits:` setting that sets it (named in the error; empty for
    a fixed bound)."""

    bytes: int
    setting: str = "response_mb"


SMALL_ANSWER = BodyLimit(MB, "")
"""Token and discovery answers: a few hundred bytes, never more than this."""


def shown_url(url: httpx.URL) -> str:
    """Scheme, host and path of a URL: its query may carry a presigned download's signature."""
    return str(url.copy_with(query=None, fragment=None))


def too_large(request: httpx.Request, limit: BodyLimit) -> LimitExceeded:
    bound = (
        f"`limits.{limit.setting}` in reconciler.yaml sets the bound"
        if limit.setting
        else "no answer of this endpoint is that large"
    )
    return LimitExceeded(
        f"{request.method} {shown_url(request.url)}: the response is larger than {limit.bytes / MB:g} MB, "
        f"so reading stopped there; {bound}"
    )


async def send_bounded(http: httpx.AsyncClient, request: httpx.Request, limit: BodyLimit) -> httpx.Response:
    """Send `request` and read at most `limit` bytes of the (decoded) body; LimitExceeded past it."""
    response = await http.send(request, stream=True)
    try:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and len(declared) < 20 and int(declared) > limit.bytes:
            raise too_large(request, limit)  # refused before reading a byte of it
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit.bytes:
                raise too_large(request, limit)
            chunks.append(chunk)
    finally:
        await response.aclose()  # past the bound, this drops the connection with the rest unread
    response._content = b"".join(chunks)  # what Response.aread() does, with the bound in between
    return response
