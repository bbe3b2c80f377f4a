"""Calendar days in the monitor's zone as the platforms' interval strings: local midnights with their offsets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
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


def _elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two local instants (subtracting datetimes of one zone gives wall-clock time)."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def runs_within(first: date, last: date, zone: ZoneInfo, max_days: int) -> list[tuple[date, date]]:
    """[first, last] cut into runs of whole local days, each lasting at most `max_days` x 24 hours: a run
    across the autumn DST change (a 25-hour day) holds one day fewer."""
    limit = timedelta(days=max_days)
    runs: list[tuple[date, date]] = []
    start = first
    while start <= last:
        end = min(last, start + timedelta(days=max_days - 1))
        while (
            end > start and _elapsed(midnight(start, zone), midnight(end + timedelta(days=1), zone)) > limit
        ):
            end -= timedelta(days=1)
        runs.append((start, end))
        start = end + timedelta(days=1)
    return runs


def iso_interval(first: date, last: date, zone: ZoneInfo) -> str:
    """`start/end` in ISO 8601 with offsets: from `first`'s local midnight to the midnight after `last`."""
    start = midnight(first, zone).isoformat()
    end = midnight(last + timedelta(days=1), zone).isoformat()
    return f"{start}/{end}"
