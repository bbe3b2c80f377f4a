from __future__ import annotations

from dataclasses import replace

from reconciler.config import Prune
from reconciler.plan.drift import build_drift
from reconciler.plan.models import DriftStatus
from reconciler.state.objects import DesiredObject, LiveObject
from tests.plan.support import (
    SCENARIOS,
    SET_LIKE_FIELDS,
    assert_valid_plan_document,
    desired_object,
    live_object,
    load_scenario,
    plan_of,
)


def _desired(kind: str, name: str, spec: dict[str, object], **extra: object) -> DesiredObject:
    item = {"kind": kind, "name": name, "spec": spec, **extra}
    return desired_object(item, platform="genesys", file="m.yaml", line=1)


def _live(kind: str, name: str, spec: dict[str, object], **extra: object) -> LiveObject:
    return live_object({"kind": kind, "name": name, "spec": spec, **extra}, platform="genesys")


def test_drift_lists_modified_missing_and_unmanaged_objects() -> None:
    desired = [
        _desired("Campaign", "team-a-q3", {"abandon_rate": 3, "dnc_lists": ["a", "b"]}),
        _desired("Campaign", "team-a-gone", {"abandon_rate": 3}),
        _desired("Campaign", "team-a-same", {"abandon_rate": 3}),
        _desired(
            "Campaign", "team-a-seeded", {"abandon_rate": 3}, annotations={"reconciler/create-only": "true"}
        ),
        _desired(
            "Campaign",
            "team-a-ignored",
            {"priority": 3},
            annotations={"reconciler/ignore-fields": "priority"},
        ),
        _desired("OutboundSettings", "settings", {"abandon_seconds": 2}),
    ]
    live = [
        _live("Campaign", "team-a-q3", {"abandon_rate": 5, "dnc_lists": ["b", "a"], "priority": 2}),
        _live("Campaign", "team-a-same", {"abandon_rate": 3.0}),
        _live("Campaign", "team-a-seeded", {"abandon_rate": 5}),
        _live("Campaign", "team-a-ignored", {"priority": 5}),
        _live("DncList", "team-a-stray", {"dnc_source_type": "rds"}),
        _live("DncList", "team-b-stray", {"dnc_source_type": "rds"}),
    ]
    entries = build_drift(
        desired={obj.address: obj for obj in desired},
        live={obj.address: obj for obj in live},
        set_like_fields=SET_LIKE_FIELDS,
        prune=Prune.model_validate({"enabled": False, "scope": {"name_prefix": "team-a-"}}),
        target_platform="genesys",
    )
    assert [(entry.address, entry.status) for entry in entries] == [
        ("genesys/Campaign/team-a-gone", DriftStatus.MISSING),
        ("genesys/Campaign/team-a-q3", DriftStatus.MODIFIED),
        ("genesys/DncList/team-a-stray", DriftStatus.UNMANAGED),
    ]
    modified = entries[1]
    assert [(item.path, item.git, item.live) for item in modified.fields] == [("abandon_rate", 3, 5)]
    assert modified.platform_id == "id-team-a-q3"


def test_no_scope_means_no_unmanaged_objects() -> None:
    stray = _live("DncList", "stray", {})
    assert (
        build_drift(
            desired={},
            live={stray.address: stray},
            set_like_fields={},
            prune=Prune(),
            target_platform="genesys",
        )
        == ()
    )


def test_a_drift_document_validates_against_the_plan_schema() -> None:
    scenario = load_scenario(SCENARIOS / "campaign-status.yaml")
    entries = build_drift(
        desired=scenario.desired,
        live=scenario.live,
        set_like_fields=scenario.set_like_fields,
        prune=scenario.prune,
        target_platform="genesys",
    )
    assert entries
    plan = replace(plan_of(scenario, command="drift"), resource_drift=entries)
    document = plan.to_dict()
    assert_valid_plan_document(document)
    assert document["resource_drift"][0]["status"] == "modified"
