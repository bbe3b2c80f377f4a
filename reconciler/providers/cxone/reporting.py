"""Measured daily counts of CXone outbound skills from the Reporting API's skill summaries.

`GET /skills/summary?startDate=&endDate=&isOutbound=true` answers `{skillSummaries: [...]}` with one
summary per skill over the range (the Reporting API on developer.niceincontact.com, operation
getFullSkillSummaries; its field list as published in the generated client calljacob/nice-cxone-api,
src/services/reporting/ReportingReportingService.ts). The summary has no per-day buckets, so the
reader asks once per local day: N days cost N requests whatever the number of skills.

Which summary field is the dialer's attempts, its live connects and its abandons is not stated in the
public sources (docs/monitor-sources.md): the names are SummaryFields, with the defaults below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from reconciler.exceptions import MalformedResponse
from reconciler.monitor.counts import DayCounts
from reconciler.monitor.days import days_between, midnight
from reconciler.providers.bodies import object_of
from reconciler.providers.http import ApiClient

SUMMARY_PATH = "/skills/summary"
_CLOCK = re.compile(r"(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)")
_ISO_DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?")


@dataclass(frozen=True)
class SummaryFields:
    """The skill-summary fields each count is read from (assumed mapping; override when a tenant differs)."""

    items: str = "skillSummaries"
    skill_id: str = "skillId"
    attempted: str = "dials"
    connected: str = "connects"
    abandoned: str = "abandonCount"
    handled: str = "contactsHandled"
    average_handle: str = "averageHandleTime"

    def source(self) -> str:
        return (
            f"GET {SUMMARY_PATH} (isOutbound=true; {self.attempted}, {self.connected}, "
            f"{self.abandoned}, {self.handled}, {self.average_handle})"
        )


DEFAULT_SUMMARY_FIELDS = SummaryFields()


def duration_seconds(value: Any) -> float | None:
    """A summary duration in seconds: a number, `HH:MM:SS(.fff)`, or ISO 8601 `PT..H..M..S`; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value or "").strip()
    clock = _CLOCK.fullmatch(text)
    if clock:
        return int(clock.group(1)) * 3600 + int(clock.group(2)) * 60 + float(clock.group(3))
    iso = _ISO_DURATION.fullmatch(text)
    if iso and text not in ("P", "PT"):
        days, hours, minutes, seconds = (float(part or 0) for part in iso.groups())
        return days * 86400 + hours * 3600 + minutes * 60 + seconds
    return None


def day_params(day: date, zone: ZoneInfo) -> dict[str, str]:
    """startDate/endDate of one local day, in UTC (the Reporting API's dates are ISO 8601 instants)."""
    start = midnight(day, zone).astimezone(UTC)
    end = midnight(day + timedelta(days=1), zone).astimezone(UTC)
    return {
        "startDate": start.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "endDate": end.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "isOutbound": "true",
    }


def _int(summary: Mapping[str, Any], field: str) -> int:
    value = summary.get(field, 0)
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def summaries_by_skill(answer: dict[str, Any], fields: SummaryFields) -> dict[str, dict[str, Any]]:
    items = answer.get(fields.items) or []
    if not isinstance(items, list):
        raise MalformedResponse(f"GET {SUMMARY_PATH} answered `{fields.items}` that is not an array")
    return {str(item.get(fields.skill_id)): item for item in items if isinstance(item, dict)}


def day_counts(name: str, day: date, summary: Mapping[str, Any], fields: SummaryFields) -> DayCounts:
    handled = _int(summary, fields.handled) if fields.handled in summary else None
    average = duration_seconds(summary.get(fields.average_handle))
    return DayCounts(
        platform="cxone",
        name=name,
        day=day,
        attempted=_int(summary, fields.attempted),
        connected=_int(summary, fields.connected),
        abandoned=_int(summary, fields.abandoned),
        handled=handled,
        handle_seconds=average * handled if average is not None and handled is not None else None,
        source=fields.source(),
    )


async def read_skill_days(
    client: ApiClient,
    skills: Mapping[str, str],
    first: date,
    last: date,
    zone: ZoneInfo,
    *,
    fields: SummaryFields = DEFAULT_SUMMARY_FIELDS,
) -> tuple[list[DayCounts], int]:
    """Every skill's counts for every day (a skill missing from a day's summaries is all zeros), and the
    requests sent. `skills` maps manifest name -> skill id; no skills, no requests."""
    if not skills:
        return [], 0
    days = list(days_between(first, last))
    by_day: dict[date, dict[str, dict[str, Any]]] = {}
    for day in days:
        response = await client.request("GET", SUMMARY_PATH, params=day_params(day, zone))
        by_day[day] = summaries_by_skill(object_of(response), fields)
    counts = [
        day_counts(name, day, by_day[day].get(str(skill_id), {}), fields)
        for name, skill_id in sorted(skills.items())
        for day in days
    ]
    return counts, len(days)
