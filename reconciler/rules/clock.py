"""Time conditions as week-time sets, and the frame their variable lives in.

Time of day and day of week become one variable, minute-of-week in the condition's time zone (Monday
00:00 = 0), so "Friday" and "after 17:30" intersect exactly. Conditions in one zone share that zone's
variable. When the rules compared use two or more zones, every condition is moved to UTC once for each
combination of UTC offsets the zones really have at the same time during the year (daylight saving
included; the transition hours themselves are not modelled), and a conflict needs only one combination.
A rule without a time zone uses the org's zone, which the manifests do not say: it gets its own
variable, unrelated to named zones (so it can meet any of them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reconciler.policy.constraints import WEEK_MINUTES, Interval, IntervalSet, Var, text_var, week_var

DAY = 24 * 60
DAYS_OF_MONTH = tuple(str(day) for day in range(1, 32))
_CLOCK = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9])(?:\.([0-9]{1,3}))?)?$")


@dataclass(frozen=True)
class Frame:
    """Named zones mapped to their UTC offset (minutes) in this frame; empty: every zone is local."""

    offsets: Mapping[str, float] = field(default_factory=dict)

    def week(self, zone: str | None) -> tuple[Var, float]:
        """The week-time variable a condition in `zone` constrains, and the shift from local time."""
        if zone is not None and zone in self.offsets:
            return week_var(("week", "UTC"), "time", zones=self.offsets), -self.offsets[zone]
        label = f"time in {zone}" if zone else "time (org time zone)"
        return week_var(("week", zone), label), 0.0

    def day_of_month(self, zone: str | None) -> Var:
        label = f"day of month in {zone}" if zone else "day of month"
        return text_var(("day of month", zone), label, choices=DAYS_OF_MONTH)


LOCAL = Frame()


@cache
def _offset_combinations(zones: tuple[str, ...], year: int) -> tuple[tuple[float, ...], ...]:
    found: set[tuple[float, ...]] = set()
    start = dt.datetime(year, 1, 1, 12, tzinfo=dt.UTC)
    infos = [ZoneInfo(zone) for zone in zones]
    for day in range(366):
        instant = start + dt.timedelta(days=day)
        found.add(tuple(_minutes(instant.astimezone(info).utcoffset()) for info in infos))
    return tuple(sorted(found))


def _minutes(offset: dt.timedelta | None) -> float:
    return 0.0 if offset is None else offset.total_seconds() / 60


def frames_for(zones: Iterable[str | None], *, year: int | None = None) -> list[Frame]:
    """The frames to compare conditions in: one local frame, or one UTC frame per offset combination."""
    named = tuple(sorted({zone for zone in zones if zone}))
    if len(named) < 2:
        return [LOCAL]
    try:
        combos = _offset_combinations(named, year or dt.date.today().year)
    except (ZoneInfoNotFoundError, ValueError):
        return [LOCAL]
    return [Frame(dict(zip(named, combo, strict=True))) for combo in combos]


# --- building week-time sets ---------------------------------------------------------------------------


def clock_minutes(text: str) -> float | None:
    """Minutes after midnight of `HH:mm[:ss[.SSS]]`, or None when it is not a clock time."""
    found = _CLOCK.match(text.strip())
    if found is None:
        return None
    hours, minutes, seconds, millis = found.groups()
    return (
        int(hours) * 60 + int(minutes) + int(seconds or 0) / 60 + int((millis or "0").ljust(3, "0")) / 60000
    )


def every_day(start: float, end: float, *, start_closed: bool = True, end_closed: bool = True) -> IntervalSet:
    """The clock span [start, end] (minutes) on every day; start > end spans midnight."""
    spans = [(start, end)] if start <= end else [(start, DAY), (0.0, end)]
    parts = []
    for day in range(7):
        base = day * DAY
        for lo, hi in spans:
            lo_closed = start_closed if lo == start else True
            hi_closed = end_closed if hi == end else False
            parts.append(Interval(base + lo, base + hi, lo_closed, hi_closed))
    return IntervalSet.of(*parts)


def time_of_day(
    operator: str, *, threshold: str | None, low: str | None, high: str | None
) -> IntervalSet | None:
    """before/after/equals a clock time, or between two (inclusive); None when not expressible."""
    if operator == "between":
        lo, hi = clock_minutes(low or ""), clock_minutes(high or "")
        return None if lo is None or hi is None else every_day(lo, hi)
    at = clock_minutes(threshold or "")
    if at is None:
        return None
    if operator == "before":
        return every_day(0.0, at, end_closed=False)
    if operator == "after":
        return every_day(at, DAY, start_closed=False, end_closed=False)
    if operator == "equals":
        return every_day(at, at)
    return None


def days_of_week(days: Iterable[int]) -> IntervalSet:
    """Whole days, ISO numbering (1 = Monday ... 7 = Sunday)."""
    return IntervalSet.of(
        *(Interval((day - 1) * DAY, day * DAY, True, False) for day in days if 1 <= day <= 7)
    )


def day_numbers(
    operator: str,
    *,
    threshold: int | None,
    low: int | None,
    high: int | None,
    members: Iterable[int],
    last: int,
) -> list[int] | None:
    """Days 1..last selected by in/between/equals/before/after; between wraps when low > high."""
    if operator == "in":
        return [day for day in members if 1 <= day <= last]
    if operator == "between" and low is not None and high is not None:
        if low <= high:
            return list(range(low, high + 1))
        return [*range(low, last + 1), *range(1, high + 1)]
    if threshold is None:
        return None
    if operator == "equals":
        return [threshold]
    if operator == "before":
        return list(range(1, threshold))
    if operator == "after":
        return list(range(threshold + 1, last + 1))
    return None


def shifted(numbers: IntervalSet, shift: float) -> IntervalSet:
    return numbers if not shift else numbers.shifted(shift, period=WEEK_MINUTES)


def week_minute(moment: dt.datetime, zone: str | None) -> tuple[float, int]:
    """Minute-of-week and day of month of an aware moment in `zone` (UTC when the zone is unknown)."""
    try:
        local = moment.astimezone(ZoneInfo(zone)) if zone else moment
    except (ZoneInfoNotFoundError, ValueError):
        local = moment
    minute = local.weekday() * DAY + local.hour * 60 + local.minute + local.second / 60
    return minute, local.day
