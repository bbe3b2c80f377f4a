"""Which lookups a Genesys plan reads, and how: data actions and responses only when a manifest names one,
responses library by library, and a lookup that was read is known even when the org has none of it (so a
name it lacks is REF-MISSING, not skipped) (issue #21)."""

from __future__ import annotations

import asyncio

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from reconciler.providers.auth import GenesysClientCredentials
from reconciler.providers.genesys.fetch import GenesysSnapshot, read_org
from reconciler.providers.genesys.kinds import LOOKUPS, lookups_for
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from tests.providers.conftest import EMULATOR_URL, ID, SECRET, in_process

ON_DEMAND = {"DataAction", "ResponseLibrary", "ResponseTemplate"}


def _read(emulator: Emulator, lookups: list[str]) -> tuple[GenesysSnapshot, int]:
    tokens = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET)

    async def run() -> tuple[GenesysSnapshot, int]:
        async with in_process(emulator) as http:
            client = ApiClient(http=http, base_url=EMULATOR_URL, tokens=tokens, limiter=RateLimiter(1000))
            snapshot = await read_org(client, kinds=[], lookups=lookups)
            return snapshot, client.requests_sent

    return asyncio.run(run())


def test_data_actions_and_responses_are_read_only_when_a_manifest_names_one() -> None:
    assert set(lookups_for(set())) == set(LOOKUPS) - ON_DEMAND
    assert set(lookups_for({"DataAction", "Queue"})) == set(LOOKUPS) - ON_DEMAND | {"DataAction"}
    assert {"ResponseLibrary", "ResponseTemplate"} <= set(lookups_for({"ResponseTemplate"}))


def test_responses_are_read_library_by_library_each_once() -> None:
    emulator = Emulator()
    libraries = [{"id": "lib-renewals", "name": "Renewals"}, {"id": "lib-billing", "name": "Billing"}]
    shared = {
        "id": "resp-reminder",
        "name": "Renewal reminder",
        "libraries": [{"id": "lib-renewals"}, {"id": "lib-billing"}],
    }
    only = {"id": "resp-due", "name": "Payment due", "libraries": [{"id": "lib-billing"}]}
    apply_seed(emulator, {"lookups": {"libraries": libraries, "responses": [shared, only]}})
    snapshot, requests = _read(emulator, ["ResponseTemplate"])
    assert snapshot.index.ids["ResponseTemplate"] == {
        "Renewal reminder": "resp-reminder",
        "Payment due": "resp-due",
    }
    assert requests == 1 + len(libraries)  # the libraries, then one listing per library


def test_a_lookup_that_was_read_is_known_even_when_the_org_has_none() -> None:
    snapshot, _ = _read(Emulator(), ["DataAction"])
    assert snapshot.index.knows("DataAction") and snapshot.index.id_of("DataAction", "Anything") is None
