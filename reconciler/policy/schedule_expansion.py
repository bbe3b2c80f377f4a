"""Genesys schedules (CampaignSchedule and SequenceSchedule, purecloudplatformclientv2) expanded into interval sets (reconciler.policy.intervals).

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

Wall-clock times become instants as reconciler.policy.instants states (a skipped spring-forward time
moves forward by the gap; an ambiguous fall-back time is read as its first occurrence).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property
from itertools import islice, pairwise

from reconciler.policy.instants import (
    DAY,
    EPOCH,
    EPOCH_WALL,
    HOUR,
    MICROSECOND,
    WEEK,
    Instant,
    Span,
    utc_of_wall,
    wall_instant,
)
from reconciler.policy.intervals import IntervalSet

DST_YEAR = 366 * DAY
LONGEST_PERIOD_DAYS = 36_525
"""A century: periods whose lcm is longer (intervals of hundreds of weeks) are compared over one."""
EPOCH_DATE = EPOCH_WALL.date()
LAST_DAY = (date(8999, 12, 31) - EPOCH_DATE).days
LATEST: Instant = (datetime(9000, 1, 1, tzinfo=UTC) - EPOCH) // MICROSECOND
"""No expansion goes past this (the calendar ends in 9999)."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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


def first_occurrences(recurrence: Recurrence, count: int) -> list[Span]:
    """The first `count` occurrences the range allows (before alterations)."""
    return [span for _, span in islice(recurrence.stream(), count)]
