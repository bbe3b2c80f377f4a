"""Hourly dialing history: CSV rows `hour,campaign,dials,live_answers` -> one campaign's answer rates.

Only the hours the campaign dials are in the file (calling windows), and they must be the same hours
every day: the series is those hours in order, and its season is one day of them. A missing dialing
hour is filled with the same hour of the day before (or after, at the start), so STL sees a regular
series. Less than 48 hours of history (two daily cycles) is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reconciler.forecast.errors import ForecastError

MIN_HOURS = 48
COLUMNS = ("hour", "campaign", "dials", "live_answers")


@dataclass(frozen=True)
class AnswerRates:
    """One campaign's answer rate (live answers / dials) per dialing hour, oldest first."""

    campaign: str
    hours: list[dt.datetime]
    rates: list[float]
    open_hours: tuple[int, ...]
    """Hours of the day the campaign dials; their count is the season's period."""

    @property
    def period(self) -> int:
        return len(self.open_hours)


def read_history(path: Path, *, campaign: str) -> AnswerRates:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ForecastError(f"cannot read history {path}: {exc.strerror}") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise ForecastError(
            f"{path}: history needs the columns {', '.join(COLUMNS)}; missing {', '.join(missing)}"
        )
    observed: dict[dt.datetime, float] = {}
    names: set[str] = set()
    for line, row in enumerate(reader, start=2):
        names.add(row["campaign"])
        if row["campaign"] != campaign:
            continue
        try:
            hour = dt.datetime.fromisoformat(row["hour"]).replace(minute=0, second=0, microsecond=0)
            dials, live = int(row["dials"]), int(row["live_answers"])
        except (TypeError, ValueError) as exc:
            raise ForecastError(f"{path}:{line}: not an hourly row ({exc})") from exc
        if dials < 0 or not 0 <= live <= dials:
            raise ForecastError(f"{path}:{line}: live answers must be between 0 and the dials")
        if hour in observed:
            raise ForecastError(f"{path}:{line}: hour {hour.isoformat()} appears twice for {campaign}")
        if dials:
            observed[hour] = live / dials
    if not observed:
        known = ", ".join(sorted(names)) or "none"
        raise ForecastError(
            f"{path}: no dialing history for campaign '{campaign}' (campaigns in the file: {known})"
        )
    return _regular_series(observed, campaign=campaign, path=path)


def _regular_series(observed: dict[dt.datetime, float], *, campaign: str, path: Path) -> AnswerRates:
    first, last = min(observed), max(observed)
    span = int((last - first).total_seconds() // 3600) + 1
    if span < MIN_HOURS:
        raise ForecastError(
            f"{path}: {span} h of history for '{campaign}'; a forecast needs at least {MIN_HOURS} h "
            "(two daily cycles) to separate the daily pattern from the trend"
        )
    open_hours = tuple(sorted({hour.hour for hour in observed}))
    if len(open_hours) < 2:
        raise ForecastError(
            f"{path}: '{campaign}' dials in only one hour of the day; there is no daily pattern"
        )
    hours = [
        first + dt.timedelta(hours=step)
        for step in range(span)
        if (first + dt.timedelta(hours=step)).hour in open_hours
    ]
    rates = [_filled(observed, hour) for hour in hours]
    return AnswerRates(campaign=campaign, hours=hours, rates=rates, open_hours=open_hours)


def _filled(observed: dict[dt.datetime, float], hour: dt.datetime) -> float:
    for days in (0, -1, 1, -2, 2, -3, 3, -7, 7):
        found = observed.get(hour + dt.timedelta(days=days))
        if found is not None:
            return found
    return sum(observed.values()) / len(observed)
