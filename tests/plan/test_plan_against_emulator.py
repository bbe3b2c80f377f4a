"""For every Genesys kind, against the emulator: create, no-op, update, delete (prune) and replace.

The org is built from the valid fixtures (one or more objects of every kind); each case changes one
side and checks the action planned for the object it touched.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic.alias_generators import to_camel

from reconciler.config import Prune, PruneScope
from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.admin_writes import external_edit
from reconciler.emulator.seed import apply_seed
from reconciler.kinds.registry import IMMUTABLE, KIND_SPECS, SET_LIKE
from reconciler.manifest.kinds import kinds_of
from reconciler.plan.planner import PlanResult, build_plan
from reconciler.state.desired import desired_objects, dnc_lists_with_entries, match_manifests
from reconciler.validation import validate_paths
from tests.conftest import FIXTURES
from tests.genesys_org import org_of, read_genesys

VALID = FIXTURES / "manifests" / "valid" / "genesys"
RESULT = validate_paths([VALID])
FIRST = {}
for _address, _resource in RESULT.manifests.items():
    FIRST.setdefault(_resource.kind, _resource)

# A live edit per kind (collection, API field, value) that the manifest disagrees with.
UPDATES: dict[str, tuple[str, dict[str, Any], str]] = {
    "AttemptLimits": ("attemptlimits", {"maxAttemptsPerContact": 9}, "max_attempts_per_contact"),
    "CallAnalysisResponseSet": (
        "callanalysisresponsesets",
        {"beepDetectionEnabled": False},
        "beep_detection_enabled",
    ),
    "CallableTimeSet": ("callabletimesets", {"callableTimes": []}, "callable_times"),
    "Campaign": ("campaigns", {"priority": 1}, "priority"),
    "CampaignRule": ("campaignrules", {"matchAnyConditions": True}, "match_any_conditions"),
    "CampaignSchedule": ("campaignschedules", {"timeZone": "Europe/Dublin"}, "time_zone"),
    "ContactList": ("contactlists", {"previewModeColumnName": "Other"}, "preview_mode_column_name"),
    "ContactListFilter": ("contactlistfilters", {"filterType": "OR"}, "filter_type"),
    "DncList": ("dnclists", {"contactMethod": "Any"}, "contact_method"),
    "OutboundSettings": ("settings", {"maxCallsPerAgent": 9}, "max_calls_per_agent"),
    "RuleSet": ("rulesets", {"rules": []}, "rules"),
    "Sequence": ("sequences", {"repeat": True}, "repeat"),
    "SequenceSchedule": ("sequenceschedules", {"timeZone": "Europe/Dublin"}, "time_zone"),
    "WrapUpCodeMappings": ("wrapupcodemappings", {"defaultSet": ["BUSINESS_FAILURE"]}, "default_set"),
    "ContactListTemplate": ("contactlisttemplates", {"trimWhitespace": False}, "trim_whitespace"),
    "DigitalRuleSet": ("digitalrulesets", {"rules": []}, "rules"),
    "MessagingCampaign": ("messagingcampaigns", {"messagesPerMinute": 5}, "messages_per_minute"),
    "MessagingCampaignSchedule": ("messagingcampaignschedules", {"timeZone": "Europe/Dublin"}, "time_zone"),
}


def _owner(kind: str) -> tuple[str, str] | None:
    """(the API field naming the owner, the owner's emulator collection) of a schedule kind, else None."""
    spec = KIND_SPECS[("genesys", kind)]
    if spec.owner is None:
        return None
    return to_camel(spec.owner), KIND_SPECS[("genesys", str(spec.owner_kind))].emulator_key


def _with_dependents(address: str) -> set[str]:
    """`address` and everything that references it, directly or not (they cannot exist without it)."""
    found = {address}
    while True:
        more = {a for a, deps in RESULT.graph.depends_on.items() if found & set(deps)} - found
        if not more:
            return found
        found |= more


def _org(*, without: frozenset[str] | set[str] = frozenset()) -> Emulator:
    return org_of([r for address, r in RESULT.manifests.items() if address not in without], RESULT)


def _plan(emulator: Emulator, *, prune: Prune | None = None) -> dict[str, list[str]]:
    live, _requests = read_genesys(emulator, dnc_entries_for=dnc_lists_with_entries(RESULT.manifests))
    result: PlanResult = build_plan(
        desired=desired_objects(RESULT.manifests, RESULT.graph, platform="genesys"),
        live=match_manifests(RESULT.manifests, live, platform="genesys"),
        levels=RESULT.graph.levels(),
        immutable_fields=IMMUTABLE["genesys"],
        set_like_fields=SET_LIKE["genesys"],
        prune=prune or Prune(),
        target_platform="genesys",
    )
    return {change.address: [str(a) for a in change.actions] for change in result.changes}


def test_every_kind_is_covered() -> None:
    assert set(FIRST) == set(kinds_of("genesys")) == set(UPDATES)


def test_identical_org_is_all_no_op() -> None:
    assert set(map(tuple, _plan(_org()).values())) == {("no-op",)}


@pytest.mark.parametrize(
    "kind", sorted(set(kinds_of("genesys")) - {"OutboundSettings", "WrapUpCodeMappings"})
)
def test_missing_object_is_created(kind: str) -> None:
    address = FIRST[kind].address
    missing = _with_dependents(address)
    actions = _plan(_org(without=missing))
    assert actions[address] == ["create"]
    assert {tuple(actions[a]) for a in missing} == {("create",)}


@pytest.mark.parametrize("kind", sorted(UPDATES))
def test_live_edit_of_a_declared_field_is_an_update(kind: str) -> None:
    collection, changes, field = UPDATES[kind]
    emulator = _org()
    resource = next(
        r for r in RESULT.manifests.values() if r.kind == kind and field in r.document.spec.model_fields_set
    )
    owner = _owner(kind)
    if owner is not None:
        target = getattr(resource.document.spec, str(KIND_SPECS[("genesys", kind)].owner))
        owner_id = next(
            obj["id"] for obj in emulator.state.genesys[owner[1]].values() if obj["name"] == target
        )
        external_edit(emulator, collection, owner_id, None, changes)
    elif kind in ("OutboundSettings", "WrapUpCodeMappings"):
        external_edit(emulator, collection, None, None, changes)
    else:
        external_edit(emulator, collection, None, resource.name, changes)
    assert _plan(emulator)[resource.address] == ["update"]


@pytest.mark.parametrize(
    "kind", sorted(set(kinds_of("genesys")) - {"OutboundSettings", "WrapUpCodeMappings"})
)
def test_undeclared_object_in_scope_is_deleted_only_when_pruning(kind: str) -> None:
    emulator = _org()
    spec = FIRST[kind]
    collection = UPDATES[kind][0]
    owner = _owner(kind)
    if owner is None:
        original = next(
            obj for obj in emulator.state.genesys[collection].values() if obj["name"] == spec.name
        )
        apply_seed(
            emulator, {"genesys": {collection: [{**original, "id": "extra-1", "name": f"zz-{spec.name}"}]}}
        )
        extra = f"genesys/{kind}/zz-{spec.name}"
    else:  # a schedule is named by its campaign: an undeclared campaign with its own schedule
        field, owners = owner
        schedule = next(iter(emulator.state.genesys[collection].values()))
        parent = emulator.state.genesys[owners][schedule[field]["id"]]
        copy = {**parent, "id": "extra-owner", "name": "zz-owner"}
        apply_seed(
            emulator,
            {
                "genesys": {
                    owners: [copy],
                    collection: [{**schedule, "id": "extra-owner", field: {"id": "extra-owner"}}],
                }
            },
        )
        extra = f"genesys/{kind}/zz-owner"
    assert extra not in _plan(emulator) or _plan(emulator)[extra] != ["delete"]
    scope = Prune(enabled=True, scope=PruneScope(name_prefix="zz-"))
    assert _plan(emulator, prune=scope)[extra] == ["delete"]


@pytest.mark.parametrize(("kind", "field"), [("ContactList", "columnNames"), ("DncList", "dncSourceType")])
def test_immutable_field_change_is_a_replace(kind: str, field: str) -> None:
    emulator = _org()
    collection = UPDATES[kind][0]
    resource = FIRST[kind]
    live = next(obj for obj in emulator.state.genesys[collection].values() if obj["name"] == resource.name)
    value = [*live[field], "extra_column"] if field == "columnNames" else "gryphon"
    live[field] = value
    assert _plan(emulator)[resource.address] == ["delete", "create"]
