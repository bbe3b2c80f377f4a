"""UTC instants as exact integers, and wall-clock times in IANA zones converted to and from them.

An instant is an integer count of microseconds since the Unix epoch (UTC), so all arithmetic is exact.
Wall-clock times that do not exist (the skipped hour of a spring-forward night) are moved forward by
the gap, as zoneinfo and java.time do; an ambiguous time (the repeated fall-back hour) is read as its
first occurrence.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reconciler.manifest.models.genesys_time import parse_date_time

Instant = int
"""Microseconds since 1970-01-01T00:00:00Z."""
Span = tuple[Instant, Instant]
"""A half-open window [start, end)."""

MICROSECOND = timedelta(microseconds=1)
HOUR = 3_600_000_000
DAY = 24 * HOUR
WEEK = 7 * DAY
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_WALL = datetime(1970, 1, 1)


@lru_cache(maxsize=512)
def zone_named(name: str | None) -> tzinfo | None:
    """An IANA zone, or None when the name is missing or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@lru_cache(maxsize=1 << 16)
def wall_instant(wall: datetime, zone: tzinfo) -> Instant:
    """The instant of a wall-clock time in `zone` (the earlier reading of an ambiguous fall-back hour)."""
    return (wall.replace(tzinfo=zone) - EPOCH) // MICROSECOND


def utc_of_wall(wall: int, zone: tzinfo) -> Instant:
    """The instant of a wall-clock time given as microseconds since 1970-01-01T00:00 local.

    Most days keep one UTC offset from midnight to midnight, so the offset is looked up per (zone,
    day) once; only on a day the zone changes its offset is the time converted by zoneinfo."""
    key = (zone, wall // DAY)
    offset = _DAY_OFFSETS.get(key, _UNKNOWN)
    if offset is _UNKNOWN:
        if len(_DAY_OFFSETS) > 1 << 20:  # bounded: a long-lived process must not grow without end
            _DAY_OFFSETS.clear()
        offset = _DAY_OFFSETS[key] = _day_offset(zone, key[1])
    if offset is not None:
        return wall - offset
    return wall_instant(EPOCH_WALL + wall * MICROSECOND, zone)


_UNKNOWN = -1 << 80  # no zone is that far from UTC
_DAY_OFFSETS: dict[tuple[tzinfo, int], int | None] = {}
"""(zone, day) -> the zone's offset all that day, or None; shared, as zones' rules do not change."""


def _day_offset(zone: tzinfo, day: int) -> int | None:
    """The zone's UTC offset (microseconds) on a wall-clock day, or None if it changes that day."""
    midnight = EPOCH_WALL + timedelta(days=day)
    before = midnight.replace(tzinfo=zone).utcoffset()
    after = (midnight + timedelta(days=1)).replace(tzinfo=zone).utcoffset()
    if before is None or before != after:
        return None
    return before // MICROSECOND


def moment(text: str, zone: tzinfo) -> Instant:
    """An ISO-8601 date-time; without an offset it is read in `zone`."""
    parsed = parse_date_time(text)
    if parsed.tzinfo is None:
        return wall_instant(parsed, zone)
    return (parsed - EPOCH) // MICROSECOND


def local(instant: Instant, zone: tzinfo) -> datetime:
    return (EPOCH + instant * MICROSECOND).astimezone(zone)


def describe_window(window: Span, zone: tzinfo) -> str:
    """e.g. 'Mon 2026-08-17 09:00 to 12:00 (America/New_York)'."""
    start, end = local(window[0], zone), local(window[1], zone)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %Y-%m-%d %H:%M}"
    return f"{start:%a %Y-%m-%d %H:%M} to {until} ({zone})"
