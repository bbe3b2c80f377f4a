"""Export writes manifests that validate and that a following plan finds identical, for every kind."""

from __future__ import annotations

import asyncio
from pathlib import Path

from reconciler.config import Prune
from reconciler.emulator.core import Emulator
from reconciler.emulator.manifest_seed import LOOKUP_COLLECTIONS, genesys_seed, with_lookup_ids
from reconciler.emulator.seed import apply_seed
from reconciler.export import write_export
from reconciler.manifest.kinds import kinds_of
from reconciler.plan.planner import build_plan
from reconciler.providers.auth import GenesysClientCredentials
from reconciler.providers.genesys.fetch import live_objects, read_org
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.state.desired import desired_objects, match_live
from reconciler.state.objects import LiveObject
from reconciler.validation import validate_paths
from tests.conftest import FIXTURES
from tests.providers.conftest import EMULATOR_URL, ID, SECRET, in_process

VALID = FIXTURES / "manifests" / "valid" / "genesys"


def _org_from_fixtures() -> Emulator:
    result = validate_paths([VALID])
    lookups: dict[str, list[dict[str, str]]] = {}
    for uses in result.graph.external_refs.values():
        for use in uses:
            if use.target.kind in LOOKUP_COLLECTIONS:
                entries = lookups.setdefault(LOOKUP_COLLECTIONS[use.target.kind], [])
                if use.name not in {entry["name"] for entry in entries}:
                    entries.append({"name": use.name})
    emulator = Emulator()
    apply_seed(emulator, genesys_seed(result.manifests.values(), lookups=with_lookup_ids(lookups)))
    return emulator


def _read(emulator: Emulator) -> list[LiveObject]:
    tokens = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET)

    async def run() -> list[LiveObject]:
        async with in_process(emulator) as http:
            client = ApiClient(http=http, base_url=EMULATOR_URL, tokens=tokens, limiter=RateLimiter(1000))
            return live_objects(await read_org(client))

    return asyncio.run(run())


def test_export_then_plan_is_empty_for_every_kind(tmp_path: Path) -> None:
    live = _read(_org_from_fixtures())
    _written, skipped = write_export(live, tmp_path)
    assert skipped == []
    assert {obj.kind for obj in live} == set(kinds_of("genesys"))
    exported = validate_paths([tmp_path])
    assert [f for f in exported.findings if f.severity == "error"] == []
    desired = desired_objects(exported.manifests, exported.graph, platform="genesys")
    matched = match_live(exported.manifests, live, platform="genesys")
    plan = build_plan(
        desired=desired,
        live=matched,
        levels=exported.graph.levels(),
        immutable_fields={},
        set_like_fields={},
        prune=Prune(),
        target_platform="genesys",
    )
    changed = [(c.address, c.actions, c.changes) for c in plan.changes if c.is_change]
    assert changed == []
    assert len(plan.changes) == len(live)


def test_export_is_stable_and_one_file_per_kind(tmp_path: Path) -> None:
    live = _read(_org_from_fixtures())
    first, _ = write_export(live, tmp_path / "a")
    second, _ = write_export(live, tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_text() == b.read_text() for a, b in zip(first, second, strict=True))
    campaigns = (tmp_path / "a" / "genesys" / "campaign.yaml").read_text()
    assert "id:" not in campaigns and "version:" not in campaigns and "selfUri" not in campaigns
    only, _ = write_export(live, tmp_path / "c", kinds={"Campaign"})
    assert [p.name for p in only] == ["campaign.yaml"]
