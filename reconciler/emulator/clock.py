"""Time for the emulator: injectable so tests can step through delays (campaign stopping, token expiry)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since the epoch."""
        ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class ManualClock:
    """A clock that moves only when told to (tests)."""

    def __init__(self, start: float = 1_780_000_000.0) -> None:
        self.current = start

    def now(self) -> float:
        return self.current

    def sleep(self, seconds: float) -> None:
        self.current += seconds

    def advance(self, seconds: float) -> None:
        self.current += seconds


def iso_timestamp(seconds: float) -> str:
    """Genesys date format: yyyy-MM-ddTHH:mm:ss.SSSZ."""
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def iso_after(seconds: float, delta: float) -> str:
    return iso_timestamp((datetime.fromtimestamp(seconds, UTC) + timedelta(seconds=delta)).timestamp())
