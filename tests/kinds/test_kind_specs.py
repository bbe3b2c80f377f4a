"""Every managed kind has the facts apply, plan, export and the emulator need, and they agree with the
manifest models and with the emulated platforms (built from the published definitions, not from these specs)."""

from __future__ import annotations

import pytest
from starlette.routing import Route

from reconciler.emulator.cxone.fields import SKILL_CREATE
from reconciler.emulator.cxone.http import BASE
from reconciler.emulator.cxone.routes import routes
from reconciler.emulator.cxone.skill_rules import SKILL_PUT
from reconciler.emulator.genesys.kinds import (
    COLLECTIONS,
    SCHEDULES,
    SINGLETONS,
    Collection,
    ScheduleCollection,
    Singleton,
)
from reconciler.emulator.state import EmulatorState
from reconciler.kinds.registry import KIND_SPECS, specs_of
from reconciler.kinds.spec import KindSpec
from reconciler.manifest.kinds import KINDS as MANIFEST_KINDS
from reconciler.manifest.refs import field_ref, key_ref
from reconciler.plan.models import Step
from reconciler.providers.cxone.kinds import PARAMETER_BLOCKS

SPECS = list(KIND_SPECS.values())
IDS = [f"{spec.platform}/{spec.kind}" for spec in SPECS]
GENESYS = list(specs_of("genesys").values())
CXONE = list(specs_of("cxone").values())
LISTINGS = {"genesys": {"paged", "array", "singleton"}, "cxone": {"envelope"}}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _model_fields(spec: KindSpec) -> set[str]:
    return set(MANIFEST_KINDS[(spec.platform, spec.kind)].spec.model_fields)


def test_every_kind_has_a_manifest_model_and_every_model_a_kind() -> None:
    assert set(KIND_SPECS) == set(MANIFEST_KINDS)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_kind_has_a_path_a_listing_shape_and_an_emulator_key(spec: KindSpec) -> None:
    assert spec.path.startswith("/"), spec.path
    assert spec.listing in LISTINGS[spec.platform]
    assert spec.emulator_key
    if spec.listing == "envelope":
        assert spec.items, "an envelope listing says where its items are"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_kind_is_deleted_in_order_or_is_a_singleton(spec: KindSpec) -> None:
    assert (spec.delete_rank is None) == spec.singleton
    assert (spec.listing == "singleton") == spec.singleton


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_a_singleton_is_one_in_the_manifest_too(spec: KindSpec) -> None:
    assert MANIFEST_KINDS[(spec.platform, spec.kind)].definition.singleton == spec.singleton


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_references_are_the_models_top_level_references(spec: KindSpec) -> None:
    model = MANIFEST_KINDS[(spec.platform, spec.kind)].spec
    marked = {name: key_ref(info.annotation) or field_ref(info) for name, info in model.model_fields.items()}
    declared = {name: ref.kind for name, ref in marked.items() if ref is not None and not ref.external}
    assert dict(spec.references) == declared
    assert all((spec.platform, target) in KIND_SPECS for target in spec.references.values())


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_named_fields_exist_in_the_model(spec: KindSpec) -> None:
    fields = _model_fields(spec)
    named = {*spec.immutable, *spec.set_like, *spec.export_defaults, *spec.export_omits}
    if isinstance(spec.calls, str):
        named.add(spec.calls)  # the field that makes an object a call (an SMS campaign's sms_config)
    if spec.owner is not None:
        named.add(spec.owner)
        assert spec.owner in spec.references
    assert named <= fields, sorted(named - fields)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_a_run_state_is_switched_by_apply_steps(spec: KindSpec) -> None:
    state = spec.run_state
    if state is None:
        return
    assert {Step(state.turn_on), Step(state.turn_off)} <= set(Step)
    assert state.on in state.busy and state.off not in state.busy
    fields = _model_fields(spec) | {"metadata"}
    assert (state.locked or frozenset()) | state.editable_while_busy <= fields
    if spec.platform == "genesys":
        assert state.field in _model_fields(spec) and state.api_field is not None


def test_a_skill_edits_only_its_parameter_blocks_while_running() -> None:
    state = KIND_SPECS[("cxone", "Skill")].run_state
    assert state is not None and state.locked is None
    model = MANIFEST_KINDS[("cxone", "Skill")].spec
    blocks = {
        name for name, info in model.model_fields.items() if info.serialization_alias in PARAMETER_BLOCKS
    }
    assert state.editable_while_busy == blocks


def _emulated_genesys() -> dict[str, tuple[str, str]]:
    """Emulator collection key -> (kind, path), over collections, schedules and singletons."""
    every: list[Collection | ScheduleCollection | Singleton] = [*COLLECTIONS, *SCHEDULES, *SINGLETONS]
    return {item.key: (item.kind, item.path) for item in every}


@pytest.mark.parametrize("spec", GENESYS, ids=[spec.kind for spec in GENESYS])
def test_every_genesys_kind_is_served_by_an_emulator_collection(spec: KindSpec) -> None:
    assert _emulated_genesys().get(spec.emulator_key) == (spec.kind, spec.path)


def test_every_emulated_genesys_collection_is_a_managed_kind() -> None:
    assert {key for key in _emulated_genesys()} == {spec.emulator_key for spec in GENESYS}


@pytest.mark.parametrize("collection", COLLECTIONS, ids=[item.kind for item in COLLECTIONS])
def test_what_the_emulator_refuses_to_change_is_immutable_in_the_spec(collection: Collection) -> None:
    spec = KIND_SPECS[("genesys", collection.kind)]
    assert {item.field for item in collection.immutable} == {_camel(name) for name in spec.immutable}


def test_what_cxone_takes_on_create_only_is_immutable_in_the_skill_spec() -> None:
    """The emulated skill PUT (built from the Admin API's putSkillRequest) refuses what only POST takes."""
    create_only = SKILL_CREATE.keys() - SKILL_PUT.keys()
    skill = KIND_SPECS[("cxone", "Skill")]
    assert {_camel(name) for name in skill.immutable} == create_only & {
        _camel(name) for name in _model_fields(skill)
    }


@pytest.mark.parametrize("collection", COLLECTIONS, ids=[item.kind for item in COLLECTIONS])
def test_the_emulator_checks_each_top_level_reference_of_the_spec(collection: Collection) -> None:
    spec = KIND_SPECS[("genesys", collection.kind)]
    top_level = [ref for ref in collection.references if not ref.lookup and "." not in ref.path]
    emulated = {ref.path.removesuffix("[]"): ref.target for ref in top_level}
    expected = {
        _camel(name): KIND_SPECS[("genesys", kind)].emulator_key for name, kind in spec.references.items()
    }
    assert emulated == expected


@pytest.mark.parametrize("schedule", SCHEDULES, ids=[item.kind for item in SCHEDULES])
def test_a_schedule_belongs_to_the_owner_the_spec_names(schedule: ScheduleCollection) -> None:
    spec = KIND_SPECS[("genesys", schedule.kind)]
    assert spec.schedule and schedule.owner_field == _camel(str(spec.owner))
    assert schedule.owner == KIND_SPECS[("genesys", str(spec.owner_kind))].emulator_key


def _cxone_route_methods(path: str) -> set[str]:
    found: set[str] = set()
    for route in routes():
        if isinstance(route, Route) and route.path == f"{BASE}{path}":
            found |= route.methods or set()
    return found


@pytest.mark.parametrize("spec", CXONE, ids=[spec.kind for spec in CXONE])
def test_every_cxone_kind_is_served_by_emulator_routes(spec: KindSpec) -> None:
    assert {"GET", "POST"} <= _cxone_route_methods(spec.path)
    assert spec.emulator_key in EmulatorState().cxone
