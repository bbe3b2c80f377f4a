"""Jurisdictions as data, and calling windows checked on real dates: zones, DST days, overnight spans."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from reconciler.policy.calling_windows import (
    Span,
    allowed_instants,
    binding_window,
    clock_breach,
    clock_text,
    first_gap,
    instants_breach,
    intersect,
    local_instant,
    same_clock,
    window_instants,
)
from reconciler.policy.jurisdictions import (
    applicable,
    called_party_zones,
    rule_codes,
    table,
)

YEAR = 2026
# 2026: US clocks go forward on Sunday 8 March and back on Sunday 1 November; the EU's on 29 March and
# 25 October.


def test_every_row_names_real_zones_and_states_inherit_federal_rules() -> None:
    for row in table().values():
        for zone in row.zones:
            ZoneInfo(zone)
    assert [row.code for row in applicable(["US-FL"])] == ["US-FL", "US"]
    assert called_party_zones(["US-FL"]) == ("America/New_York", "America/Chicago")
    assert "Pacific/Honolulu" in called_party_zones(["US", "US-FL"])


def test_the_narrowest_window_binds_and_names_who_set_it() -> None:
    bound = binding_window(applicable(["US-FL"]), 1)
    assert bound is not None
    window, setters = bound
    assert window is not None and window.text() == "08:00-20:00"
    assert [row.code for row in setters] == ["US-FL"]
    both = binding_window(applicable(["US-TX", "US-OK"]), 1)  # 09:00 from Texas, 20:00 from Oklahoma
    assert both is not None and both[0] is not None and both[0].text() == "09:00-20:00"
    assert [row.code for row in both[1]] == ["US-TX", "US-OK"]
    closed = binding_window(applicable(["US-AL"]), 7)
    assert closed is not None and closed[0] is None
    assert binding_window(applicable(["UK"]), 1) is None


@pytest.mark.parametrize(
    "zone", ["America/New_York", "Europe/London", "America/St_Johns", "America/Santiago"]
)
def test_local_instants_match_zoneinfo_on_every_day_including_the_days_clocks_change(zone: str) -> None:
    tz = ZoneInfo(zone)
    day = dt.date(YEAR, 1, 1)
    while day.year == YEAR:
        for seconds in (0, 5400, 9000, 30600, 86400 + 3600):  # 00:00, 01:30, 02:30, 08:30, 01:00 next day
            wall = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds)
            assert local_instant(day, seconds, zone) == int(wall.replace(tzinfo=tz).timestamp()), (
                day,
                seconds,
            )
        day += dt.timedelta(days=1)


def test_zones_with_the_same_clock_all_year_are_one_clock() -> None:
    assert same_clock("US/Eastern", "America/New_York", YEAR)
    assert same_clock("America/Detroit", "America/New_York", YEAR)
    assert not same_clock("America/Phoenix", "America/Denver", YEAR)  # same in winter only
    assert same_clock("Europe/London", "Europe/Lisbon", YEAR)  # two countries, one clock
    assert not same_clock("EST", "America/New_York", YEAR)


def test_an_overnight_window_is_judged_on_both_days_and_reported_across_midnight() -> None:
    codes = rule_codes(("US",))
    breach = clock_breach(Span.of(6, "18:00", "02:00"), codes)
    assert breach is not None
    assert breach.day == 6
    assert (clock_text(breach.outside[0]), clock_text(breach.outside[1])) == ("21:00", "02:00")
    # Saturday evening is fine in Alabama; the part after midnight falls on Sunday, when it allows none.
    sunday = clock_breach(Span.of(6, "10:00", "00:30"), rule_codes(("US-AL",)))
    assert sunday is not None and sunday.outside == (20 * 3600, 24 * 3600 + 1800)
    assert clock_breach(Span.of(5, "09:00", "20:00"), rule_codes(("US-AL",))) is None


def _on(day: dt.date, spans: tuple[Span, ...], zone: str) -> tuple[tuple[int, int], ...]:
    """The instants of `spans` in `zone` on one date only."""
    start, end = local_instant(day, 0, zone), local_instant(day, 2 * 86400, zone)
    return tuple(item for item in window_instants(spans, zone, YEAR) if start <= item[0] < end)


def test_a_window_in_another_zone_is_read_in_the_called_partys_zone_on_each_date() -> None:
    codes = rule_codes(("US-MD",))
    monday = (Span.of(1, "06:00", "17:30"),)
    winter = instants_breach(
        _on(dt.date(YEAR, 3, 2), monday, "America/Phoenix"), "America/New_York", codes, YEAR
    )
    assert winter is None  # 08:00-19:30 in New York
    summer = instants_breach(
        window_instants(monday, "America/Phoenix", YEAR), "America/New_York", codes, YEAR
    )
    assert summer is not None
    assert summer.date == dt.date(YEAR, 3, 9)  # the first Monday after clocks go forward
    assert summer.summer_time
    assert summer.calls is not None
    assert (clock_text(summer.calls[0]), clock_text(summer.calls[1])) == ("09:00", "20:30")
    assert (clock_text(summer.outside[0]), clock_text(summer.outside[1])) == ("20:00", "20:30")


def test_the_days_clocks_change_are_evaluated_themselves() -> None:
    # 12:00-13:00 UTC on Sundays is 07:00 in New York in winter: before 08:00.
    sunday = (Span.of(7, "12:00", "13:00"),)
    codes = rule_codes(("US",))

    def breach_on(day: dt.date) -> bool:
        return instants_breach(_on(day, sunday, "UTC"), "America/New_York", codes, YEAR) is not None

    assert breach_on(dt.date(YEAR, 3, 1))  # winter
    assert not breach_on(dt.date(YEAR, 3, 8))  # clocks went forward at 02:00: 08:00 EDT
    assert not breach_on(dt.date(YEAR, 10, 25))  # still summer time
    assert breach_on(dt.date(YEAR, 11, 1))  # clocks went back at 02:00: 07:00 EST again


def test_allowed_instants_leave_closed_days_out_and_none_means_no_window() -> None:
    allowed = allowed_instants(rule_codes(("US-AL",)), "America/Chicago", YEAR)
    assert allowed is not None
    sundays = [
        start
        for start, _ in allowed
        if dt.datetime.fromtimestamp(start, ZoneInfo("America/Chicago")).isoweekday() == 7
    ]
    assert sundays == []
    assert allowed_instants(rule_codes(("UK",)), "Europe/London", YEAR) is None


def test_interval_helpers() -> None:
    assert intersect(((0, 10), (20, 30)), ((5, 25),)) == ((5, 10), (20, 25))
    assert first_gap(((0, 10),), ((0, 4), (6, 10))) == ((0, 10), (4, 6))
    assert first_gap(((0, 10),), ((0, 10),)) is None
    assert first_gap(((5, 8),), ()) == ((5, 8), (5, 8))
