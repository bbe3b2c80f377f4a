"""One entry point for the monitor's platform reads: measured daily counts of the managed campaigns or skills."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from zoneinfo import ZoneInfo

from reconciler.monitor.counts import Denominator, MeasuredCounts
from reconciler.providers.cxone.reporting import DEFAULT_SUMMARY_FIELDS, SummaryFields, read_skill_days
from reconciler.providers.genesys.analytics import read_campaign_days, read_denominator
from reconciler.providers.genesys.analytics_limits import DEFAULT_ANALYTICS_LIMITS, AnalyticsLimits
from reconciler.providers.http import ApiClient


class ReadRangeError(ValueError):
    """A read asked for no days (last before first)."""


async def read_measured(
    client: ApiClient,
    platform: str,
    objects: Mapping[str, str],
    first: date,
    last: date,
    zone: ZoneInfo,
    *,
    genesys_limits: AnalyticsLimits = DEFAULT_ANALYTICS_LIMITS,
    cxone_fields: SummaryFields = DEFAULT_SUMMARY_FIELDS,
) -> MeasuredCounts:
    """Counts of every object (name -> platform id: Genesys campaign ids, CXone skill ids) for each day
    from `first` to `last` in `zone`. Genesys also reads which denominator the org's own rate uses;
    CXone has no such setting (UNKNOWN)."""
    if last < first:
        raise ReadRangeError(f"the last day ({last}) is before the first ({first})")
    if platform == "genesys":
        days, requests = await read_campaign_days(client, objects, first, last, zone, limits=genesys_limits)
        denominator = await read_denominator(client)
        return MeasuredCounts(days=tuple(days), denominator=denominator, requests=requests + 1)
    if platform == "cxone":
        days, requests = await read_skill_days(client, objects, first, last, zone, fields=cxone_fields)
        return MeasuredCounts(days=tuple(days), denominator=Denominator.UNKNOWN, requests=requests)
    raise ValueError(f"unknown platform {platform!r}: genesys or cxone")
