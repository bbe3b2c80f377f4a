"""Helpers of the plan tests: scenario files -> planner inputs, and the plan JSON Schema check."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from reconciler.config import Prune
from reconciler.exceptions import Location
from reconciler.graph import DependencyGraph
from reconciler.kinds.registry import IMMUTABLE
from reconciler.plan.models import Plan, PlanTarget
from reconciler.plan.planner import PlanResult, build_plan
from reconciler.state.objects import DesiredObject, LiveObject, fingerprint
from tests.conftest import FIXTURES, ROOT

SCENARIOS = FIXTURES / "plans"
DIGEST = "sha256:" + "0" * 64

IMMUTABLE_FIELDS: dict[str, frozenset[str]] = IMMUTABLE["genesys"]
SET_LIKE_FIELDS: dict[str, frozenset[str]] = {
    "Campaign": frozenset({"dnc_lists", "rule_sets", "skills"}),
    "DncList": frozenset({"entries", "dnc_codes"}),
    "DncGroup": frozenset({"records", "scrubbed_skills", "contributing_skills"}),
    "Skill": frozenset({"time_zones"}),
}


@dataclass(frozen=True)
class Scenario:
    name: str
    platform: str
    desired: dict[str, DesiredObject]
    live: dict[str, LiveObject]
    prune: Prune
    immutable_fields: dict[str, frozenset[str]]
    set_like_fields: dict[str, frozenset[str]]
    expected: list[dict[str, Any]]
    findings: list[dict[str, Any]] | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    def levels(self) -> dict[str, int]:
        return DependencyGraph({a: obj.depends_on for a, obj in self.desired.items()}).levels()

    def plan(self) -> PlanResult:
        return build_plan(
            desired=self.desired,
            live=self.live,
            levels=self.levels(),
            immutable_fields=self.immutable_fields,
            set_like_fields=self.set_like_fields,
            prune=self.prune,
            target_platform=self.platform,
        )


def desired_object(item: Mapping[str, Any], *, platform: str, file: str, line: int) -> DesiredObject:
    item_platform = item.get("platform", platform)
    address = f"{item_platform}/{item['kind']}/{item['name']}"
    return DesiredObject(
        address=address,
        platform=item_platform,
        kind=item["kind"],
        name=item["name"],
        essence=dict(item.get("spec") or {}),
        source=Location(file, line),
        annotations=dict(item.get("annotations") or {}),
        depends_on=tuple(item.get("depends_on") or ()),
    )


def live_object(item: Mapping[str, Any], *, platform: str) -> LiveObject:
    item_platform = item.get("platform", platform)
    spec = dict(item.get("spec") or {})
    return LiveObject(
        address=f"{item_platform}/{item['kind']}/{item['name']}",
        platform=item_platform,
        kind=item["kind"],
        name=item["name"],
        platform_id=str(item.get("id", f"id-{item['name']}")),
        essence=spec,
        version=item.get("version", 1),
        fingerprint=fingerprint(spec),
        status=item.get("status"),
    )


def _tables(raw: Mapping[str, Any] | None, default: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    if raw is None:
        return default
    return {kind: frozenset(paths) for kind, paths in raw.items()}


def load_scenario(path: Path) -> Scenario:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    platform = raw.get("platform", "genesys")
    shown = str(path.relative_to(ROOT))
    desired = [
        desired_object(item, platform=platform, file=shown, line=index + 1)
        for index, item in enumerate(raw.get("desired") or [])
    ]
    live = [live_object(item, platform=platform) for item in raw.get("live") or []]
    return Scenario(
        name=path.stem,
        platform=platform,
        desired={obj.address: obj for obj in desired},
        live={obj.address: obj for obj in live},
        prune=Prune.model_validate(raw.get("prune") or {}),
        immutable_fields=_tables(raw.get("immutable_fields"), IMMUTABLE_FIELDS),
        set_like_fields=_tables(raw.get("set_like_fields"), SET_LIKE_FIELDS),
        expected=list(raw.get("expected") or []),
        findings=raw.get("findings"),
        raw=raw,
    )


def scenario_paths() -> list[Path]:
    return sorted(SCENARIOS.glob("*.yaml"))


def plan_of(scenario: Scenario, result: PlanResult | None = None, *, command: str = "plan") -> Plan:
    result = result if result is not None else scenario.plan()
    return Plan(
        target=PlanTarget("local", scenario.platform),
        manifest_digest=DIGEST,
        resource_changes=result.changes,
        findings=result.findings,
        command=command,
    )


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def assert_valid_plan_document(document: Mapping[str, Any]) -> None:
    errors = sorted(_validator().iter_errors(document), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
