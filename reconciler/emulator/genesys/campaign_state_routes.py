"""Live campaign state over HTTP: GET /campaigns/{id}/stats (CampaignStats), GET /campaigns/{id}/progress
(CampaignProgress), POST /campaigns/progress (a list of campaign ids; the progress of those that exist)
and DELETE /campaigns/{id}/progress (reset and recycle: 202, at most once every 5 seconds, else 429
`too.many.recycles` as the 2018 Platform API definition documents). Operations and models of
purecloudplatformclientv2 269.0.0; the figures come from dialing.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys import crud
from reconciler.emulator.genesys.dialing import progress, recycle, run_of, stats
from reconciler.emulator.genesys.kinds import BY_KEY
from reconciler.emulator.genesys.schema import json_body
from reconciler.emulator.genesys.store import visible
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

CAMPAIGNS = BY_KEY["campaigns"]
RECYCLE_SECONDS = 5.0


def _emulator(request: Request) -> Emulator:
    emulator: Emulator = request.app.state.emulator
    return emulator


def _campaign(emulator: Emulator, campaign_id: str) -> JsonObject:
    found = visible(emulator, CAMPAIGNS.key).get(campaign_id)
    if found is None:
        raise crud.not_found(CAMPAIGNS.not_found, CAMPAIGNS.noun)
    return found


def progress_of(emulator: Emulator, campaign: JsonObject) -> JsonObject:
    list_id = (campaign.get("contactList") or {}).get("id", "")
    return progress(emulator, campaign, visible(emulator, "contactlists").get(list_id))


async def get_stats(request: Request) -> Response:
    emulator = _emulator(request)
    return JSONResponse(stats(emulator, _campaign(emulator, request.path_params["campaignId"])))


async def one_progress(request: Request) -> Response:
    emulator = _emulator(request)
    campaign = _campaign(emulator, request.path_params["campaignId"])
    if request.method == "GET":
        return JSONResponse(progress_of(emulator, campaign))
    recycled = run_of(emulator, campaign["id"]).get("recycledAt")
    if recycled is not None and emulator.now() - float(recycled) < RECYCLE_SECONDS:
        raise GenesysError(429, "too.many.recycles", "A campaign can only be recycled once every 5 seconds")
    recycle(emulator, campaign)
    return Response(status_code=202)


async def many_progress(request: Request) -> Response:
    emulator = _emulator(request)
    ids = await json_body(request)
    if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
        raise GenesysError(400, "bad.request", "The body must be a list of campaign ids.")
    campaigns = visible(emulator, CAMPAIGNS.key)
    found = [campaigns[item] for item in dict.fromkeys(ids) if item in campaigns]
    return JSONResponse([progress_of(emulator, campaign) for campaign in found])


def routes() -> list[Route]:
    return [
        Route(f"{CAMPAIGNS.path}/progress", many_progress, methods=["POST"]),
        Route(f"{CAMPAIGNS.path}/{{campaignId}}/stats", get_stats, methods=["GET"]),
        Route(f"{CAMPAIGNS.path}/{{campaignId}}/progress", one_progress, methods=["GET", "DELETE"]),
    ]
