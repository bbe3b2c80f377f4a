"""Manifests written to the emulator read back unchanged: the basis of "export then plan shows nothing"."""

from __future__ import annotations

import asyncio
from typing import Any

from reconciler.emulator.core import Emulator
from reconciler.emulator.manifest_seed import genesys_seed, with_lookup_ids
from reconciler.emulator.seed import apply_seed
from reconciler.emulator.server import default_seed
from reconciler.providers.auth import GenesysClientCredentials
from reconciler.providers.genesys.fetch import read_org
from reconciler.providers.genesys.kinds import KINDS, LOOKUPS, SCOPES
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.state.desired import desired_objects, dnc_lists_with_entries, match_manifests
from reconciler.state.objects import LiveObject
from reconciler.validation import validate_paths
from tests.conftest import ROOT
from tests.genesys_org import read_genesys
from tests.providers.conftest import EMULATOR_URL, ID, SECRET, in_process


def _differences(want: Any, have: Any, path: str = "") -> list[str]:
    """Paths where a declared value differs from the live one (lists compared item by item)."""
    if isinstance(want, dict):
        have = have if isinstance(have, dict) else {}
        return [p for key, value in want.items() for p in _differences(value, have.get(key), f"{path}.{key}")]
    if isinstance(want, list) and isinstance(have, list) and len(want) == len(have):
        return [
            p
            for i, (a, b) in enumerate(zip(want, have, strict=True))
            for p in _differences(a, b, f"{path}[{i}]")
        ]
    return [] if want == have else [f"{path}: {want!r} != {have!r}"]


def live_by_name(live: list[LiveObject], name: str) -> LiveObject:
    return next(obj for obj in live if obj.name == name)


def _fetch(emulator: Emulator, dnc_lists: list[str] | None = None) -> tuple[list[LiveObject], int]:
    return read_genesys(emulator, dnc_entries_for=dnc_lists or [], per_minute=300)


def test_demo_org_reads_back_equal_with_one_request_per_kind() -> None:
    result = validate_paths([ROOT / "campaigns"])
    emulator = Emulator()
    apply_seed(
        emulator, genesys_seed(result.manifests.values(), lookups=with_lookup_ids(default_seed()["lookups"]))
    )
    dnc_lists = dnc_lists_with_entries(result.manifests)
    live, requests = _fetch(emulator, dnc_lists)
    # one list call per kind and lookup (no per-object GETs), plus the export of each declared DNC list;
    # a scoped lookup (responses) is one call per object of its scope (library) instead
    assert dnc_lists == ["internal-dnc"]
    libraries = len(default_seed()["lookups"]["libraries"])
    assert requests == len(KINDS) + len(LOOKUPS) - len(SCOPES) + libraries + 3
    assert live_by_name(live, "internal-dnc").essence["entries"] == [f"+1212555011{i}" for i in range(1, 5)]
    desired = desired_objects(result.manifests, result.graph, platform="genesys")
    matched = match_manifests(result.manifests, live, platform="genesys")
    assert set(desired) <= set(matched)
    problems = {
        address: _differences(item.essence, matched[address].essence)
        for address, item in desired.items()
        if _differences(item.essence, matched[address].essence)
    }
    assert problems == {}
    campaign = matched["genesys/Campaign/q3-renewals"]
    assert campaign.version == 1 and campaign.platform_id and campaign.fingerprint.startswith("sha256:")


def test_server_side_edits_show_only_in_declared_fields() -> None:
    result = validate_paths([ROOT / "campaigns"])
    emulator = Emulator()
    apply_seed(
        emulator, genesys_seed(result.manifests.values(), lookups=with_lookup_ids(default_seed()["lookups"]))
    )
    from reconciler.emulator.genesys.admin_writes import external_edit

    external_edit(
        emulator, "campaigns", None, "q3-renewals", {"callAnalysisLanguage": "fr-CA", "abandonRate": 4.5}
    )
    live, _ = _fetch(emulator, dnc_lists_with_entries(result.manifests))
    desired = desired_objects(result.manifests, result.graph, platform="genesys")
    matched = match_manifests(result.manifests, live, platform="genesys")
    campaign = desired["genesys/Campaign/q3-renewals"]
    assert _differences(campaign.essence, matched[campaign.address].essence) == [".abandon_rate: 2.5 != 4.5"]
    assert matched[campaign.address].essence["call_analysis_language"] == "fr-CA"
    assert matched[campaign.address].version == 2


def test_references_are_checked_against_the_live_org(tmp_path: Any) -> None:
    from reconciler.state.references import live_reference_findings

    (tmp_path / "c.yaml").write_text(
        (ROOT / "campaigns" / "genesys" / "campaigns.yaml")
        .read_text()
        .replace("queue: Collections", "queue: Nowhere Queue")
    )
    result = validate_paths([tmp_path])
    assert all(f.severity == "warning" for f in result.findings)  # offline: only warnings
    emulator = Emulator()
    apply_seed(emulator, genesys_seed([], lookups=with_lookup_ids(default_seed()["lookups"])))
    apply_seed(emulator, {"genesys": {"callabletimesets": []}})
    tokens = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET)

    async def index() -> Any:
        async with in_process(emulator) as http:
            client = ApiClient(http=http, base_url=EMULATOR_URL, tokens=tokens, limiter=RateLimiter(300))
            return (await read_org(client)).index

    findings = live_reference_findings(
        result.manifests, result.graph, asyncio.run(index()), platform="genesys"
    )
    messages = sorted(f.message for f in findings)
    assert "spec.queue names Queue 'Nowhere Queue': the live org has none" in messages
    assert any("ContactList 'renewals-list': no manifest declares it" in m for m in messages)
    assert all(f.severity == "error" and f.source is not None for f in findings)
