"""One entry point for the monitor's platform reads: measured daily counts of the managed campaigns or skills."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from reconciler.monitor.counts import Denominator, MeasuredCounts
from reconciler.platform import Platform
from reconciler.providers.cxone.reporting import DEFAULT_SUMMARY_FIELDS, SummaryFields, read_skill_days
from reconciler.providers.genesys.analytics import read_campaign_days, read_denominator
from reconciler.providers.genesys.analytics_limits import DEFAULT_ANALYTICS_LIMITS, AnalyticsLimits
from reconciler.providers.http import ApiClient


class ReadRangeError(ValueError):
    """A read asked for no days (last before first)."""


@dataclass(frozen=True)
class ReadSettings:
    """How the reads ask: Genesys's analytics limits, the CXone summary's field names."""

    genesys_limits: AnalyticsLimits = DEFAULT_ANALYTICS_LIMITS
    cxone_fields: SummaryFields = DEFAULT_SUMMARY_FIELDS


Days = tuple[date, date, ZoneInfo]
"""The first and last day read, and the zone that cuts them."""


async def _genesys(
    client: ApiClient, objects: Mapping[str, str], days: Days, settings: ReadSettings
) -> MeasuredCounts:
    """Campaign days from the conversation aggregates, and which denominator the org's own rate uses."""
    found, requests = await read_campaign_days(client, objects, *days, limits=settings.genesys_limits)
    denominator = await read_denominator(client)
    return MeasuredCounts(days=tuple(found), denominator=denominator, requests=requests + 1)


async def _cxone(
    client: ApiClient, objects: Mapping[str, str], days: Days, settings: ReadSettings
) -> MeasuredCounts:
    """Skill days from the skill summaries; CXone has no denominator setting (UNKNOWN)."""
    found, requests = await read_skill_days(client, objects, *days, fields=settings.cxone_fields)
    return MeasuredCounts(days=tuple(found), denominator=Denominator.UNKNOWN, requests=requests)


READERS: dict[
    str, Callable[[ApiClient, Mapping[str, str], Days, ReadSettings], Awaitable[MeasuredCounts]]
] = {
    Platform.GENESYS: _genesys,
    Platform.CXONE: _cxone,
}
"""The measured-counts read of each platform."""


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
    reader = READERS.get(platform)
    if reader is None:
        raise ValueError(f"unknown platform {platform!r}: {' or '.join(READERS)}")
    return await reader(client, objects, (first, last, zone), ReadSettings(genesys_limits, cxone_fields))
