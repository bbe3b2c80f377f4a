"""Export writes manifests that validate and that a following plan finds identical, for every kind."""

from __future__ import annotations

from pathlib import Path

from reconciler.config import Prune
from reconciler.emulator.core import Emulator
from reconciler.export import write_export
from reconciler.manifest.kinds import kinds_of
from reconciler.plan.planner import build_plan
from reconciler.state.desired import desired_objects, match_manifests
from reconciler.state.objects import LiveObject
from reconciler.validation import validate_paths
from tests.conftest import FIXTURES
from tests.genesys_org import org_of, read_genesys

VALID = FIXTURES / "manifests" / "valid" / "genesys"


def _org_from_fixtures() -> Emulator:
    result = validate_paths([VALID])
    return org_of(result.manifests.values(), result)


def _read(emulator: Emulator) -> list[LiveObject]:
    return read_genesys(emulator)[0]


def test_export_then_plan_is_empty_for_every_kind(tmp_path: Path) -> None:
    live = _read(_org_from_fixtures())
    _written, skipped = write_export(live, tmp_path)
    assert skipped == []
    assert {obj.kind for obj in live} == set(kinds_of("genesys"))
    exported = validate_paths([tmp_path])
    assert [f for f in exported.findings if f.severity == "error"] == []
    desired = desired_objects(exported.manifests, exported.graph, platform="genesys")
    matched = match_manifests(exported.manifests, live, platform="genesys")
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
