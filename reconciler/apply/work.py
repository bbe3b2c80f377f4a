"""One unit of apply work: a planned change with the desired and live objects it was computed from."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from reconciler.exceptions import RequestFailed
from reconciler.plan.models import ResourceChange
from reconciler.state.objects import DesiredObject, LiveObject


@dataclass(frozen=True)
class ApplySettings:
    """Bounds of the waits and retries apply does on top of the HTTP client's own retries."""

    stop_timeout_seconds: float = 180.0
    """How long a stopped campaign may take to leave `stopping` before the change fails."""
    poll_seconds: float = 2.0
    """Interval of those polls (and of waits for a just-written object to become readable)."""
    visible_timeout_seconds: float = 30.0
    """How long a created object or an asynchronous settings change may take to show up in reads."""
    version_retries: int = 6
    """409 wrong-version answers retried (re-read, overlay, send) before the change fails."""
    in_use_retries: int = 3
    """Deletes refused because the object is still referenced, retried (dependents may be going away)."""


@dataclass(frozen=True)
class Work:
    change: ResourceChange
    desired: DesiredObject | None
    """None for a delete of an object no manifest declares (pruning)."""
    live: LiveObject | None
    """The live object the plan saw; None for a create."""


@dataclass(frozen=True)
class Written:
    platform_id: str | None = None
    version: int | None = None


class Writer(Protocol):
    async def apply(self, work: Work) -> Written:
        """Run the change's steps; raise StaleChange or a PlatformError when it cannot."""
        ...


async def once_readable(
    read: Callable[[str], Awaitable[dict[str, Any] | None]], path: str, settings: ApplySettings
) -> dict[str, Any]:
    """`read(path)` until the object is there: a just-created object may take a moment to be readable."""
    deadline = time.monotonic() + settings.visible_timeout_seconds
    while True:
        body = await read(path)
        if body is not None:
            return body
        if time.monotonic() >= deadline:
            raise RequestFailed(f"GET {path}: the object does not exist (HTTP 404)", status=404)
        await asyncio.sleep(settings.poll_seconds / 4)
