"""Synthetic hourly dialing history for the demo: what a campaign's dials and live answers looked like.

Served as CSV at GET /_emulator/history?campaign=NAME&hours=N&seed=S and written by
`reconciler emulator history`; `reconciler forecast` reads it. Columns: hour (ISO local time, the
called parties' zone), campaign, dials, live_answers. Dialing happens 08:00-20:59 only (the calling
window), so the hours outside it have no rows. Live answers follow a daily shape (few at midday,
most in the evening, as people come home) around a slowly falling base (the list is being worked),
drawn from `random.Random(seed)`: the same arguments always give the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

FIRST_HOUR, LAST_HOUR = 8, 20
START = dt.datetime(2026, 3, 2)  # a Monday; history ends `hours` later
BASE_LIVE_RATE = 0.28
DIALS_PER_HOUR = 650
MAX_HOURS = 24 * 366
COLUMNS = ("hour", "campaign", "dials", "live_answers")


@dataclass(frozen=True)
class HistoryRow:
    hour: dt.datetime
    campaign: str
    dials: int
    live_answers: int


def daily_shape(hour: int) -> float:
    """Relative answer rate by hour of day: a midday dip and an evening peak (1.0 = average)."""
    evening = math.exp(-(((hour - 18.5) / 1.6) ** 2))
    midday = math.exp(-(((hour - 13.0) / 1.5) ** 2))
    return 0.95 + 0.45 * evening - 0.2 * midday


def synthetic_history(*, campaign: str, hours: int, seed: int = 0) -> list[HistoryRow]:
    """Rows for the dialing hours among `hours` consecutive clock hours from START."""
    if not 1 <= hours <= MAX_HOURS:
        raise ValueError(f"hours must be between 1 and {MAX_HOURS}")
    rng = random.Random(seed)
    rows = []
    for offset in range(hours):
        stamp = START + dt.timedelta(hours=offset)
        if not FIRST_HOUR <= stamp.hour <= LAST_HOUR:
            continue
        worked = 1 - 0.04 * offset / (24 * 7)  # the list loses 4 % of its answer rate a week
        rate = min(0.95, BASE_LIVE_RATE * daily_shape(stamp.hour) * worked * rng.uniform(0.95, 1.05))
        dials = max(1, round(rng.gauss(DIALS_PER_HOUR, DIALS_PER_HOUR * 0.05)))
        live = round(rng.gauss(dials * rate, math.sqrt(dials * rate * (1 - rate))))
        rows.append(
            HistoryRow(hour=stamp, campaign=campaign, dials=dials, live_answers=min(dials, max(0, live)))
        )
    return rows


def history_csv(rows: list[HistoryRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.hour.isoformat(timespec="minutes"), row.campaign, row.dials, row.live_answers])
    return out.getvalue()


async def history(request: Request) -> Response:
    """GET /_emulator/history?campaign=NAME&hours=N&seed=S: synthetic history as CSV."""
    params = request.query_params
    campaign = params.get("campaign", "").strip()
    if not campaign:
        return JSONResponse({"error": "campaign is required (?campaign=NAME)"}, status_code=400)
    try:
        hours = int(params.get("hours", "168"))
        seed = int(params.get("seed", "0"))
        rows = synthetic_history(campaign=campaign, hours=hours, seed=seed)
    except ValueError as exc:
        return JSONResponse({"error": f"hours and seed are whole numbers; {exc}"}, status_code=400)
    return Response(history_csv(rows), media_type="text/csv")
