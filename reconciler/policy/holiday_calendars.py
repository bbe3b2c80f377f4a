"""Holiday calendars named in the jurisdiction data ("US", "US-UT"), computed by the `holidays` package."""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays as holiday_library

COUNTRY = "US"


def calendar_known(calendar: str) -> bool:
    """Whether `calendar` is "US" (federal) or "US-XX" for a subdivision the library knows."""
    country, _, subdivision = calendar.partition("-")
    if country != COUNTRY:
        return False
    return not subdivision or subdivision in holiday_library.country_holidays(COUNTRY).subdivisions


@cache
def holidays_of(calendar: str, year: int) -> dict[dt.date, str]:
    """The legal holidays of `calendar` in `year`, observed dates included, by date.

    "US": the federal holidays (5 U.S.C. 6103); "US-UT": those and Utah's own (Pioneer Day ...)."""
    if not calendar_known(calendar):
        raise ValueError(f"unknown holiday calendar '{calendar}' (use US or US-<state>)")
    _, _, subdivision = calendar.partition("-")
    found = holiday_library.country_holidays(COUNTRY, subdiv=subdivision or None, years=year)
    return {day: str(name) for day, name in sorted(found.items())}
