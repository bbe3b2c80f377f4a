"""Reading an emulated CXone org in process: discovery, then the real read path."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from reconciler.emulator.server import default_seed
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.providers.auth import ClientAuth, CxonePasswordGrant
from reconciler.providers.cxone.discovery import discover_api_base
from reconciler.providers.cxone.fetch import CxoneSnapshot, read_org
from reconciler.providers.cxone.manifest_seed import cxone_seed, with_lookup_ids
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.validation import validate_paths
from tests.conftest import ROOT
from tests.providers.conftest import EMULATOR_URL, ID, SECRET, in_process

CXONE_MANIFESTS = ROOT / "campaigns" / "cxone"


def grant(client_auth: ClientAuth = "basic") -> CxonePasswordGrant:
    return CxonePasswordGrant(
        auth_url=EMULATOR_URL,
        client_id=ID,
        client_secret=SECRET,
        access_key_id=ID,
        access_key_secret=SECRET,
        client_auth=client_auth,
    )


def read(
    emulator: Emulator, *, kinds: list[str] | None = None, lookups: list[str] | None = None
) -> tuple[CxoneSnapshot, int]:
    """The org's snapshot and the number of API requests the read took (discovery excluded)."""

    async def run() -> tuple[CxoneSnapshot, int]:
        async with in_process(emulator) as http:
            tokens = grant()
            base = await discover_api_base(http, issuer=EMULATOR_URL, tokens=tokens)
            client = ApiClient(http=http, base_url=base, tokens=tokens, limiter=RateLimiter(600))
            snapshot = await read_org(client, kinds=kinds, lookups=lookups)
            return snapshot, client.requests_sent

    return asyncio.run(run())


def seeded_from_manifests(path: Path = CXONE_MANIFESTS) -> tuple[Emulator, ManifestSet, Any]:
    """An emulator holding exactly what the manifests under `path` declare; (emulator, manifests, graph)."""
    result = validate_paths([path])
    emulator = Emulator()
    lookups = with_lookup_ids(default_seed()["cxone"])
    apply_seed(emulator, {"cxone": cxone_seed(result.manifests.values(), lookups=lookups)})
    return emulator, result.manifests, result.graph
