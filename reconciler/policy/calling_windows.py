"""Calling windows on real dates: jurisdictions' hours against weekly windows, in the called party's zone.

A weekly window (a callable time slot, a skill's zone window) is checked against a jurisdiction's
hours in the called party's local time. When the window keeps the called party's clock, its clock
times are compared directly, day by day. When it does not, it is laid on every real date of a year in
its own zone and each instant is read in the called party's zone (zoneinfo): summer time, winter time
and the days either zone changes clocks are all covered, with no sampling.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from zoneinfo import ZoneInfo

from reconciler.policy.jurisdictions import Jurisdiction, Window, rules_by_code

DAY_SECONDS = 86_400
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
Instants = tuple[tuple[int, int], ...]
"""Sorted, disjoint half-open spans [start, end) of UTC instants, in seconds since the epoch."""


@dataclass(frozen=True)
class Span:
    """A weekly window: from `start` to `end` seconds after midnight of ISO weekday `day` (1 = Monday).

    `end` past 24:00 runs overnight into the next day."""

    day: int
    start: int
    end: int

    @classmethod
    def of(cls, day: int, start: str, stop: str) -> Span:
        """A window from clock texts "HH:MM[:SS]"; a stop not after the start is on the next day."""
        first, last = clock_seconds(start), clock_seconds(stop)
        return cls(day, first, last if last > first else last + DAY_SECONDS)

    def text(self) -> str:
        overnight = " (overnight)" if self.end > DAY_SECONDS else ""
        return f"{DAY_NAMES[self.day - 1]} {clock_text(self.start)}-{clock_text(self.end)}{overnight}"


@dataclass(frozen=True)
class Breach:
    """Calls a window allows outside a jurisdiction's hours, in the called party's local time."""

    day: int
    """Local ISO weekday of the calls outside hours."""
    outside: tuple[int, int]
    """Local clock seconds of those calls (the end may pass 24:00)."""
    allowed: Window | None
    """The hours the jurisdictions allow that day; None: no calls at all that day."""
    setters: tuple[str, ...]
    """Codes of the rows that set those hours."""
    zone: str | None = None
    """The called party's zone, when the window was read in a zone other than its own."""
    calls: tuple[int, int] | None = None
    """Local clock seconds of the whole window as the called party sees it that day (converted only)."""
    date: dt.date | None = None
    """The first date it happens (converted only)."""
    summer_time: bool = False
    clock: str | None = None
    """The clock the allowed hours are fixed in when it is not the called party's (Mississippi: Etc/GMT+6)."""
    broken: tuple[str, ...] = ()
    """Codes of the subdivision rows (states) whose own hours the calls break there, when known."""


def clock_seconds(text: str) -> int:
    parts = [int(part) for part in text.strip().split(":")]
    hours, minutes, seconds = [*parts, 0, 0][:3]
    return hours * 3600 + minutes * 60 + seconds


def clock_text(seconds: int) -> str:
    """HH:MM (HH:MM:SS when seconds are set) of a clock time; past midnight reads from 00:00 again."""
    hours, rest = divmod(seconds % DAY_SECONDS if seconds > DAY_SECONDS else seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


def binding_window(
    rows: Iterable[Jurisdiction], weekday: int
) -> tuple[Window | None, list[Jurisdiction]] | None:
    """The narrowest window all `rows` allow on ISO `weekday`, and the rows that set it.

    None when no row fixes a window; (None, rows) when some row closes the day. The setters are the row
    whose own window is the narrowest one if there is such a row, else every row that sets its start
    or its end (Texas 09:00-21:00 with Oklahoma 08:00-20:00: both, for 09:00-20:00).
    """
    windows: list[tuple[Jurisdiction, Window]] = []
    for row in rows:
        if row.hours is None:
            continue
        allowed = row.hours.get(weekday)
        if allowed is None:
            return None, [row]
        windows.append((row, allowed))
    if not windows:
        return None
    window = Window(max(w.start for _, w in windows), min(w.end for _, w in windows))
    exact = [row for row, allowed in windows if allowed == window]
    if exact:
        return window, exact[:1]
    return window, [
        row for row, allowed in windows if window.start == allowed.start or window.end == allowed.end
    ]


@cache
def window_of(codes: tuple[str, ...], weekday: int) -> tuple[Window | None, tuple[str, ...]] | None:
    """`binding_window` of the rows named by `codes` (as rule_codes gives them), with the setters' codes."""
    rows = rules_by_code()
    bound = binding_window([rows[code] for code in codes], weekday)
    if bound is None:
        return None
    window, setters = bound
    return window, tuple(row.code for row in setters)


_EPOCH_DAY = dt.date(1970, 1, 1).toordinal()


def local_instant(day: dt.date, seconds: int, zone: str, year: int | None = None) -> int:
    """UTC epoch seconds of the wall-clock time `seconds` after midnight of `day` in `zone`.

    Past 24:00 runs into the next day. As zoneinfo reads them (fold 0): a time the clocks skip keeps the
    offset before the change, a time they repeat is its first occurrence. `year`: whose clock changes
    to use for a day just outside it (no zone changes clocks between 30 December and 2 January)."""
    wall = (day.toordinal() - _EPOCH_DAY) * DAY_SECONDS + seconds
    changes = _clock_changes(zone, year or day.year)
    for index, (_, offset) in enumerate(changes):
        instant = wall - offset
        if index + 1 == len(changes) or instant < changes[index + 1][0]:
            return instant
        after, next_offset = changes[index + 1]
        if wall - next_offset < after:  # skipped by the clocks: keep the offset before the change
            return instant
    raise AssertionError("unreachable: the last change always returns")


def _merged(spans: Iterable[tuple[int, int]]) -> Instants:
    result: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return tuple(result)


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def fixed_clocks(codes: tuple[str, ...]) -> dict[str | None, tuple[str, ...]]:
    """`codes` grouped by the clock their hours are read in: None for the called party's local time,
    else the row's `hours_clock` (Mississippi: Central Standard Time all year)."""
    rows = rules_by_code()
    grouped: dict[str | None, list[str]] = {}
    for code in codes:
        grouped.setdefault(rows[code].hours_clock, []).append(code)
    return {clock: tuple(members) for clock, members in grouped.items()}


@cache
def allowed_instants(codes: tuple[str, ...], zone: str, year: int) -> Instants | None:
    """The instants of `year` (two days either side) at which every row of `codes` allows calling a
    party in `zone`; None when no row fixes a window. A row whose hours are fixed in another clock
    (`hours_clock`) is read in that clock on the same dates."""
    found: Instants | None = None
    for clock, members in fixed_clocks(codes).items():
        allowed = _clock_instants(members, clock or zone, year)
        if allowed is not None:
            found = allowed if found is None else intersect(found, allowed)
    return found


@cache
def _clock_instants(codes: tuple[str, ...], zone: str, year: int) -> Instants | None:
    """The instants at which every row of `codes` allows calls, their hours read in `zone`."""
    if window_of(codes, 1) is None:  # rows either fix hours for every day or for none
        return None
    spans: list[tuple[int, int]] = []
    day, last = dt.date(year - 1, 12, 30), dt.date(year + 1, 1, 2)
    while day <= last:
        bound = window_of(codes, day.isoweekday())
        if bound is not None and bound[0] is not None:
            window = bound[0]
            spans.append(
                (
                    local_instant(day, window.start * 60, zone, year),
                    local_instant(day, window.end * 60, zone, year),
                )
            )
        day += dt.timedelta(days=1)
    return _merged(spans)


@cache
def window_instants(spans: tuple[Span, ...], zone: str, year: int) -> Instants:
    """The instants at which weekly `spans`, read in `zone`, are open on the dates of `year`."""
    first = dt.date(year, 1, 1)
    found: list[tuple[int, int]] = []
    for span in spans:
        day = first + dt.timedelta(days=(span.day - first.isoweekday()) % 7)
        while day.year == year:
            start, end = local_instant(day, span.start, zone), local_instant(day, span.end, zone)
            if end > start:
                found.append((start, end))
            day += dt.timedelta(days=7)
    return _merged(found)


def intersect(first: Instants, second: Instants) -> Instants:
    """The instants in both."""
    result: list[tuple[int, int]] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start, end = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if start < end:
            result.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return tuple(result)


def first_gap(calls: Instants, allowed: Instants) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first stretch of `calls` outside `allowed`, with the span of calls it lies in."""
    starts = [start for start, _ in allowed]
    for call in calls:
        moment, end = call
        while moment < end:
            index = bisect_right(starts, moment) - 1
            if index >= 0 and allowed[index][1] > moment:
                moment = allowed[index][1]
                continue
            following = starts[index + 1] if index + 1 < len(starts) else end
            return call, (moment, min(end, following))
    return None


@cache
def same_clock(first: str, second: str, year: int) -> bool:
    """Whether two zones show the same clock all `year` (an alias, or America/Detroit and New_York)."""
    return first == second or _clock_changes(first, year) == _clock_changes(second, year)


@cache
def _clock_changes(zone: str, year: int) -> tuple[tuple[int, int], ...]:
    """The zone's UTC offset at the start of `year` and at each change in it, as (instant, offset)
    pairs: found day by day, then to the second (clocks change at most once a day)."""

    def offset(instant: int) -> int:
        found = dt.datetime.fromtimestamp(instant, _zone(zone)).utcoffset()
        return int(found.total_seconds()) if found is not None else 0

    start = int(dt.datetime(year, 1, 1, tzinfo=dt.UTC).timestamp())
    changes = [(start, offset(start))]
    for day in range(1, 367):
        instant = start + day * DAY_SECONDS
        if offset(instant) != changes[-1][1]:
            low, high = instant - DAY_SECONDS, instant  # offset(low) is the old one, offset(high) the new
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if offset(middle) == changes[-1][1] else (low, middle)
            changes.append((high, offset(high)))
    return tuple(changes)


def _pieces(span: Span) -> Iterator[tuple[int, int, int, bool]]:
    """(weekday, start, end, overnight) of a window's part on its own day and, overnight, the next."""
    yield span.day, span.start, min(span.end, DAY_SECONDS), False
    if span.end > DAY_SECONDS:
        yield span.day % 7 + 1, 0, span.end - DAY_SECONDS, True


def _outside(start: int, end: int, allowed: Window | None) -> list[tuple[int, int]]:
    if allowed is None:
        return [(start, end)]
    low, high = allowed.start * 60, allowed.end * 60
    parts = [(start, min(end, low))] if start < low else []
    return parts + ([(max(start, high), end)] if end > high else [])


@cache
def clock_breach(span: Span, codes: tuple[str, ...]) -> Breach | None:
    """Calls `span` allows outside the hours of `codes`, its clock times read as the called party's.

    The breach is the first stretch outside hours, continued across midnight when the window is."""
    found: Breach | None = None
    for day, start, end, overnight in _pieces(span):
        bound = window_of(codes, day)
        allowed, setters = bound if bound is not None else (Window(0, 24 * 60), ())
        for low, high in _outside(start, end, allowed):
            if found is None:
                found = Breach(day, (low, high), allowed, setters)
            elif overnight and low == 0 and found.outside[1] == DAY_SECONDS:
                found = replace(found, outside=(found.outside[0], DAY_SECONDS + high))
            else:
                return found
        if found is not None and found.outside[1] != DAY_SECONDS:
            return found
    return found


def instants_breach(calls: Instants, party_zone: str, codes: tuple[str, ...], year: int) -> Breach | None:
    """The first calls at `calls` instants outside the hours of `codes` in `party_zone`."""
    allowed = allowed_instants(codes, party_zone, year)
    if allowed is None:
        return None
    found = first_gap(calls, allowed)
    if found is None:
        return None
    call, gap = found
    tz = _zone(party_zone)
    start = dt.datetime.fromtimestamp(gap[0], tz)
    midnight = local_instant(start.date(), 0, party_zone, year)

    def clock(instant: int) -> int:
        moment = dt.datetime.fromtimestamp(instant, tz)
        days = (moment.date() - start.date()).days
        return days * DAY_SECONDS + moment.hour * 3600 + moment.minute * 60 + moment.second

    fixed, responsible = _responsible(codes, party_zone, year, gap[0])
    bound = window_of(responsible, (start if fixed is None else _in(gap[0], fixed)).isoweekday())
    allowed_window, setters = bound if bound is not None else (None, ())
    horizon = local_instant(
        start.date(), 2 * DAY_SECONDS, party_zone, year
    )  # a window open for days reads as one day
    return Breach(
        day=start.isoweekday(),
        outside=(clock(gap[0]), clock(min(gap[1], horizon))),
        allowed=allowed_window,
        setters=setters,
        zone=party_zone,
        calls=(clock(max(call[0], midnight)), clock(min(call[1], horizon))),
        date=start.date(),
        summer_time=bool(start.dst()),
        clock=fixed,
    )


def _in(instant: int, zone: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(instant, _zone(zone))


def _responsible(
    codes: tuple[str, ...], party_zone: str, year: int, instant: int
) -> tuple[str | None, tuple[str, ...]]:
    """The clock and the rows whose hours leave `instant` out (the called party's own clock first)."""
    groups = fixed_clocks(codes)
    for clock, members in sorted(groups.items(), key=lambda item: item[0] is not None):
        allowed = _clock_instants(members, clock or party_zone, year)
        if allowed is not None and first_gap(((instant, instant + 1),), allowed) is not None:
            return clock, members
    return None, codes
