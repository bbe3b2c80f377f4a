"""A client-side rate limiter shared by every request of a run: a sliding one-minute window.

Genesys counts requests per access token in a rolling minute (developer.genesys.cloud/organization/organization/limits). Keeping the same
window on the client, with a small safety margin, lets a run use nearly the whole budget without ever
seeing a 429; the retry layer still honours Retry-After if the server disagrees.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

WINDOW_SECONDS = 60.0
_EPSILON = 1e-6  # a slot due "now" is free; float rounding must not leave it a hair in the future


class RateLimiter:
    def __init__(
        self,
        per_minute: int,
        *,
        margin: float = 0.02,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.per_minute = per_minute
        self.window = WINDOW_SECONDS * (1 + margin)
        self._clock, self._sleep = clock, sleep
        self._sent: deque[float] = deque()
        self._blocked_until = 0.0
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        """Wait until one more request fits in the window, then count it."""
        async with self._lock:
            while True:
                now = self._clock()
                if now < self._blocked_until:
                    await self._sleep(self._blocked_until - now)
                    continue
                while self._sent and self._sent[0] <= now - self.window + _EPSILON:
                    self._sent.popleft()
                if len(self._sent) < self.per_minute:
                    self._sent.append(now)
                    return
                await self._sleep(self._sent[0] + self.window - now)

    def pause(self, seconds: float) -> None:
        """The server asked us to wait (Retry-After): hold every caller back that long."""
        self._blocked_until = max(self._blocked_until, self._clock() + seconds)
