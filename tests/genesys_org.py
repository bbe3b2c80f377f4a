"""Test helpers: an emulated Genesys org built from manifests, and reading it back through the provider."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from reconciler.emulator.core import Emulator
from reconciler.emulator.manifest_seed import LOOKUP_COLLECTIONS, genesys_seed, with_lookup_ids
from reconciler.emulator.seed import apply_seed
from reconciler.manifest.resource import Resource
from reconciler.providers.auth import GenesysClientCredentials
from reconciler.providers.genesys.fetch import live_objects, read_org
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.state.objects import LiveObject
from reconciler.validation import ValidationResult
from tests.providers.conftest import EMULATOR_URL, ID, SECRET, in_process


def lookups_for(result: ValidationResult) -> dict[str, list[dict[str, Any]]]:
    """One lookup (queue, script, flow ...) per external name the manifests reference, with stable ids."""
    lookups: dict[str, list[dict[str, Any]]] = {}
    for uses in result.graph.external_refs.values():
        for use in uses:
            if use.target.kind in LOOKUP_COLLECTIONS:
                entries = lookups.setdefault(LOOKUP_COLLECTIONS[use.target.kind], [])
                if use.name not in {entry["name"] for entry in entries}:
                    entries.append({"name": use.name})
    for resource in result.manifests.values():  # an SMS sender is a number of the org, not a name
        sms = (
            getattr(resource.document.spec, "sms_config", None)
            if resource.kind == "MessagingCampaign"
            else None
        )
        if sms is not None:
            number = sms.sender_sms_phone_number.phone_number
            lookups.setdefault("phonenumbers", []).append({"name": f"SMS {number}", "phoneNumber": number})
    if lookups.get("responses"):  # responses are listed per library: each belongs to one
        library = with_lookup_ids({"libraries": [{"name": "Manifest responses"}]})["libraries"]
        lookups["libraries"] = library
        for entry in lookups["responses"]:
            entry["libraries"] = [{"id": library[0]["id"]}]
    return with_lookup_ids(lookups)


def org_of(resources: Iterable[Resource], result: ValidationResult) -> Emulator:
    """An emulator whose org is `resources` as written, with the lookups `result` references."""
    emulator = Emulator()
    apply_seed(emulator, genesys_seed(resources, lookups=lookups_for(result)))
    return emulator


def read_genesys(
    emulator: Emulator, *, dnc_entries_for: Iterable[str] = (), per_minute: int = 1000
) -> tuple[list[LiveObject], int]:
    """The org's live objects through the real provider (in process), and the API requests it took."""
    tokens = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET)

    async def run() -> tuple[list[LiveObject], int]:
        async with in_process(emulator) as http:
            client = ApiClient(
                http=http, base_url=EMULATOR_URL, tokens=tokens, limiter=RateLimiter(per_minute)
            )
            snapshot = await read_org(client, dnc_entries_for=list(dnc_entries_for))
            return live_objects(snapshot), client.requests_sent

    return asyncio.run(run())
