"""Interval sets and schedule expansion (policy.intervals, .schedule_expansion), checked directly."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from reconciler.policy.instants import DAY, describe_window
from reconciler.policy.intervals import IntervalSet, first_clash
from reconciler.policy.schedule_expansion import Recurrence, common_window, first_occurrences, horizon
from reconciler.policy.schedule_reading import schedule_of

NEW_YORK = ZoneInfo("America/New_York")


def instant(text: str) -> int:
    moment = datetime.fromisoformat(text)
    return int((moment - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds()) * 1_000_000


def utc(span: tuple[int, int]) -> tuple[str, str]:
    start, end = (datetime.fromtimestamp(value / 1_000_000, UTC).strftime("%Y-%m-%d %H:%M") for value in span)
    return start, end


def recurrence(**fields: Any) -> Recurrence:
    raw = {
        "start": "2026-07-06T09:00:00",
        "end": "2026-07-06T17:00:00",
        "pattern": {"type": "Weekly", "interval": 1, "days_of_week": ["Monday"]},
        "range": {"type": "NoEnd"},
        **fields,
    }
    schedule = schedule_of({"time_zone": "America/New_York", "recurrences": [raw]})
    (item,) = schedule.items
    assert isinstance(item.window, Recurrence)
    return item.window


# --- interval sets ---------------------------------------------------------------------------------


def test_sets_merge_overlapping_and_touching_spans_and_drop_empty_ones() -> None:
    merged = IntervalSet.of([(5, 8), (0, 3), (3, 4), (7, 10), (12, 12)])
    assert merged.spans == ((0, 4), (5, 10))


def test_union_intersection_and_difference() -> None:
    a = IntervalSet.of([(0, 10), (20, 30)])
    b = IntervalSet.of([(5, 25)])
    assert a.union(b).spans == ((0, 30),)
    assert a.intersection(b).spans == ((5, 10), (20, 25))
    assert a.difference(b).spans == ((0, 5), (25, 30))
    assert b.difference(a).spans == ((10, 20),)


def test_touching_half_open_spans_do_not_overlap() -> None:
    assert IntervalSet.of([(0, 10)]).first_overlap(IntervalSet.of([(10, 20)])) is None
    assert IntervalSet.of([(0, 10)]).intersection(IntervalSet.of([(10, 20)])).spans == ()


def test_first_overlap_is_the_earliest_shared_window_whichever_set_is_larger() -> None:
    many = IntervalSet.of([(0, 2), (4, 6), (8, 12), (20, 30)])
    few = IntervalSet.of([(10, 25)])
    assert many.first_overlap(few) == (10, 12)
    assert few.first_overlap(many) == (10, 12)


def test_first_clash_finds_the_earliest_overlap_between_two_different_sets() -> None:
    sets = [
        IntervalSet.of([(0, 5), (50, 60)]),
        IntervalSet.of([(10, 20)]),
        IntervalSet.of([(55, 70), (18, 30)]),
    ]
    assert first_clash(sets) == (1, 2, (18, 20))
    assert first_clash([IntervalSet.of([(0, 5)]), IntervalSet.of([(5, 9)])]) is None


# --- recurrences -----------------------------------------------------------------------------------


def test_weekly_occurrence_keeps_its_local_time_across_the_dst_change() -> None:
    weekdays = recurrence(
        start="2026-10-30T09:00:00",
        end="2026-10-30T17:00:00",
        pattern={"type": "Weekly", "interval": 1, "days_of_week": ["Monday", "Friday"]},
    )
    friday, monday = first_occurrences(weekdays, 2)
    assert utc(friday) == ("2026-10-30 13:00", "2026-10-30 21:00")  # EDT, UTC-4
    assert utc(monday) == ("2026-11-02 14:00", "2026-11-02 22:00")  # EST, UTC-5: still 09:00-17:00 local


def test_weekly_interval_counts_weeks_from_the_first_occurrence() -> None:
    every_third = recurrence(
        pattern={"type": "Weekly", "interval": 3, "days_of_week": ["Monday", "Thursday"]}
    )
    days = [utc(span)[0][:10] for span in first_occurrences(every_third, 5)]
    assert days == ["2026-07-06", "2026-07-09", "2026-07-27", "2026-07-30", "2026-08-17"]


def test_the_first_occurrence_counts_even_off_pattern() -> None:
    sunday_start = recurrence(start="2026-07-05T09:00:00", end="2026-07-05T10:00:00")
    days = [utc(span)[0][:10] for span in first_occurrences(sunday_start, 3)]
    assert days == ["2026-07-05", "2026-07-06", "2026-07-13"]


def test_numbered_range_stops_after_its_count() -> None:
    three = recurrence(
        pattern={"type": "Daily", "interval": 2}, range={"type": "Numbered", "number_of_occurrences": 3}
    )
    spans = three.spans(instant("2027-01-01T00:00:00+00:00")).spans
    assert [utc(span)[0][:10] for span in spans] == ["2026-07-06", "2026-07-08", "2026-07-10"]
    assert three.ends_before(instant("2027-01-01T00:00:00+00:00")) == spans[-1][1]


def test_end_date_keeps_an_occurrence_that_ends_exactly_at_the_range_end() -> None:
    until_friday = recurrence(
        pattern={"type": "Daily", "interval": 1}, range={"type": "EndDate", "end": "2026-07-10T17:00:00"}
    )
    spans = until_friday.spans(instant("2027-01-01T00:00:00+00:00")).spans
    assert len(spans) == 5
    assert utc(spans[-1]) == ("2026-07-10 13:00", "2026-07-10 21:00")
    cut_earlier = recurrence(
        pattern={"type": "Daily", "interval": 1}, range={"type": "EndDate", "end": "2026-07-10T16:59:00"}
    )
    assert len(cut_earlier.spans(instant("2027-01-01T00:00:00+00:00")).spans) == 4


def test_exclusions_remove_time_and_inclusions_add_it_back() -> None:
    altered = recurrence(
        pattern={"type": "Daily", "interval": 1},
        range={"type": "Numbered", "number_of_occurrences": 3},
        alterations=[
            {"type": "Exclusion", "start": "2026-07-07T00:00:00", "end": "2026-07-08T00:00:00"},
            {"type": "Exclusion", "start": "2026-07-08T12:00:00", "end": "2026-07-08T13:00:00"},
            {"type": "Inclusion", "start": "2026-07-07T10:00:00", "end": "2026-07-07T11:00:00"},
            {"type": "Inclusion", "start": "2026-07-11T09:00:00", "end": "2026-07-11T10:00:00"},
        ],
    )
    spans = altered.spans(instant("2027-01-01T00:00:00+00:00")).spans
    assert [utc(span) for span in spans] == [
        ("2026-07-06 13:00", "2026-07-06 21:00"),
        ("2026-07-07 14:00", "2026-07-07 15:00"),  # inclusion wins inside the excluded day
        ("2026-07-08 13:00", "2026-07-08 16:00"),
        ("2026-07-08 17:00", "2026-07-08 21:00"),
        ("2026-07-11 13:00", "2026-07-11 14:00"),  # added, not counted by the Numbered range
    ]


def test_an_exclusion_with_only_a_start_removes_the_occurrence_starting_then() -> None:
    skipped = recurrence(
        pattern={"type": "Daily", "interval": 1},
        range={"type": "Numbered", "number_of_occurrences": 3},
        alterations=[{"type": "Exclusion", "start": "2026-07-07T09:00:00"}],
    )
    spans = skipped.spans(instant("2027-01-01T00:00:00+00:00")).spans
    assert [utc(span)[0][:10] for span in spans] == ["2026-07-06", "2026-07-08"]


def test_a_recurrence_longer_than_its_period_overlaps_itself() -> None:
    long_days = recurrence(end="2026-07-07T10:00:00", pattern={"type": "Daily", "interval": 1})
    assert long_days.self_overlap() is not None
    assert utc(long_days.self_overlap() or (0, 0)) == ("2026-07-07 13:00", "2026-07-07 14:00")
    assert recurrence(pattern={"type": "Daily", "interval": 1}).self_overlap() is None
    single = recurrence(end="2026-07-07T10:00:00", range={"type": "Numbered", "number_of_occurrences": 1})
    assert single.self_overlap() is None


def test_zones_fall_back_from_recurrence_to_schedule_to_utc() -> None:
    raw = {
        "start": "2026-07-06T09:00:00",
        "end": "2026-07-06T10:00:00",
        "pattern": {"type": "Daily", "interval": 1},
        "range": {"type": "NoEnd"},
    }
    own = schedule_of(
        {"time_zone": "America/New_York", "recurrences": [{**raw, "time_zone": "Europe/Paris"}]}
    )
    inherited = schedule_of({"time_zone": "America/New_York", "recurrences": [raw]})
    default = schedule_of({"recurrences": [raw]})
    firsts = [
        schedule.items[0].window.spans(instant("2026-08-01T00:00:00+00:00")).spans[0]
        for schedule in (own, inherited, default)
    ]
    assert [utc(span)[0] for span in firsts] == ["2026-07-06 07:00", "2026-07-06 13:00", "2026-07-06 09:00"]


def test_intervals_without_an_offset_are_read_in_the_schedule_zone() -> None:
    schedule = schedule_of(
        {
            "time_zone": "America/New_York",
            "intervals": [
                {"start": "2026-07-07T13:00:00.000Z", "end": "2026-07-07T17:00:00.000Z"},
                {"start": "2026-07-07T13:00:00", "end": "2026-07-07T17:00:00"},
            ],
        }
    )
    spans = [item.window.spans(0).spans[0] for item in schedule.items]
    assert [utc(span) for span in spans] == [
        ("2026-07-07 13:00", "2026-07-07 17:00"),
        ("2026-07-07 17:00", "2026-07-07 21:00"),
    ]


# --- horizons and overlaps between schedules -------------------------------------------------------


def weekly_schedule(start: str, end: str, every: int, zone: str = "America/New_York") -> Any:
    return schedule_of(
        {
            "time_zone": zone,
            "recurrences": [
                {
                    "start": start,
                    "end": end,
                    "pattern": {"type": "Weekly", "interval": every, "days_of_week": ["Monday"]},
                    "range": {"type": "NoEnd"},
                }
            ],
        }
    )


def test_every_two_and_every_three_weeks_first_meet_in_week_six() -> None:
    biweekly = weekly_schedule("2026-07-06T09:00:00", "2026-07-06T12:00:00", 2)
    triweekly = weekly_schedule("2026-07-27T11:00:00", "2026-07-27T13:00:00", 3)
    window = common_window(biweekly, triweekly)
    assert window is not None
    assert describe_window(window, NEW_YORK) == "Mon 2026-08-17 11:00 to 12:00 (America/New_York)"


def test_alternating_weeks_never_meet() -> None:
    odd = weekly_schedule("2026-07-06T09:00:00", "2026-07-06T17:00:00", 2)
    even = weekly_schedule("2026-07-13T09:00:00", "2026-07-13T17:00:00", 2)
    assert common_window(odd, even) is None


def test_long_periods_meet_where_arithmetic_says_not_where_sampling_would_look() -> None:
    def daily(start: str, every: int) -> Any:
        raw = {
            "start": f"{start}T00:00:00",
            "end": f"{start}T01:00:00",
            "pattern": {"type": "Daily", "interval": every},
            "range": {"type": "NoEnd"},
        }
        return schedule_of({"recurrences": [raw]})

    # day d is in both when d = 0 (mod 97) and d = 1 (mod 89): the Chinese remainder theorem's day
    expected = next(day for day in range(97 * 89) if day % 97 == 0 and day % 89 == 1)
    window = common_window(daily("2026-01-01", 97), daily("2026-01-02", 89))
    assert window is not None
    assert (window[0] - instant("2026-01-01T00:00:00+00:00")) // DAY == expected


def test_horizon_covers_the_period_lcm_and_a_year_of_zone_transitions() -> None:
    biweekly = weekly_schedule("2026-07-06T09:00:00", "2026-07-06T12:00:00", 2)
    triweekly = weekly_schedule("2026-07-06T09:00:00", "2026-07-06T12:00:00", 3)
    reach = horizon(biweekly.windows + triweekly.windows)
    assert reach - instant("2026-07-06T13:00:00+00:00") >= (42 + 366) * DAY


def test_horizon_of_finite_items_is_their_end() -> None:
    one_off = schedule_of({"intervals": [{"start": "2026-07-07T13:00:00Z", "end": "2026-07-07T17:00:00Z"}]})
    assert horizon(one_off.windows) == instant("2026-07-07T17:00:00+00:00")


def test_a_year_of_transitions_finds_windows_that_meet_only_while_dst_dates_differ() -> None:
    def daily(start: str, end: str, zone: str) -> Any:
        raw = {
            "start": start,
            "end": end,
            "pattern": {"type": "Daily", "interval": 1},
            "range": {"type": "NoEnd"},
        }
        return schedule_of({"time_zone": zone, "recurrences": [raw]})

    london = daily("2026-07-06T13:00:00", "2026-07-06T14:00:00", "Europe/London")
    new_york = daily("2026-07-06T09:00:00", "2026-07-06T10:00:00", "America/New_York")
    window = common_window(london, new_york)
    assert window is not None
    assert describe_window(window, NEW_YORK) == "Sun 2026-10-25 09:00 to 10:00 (America/New_York)"


def test_unreadable_items_are_left_out() -> None:
    schedule = schedule_of(
        {
            "time_zone": "Nowhere/Atlantis",
            "intervals": [{"start": "yesterday", "end": "today"}, {"start": "2026-07-07T13:00:00Z"}],
            "recurrences": [{"start": "2026-07-06T09:00:00", "end": "2026-07-06T10:00:00"}],
        }
    )
    assert schedule.items == ()
