"""Measured daily counts of one managed campaign or skill, as read from the platform's reporting API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Denominator(StrEnum):
    """Which calls the platform counts when it reports an abandon rate (Genesys `OutboundSettings`
    `complianceAbandonRateDenominator`, allowed values in purecloudplatformclientv2 269.0.0): every connected call, or only the calls that reached an agent queue."""

    ALL_CALLS = "ALL_CALLS"
    CALLS_THAT_REACHED_QUEUE = "CALLS_THAT_REACHED_QUEUE"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class DayCounts:
    """One campaign's (Genesys) or outbound skill's (CXone) counts for one calendar day in the monitor's zone.

    connected: the live-answered calls, the denominator of 47 CFR 64.1200(a)(7).
    handle_seconds / handled: total handle time and the calls it covers, when the platform gives them.
    source: the request and the metric names the figures come from, for the compliance record.
    """

    platform: str
    name: str
    day: date
    attempted: int
    connected: int
    abandoned: int
    handled: int | None
    handle_seconds: float | None
    source: str


@dataclass(frozen=True)
class MeasuredCounts:
    """Everything one read of a target gives: the days, and which denominator the org's own rate uses."""

    days: tuple[DayCounts, ...]
    denominator: Denominator
    requests: int
