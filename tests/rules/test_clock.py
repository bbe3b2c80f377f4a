"""Week-time frames: zones compared in UTC only with offsets that really occur together."""

from __future__ import annotations

from reconciler.policy.constraints import Interval, IntervalSet
from reconciler.rules.clock import LOCAL, clock_minutes, every_day, frames_for, time_of_day


def test_one_zone_stays_local() -> None:
    assert frames_for(["America/New_York", None, "America/New_York"]) == [LOCAL]


def test_zones_pair_only_offsets_that_co_occur_during_the_year() -> None:
    frames = frames_for(["America/New_York", "Australia/Sydney"], year=2026)
    combos = {(frame.offsets["America/New_York"], frame.offsets["Australia/Sydney"]) for frame in frames}
    # New York summer never meets Sydney winter's opposite: EST with AEST does not occur.
    assert combos == {(-300.0, 660.0), (-240.0, 660.0), (-240.0, 600.0)}


def test_clock_times_parse_to_minutes() -> None:
    assert clock_minutes("17:30") == 1050
    assert clock_minutes("17:30:30.500") == 1050 + 30.5 / 60
    assert clock_minutes("25:00") is None


def test_between_spans_midnight_when_it_starts_later_than_it_ends() -> None:
    overnight = every_day(22 * 60, 2 * 60)
    assert overnight.contains(23 * 60) and overnight.contains(6 * 1440 + 23 * 60) and overnight.contains(60)
    assert not overnight.contains(12 * 60)


def test_after_excludes_the_threshold_and_before_excludes_it_too() -> None:
    after = time_of_day("after", threshold="17:30", low=None, high=None)
    before = time_of_day("before", threshold="17:30", low=None, high=None)
    assert after is not None and before is not None
    assert not after.contains(1050) and not before.contains(1050)
    assert after.intersect(before) == IntervalSet()
    assert after.union(before).union(every_day(1050, 1050)) == IntervalSet.of(
        Interval(0, 7 * 1440, True, False)
    )
