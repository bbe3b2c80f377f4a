"""PATCH /api/v2/outbound/campaigns/{campaignId}: the pacing edit of a campaign, running or not.

The body is a CampaignPatchRequest (purecloudplatformclientv2 269.0.0, `patch_outbound_campaign`):
`outboundLineCount`, `abandonRate`, `maxCallsPerAgent` (a number), `dynamicLineBalancingSettings` and
`queue`. It carries no version, so it cannot be stale; the answer is 204 with no body ("The campaign was
updated"). The change goes through the same checks as a PUT of the whole campaign (body model,
references, the campaign rules of campaigns.py) and is a write: version + 1, new dateModified.

Emulator choices where the platform is silent: other properties are ignored (as unknown ones are on every
write), a null leaves the field as it was, `dynamicLineBalancingSettings` changes only the keys it names,
and `maxCallsPerAgent` sets `maxCallsPerAgentDecimal` to the value and `maxCallsPerAgent` to it rounded
down (the Campaign model's integer field).
"""

from __future__ import annotations

import copy
import math
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from reconciler.emulator.genesys import crud
from reconciler.emulator.genesys.kinds import BY_KEY
from reconciler.emulator.genesys.schema import json_object, validate_body, writable_fields
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

CAMPAIGNS = BY_KEY["campaigns"]
BODY = "CampaignPatchRequest"


def patched(current: JsonObject, changes: JsonObject) -> JsonObject:
    """The whole campaign as a PUT would send it: its writable fields with `changes` applied."""
    body = {key: copy.deepcopy(value) for key, value in current.items() if key in writable_fields("Campaign")}
    body["version"] = current.get("version")
    for key, value in changes.items():
        if value is None:
            continue
        if key == "maxCallsPerAgent":
            body["maxCallsPerAgentDecimal"] = value
            body["maxCallsPerAgent"] = math.floor(value)
        elif key == "dynamicLineBalancingSettings":
            body[key] = {**(current.get(key) or {}), **value}
        else:
            body[key] = copy.deepcopy(value)
    return body


def patch(emulator: Emulator, campaign_id: str, body: JsonObject) -> JsonObject:
    current = crud.find(emulator, CAMPAIGNS, campaign_id)
    validate_body(BODY, body)
    return crud.replace(emulator, CAMPAIGNS, campaign_id, patched(current, crud.writable(BODY, body)))


def routes() -> list[Route]:
    async def patch_campaign(request: Request) -> Response:
        emulator: Emulator = request.app.state.emulator
        patch(emulator, request.path_params["campaignId"], await json_object(request))
        return Response(status_code=204)

    return [Route(f"{CAMPAIGNS.path}/{{campaignId}}", patch_campaign, methods=["PATCH"])]
