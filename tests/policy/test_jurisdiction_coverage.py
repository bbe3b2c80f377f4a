"""Every US state, DC and territory has a cited, dated row with zones; holiday calendars come from the data."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from reconciler.policy.calling_windows import allowed_instants
from reconciler.policy.holiday_calendars import calendar_known, holidays_of
from reconciler.policy.jurisdictions import called_party_zones, rule_codes, table

STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
]
TERRITORIES = ("DC", "PR", "VI", "GU", "MP", "AS")


def test_every_state_dc_and_territory_has_a_row() -> None:
    assert len(STATES) == 50
    missing = [f"US-{code}" for code in (*STATES, *TERRITORIES) if f"US-{code}" not in table()]
    assert missing == []


def test_every_row_has_a_citation_an_effective_date_and_zones() -> None:
    for code, row in table().items():
        assert row.citation.strip(), code
        assert dt.date(1990, 1, 1) <= row.effective <= dt.date.today(), code
        zones = called_party_zones([code])
        assert zones, f"{code} has no zones of its own or of its parent"
        for zone in (*zones, *([row.hours_clock] if row.hours_clock else [])):
            ZoneInfo(zone)


@pytest.mark.parametrize(
    ("code", "zones"),
    [
        ("US-FL", {"America/New_York", "America/Chicago"}),
        ("US-TX", {"America/Chicago", "America/Denver"}),
        ("US-ID", {"America/Boise", "America/Los_Angeles"}),
        ("US-OR", {"America/Los_Angeles", "America/Boise"}),
        ("US-AZ", {"America/Phoenix"}),
        ("US-AK", {"America/Anchorage", "America/Adak"}),
        ("US-PR", {"America/Puerto_Rico"}),
        ("US-AS", {"Pacific/Pago_Pago"}),
    ],
)
def test_a_state_spanning_zones_lists_each(code: str, zones: set[str]) -> None:
    assert set(table()[code].zones) == zones


def test_rows_without_a_window_of_their_own_get_the_federal_window_and_are_marked_verify() -> None:
    for code in ("US-NY", "US-GA", "US-CA", "US-PR"):
        row = table()[code]
        assert row.hours is None and row.parent == "US" and row.verify, code


def test_the_known_fixes_of_the_issue() -> None:
    rows = table()
    assert rows["US-MS"].holidays is None and rows["US-MS"].hours_clock == "Etc/GMT+6"
    assert "77-3-723(1)" in rows["US-MS"].citation
    assert rows["US-PA"].holidays is None and "73 P.S. 2245(a)(1)" in rows["US-PA"].citation
    assert {code for code, row in rows.items() if row.holidays} == {"US-AL", "US-LA", "US-RI", "US-UT"}
    assert "13-25a-103(3)" in rows["US-UT"].citation


def test_every_holiday_calendar_in_the_data_is_known_and_named_in_the_citation() -> None:
    for code, row in table().items():
        if row.holidays is not None:
            assert calendar_known(row.holidays), code
            assert f"calendar: holidays {row.holidays.replace('-', '/')}" in row.citation, code


def test_state_calendars_add_the_states_own_legal_holidays() -> None:
    assert holidays_of("US-UT", 2026)[dt.date(2026, 7, 24)] == "Pioneer Day"
    assert dt.date(2026, 7, 24) not in holidays_of("US", 2026)
    assert holidays_of("US-LA", 2026)[dt.date(2026, 2, 17)] == "Mardi Gras"
    assert holidays_of("US-RI", 2026)[dt.date(2026, 8, 10)] == "Victory Day"
    assert "Confederate Memorial Day" in holidays_of("US-AL", 2026).values()


def test_federal_holidays_move_to_the_observed_day() -> None:
    federal = holidays_of("US", 2026)
    assert federal[dt.date(2026, 7, 3)] == "Independence Day (observed)"  # 4 July 2026 is a Saturday
    assert federal[dt.date(2026, 11, 26)] == "Thanksgiving Day"


def test_an_unknown_calendar_is_a_clear_error() -> None:
    assert not calendar_known("US-ZZ") and not calendar_known("UK")
    with pytest.raises(ValueError, match="unknown holiday calendar 'US-ZZ'"):
        holidays_of("US-ZZ", 2026)


def test_mississippi_hours_are_central_standard_time_all_year() -> None:
    codes = rule_codes(("US-MS",))
    allowed = allowed_instants(codes, "America/Chicago", 2026)
    assert allowed is not None
    chicago = ZoneInfo("America/Chicago")

    def open_at(day: dt.date, hour: int, minute: int = 0) -> bool:
        moment = int(dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=chicago).timestamp())
        return any(start <= moment < end for start, end in allowed)

    summer, winter = dt.date(2026, 7, 13), dt.date(2026, 1, 12)  # Mondays
    assert not open_at(summer, 8, 30) and open_at(summer, 9) and open_at(summer, 20, 30)  # 09:00-21:00 CDT
    assert open_at(winter, 8) and not open_at(winter, 20, 30)  # 08:00-20:00 CST
    assert not open_at(dt.date(2026, 7, 12), 12)  # no Sunday calls
