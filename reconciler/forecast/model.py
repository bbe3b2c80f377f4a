"""STL decomposition with a daily season, and the next 24 hours' answer rates.

The trend is carried on along its slope over the last day; the season repeats the last day's
shape. statsmodels is imported only here, so the rest of the reconciler runs without the extra.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reconciler.forecast.errors import missing_extra
from reconciler.forecast.history import AnswerRates

HORIZON_HOURS = 24
MIN_RATE, MAX_RATE = 0.001, 0.999


@dataclass(frozen=True)
class Forecast:
    hours: list[dt.datetime]
    rates: list[float]
    trend_per_day: float
    """Change of the trend over the last day (answer-rate points)."""


def forecast_next_day(history: AnswerRates) -> Forecast:
    try:  # statsmodels is the optional [forecast] extra
        from statsmodels.tsa.seasonal import STL
    except ImportError as exc:
        raise missing_extra("statsmodels") from exc
    period = history.period
    fitted = STL(history.rates, period=period, robust=True).fit()
    trend = [float(value) for value in fitted.trend]
    seasonal = [float(value) for value in fitted.seasonal]
    slope = (trend[-1] - trend[-period]) / (period - 1) if len(trend) >= period else 0.0
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
        rates.append(min(MAX_RATE, max(MIN_RATE, trend[-1] + slope * ahead + season)))
        hours.append(hour)
    return Forecast(hours=hours, rates=rates, trend_per_day=slope * (period - 1))
