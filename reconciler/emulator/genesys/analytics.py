"""POST /api/v2/analytics/conversations/aggregates/query over the emulated org's per-day counts.

The body is checked against ConversationAggregationQuery of the API data (purecloudplatformclientv2
269.0.0): its shape, then each metric against the ConversationAggregationSort `name` allowed values and
each groupBy dimension against the ConversationAggregateQueryPredicate `dimension` allowed values (the
query's own list fields carry no allowed values in that SDK). The bounds are AnalyticsLimits, the ones
the monitor's reader keeps to. What the emulator answers: outbound voice metrics (nOutboundAttempted,
nOutboundConnected, nOutboundAbandoned, tHandle) grouped by nothing or by outboundCampaignId, filtered
by outboundCampaignId predicates, with no granularity or P1D. Anything else valid is refused with a 400
that says it is not emulated, never answered with made-up figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reconciler.emulator.core import Emulator
from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.api_data import body_model, definitions
from reconciler.emulator.genesys.schema import json_object, validate_body
from reconciler.emulator.metric_days import stored_days
from reconciler.emulator.metrics import noon_utc, objects_with_days
from reconciler.emulator.state import JsonObject
from reconciler.providers.genesys.analytics_limits import AGGREGATES_PATH, DEFAULT_ANALYTICS_LIMITS

CAMPAIGN = "outboundCampaignId"
COUNTED = {
    "nOutboundAttempted": "attempted",
    "nOutboundConnected": "connected",
    "nOutboundAbandoned": "abandoned",
}
HANDLE = "tHandle"


def _bad(message: str, field: str, code: str = "bad.request") -> GenesysError:
    return GenesysError(400, code, message, details=[{"errorCode": code, "fieldName": field}])


def _not_emulated(what: str, field: str) -> GenesysError:
    return _bad(f"{what} is valid for the platform but not emulated (docs/emulator.md)", field)


@cache
def _allowed(model: str, prop: str) -> frozenset[str]:
    return frozenset(definitions()[model]["properties"][prop]["enum"])


@dataclass(frozen=True)
class Query:
    start: datetime
    end: datetime
    daily: bool
    grouped: bool
    campaign_ids: tuple[str, ...] | None
    metrics: tuple[str, ...]


def _names(body: JsonObject, field: str, model: str, prop: str) -> list[str]:
    values = [str(value) for value in body.get(field) or []]
    for position, value in enumerate(values):
        if value not in _allowed(model, prop):
            raise _bad(
                f"Value [{value}] is not valid for field [{field}]", f"{field}[{position}]", "invalid.value"
            )
    return values


def _interval(body: JsonObject) -> tuple[datetime, datetime]:
    text = str(body["interval"])
    try:
        start, end = (datetime.fromisoformat(part.replace("Z", "+00:00")) for part in text.split("/"))
    except ValueError:
        raise _bad(f"interval {text!r} is not start/end in ISO 8601", "interval") from None
    if start.tzinfo is None or end.tzinfo is None or end <= start:
        raise _bad(f"interval {text!r} needs offsets and an end after its start", "interval")
    limit = DEFAULT_ANALYTICS_LIMITS.max_interval_days
    if end - start > timedelta(days=limit):
        raise _bad(f"interval {text!r} is longer than {limit} days", "interval")
    zone_name = str(body.get("timeZone") or "UTC")
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _bad(f"timeZone {zone_name!r} is not an IANA time zone", "timeZone") from None
    return start.astimezone(zone), end.astimezone(zone)


def _predicates(node: Any) -> list[JsonObject]:
    if not isinstance(node, dict):
        return []
    found = [item for item in node.get("predicates") or [] if isinstance(item, dict)]
    for clause in node.get("clauses") or []:
        found += _predicates(clause)
    return found


def _campaign_filter(body: JsonObject) -> tuple[str, ...] | None:
    if "filter" not in body:
        return None
    predicates = _predicates(body["filter"])
    limit = DEFAULT_ANALYTICS_LIMITS.max_predicates
    if len(predicates) > limit:
        raise _bad(f"the filter has {len(predicates)} predicates; at most {limit} are allowed", "filter")
    if body["filter"].get("type") == "and" and len(predicates) > 1:
        raise _not_emulated("an `and` of several campaign predicates", "filter.type")
    ids: list[str] = []
    for predicate in predicates:
        if predicate.get("dimension") != CAMPAIGN or predicate.get("operator", "matches") != "matches":
            raise _not_emulated(f"a predicate on {predicate.get('dimension')!r}", "filter.predicates")
        ids.append(str(predicate.get("value")))
    return tuple(ids)


def parse_query(body: JsonObject) -> Query:
    """The checked query; the platform's 400 for a body it refuses, a 400 naming what is not emulated."""
    validate_body(body_model("POST", AGGREGATES_PATH), body)
    metrics = _names(body, "metrics", "ConversationAggregationSort", "name")
    group_by = _names(body, "groupBy", "ConversationAggregateQueryPredicate", "dimension")
    if len(metrics) > DEFAULT_ANALYTICS_LIMITS.max_metrics:
        raise _bad(f"at most {DEFAULT_ANALYTICS_LIMITS.max_metrics} metrics per query", "metrics")
    unserved = [name for name in metrics if name not in COUNTED and name != HANDLE]
    if unserved:
        raise _not_emulated(f"metric {unserved[0]}", "metrics")
    if group_by not in ([], [CAMPAIGN]):
        raise _not_emulated(f"groupBy {group_by}", "groupBy")
    if body.get("granularity") not in (None, "P1D"):
        raise _not_emulated(f"granularity {body['granularity']}", "granularity")
    start, end = _interval(body)
    return Query(
        start, end, body.get("granularity") == "P1D", bool(group_by), _campaign_filter(body), tuple(metrics)
    )


def _buckets(query: Query) -> list[tuple[datetime, datetime]]:
    if not query.daily:
        return [(query.start, query.end)]
    buckets, start = [], query.start
    while start < query.end:
        end = min(query.end, start + timedelta(days=1))  # wall-clock: a DST day is 23 or 25 hours
        buckets.append((start, end))
        start = end
    return buckets


def _stats(metric: str, totals: dict[str, float]) -> JsonObject | None:
    if metric == HANDLE:
        handled = int(totals.get("handled", 0))
        return {"count": handled, "sum": round(totals.get("handle_seconds", 0.0) * 1000)} if handled else None
    count = int(totals.get(COUNTED[metric], 0))
    return {"count": count} if count else None


def _data(emulator: Emulator, query: Query, campaign_ids: list[str]) -> list[JsonObject]:
    data: list[JsonObject] = []
    days = [
        day for campaign_id in campaign_ids for day in stored_days(emulator, "genesys", campaign_id).items()
    ]
    for start, end in _buckets(query):
        totals: dict[str, float] = {}
        for day, counts in days:
            if start <= noon_utc(day) < end:
                for key, value in counts.items():
                    totals[key] = totals.get(key, 0) + value
        metrics = [
            {"metric": metric, "stats": stats}
            for metric in query.metrics
            if (stats := _stats(metric, totals)) is not None
        ]
        if metrics:
            data.append({"interval": f"{start.isoformat()}/{end.isoformat()}", "metrics": metrics})
    return data


def answer(emulator: Emulator, query: Query) -> JsonObject:
    """A ConversationAggregateQueryResponse; groups without data are left out, as the platform does."""
    wanted = (
        list(query.campaign_ids) if query.campaign_ids is not None else objects_with_days(emulator, "genesys")
    )
    groups = [[campaign_id] for campaign_id in dict.fromkeys(wanted)] if query.grouped else [wanted]
    results = []
    for group in groups:
        data = _data(emulator, query, group)
        if data:
            results.append({"group": {CAMPAIGN: group[0]} if query.grouped else {}, "data": data})
    return {"results": results}


async def aggregates_query(request: Request) -> Response:
    emulator: Emulator = request.app.state.emulator
    return JSONResponse(answer(emulator, parse_query(await json_object(request))))


def routes() -> list[Route]:
    return [Route(AGGREGATES_PATH, aggregates_query, methods=["POST"])]
