"""GET /skills/summary of the Reporting API over the emulated tenant's per-day counts.

The query takes startDate and endDate (required, ISO 8601) and isOutbound; the answer is
`{skillSummaries: [...]}`, one summary per skill over the range, with the field names of the Reporting
API's getFullSkillSummaries (developer.niceincontact.com; as published in calljacob/nice-cxone-api,
src/services/reporting/ReportingReportingService.ts). The emulator fills the fields the monitor reads
(dials, connects, abandonCount, contactsHandled, averageHandleTime as HH:MM:SS) from the days stored by
`POST /_emulator/metrics`; a day counts when its noon UTC lies in [startDate, endDate).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone import store
from reconciler.emulator.cxone.fields import invalid
from reconciler.emulator.cxone.http import BUSINESS_UNIT_ID, api_version, emulator_of, ok, query_bool
from reconciler.emulator.cxone.records import parse_date
from reconciler.emulator.metric_days import stored_days
from reconciler.emulator.metrics import noon_utc
from reconciler.emulator.state import JsonObject

MAX_RANGE_DAYS = 31
"""The longest range one summary covers here; the monitor asks for one day at a time."""


def _moment(request: Request, name: str) -> datetime:
    raw = request.query_params.get(name)
    moment = parse_date(raw) if raw else None
    if moment is None:
        raise invalid(f"{name} is required as an ISO 8601 date-time")
    return moment


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def summary(emulator: Emulator, key: str, skill: JsonObject, start: datetime, end: datetime) -> JsonObject:
    totals: dict[str, float] = {}
    for day, counts in stored_days(emulator, "cxone", key).items():
        if start <= noon_utc(day) < end:
            for field, value in counts.items():
                totals[field] = totals.get(field, 0) + value
    handled = int(totals.get("handled", 0))
    average = totals.get("handle_seconds", 0.0) / handled if handled else 0.0
    return {
        "businessUnitId": BUSINESS_UNIT_ID,
        "skillId": int(key),
        "skillName": skill.get("skillName"),
        "isOutbound": bool(skill.get("isOutbound")),
        "mediaTypeId": skill.get("mediaTypeId"),
        "dials": int(totals.get("attempted", 0)),
        "connects": int(totals.get("connected", 0)),
        "abandonCount": int(totals.get("abandoned", 0)),
        "contactsHandled": handled,
        "averageHandleTime": _clock(average),
    }


async def skills_summary(request: Request) -> Response:
    api_version(request)
    emulator = emulator_of(request)
    start, end = _moment(request, "startDate"), _moment(request, "endDate")
    if end <= start:
        raise invalid("endDate must be after startDate")
    if (end - start).days > MAX_RANGE_DAYS:
        raise invalid(f"the range is at most {MAX_RANGE_DAYS} days")
    outbound = query_bool(request, "isOutbound")
    skills: list[tuple[str, Any]] = sorted(store.view(emulator, "skills").items(), key=lambda kv: int(kv[0]))
    summaries = [
        summary(emulator, key, skill, start, end)
        for key, skill in skills
        if outbound is None or bool(skill.get("isOutbound")) == outbound
    ]
    return ok({"skillSummaries": summaries})
