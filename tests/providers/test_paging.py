from __future__ import annotations

import asyncio
from typing import Any

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from reconciler.providers.auth import CxonePasswordGrant, GenesysClientCredentials
from reconciler.providers.http import ApiClient
from reconciler.providers.paging import cxone_list, genesys_list
from reconciler.providers.rate_limit import RateLimiter
from tests.providers.conftest import EMULATOR_URL, ID, SECRET, in_process


def _hours(index: int) -> dict[str, Any]:
    slot = {"startTime": "09:00:00", "stopTime": "17:00:00", "day": 1}
    return {
        "name": f"hours-{index:03d}",
        "callableTimes": [{"timeZoneId": "America/Chicago", "timeSlots": [slot]}],
    }


def test_genesys_listing_reads_every_page_with_the_fewest_requests() -> None:
    emulator = Emulator()
    apply_seed(emulator, {"genesys": {"callabletimesets": [_hours(i) for i in range(250)]}})
    tokens = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET)

    async def run() -> tuple[list[dict[str, Any]], int]:
        async with in_process(emulator) as http:
            client = ApiClient(http=http, base_url=EMULATOR_URL, tokens=tokens, limiter=RateLimiter(300))
            items = await genesys_list(client, "/api/v2/outbound/callabletimesets")
            return items, client.requests_sent

    items, sent = asyncio.run(run())
    assert len(items) == 250 and len({item["id"] for item in items}) == 250
    assert sent == 3
    assert sum(count for (method, path), count in emulator.requests.items() if method == "GET") == 3


def test_cxone_listing_and_empty_204() -> None:
    emulator = Emulator()
    routes = [{"name": f"route-{i}"} for i in range(130)]
    apply_seed(emulator, {"cxone": {"outbound_routes": routes}})
    tokens = CxonePasswordGrant(
        auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET, access_key_id=ID, access_key_secret=SECRET
    )
    base = EMULATOR_URL + "/inContactAPI/services/v33.0"

    async def run() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        async with in_process(emulator) as http:
            client = ApiClient(http=http, base_url=base, tokens=tokens, limiter=RateLimiter(300))
            found = await cxone_list(
                client,
                "/business-unit/outbound-routes",
                items=lambda body: body.get("outboundRoutes", []),
                total=lambda body: int(body.get("totalRecords", 0)),
            )
            empty = await cxone_list(
                client,
                "/skills",
                items=lambda body: body.get("skills", []),
                total=lambda body: body["totalRecords"],
            )
            return found, empty

    found, empty = asyncio.run(run())
    assert len(found) == 130 and empty == []
