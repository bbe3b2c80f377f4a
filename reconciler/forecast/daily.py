"""Daily answer rates (live-answered / attempted) from the platform's measured days: the series
`reconciler forecast --from-target` models with a weekly season.

A day without dials is filled with the same weekday a week before (or after, at the start), so STL sees a
regular series. Less than 14 days (two weekly cycles) is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reconciler.forecast.errors import ForecastError
from reconciler.monitor.counts import DayCounts

MIN_DAYS = 14


@dataclass(frozen=True)
class DailyRates:
    """One campaign's answer rate per day (at local midnight), oldest first."""

    campaign: str
    days: list[dt.datetime]
    rates: list[float]


def daily_rates(days: Sequence[DayCounts], *, campaign: str) -> DailyRates:
    observed = {
        dt.datetime.combine(day.day, dt.time()): day.connected / day.attempted
        for day in days
        if day.name == campaign and day.attempted > 0
    }
    if not observed:
        raise ForecastError(f"the platform measured no dials of campaign '{campaign}' in the days read")
    first, last = min(observed), max(observed)
    span = (last - first).days + 1
    if span < MIN_DAYS:
        raise ForecastError(
            f"{span} day(s) with dials measured for '{campaign}'; a forecast from daily counts needs at "
            f"least {MIN_DAYS} (two weekly cycles) to separate the weekly pattern from the trend"
        )
    series = [first + dt.timedelta(days=step) for step in range(span)]
    return DailyRates(campaign=campaign, days=series, rates=[_filled(observed, day) for day in series])


def _filled(observed: dict[dt.datetime, float], day: dt.datetime) -> float:
    for weeks in (0, -1, 1, -2, 2):
        found = observed.get(day + dt.timedelta(weeks=weeks))
        if found is not None:
            return found
    return sum(observed.values()) / len(observed)
