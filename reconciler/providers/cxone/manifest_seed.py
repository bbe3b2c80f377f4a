"""The CXone org as manifests describe it, in the emulator's seed format (store.seed_cxone).

Used to build the demo live org and by round-trip tests: manifests -> seed -> emulator -> read_org
must give the manifests back. Ids are small stable integers (per section, in name order), so the
same manifests always give the same seed. References to objects the seed does not hold are left
out (a demo org may deliberately miss a skill). Records given as a CSV path are not seeded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reconciler.emulator.cxone.defaults import CLASSIFICATIONS
from reconciler.manifest.models.cxone_skill import SkillSpec
from reconciler.manifest.resource import Resource
from reconciler.providers.cxone.assemble import PLATFORM
from reconciler.providers.cxone.kinds import PARAMETER_BLOCKS
from reconciler.providers.cxone.records import record_body
from reconciler.state.convert import Converter
from reconciler.state.names import NameIndex
from reconciler.state.numbers import declared_numbers

FIRST_IDS = {
    "OutboundRoute": 2001,
    "Script": 3001,
    "Campaign": 4001,
    "Skill": 5001,
    "DncGroup": 6001,
    "Disposition": 7001,
}
LOOKUP_SECTIONS = {"OutboundRoute": "outbound_routes", "Script": "scripts"}
_LOOKUP_FIELDS = {
    "outbound_routes": ("outboundTelecomRouteId", "routeDescription"),
    "scripts": ("scriptId", "scriptName"),
}
BLOCKS = frozenset(
    name
    for name, info in SkillSpec.model_fields.items()
    if (info.serialization_alias or name) in PARAMETER_BLOCKS
)
"""Skill manifest fields seeded as parameter blocks rather than skill fields."""
MEMBERSHIPS = {"scrubbed_skills": "scrubbed", "contributing_skills": "contributing"}

Seed = dict[str, Any]


def with_lookup_ids(lookups: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Outbound routes and scripts ({"name": ...} items) with stable ids and their API name fields."""
    result: dict[str, list[dict[str, Any]]] = {}
    for kind, section in LOOKUP_SECTIONS.items():
        id_field, name_field = _LOOKUP_FIELDS[section]
        items = sorted(lookups.get(section, []), key=lambda item: str(item.get("name") or item[name_field]))
        result[section] = [
            {id_field: FIRST_IDS[kind] + n, name_field: item.get("name") or item[name_field]}
            for n, item in enumerate(items)
        ]
    return result


def _index(resources: list[Resource], lookups: dict[str, list[dict[str, Any]]]) -> NameIndex:
    index = NameIndex()
    for classification in CLASSIFICATIONS:  # a system list: the emulator's, which a seed cannot change
        index.add(
            "DispositionClassification",
            classification["classificationName"],
            classification["classificationId"],
        )
    for kind, section in LOOKUP_SECTIONS.items():
        id_field, name_field = _LOOKUP_FIELDS[section]
        for item in lookups.get(section, []):
            index.add(kind, item[name_field], item[id_field])
    for kind, first in FIRST_IDS.items():
        if kind in LOOKUP_SECTIONS:
            continue
        names = sorted(resource.name for resource in resources if resource.kind == kind)
        for n, name in enumerate(names):
            index.add(kind, name, first + n)
    return index


def _declared(resource: Resource) -> dict[str, Any]:
    declared: dict[str, Any] = resource.document.spec.model_dump(exclude_unset=True)
    return declared


def _skill(resource: Resource, converter: Converter, seed: Seed) -> None:
    essence = _declared(resource)
    blocks = {name: essence.pop(name) for name in BLOCKS if name in essence}
    body = converter.body(resource.info.spec, essence)
    body.setdefault("outboundStrategy", "Personal Connection")
    skill_id = converter.index.id_of("Skill", resource.name)
    seed["skills"].append(
        {
            **body,
            "skillId": int(str(skill_id)),
            "skillName": resource.name,
            "isOutbound": True,
            "mediaTypeId": 4,
        }
    )
    if blocks:
        seed["parameters"][resource.name] = converter.body(resource.info.spec, blocks)


def _group(resource: Resource, converter: Converter, seed: Seed) -> None:
    essence = _declared(resource)
    essence.pop("records", None)
    essence.pop("records_mode", None)
    numbers = declared_numbers(resource)
    members = {section: essence.pop(field, None) for field, section in MEMBERSHIPS.items()}
    body = converter.body(resource.info.spec, essence)
    group_id = int(str(converter.index.id_of("DncGroup", resource.name)))
    seed["dnc_groups"].append({**body, "dncGroupId": group_id, "dncGroupName": resource.name})
    for section, names in members.items():
        if names is not None:
            seed[section][resource.name] = [name for name in names if converter.index.id_of("Skill", name)]
    if numbers is not None and not isinstance(getattr(resource.document.spec, "records", None), str):
        seed["dnc_records"][resource.name] = [
            record_body(number, record) for number, record in sorted(numbers.items.items())
        ]


def _campaign(resource: Resource, converter: Converter, seed: Seed) -> None:
    essence = _declared(resource)
    skills = essence.pop("skills", None) or []
    campaign_id = int(str(converter.index.id_of("Campaign", resource.name)))
    seed["campaigns"].append(
        {**converter.body(resource.info.spec, essence), "id": campaign_id, "name": resource.name}
    )
    for skill in seed["skills"]:
        if skill["skillName"] in skills:
            skill["campaignId"] = campaign_id


def _disposition(resource: Resource, converter: Converter, seed: Seed) -> None:
    disposition_id = int(str(converter.index.id_of("Disposition", resource.name)))
    body = {
        key: value
        for key, value in converter.body(resource.info.spec, _declared(resource)).items()
        if value is not None
    }
    seed["dispositions"].append({**body, "dispositionId": disposition_id, "dispositionName": resource.name})


def cxone_seed(resources: Iterable[Resource], *, lookups: dict[str, list[dict[str, Any]]]) -> Seed:
    """The "cxone" seed section for the CXone resources; lookups come from with_lookup_ids."""
    chosen = sorted((r for r in resources if r.platform == PLATFORM), key=lambda r: (r.kind, r.name))
    converter = Converter(platform=PLATFORM, index=_index(chosen, lookups))
    seed: Seed = {
        **{section: list(lookups.get(section, [])) for section in LOOKUP_SECTIONS.values()},
        "campaigns": [],
        "skills": [],
        "parameters": {},
        "dnc_groups": [],
        "dnc_records": {},
        "scrubbed": {},
        "contributing": {},
        "dispositions": [],
    }
    build = {"Disposition": _disposition, "Skill": _skill, "DncGroup": _group, "Campaign": _campaign}
    for kind in ("Disposition", "Skill", "DncGroup", "Campaign"):  # campaigns last: they may assign skills
        for resource in chosen:
            if resource.kind == kind:
                build[kind](resource, converter, seed)
    return seed
