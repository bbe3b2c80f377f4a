"""The periods a regulator measures abandonment over, as windows of days ending on the run's --as-of day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from reconciler.monitor.counts import DayCounts

LOOKBACK_DAYS = 30
"""Days read back from --as-of: the rolling window, each day of it, and the calibration period."""


class Period(StrEnum):
    """How a jurisdiction's `abandon_period` (reconciler/policy/data/jurisdictions.yaml) cuts time."""

    ROLLING_30_DAYS = "rolling-30-days"
    CALENDAR_DAY = "calendar-day"
    CALENDAR_MONTH = "calendar-month"


@dataclass(frozen=True)
class Window:
    """The days [first, last], both included, one measurement covers."""

    period: Period
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def label(self) -> str:
        if self.period == Period.CALENDAR_DAY:
            return f"day {self.first.isoformat()}"
        if self.period == Period.CALENDAR_MONTH:
            month = f"{self.first:%Y-%m}"
            return f"calendar month {month}" + ("" if _month_end(self.last) else f" to {self.last}")
        return f"30 days {self.first.isoformat()} to {self.last.isoformat()}"

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


def _month_end(day: date) -> bool:
    return (day + timedelta(days=1)).month != day.month


def windows_of(period: Period, as_of: date) -> tuple[Window, ...]:
    """The windows of `period` measured on a run for `as_of`: the 30 days ending on it; each of those days
    (a single bad day shows, which the 30-day sum would average away); its calendar month up to it."""
    lookback_start = as_of - timedelta(days=LOOKBACK_DAYS - 1)
    if period == Period.ROLLING_30_DAYS:
        return (Window(period, lookback_start, as_of),)
    if period == Period.CALENDAR_DAY:
        return tuple(
            Window(period, lookback_start + timedelta(days=offset), lookback_start + timedelta(days=offset))
            for offset in range(LOOKBACK_DAYS)
        )
    return (Window(period, as_of.replace(day=1), as_of),)


def first_day_read(as_of: date) -> date:
    """The earliest day any window of a run for `as_of` needs."""
    return min(as_of - timedelta(days=LOOKBACK_DAYS - 1), as_of.replace(day=1))


@dataclass(frozen=True)
class WindowCounts:
    """One campaign's or skill's counts summed over one window, with the days and sources they came from."""

    window: Window
    attempted: int
    connected: int
    abandoned: int
    handled: int | None
    handle_seconds: float | None
    days_with_counts: int
    sources: tuple[str, ...]

    @property
    def rate(self) -> float | None:
        """Abandoned / live-answered (connected) calls; None when no call was answered live."""
        return None if self.connected == 0 else self.abandoned / self.connected


def sum_window(window: Window, days: Iterable[DayCounts]) -> WindowCounts:
    """Add up the days of one object that fall inside `window` (days outside it are ignored)."""
    inside = [day for day in days if window.covers(day.day)]
    timed = [day for day in inside if day.handled is not None and day.handle_seconds is not None]
    return WindowCounts(
        window=window,
        attempted=sum(day.attempted for day in inside),
        connected=sum(day.connected for day in inside),
        abandoned=sum(day.abandoned for day in inside),
        handled=sum(day.handled or 0 for day in timed) if timed else None,
        handle_seconds=sum(day.handle_seconds or 0.0 for day in timed) if timed else None,
        days_with_counts=len({day.day for day in inside}),
        sources=tuple(sorted({day.source for day in inside})),
    )
