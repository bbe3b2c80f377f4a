"""Measured daily counts of Genesys campaigns from the conversation aggregates query, and the org's denominator.

One query per batch of campaigns (one `outboundCampaignId` predicate each, at most
AnalyticsLimits.max_predicates) and per run of days (at most max_interval_days), grouped by
`outboundCampaignId` with granularity P1D in the monitor's time zone. Metric names are the
ConversationAggregationSort `name` allowed values of purecloudplatformclientv2 269.0.0; a count is a
metric's `stats.count`, handle time `tHandle`'s `stats.sum` (milliseconds) over its `stats.count`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from reconciler.exceptions import MalformedResponse
from reconciler.monitor.counts import DayCounts, Denominator
from reconciler.monitor.days import days_between, iso_interval, runs_within
from reconciler.providers.bodies import object_of
from reconciler.providers.genesys.analytics_limits import (
    AGGREGATES_PATH,
    DEFAULT_ANALYTICS_LIMITS,
    AnalyticsLimits,
)
from reconciler.providers.http import ApiClient

SETTINGS_PATH = "/api/v2/outbound/settings"
CAMPAIGN_DIMENSION = "outboundCampaignId"
ATTEMPTED, CONNECTED, ABANDONED, HANDLE = (
    "nOutboundAttempted",
    "nOutboundConnected",
    "nOutboundAbandoned",
    "tHandle",
)
METRICS = (ATTEMPTED, CONNECTED, ABANDONED, HANDLE)
SOURCE = f"POST {AGGREGATES_PATH} ({', '.join(METRICS)}; group {CAMPAIGN_DIMENSION}, granularity P1D)"
QUERY_CONCURRENCY = 4


@dataclass(frozen=True)
class AggregateQuery:
    """One request: its body and the campaign ids and days it covers."""

    body: dict[str, Any]
    campaign_ids: tuple[str, ...]
    first: date
    last: date


def aggregate_queries(
    campaign_ids: Sequence[str], first: date, last: date, zone: ZoneInfo, limits: AnalyticsLimits
) -> list[AggregateQuery]:
    """The requests that cover every campaign on every day from `first` to `last`, each within `limits`."""
    batches = [
        tuple(campaign_ids[start : start + limits.max_predicates])
        for start in range(0, len(campaign_ids), limits.max_predicates)
    ]
    return [
        AggregateQuery(_body(batch, run_first, run_last, zone), batch, run_first, run_last)
        for batch in batches
        for run_first, run_last in runs_within(first, last, zone, limits.max_interval_days)
    ]


def _body(campaign_ids: Sequence[str], first: date, last: date, zone: ZoneInfo) -> dict[str, Any]:
    predicates = [
        {"type": "dimension", "dimension": CAMPAIGN_DIMENSION, "operator": "matches", "value": campaign_id}
        for campaign_id in campaign_ids
    ]
    return {
        "interval": iso_interval(first, last, zone),
        "granularity": "P1D",
        "timeZone": zone.key,
        "groupBy": [CAMPAIGN_DIMENSION],
        "filter": {"type": "or", "predicates": predicates},
        "metrics": list(METRICS),
    }


def _stats_of(metrics: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(metrics, list):
        return {}
    return {
        str(item.get("metric")): item.get("stats") or {}
        for item in metrics
        if isinstance(item, dict) and isinstance(item.get("stats") or {}, dict)
    }


def _count(stats: Mapping[str, dict[str, Any]], metric: str) -> int:
    value = stats.get(metric, {}).get("count", 0)
    return int(value) if isinstance(value, int | float) else 0


def day_of(interval: str, zone: ZoneInfo) -> date:
    """The local day a P1D bucket's interval (`start/end`, ISO 8601) starts on."""
    start = datetime.fromisoformat(interval.split("/", 1)[0].replace("Z", "+00:00"))
    return start.astimezone(zone).date()


def _buckets(result: Any) -> tuple[str | None, list[Any]]:
    """(campaign id, data buckets) of one result group; (None, []) for anything else."""
    if not isinstance(result, dict) or not isinstance(result.get("group"), dict):
        return None, []
    campaign_id = result["group"].get(CAMPAIGN_DIMENSION)
    data = result.get("data")
    return (str(campaign_id), data) if campaign_id and isinstance(data, list) else (None, [])


def parse_answer(answer: dict[str, Any], zone: ZoneInfo) -> dict[tuple[str, date], dict[str, dict[str, Any]]]:
    """(campaign id, day) -> metric -> stats, from a ConversationAggregateQueryResponse."""
    results = answer.get("results") or []
    if not isinstance(results, list):
        raise MalformedResponse(f"POST {AGGREGATES_PATH} answered `results` that is not an array")
    found: dict[tuple[str, date], dict[str, dict[str, Any]]] = {}
    for result in results:
        campaign_id, buckets = _buckets(result)
        for bucket in buckets:
            interval = bucket.get("interval") if isinstance(bucket, dict) else None
            try:
                day = day_of(str(interval), zone)
            except ValueError:
                raise MalformedResponse(
                    f"POST {AGGREGATES_PATH} answered an interval that is not ISO 8601: {interval!r}"
                ) from None
            found[(str(campaign_id), day)] = _stats_of(bucket.get("metrics"))
    return found


def _day_counts(name: str, day: date, stats: Mapping[str, dict[str, Any]]) -> DayCounts:
    handle = stats.get(HANDLE, {})
    handled = _count(stats, HANDLE)
    total_ms = handle.get("sum")
    return DayCounts(
        platform="genesys",
        name=name,
        day=day,
        attempted=_count(stats, ATTEMPTED),
        connected=_count(stats, CONNECTED),
        abandoned=_count(stats, ABANDONED),
        handled=handled if HANDLE in stats else None,
        handle_seconds=float(total_ms) / 1000 if isinstance(total_ms, int | float) else None,
        source=SOURCE,
    )


async def read_campaign_days(
    client: ApiClient,
    campaigns: Mapping[str, str],
    first: date,
    last: date,
    zone: ZoneInfo,
    *,
    limits: AnalyticsLimits = DEFAULT_ANALYTICS_LIMITS,
) -> tuple[list[DayCounts], int]:
    """Every campaign's counts for every day (a day without data is all zeros), and the requests sent.

    `campaigns` maps manifest name -> campaign id."""
    queries = aggregate_queries(list(campaigns.values()), first, last, zone, limits)
    gate = asyncio.Semaphore(QUERY_CONCURRENCY)

    async def send(query: AggregateQuery) -> dict[tuple[str, date], dict[str, dict[str, Any]]]:
        async with gate:
            response = await client.request("POST", AGGREGATES_PATH, json=query.body)
        return parse_answer(object_of(response), zone)

    found: dict[tuple[str, date], dict[str, dict[str, Any]]] = {}
    for part in await asyncio.gather(*(send(query) for query in queries)):
        found.update(part)
    days = [
        _day_counts(name, day, found.get((campaign_id, day), {}))
        for name, campaign_id in sorted(campaigns.items())
        for day in days_between(first, last)
    ]
    return days, len(queries)


async def read_denominator(client: ApiClient) -> Denominator:
    """OutboundSettings.complianceAbandonRateDenominator: which calls the org's own abandon rate counts."""
    settings = object_of(await client.request("GET", SETTINGS_PATH))
    value = settings.get("complianceAbandonRateDenominator")
    try:
        return Denominator(str(value))
    except ValueError:
        return Denominator.UNKNOWN
