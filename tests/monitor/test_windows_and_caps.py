"""Measured abandonment per window against each jurisdiction's cap: TCPA's rolling 30 days, Ofcom's each day,
CRTC's calendar month, from the jurisdiction data; the figures the acceptance of issue #18 names."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from reconciler.monitor.caps import CapRule, Standing, cap_rules, measure_caps, standing_of
from reconciler.monitor.counts import DayCounts
from reconciler.monitor.windows import Period, Window, first_day_read, sum_window, windows_of

AS_OF = date(2026, 12, 5)
SOURCE = "POST /api/v2/analytics/conversations/aggregates/query nOutboundConnected,nOutboundAbandoned"


def spread(
    total_connected: int, total_abandoned: int, *, days: int = 30, last: date = AS_OF
) -> list[DayCounts]:
    """`days` days ending on `last`, the totals spread evenly (the remainder on the first days)."""
    result = []
    for offset in range(days):
        connected = total_connected // days + (1 if offset < total_connected % days else 0)
        abandoned = total_abandoned // days + (1 if offset < total_abandoned % days else 0)
        result.append(day(last - timedelta(days=offset), connected=connected, abandoned=abandoned))
    return result


def day(when: date, *, connected: int, abandoned: int, attempted: int | None = None) -> DayCounts:
    return DayCounts(
        platform="genesys",
        name="q3-renewals",
        day=when,
        attempted=attempted if attempted is not None else connected * 4,
        connected=connected,
        abandoned=abandoned,
        handled=None,
        handle_seconds=None,
        source=SOURCE,
    )


def standings(jurisdictions: list[str], days: list[DayCounts]) -> list[tuple[str, str, Standing]]:
    measures = measure_caps(cap_rules(jurisdictions), days, as_of=AS_OF, warn_at_percent_of_cap=80)
    return [(m.rule.jurisdiction, m.counts.window.label(), m.standing) for m in measures]


def test_the_caps_and_periods_come_from_the_jurisdiction_data() -> None:
    rules = {rule.jurisdiction: rule for rule in cap_rules(["US-FL", "UK", "CA"])}
    assert {code: (rule.percent, rule.period) for code, rule in rules.items()} == {
        "US": (3.0, Period.ROLLING_30_DAYS),
        "UK": (3.0, Period.CALENDAR_DAY),
        "CA": (5.0, Period.CALENDAR_MONTH),
    }
    assert "47 CFR 64.1200" in rules["US"].citation
    assert "CRTC" in rules["CA"].citation


def test_40_of_1000_over_30_days_is_over_the_us_cap() -> None:
    [(code, window, standing)] = standings(["US"], spread(1000, 40))
    assert (code, window, standing) == ("US", "30 days 2026-11-06 to 2026-12-05", Standing.OVER)


def test_25_of_1000_is_within_the_cap_and_near_it_at_the_default_warning_share() -> None:
    [(_, _, standing)] = standings(["US"], spread(1000, 25))
    assert standing == Standing.NEAR  # 2.5 % is 83 % of 3 %: a warning, never an error
    [(_, _, lower)] = standings(["US"], spread(1000, 20))
    assert lower == Standing.WITHIN


def test_exactly_at_the_cap_is_not_over_it() -> None:
    counts = sum_window(
        Window(Period.ROLLING_30_DAYS, AS_OF, AS_OF), [day(AS_OF, connected=1000, abandoned=30)]
    )
    assert standing_of(counts, cap_percent=3, warn_at_percent_of_cap=80) == Standing.NEAR
    counts = sum_window(
        Window(Period.ROLLING_30_DAYS, AS_OF, AS_OF), [day(AS_OF, connected=1000, abandoned=31)]
    )
    assert standing_of(counts, cap_percent=3, warn_at_percent_of_cap=80) == Standing.OVER


def test_ofcom_s_daily_window_catches_a_single_bad_day_the_30_days_average_away() -> None:
    days = spread(30_000, 300)  # 1 % every day
    bad = AS_OF - timedelta(days=10)
    days = [day(bad, connected=1000, abandoned=60) if item.day == bad else item for item in days]
    us = standings(["US"], days)
    assert [standing for _, _, standing in us] == [Standing.WITHIN]
    uk = standings(["UK"], days)
    assert len(uk) == 30
    over = [(window, standing) for _, window, standing in uk if standing != Standing.WITHIN]
    assert over == [(f"day {bad.isoformat()}", Standing.OVER)]


def test_crtc_measures_the_calendar_month_not_the_last_30_days() -> None:
    november = [day(date(2026, 11, d), connected=100, abandoned=20) for d in range(6, 31)]  # 20 % in Nov
    december = [day(date(2026, 12, d), connected=1000, abandoned=30) for d in range(1, 6)]  # 3 % in Dec
    [(code, window, standing)] = standings(["CA"], november + december)
    assert (code, window, standing) == ("CA", "calendar month 2026-12 to 2026-12-05", Standing.WITHIN)
    [(_, _, rolling)] = standings(["US"], november + december)
    assert rolling == Standing.OVER  # the same days over a rolling 30 days are far over 3 %


def test_a_complete_month_is_named_without_an_end_day() -> None:
    [window] = windows_of(Period.CALENDAR_MONTH, date(2026, 11, 30))
    assert (window.first, window.last, window.label()) == (
        date(2026, 11, 1),
        date(2026, 11, 30),
        "calendar month 2026-11",
    )


def test_days_outside_a_window_are_not_counted_and_no_live_call_is_no_rate() -> None:
    old = [day(AS_OF - timedelta(days=30), connected=1000, abandoned=900)]
    [(_, _, standing)] = standings(["US"], old)
    assert standing == Standing.NO_LIVE_CALLS


def test_the_read_starts_early_enough_for_every_window() -> None:
    assert first_day_read(AS_OF) == date(2026, 11, 6)  # the 30 days reach further back
    assert first_day_read(date(2026, 12, 31)) == date(2026, 12, 1)  # the calendar month does


@pytest.mark.parametrize(("warn_at", "expected"), [(80, Standing.NEAR), (90, Standing.WITHIN)])
def test_the_warning_share_is_the_project_s(warn_at: float, expected: Standing) -> None:
    rule = CapRule("US", 3.0, Period.ROLLING_30_DAYS, "47 CFR 64.1200(a)(7)")
    [measure] = measure_caps([rule], spread(1000, 25), as_of=AS_OF, warn_at_percent_of_cap=warn_at)
    assert measure.standing == expected
