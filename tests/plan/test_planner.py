"""The planner, driven by scenario files tests/fixtures/plans/*.yaml: {desired, live, prune, expected}."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reconciler.config import Prune
from reconciler.plan.models import Action
from reconciler.plan.planner import build_plan
from tests.plan.support import (
    IMMUTABLE_FIELDS,
    SET_LIKE_FIELDS,
    assert_valid_plan_document,
    desired_object,
    live_object,
    load_scenario,
    plan_of,
    scenario_paths,
)

SCENARIO_PATHS = scenario_paths()


def test_every_kind_family_has_a_scenario() -> None:
    kinds = set()
    for path in SCENARIO_PATHS:
        scenario = load_scenario(path)
        kinds |= {(obj.platform, obj.kind) for obj in scenario.desired.values()}
        kinds |= {(obj.platform, obj.kind) for obj in scenario.live.values()}
    for family in [
        ("genesys", "Campaign"),
        ("genesys", "ContactList"),
        ("genesys", "CampaignRule"),
        ("genesys", "DncList"),
        ("genesys", "CallableTimeSet"),
        ("genesys", "OutboundSettings"),
        ("cxone", "Skill"),
        ("cxone", "DncGroup"),
    ]:
        assert family in kinds


def _expected_row(change: dict[str, Any], expected: dict[str, Any]) -> None:
    where = expected["address"]
    assert change["actions"] == expected["actions"], where
    if "changes" in expected:
        assert change["changes"] == expected["changes"], where
    for key in ("steps", "order", "live_version", "platform_id"):
        if key in expected:
            assert change[key] == expected[key], f"{where}: {key}"
    if "reason" in expected:
        assert expected["reason"] in (change["action_reason"] or ""), where


@pytest.mark.parametrize("path", SCENARIO_PATHS, ids=[path.stem for path in SCENARIO_PATHS])
def test_scenario(path: Path) -> None:
    scenario = load_scenario(path)
    result = scenario.plan()
    rows = [
        {**change.to_dict(), "changes": [item.to_dict() for item in change.changes]}
        for change in result.changes
    ]
    assert [row["address"] for row in rows] == [item["address"] for item in scenario.expected]
    for row, expected in zip(rows, scenario.expected, strict=True):
        _expected_row(row, expected)
    if scenario.findings is not None:
        got = sorted((str(item.code), str(item.severity), item.address or "") for item in result.findings)
        want = sorted((item["code"], item["severity"], item["address"]) for item in scenario.findings)
        assert got == want
        for item in scenario.findings:
            if "mentions" in item:
                assert any(
                    item["mentions"] in found.message
                    for found in result.findings
                    if str(found.code) == item["code"] and found.address == item["address"]
                )
    assert_valid_plan_document(plan_of(scenario, result).to_dict())


@pytest.mark.parametrize("path", SCENARIO_PATHS, ids=[path.stem for path in SCENARIO_PATHS])
def test_planning_twice_gives_the_same_plan(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.plan() == scenario.plan()


def test_create_and_delete_carry_whole_objects_and_updates_only_declared_fields() -> None:
    desired = desired_object(
        {"kind": "Campaign", "name": "q3", "spec": {"abandon_rate": 3}},
        platform="genesys",
        file="c.yaml",
        line=4,
    )
    live_same = live_object(
        {"kind": "Campaign", "name": "q3", "version": 9, "spec": {"abandon_rate": 5, "priority": 2}},
        platform="genesys",
    )
    gone = live_object(
        {"kind": "DncList", "name": "old", "spec": {"dnc_source_type": "rds"}}, platform="genesys"
    )
    result = build_plan(
        desired={desired.address: desired},
        live={live_same.address: live_same, gone.address: gone},
        levels={desired.address: 0},
        immutable_fields=IMMUTABLE_FIELDS,
        set_like_fields=SET_LIKE_FIELDS,
        prune=Prune.model_validate({"enabled": True, "scope": {"kinds": ["DncList"]}}),
        target_platform="genesys",
    )
    update, delete = result.changes
    assert update.before == {"abandon_rate": 5}
    assert update.after == {"abandon_rate": 3}
    assert update.live_version == 9
    assert update.live_fingerprint == live_same.fingerprint
    assert update.source is not None and (update.source.file, update.source.line) == ("c.yaml", 4)
    assert delete.actions == (Action.DELETE,)
    assert delete.before == {"dnc_source_type": "rds"}
    assert delete.after is None
    assert delete.source is None


def test_empty_prune_scope_never_deletes() -> None:
    gone = live_object({"kind": "DncList", "name": "old", "spec": {}}, platform="genesys")
    result = build_plan(
        desired={},
        live={gone.address: gone},
        levels={},
        immutable_fields={},
        set_like_fields={},
        prune=Prune(),
        target_platform="genesys",
    )
    assert result.changes == ()
