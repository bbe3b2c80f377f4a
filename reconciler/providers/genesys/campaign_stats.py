"""A running Genesys campaign's live figures: GET /api/v2/outbound/campaigns/{id}/stats (CampaignStats).

CampaignStats describes the campaign now (purecloudplatformclientv2 269.0.0, OutboundApi
get_outbound_campaign_stats; ConnectRate `attempts`, `connects`, `connectRatio`): a check on the live
state next to the daily counts, never a source of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reconciler.providers.bodies import object_of
from reconciler.providers.http import ApiClient

STATS_PATH = "/api/v2/outbound/campaigns/{campaign_id}/stats"


@dataclass(frozen=True)
class LiveStats:
    """What the platform shows for the campaign now; None where it gave nothing."""

    attempts: int | None
    connects: int | None
    connect_ratio: float | None
    idle_agents: int | None
    source: str


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _whole(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None


async def read_live_stats(client: ApiClient, campaign_id: str) -> LiveStats:
    path = STATS_PATH.format(campaign_id=campaign_id)
    stats = object_of(await client.request("GET", path))
    found = stats.get("contactRate")
    rate: dict[str, Any] = found if isinstance(found, dict) else {}
    return LiveStats(
        attempts=_whole(rate.get("attempts")),
        connects=_whole(rate.get("connects")),
        connect_ratio=_number(rate.get("connectRatio")),
        idle_agents=_whole(stats.get("idleAgents")),
        source=f"GET {STATS_PATH} (contactRate, idleAgents)",
    )
