"""Exact interval sets over UTC instants, and schedules (genesys-api.md §6.4/§6.5) expanded into them.

An instant is an integer count of microseconds since the Unix epoch (UTC), so all arithmetic is exact.
An `IntervalSet` holds sorted, merged, half-open spans [start, end): two windows that only touch
(one ends at 10:00, the next starts at 10:00) do not overlap.

How a schedule's items become spans:
- **interval**: ISO-8601 start/end; without an offset they are read in the schedule's time_zone (UTC
  when it has none).
- **recurrence**: start/end of the first occurrence are wall-clock times in the recurrence's
  time_zone, else the schedule's, else UTC. Every later occurrence keeps the same wall-clock times, so
  09:00 stays 09:00 local across DST (its UTC instant moves by the zone's offset, via zoneinfo).
  Daily: every `interval` days from the first occurrence. Weekly: on `days_of_week` of every
  `interval`-th week, weeks running Monday to Sunday and counted from the week of the first
  occurrence. The first occurrence always counts, even on a day the pattern does not list.
- **range**: Numbered keeps the first `number_of_occurrences`; EndDate keeps the occurrences that end
  at or before `range.end` (the API: "the end date time of the last occurrence"); NoEnd never stops.
- **alterations**: an Exclusion removes its time span (with only a start: the occurrence starting
  then); an Inclusion adds its span (with only a start: one occurrence-long span from it). Inclusion
  wins over exclusion, as the API documents. Inclusions are not counted by a Numbered range.
Alteration and range times without an offset are read in the recurrence's zone; an alteration
without a type (or without a start) is ignored.

Horizon (`horizon`): occurrences are generated arithmetically, day number by day number, never
sampled; a NoEnd recurrence is infinite, so expansion stops at a horizon chosen for the question
"do these windows ever overlap?". In wall-clock time a recurrence is periodic with period P =
interval days (Daily) or 7 x interval days (Weekly) once its first period is over. Once every item
compared has *settled* (a one-off or finite recurrence has ended; an infinite one has completed its
first period and passed its alterations) the union is periodic with L = lcm of the periods, so if two
sets overlap at all they overlap within L after settling (plus the longest occurrence, and a week for
weekly day offsets). Zone offsets are not periodic in L: each zone moves on its own yearly DST
calendar, so a full year (366 days) more is expanded to see every transition. The result is exact for
zones without DST, and otherwise covers every combination of offsets in the year after settling; a
collision that needs a DST change and first happens in a later year (a pattern whose active weeks
miss the change night this year but hit it next year) is out of reach. A finite recurrence still
running at the horizon counts as infinite (within the horizon it is), so a far-off end date costs
nothing; one that ends before it is a change point and moves the settle time after it. An lcm longer
than a century (intervals of hundreds of days or weeks that share no factor) is cut to a century, so
that a pathological pattern cannot make a check run for minutes (the other inexact case).

Wall-clock times that do not exist (the skipped hour of a spring-forward night) are moved forward by
the gap, as zoneinfo and java.time do; an ambiguous time (the repeated fall-back hour) is read as its
first occurrence.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property, lru_cache
from itertools import compress, count, islice, pairwise
from operator import lt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reconciler.manifest.models.genesys_time import parse_date_time

Instant = int
"""Microseconds since 1970-01-01T00:00:00Z."""
Span = tuple[Instant, Instant]

MICROSECOND = timedelta(microseconds=1)
HOUR = 3_600_000_000
DAY = 24 * HOUR
WEEK = 7 * DAY
DST_YEAR = 366 * DAY
LONGEST_PERIOD_DAYS = 36_525
"""A century: periods whose lcm is longer (intervals of hundreds of weeks) are compared over one."""
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_WALL = datetime(1970, 1, 1)
EPOCH_DATE = EPOCH_WALL.date()
LAST_DAY = (date(8999, 12, 31) - EPOCH_DATE).days
LATEST: Instant = (datetime(9000, 1, 1, tzinfo=UTC) - EPOCH) // MICROSECOND
"""No expansion goes past this (the calendar ends in 9999)."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# --- interval sets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntervalSet:
    """Sorted, disjoint, non-touching half-open spans."""

    spans: tuple[Span, ...] = ()

    @classmethod
    def of(cls, spans: Iterable[Span]) -> IntervalSet:
        merged: list[list[int]] = []
        for start, end in sorted(span for span in spans if span[1] > span[0]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls(tuple((start, end) for start, end in merged))

    def __bool__(self) -> bool:
        return bool(self.spans)

    def union(self, other: IntervalSet) -> IntervalSet:
        return IntervalSet.of(self.spans + other.spans)

    def intersection(self, other: IntervalSet) -> IntervalSet:
        return IntervalSet(tuple(_meets(self.spans, other.spans)))

    def first_overlap(self, other: IntervalSet) -> Span | None:
        """The earliest window both sets share, or None.

        Both sets are disjoint inside, so once their spans are merged by start, some two overlap only
        if two neighbours do, and the first overlapping neighbours give the earliest window. The merge
        and the neighbour comparison run in C (sorted, map), which matters for year-long expansions."""
        merged = sorted(self.spans + other.spans)
        if len(merged) < 2:
            return None
        starts, ends = zip(*merged, strict=True)
        hit = next(compress(count(), map(lt, islice(starts, 1, None), ends)), None)
        if hit is None:
            return None
        return (starts[hit + 1], min(ends[hit], ends[hit + 1]))

    def difference(self, other: IntervalSet) -> IntervalSet:
        result: list[Span] = []
        cut = other.spans
        j = 0
        for start, end in self.spans:
            while j < len(cut) and cut[j][1] <= start:
                j += 1
            cursor, k = start, j
            while k < len(cut) and cut[k][0] < end:
                if cut[k][0] > cursor:
                    result.append((cursor, cut[k][0]))
                cursor = max(cursor, cut[k][1])
                k += 1
            if cursor < end:
                result.append((cursor, end))
        return IntervalSet(tuple(result))


def _meets(left: Sequence[Span], right: Sequence[Span]) -> Iterator[Span]:
    i = j = 0
    while i < len(left) and j < len(right):
        start, end = max(left[i][0], right[j][0]), min(left[i][1], right[j][1])
        if start < end:
            yield (start, end)
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1


def first_clash(sets: Sequence[IntervalSet]) -> tuple[int, int, Span] | None:
    """The earliest overlap between two different sets: (earlier set, later set, window), or None.

    One sweep over all spans in start order, keeping the furthest-reaching span of the two sets that
    reach furthest: O(n log n) in the number of spans, not pairwise.
    """
    spans = sorted((start, end, index) for index, found in enumerate(sets) for start, end in found.spans)
    best: tuple[Instant, int] | None = None  # (end, set) reaching furthest
    other: tuple[Instant, int] | None = None  # reaching furthest among the other sets
    for start, end, index in spans:
        partner = best if best is not None and best[1] != index else other
        if partner is not None and partner[0] > start:
            return partner[1], index, (start, min(end, partner[0]))
        if best is None or best[1] == index:
            best = (max(end, best[0]) if best else end, index)
        elif end > best[0]:
            best, other = (end, index), best
        elif other is None or end > other[0]:
            other = (end, index)
    return None


# --- time zones and instants ---------------------------------------------------------------------


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


# --- schedule items --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OneOff:
    """A one-off interval."""

    start: Instant
    end: Instant

    def spans(self, until: Instant) -> IntervalSet:
        return IntervalSet(((self.start, self.end),))

    @property
    def begins(self) -> Instant:
        return self.start

    @property
    def settled(self) -> Instant:
        return self.end

    @property
    def longest(self) -> int:
        return self.end - self.start

    def ends_before(self, until: Instant) -> Instant | None:
        return self.end


@dataclass(frozen=True)
class Alteration:
    start: Instant
    end: Instant | None


@dataclass(frozen=True)
class Recurrence:
    """A repeating window; see the module docstring for the rules it follows."""

    first: datetime
    """Wall-clock start of the first occurrence (naive, read in `zone`)."""
    duration: timedelta
    """Wall-clock length of every occurrence."""
    zone: tzinfo
    every: int
    weekly: bool
    weekdays: tuple[int, ...] = ()
    """0 = Monday ... 6 = Sunday, sorted (Weekly only)."""
    count: int | None = None
    last_end: Instant | None = None
    """EndDate range: no occurrence may end after this."""
    exclusions: tuple[Alteration, ...] = ()
    inclusions: tuple[Alteration, ...] = ()

    @property
    def period_days(self) -> int:
        return self.every * (7 if self.weekly else 1)

    @cached_property
    def length(self) -> int:
        return self.duration // MICROSECOND

    @property
    def longest(self) -> int:
        return self.length + HOUR  # a DST night can stretch a wall-clock window by an hour

    @cached_property
    def begins(self) -> Instant:
        """The earliest instant it may run: its first occurrence, or an earlier inclusion."""
        return min([wall_instant(self.first, self.zone), *(item.start for item in self.inclusions)])

    @cached_property
    def settled(self) -> Instant:
        """When this recurrence is past its first period and its alterations (see `horizon`)."""
        first = wall_instant(self.first, self.zone)
        altered = [item.end or item.start + self.length for item in self.exclusions + self.inclusions]
        return max([first + self.period_days * DAY + self.longest, *altered])

    def days(self) -> Iterator[int]:
        """Days (since 1970-01-01) on which occurrences start, without the range: pure arithmetic."""
        first = (self.first.date() - EPOCH_DATE).days
        yield first
        if not self.weekly:
            yield from range(first + self.every, LAST_DAY, self.every)
            return
        monday = first - (first + 3) % 7  # 1970-01-01 was a Thursday
        for week in range(monday, LAST_DAY, 7 * self.every):
            yield from (day for day in (week + weekday for weekday in self.weekdays) if day > first)

    def stream(self) -> Iterator[tuple[int, Span]]:
        """(wall-clock start, span) of every occurrence the range allows, in order (before alterations).

        Wall-clock times are microseconds since 1970-01-01T00:00 local."""
        clock = (self.first - datetime.combine(self.first.date(), time())) // MICROSECOND
        length, zone, last_end, limit = self.length, self.zone, self.last_end, self.count
        for number, day in enumerate(self.days(), start=1):
            wall = day * DAY + clock
            span = (utc_of_wall(wall, zone), utc_of_wall(wall + length, zone))
            if last_end is not None and span[1] > last_end:
                return
            yield wall, span
            if limit is not None and number >= limit:
                return

    def _occurrences(self, until: Instant) -> tuple[list[Span], bool]:
        """Occurrences starting before `until`, and whether the range ran out before it."""
        found: list[Span] = []
        for _, span in self.stream():
            if span[0] >= until:
                return found, False
            found.append(span)
        return found, True

    def spans(self, until: Instant) -> IntervalSet:
        occurrences, _ = self._occurrences(until)
        if not self.exclusions and not self.inclusions:
            return IntervalSet.of(occurrences)
        dropped = {item.start for item in self.exclusions if item.end is None}
        base = IntervalSet.of(span for span in occurrences if span[0] not in dropped)
        excluded = IntervalSet.of((item.start, item.end) for item in self.exclusions if item.end is not None)
        included = IntervalSet.of(
            (item.start, item.end or item.start + self.length) for item in self.inclusions
        )
        return base.difference(excluded).union(included)

    def ends_before(self, until: Instant) -> Instant | None:
        """The end of the last occurrence if the range runs out before `until`, else None."""
        if self.count is None and self.last_end is None:
            return None
        occurrences, exhausted = self._occurrences(until)
        if not exhausted:
            return None
        ends = [span[1] for span in occurrences]
        ends += [item.end or item.start + self.length for item in self.inclusions]
        return max(ends, default=wall_instant(self.first, self.zone))

    def self_overlap(self) -> Span | None:
        """The first window in which one occurrence still runs when the next starts (wall-clock).

        Consecutive occurrences are closest somewhere in the first period, so a few suffice."""
        first = islice(self.stream(), len(self.weekdays) + 2)
        for (wall, span), (following_wall, following) in pairwise(first):
            if wall + self.length > following_wall:
                return (following[0], min(span[1], following[1]))
        return None

    def describe(self) -> str:
        """e.g. 'every 2 weeks on Mon, 09:00 to 12:00 from 2026-07-06 (America/New_York)'."""
        every = "day" if self.every == 1 else f"{self.every} days"
        if self.weekly:
            every = "week" if self.every == 1 else f"{self.every} weeks"
            every += " on " + ", ".join(WEEKDAYS[day][:3] for day in self.weekdays)
        end = self.first + self.duration
        days = (end.date() - self.first.date()).days
        later = "" if days == 0 else " the next day" if days == 1 else f" {days} days later"
        return f"every {every}, {self.first:%H:%M} to {end:%H:%M}{later} from {self.first:%Y-%m-%d} ({self.zone})"


ScheduleItem = OneOff | Recurrence


def horizon(items: Sequence[ScheduleItem]) -> Instant:
    """How far to expand `items` so that any overlap among them shows (module docstring: Horizon)."""
    recurrences = [item for item in items if isinstance(item, Recurrence)]
    if not recurrences:
        return max((item.end for item in items if isinstance(item, OneOff)), default=0)
    period = min(math.lcm(*(item.period_days for item in recurrences)), LONGEST_PERIOD_DAYS)
    tail = period * DAY + DST_YEAR + WEEK + max(item.longest for item in items)
    settled = max(item.settled for item in items)
    while True:  # a range that runs out before the horizon is a change point: settle after it
        until = min(LATEST, settled + tail)
        ended = [end for item in recurrences if (end := item.ends_before(until)) is not None]
        later = max([settled, *ended])
        if later == settled or until == LATEST:
            return until
        settled = later


# --- schedules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One interval or recurrence of a schedule, with where it is written."""

    label: str
    """'interval 2', 'recurrence 1' (1-based, as a reader counts)."""
    path: tuple[str | int, ...]
    window: ScheduleItem


@dataclass(frozen=True)
class Schedule:
    """A schedule's items and time zone."""

    items: tuple[Item, ...]
    zone: tzinfo

    @property
    def windows(self) -> tuple[ScheduleItem, ...]:
        return tuple(item.window for item in self.items)

    @property
    def begins(self) -> Instant:
        return min((window.begins for window in self.windows), default=0)

    @property
    def only_one_offs_until(self) -> Instant | None:
        """The last end when the schedule has no recurrence (nothing happens after it), else None."""
        if any(isinstance(window, Recurrence) for window in self.windows):
            return None
        return max((window.end for window in self.windows if isinstance(window, OneOff)), default=0)


class Expansions:
    """Expanded items, kept for a whole check run and shared by equal items (an org copies one
    schedule across many campaigns). An expansion only grows, at least doubling its reach each time,
    so repeated requests cost at most about twice the longest one."""

    def __init__(self) -> None:
        self._items: dict[ScheduleItem, tuple[Instant, IntervalSet]] = {}
        self._unions: dict[tuple[ScheduleItem, ...], tuple[Instant, IntervalSet]] = {}

    def item(self, window: ScheduleItem, until: Instant) -> tuple[Instant, IntervalSet]:
        """(reach, spans): every occurrence starting before `reach` (>= until) is in spans."""
        done = self._items.get(window)
        if done is None or done[0] < until:
            reach = until if done is None else min(LATEST, max(until, 2 * done[0] - window.begins))
            done = (reach, window.spans(reach))
            self._items[window] = done
        return done

    def schedule(self, schedule: Schedule, until: Instant) -> tuple[Instant, IntervalSet]:
        """(reach, union of a schedule's items): complete for occurrences starting before reach >= until."""
        key = schedule.windows
        done = self._unions.get(key)
        if done is None or done[0] < until:
            parts = [self.item(window, until) for window in key]
            union = parts[0][1] if len(parts) == 1 else IntervalSet.of(s for _, f in parts for s in f.spans)
            done = (min(reach for reach, _ in parts), union)
            self._unions[key] = done
        return done


def common_window(first: Schedule, second: Schedule, expansions: Expansions | None = None) -> Span | None:
    """The first window in which both schedules run, or None: exact over the pair's horizon.

    The search widens from two weeks after both have begun, doubling, so a pair that meets early
    costs little; a pair that never meets is expanded to the horizon once per distinct schedule."""
    if not first.items or not second.items:
        return None
    expansions = expansions if expansions is not None else Expansions()
    until = horizon(first.windows + second.windows)
    for bound in (first.only_one_offs_until, second.only_one_offs_until):
        if bound is not None:
            until = min(until, bound)
    reach, step = max(first.begins, second.begins), 2 * WEEK
    while True:
        reach, step = min(until, reach + step), 2 * step
        (one_reach, one), (other_reach, other) = (
            expansions.schedule(first, reach),
            expansions.schedule(second, reach),
        )
        known = min(one_reach, other_reach)
        window = one.first_overlap(other)
        if window is not None and window[0] < known:
            return window  # every span that could overlap earlier starts before `known`: this is the first
        if known >= until:
            return window
        reach = max(reach, known)


def schedule_of(spec: Mapping[str, Any]) -> Schedule:
    """A schedule from its spec in manifest shape; items that cannot be read are left out (SCHEMA
    reports them for manifests)."""
    zone = zone_named(spec.get("time_zone")) or UTC
    items: list[Item] = []
    for index, raw in enumerate(spec.get("intervals") or ()):
        one_off = _read(_one_off, raw, zone)
        if one_off is not None:
            items.append(Item(f"interval {index + 1}", ("spec", "intervals", index), one_off))
    for index, raw in enumerate(spec.get("recurrences") or ()):
        recurrence = _read(_recurrence, raw, zone)
        if recurrence is not None:
            items.append(Item(f"recurrence {index + 1}", ("spec", "recurrences", index), recurrence))
    return Schedule(items=tuple(items), zone=zone)


def _read(reader: Any, raw: Any, zone: tzinfo) -> Any:
    try:
        return reader(raw, zone)
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
        return None


def _one_off(raw: Mapping[str, Any], zone: tzinfo) -> OneOff | None:
    start, end = moment(raw["start"], zone), moment(raw["end"], zone)
    return OneOff(start, end) if end > start else None


def _recurrence(raw: Mapping[str, Any], schedule_zone: tzinfo) -> Recurrence | None:
    zone = zone_named(raw.get("time_zone")) or schedule_zone
    first, last = parse_date_time(raw["start"]), parse_date_time(raw["end"])
    if first.tzinfo is not None or last.tzinfo is not None or last <= first:
        return None
    pattern, bounds = raw["pattern"], raw.get("range") or {"type": "NoEnd"}
    weekly = pattern["type"] == "Weekly"
    weekdays = tuple(sorted({WEEKDAYS.index(day) for day in pattern.get("days_of_week") or ()}))
    if weekly and not weekdays:
        return None
    changes = [
        (item.get("type"), Alteration(moment(item["start"], zone), _optional(item.get("end"), zone)))
        for item in raw.get("alterations") or ()
        if item.get("start") and item.get("type") in ("Exclusion", "Inclusion")
    ]
    return Recurrence(
        first=first,
        duration=last - first,
        zone=zone,
        every=max(1, int(pattern["interval"])),
        weekly=weekly,
        weekdays=weekdays,
        count=int(bounds["number_of_occurrences"]) if bounds["type"] == "Numbered" else None,
        last_end=moment(bounds["end"], zone) if bounds["type"] == "EndDate" else None,
        exclusions=tuple(change for kind, change in changes if kind == "Exclusion"),
        inclusions=tuple(change for kind, change in changes if kind == "Inclusion"),
    )


def _optional(text: str | None, zone: tzinfo) -> Instant | None:
    return None if text is None else moment(text, zone)


def first_occurrences(recurrence: Recurrence, count: int) -> list[Span]:
    """The first `count` occurrences the range allows (before alterations)."""
    return [span for _, span in islice(recurrence.stream(), count)]
