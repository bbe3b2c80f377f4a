from __future__ import annotations

import asyncio
from typing import Any

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from reconciler.providers.auth import GenesysClientCredentials
from reconciler.providers.genesys.dnc_entries import parse_entries
from reconciler.providers.genesys.fetch import live_objects, read_org
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from tests.providers.conftest import EMULATOR_URL, ID, SECRET, in_process

LISTS = {
    "dnclists": [
        {"id": "d-internal", "name": "internal-dnc", "dncSourceType": "rds", "contactMethod": "Phone"},
        {"id": "d-other", "name": "other-dnc", "dncSourceType": "rds", "contactMethod": "Phone"},
    ]
}


def test_internal_list_numbers_are_read_through_the_export() -> None:
    emulator = Emulator()
    apply_seed(
        emulator,
        {
            "genesys": LISTS,
            "dnc_numbers": {"d-internal": ["+15555550112", "+15555550111"], "d-other": ["+1555"]},
        },
    )
    tokens = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET)

    async def run() -> tuple[dict[str, Any], int]:
        async with in_process(emulator) as http:
            client = ApiClient(http=http, base_url=EMULATOR_URL, tokens=tokens, limiter=RateLimiter(1000))
            snapshot = await read_org(client, kinds=["DncList"], lookups=[], dnc_entries_for=["internal-dnc"])
            return {obj.name: obj.essence for obj in live_objects(snapshot)}, client.requests_sent

    essences, requests = asyncio.run(run())
    assert essences["internal-dnc"]["entries"] == ["+15555550111", "+15555550112"]
    assert "entries" not in essences["other-dnc"]
    assert requests == 1 + 3  # the list, then POST export, GET export, GET download for the one list


def test_export_csv_parsing_skips_the_header() -> None:
    assert parse_entries(
        "PhoneNumber,DncListName,ExpirationDateTime\n+15555550102,x,\n+15555550101,x,\n"
    ) == [
        "+15555550101",
        "+15555550102",
    ]
