"""STL decomposition with a daily season, and the next 24 hours' answer rates; or, from daily counts
(the platform's measured days), a weekly season and the next 7 days' answer rates.

The trend is carried on along its slope over the last season; the season repeats the last season's
shape. statsmodels is imported only here, so the rest of the reconciler runs without the extra.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reconciler.forecast.daily import DailyRates
from reconciler.forecast.errors import missing_extra
from reconciler.forecast.history import AnswerRates

HORIZON_HOURS = 24
HORIZON_DAYS = 7
MIN_RATE, MAX_RATE = 0.001, 0.999


@dataclass(frozen=True)
class Forecast:
    hours: list[dt.datetime]
    rates: list[float]
    trend_per_day: float
    """Change of the trend over the last day (answer-rate points)."""
    horizon: str = "the next 24 h"
    when_format: str = "%a %H:%M"
    """How a forecast step is named (strftime): an hour, or a day for a daily forecast."""


def _fit(rates: list[float], period: int) -> tuple[list[float], list[float], float]:
    """Trend, season and the trend's slope per step over the last season, by robust STL."""
    try:  # statsmodels is the optional [forecast] extra
        from statsmodels.tsa.seasonal import STL
    except ImportError as exc:
        raise missing_extra("statsmodels") from exc
    fitted = STL(rates, period=period, robust=True).fit()
    trend = [float(value) for value in fitted.trend]
    seasonal = [float(value) for value in fitted.seasonal]
    slope = (trend[-1] - trend[-period]) / (period - 1) if len(trend) >= period else 0.0
    return trend, seasonal, slope


def _bounded(rate: float) -> float:
    return min(MAX_RATE, max(MIN_RATE, rate))


def forecast_next_day(history: AnswerRates) -> Forecast:
    period = history.period
    trend, seasonal, slope = _fit(history.rates, period)
    hours: list[dt.datetime] = []
    rates: list[float] = []
    last = history.hours[-1]
    ahead = 0
    for step in range(1, HORIZON_HOURS + 1):
        hour = last + dt.timedelta(hours=step)
        if hour.hour not in history.open_hours:
            continue
        ahead += 1
        season = seasonal[len(seasonal) - period + (ahead - 1) % period]
        rates.append(_bounded(trend[-1] + slope * ahead + season))
        hours.append(hour)
    return Forecast(hours=hours, rates=rates, trend_per_day=slope * (period - 1))


def forecast_next_week(history: DailyRates) -> Forecast:
    """The next 7 days' answer rates from a daily series, with a weekly season."""
    period = 7
    trend, seasonal, slope = _fit(history.rates, period)
    days = [history.days[-1] + dt.timedelta(days=step) for step in range(1, HORIZON_DAYS + 1)]
    rates = [
        _bounded(trend[-1] + slope * step + seasonal[len(seasonal) - period + (step - 1) % period])
        for step in range(1, HORIZON_DAYS + 1)
    ]
    return Forecast(
        hours=days, rates=rates, trend_per_day=slope, horizon="the next 7 days", when_format="%a %Y-%m-%d"
    )
