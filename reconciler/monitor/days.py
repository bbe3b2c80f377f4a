"""Calendar days in the monitor's zone as the platforms' interval strings: local midnights with their offsets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def midnight(day: date, zone: ZoneInfo) -> datetime:
    """The start of `day` in `zone` (aware; its own UTC offset, so a DST change moves only that day's end)."""
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def days_between(first: date, last: date) -> Iterator[date]:
    """Every day from `first` to `last`, both included."""
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def chunks(first: date, last: date, size: int) -> list[tuple[date, date]]:
    """[first, last] cut into runs of at most `size` days, each (first, last) inclusive."""
    runs: list[tuple[date, date]] = []
    start = first
    while start <= last:
        end = min(last, start + timedelta(days=size - 1))
        runs.append((start, end))
        start = end + timedelta(days=1)
    return runs


def iso_interval(first: date, last: date, zone: ZoneInfo) -> str:
    """`start/end` in ISO 8601 with offsets: from `first`'s local midnight to the midnight after `last`."""
    start = midnight(first, zone).isoformat()
    end = midnight(last + timedelta(days=1), zone).isoformat()
    return f"{start}/{end}"
