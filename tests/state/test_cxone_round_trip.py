"""CXone manifests seeded into the emulator read back unchanged, block by block and member by member."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reconciler.diff import FieldChange, scoped_diff
from reconciler.emulator.cxone.store import external_edit
from reconciler.plan.filled_in import filled_in
from reconciler.platform import Platform
from reconciler.providers.cxone.fetch import live_objects
from reconciler.providers.cxone.kinds import KINDS, LOOKUPS, SET_LIKE
from reconciler.state.desired import desired_objects, match_manifests
from reconciler.state.objects import LiveObject
from reconciler.state.references import live_reference_findings
from reconciler.validation import validate_paths
from tests.providers.cxone.support import CXONE_MANIFESTS, read, seeded_from_manifests


def _differences(kind: str, want: dict[str, Any], have: dict[str, Any]) -> list[FieldChange]:
    """Declared fields whose live value differs; memberships and time-zone windows are sets; the
    parameter blocks are managed key by key (reconciler.plan.filled_in)."""
    rules = {"set_like": SET_LIKE.get(kind, frozenset()), "filled_in": filled_in(Platform.CXONE, kind)}
    return list(scoped_diff(want, have, **rules))


def _matched(emulator: Any, manifests: Any) -> dict[str, LiveObject]:
    snapshot, _ = read(emulator)
    return match_manifests(manifests, live_objects(snapshot), platform="cxone")


def test_demo_cxone_manifests_read_back_equal_with_list_calls_and_three_per_group() -> None:
    emulator, manifests, graph = seeded_from_manifests()
    snapshot, requests = read(emulator)
    groups = sum(1 for resource in manifests.values() if resource.kind == "DncGroup")
    assert requests == len(KINDS) + len(LOOKUPS) + 1 + 3 * groups
    live = match_manifests(manifests, live_objects(snapshot), platform="cxone")
    desired = desired_objects(manifests, graph, platform="cxone")
    assert set(desired) == set(live)
    assert set(live) == {
        "cxone/Campaign/retention-reporting",
        "cxone/DncGroup/cx-internal-dnc",
        "cxone/Skill/cx-collections-outbound",
        "cxone/Skill/cx-renewals-outbound",
    }
    problems = {
        address: _differences(item.kind, item.essence, live[address].essence)
        for address, item in desired.items()
        if _differences(item.kind, item.essence, live[address].essence)
    }
    assert problems == {}
    skill = desired["cxone/Skill/cx-renewals-outbound"].essence
    assert {"general_settings", "time_zones", "cpa_settings", "campaign", "script"} <= set(skill)


def test_dnc_records_and_memberships_read_back_as_declared() -> None:
    emulator, manifests, _ = seeded_from_manifests()
    group = _matched(emulator, manifests)["cxone/DncGroup/cx-internal-dnc"]
    declared = manifests["cxone/DncGroup/cx-internal-dnc"].document.spec.model_dump(exclude_unset=True)
    assert group.essence["records"] == declared["records"]
    assert sorted(group.essence["scrubbed_skills"]) == sorted(declared["scrubbed_skills"])
    assert sorted(group.essence["contributing_skills"]) == sorted(declared["contributing_skills"])


def test_server_side_edits_show_only_in_declared_fields_and_move_the_fingerprint() -> None:
    emulator, manifests, graph = seeded_from_manifests()
    before = _matched(emulator, manifests)["cxone/Skill/cx-collections-outbound"]
    external_edit(
        emulator,
        "parameters/general-settings",
        None,
        "cx-collections-outbound",
        {"maximumRatio": 1.5, "proficiencyFactor": 0.7},
    )
    after = _matched(emulator, manifests)["cxone/Skill/cx-collections-outbound"]
    desired = desired_objects(manifests, graph, platform="cxone")["cxone/Skill/cx-collections-outbound"]
    assert _differences("Skill", desired.essence, after.essence) == [
        FieldChange("general_settings.maximum_ratio", before=1.5, after=1.0)
    ]
    assert after.essence["general_settings"]["proficiency_factor"] == 0.7
    assert after.version is None and after.fingerprint != before.fingerprint


def test_references_are_checked_against_the_live_org(tmp_path: Path) -> None:
    for source in CXONE_MANIFESTS.glob("*.yaml"):
        (tmp_path / source.name).write_text(
            source.read_text().replace("script: PC Collections Outbound", "script: No Such Script")
        )
    emulator, _, _ = seeded_from_manifests()
    result = validate_paths([tmp_path])
    snapshot, _ = read(emulator)
    findings = live_reference_findings(result.manifests, result.graph, snapshot.index, platform="cxone")
    assert [f.message for f in findings] == [
        "spec.script names Script 'No Such Script': the live org has none"
    ]
    assert findings[0].address == "cxone/Skill/cx-collections-outbound" and findings[0].severity == "error"
