"""From raw CXone listings to manifest-shaped live objects (pure: no I/O).

A CXone object is spread over several resources; each is assembled into one body under the manifest
model's aliases before conversion: a skill with its parameter blocks, a DNC group with its scrubbed
and contributing skill ids and its records, a campaign with the ids of the skills assigned to it.
References are bare ids, which the converter turns into names through the snapshot's NameIndex.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reconciler.kinds.cxone.skill import RUNNING
from reconciler.manifest.kinds import KINDS as MANIFEST_KINDS
from reconciler.phones import from_stored
from reconciler.providers.cxone.aggregate import per_block_shape
from reconciler.providers.cxone.kinds import KINDS, LOOKUPS, PARAMETER_BLOCKS, PARAMETERS, Listing
from reconciler.state.convert import Converter
from reconciler.state.names import NameIndex
from reconciler.state.objects import LiveObject, live_object

PLATFORM = "cxone"

Body = dict[str, Any]


@dataclass
class CxoneSnapshot:
    """Assembled bodies per managed kind, and the name index of every listed object."""

    bodies: dict[str, list[Body]] = field(default_factory=dict)
    index: NameIndex = field(default_factory=NameIndex)


def name_index(listed: Mapping[str, list[Body]]) -> NameIndex:
    """Names and ids of every listed kind; a lookup that was listed is known even when empty."""
    index = NameIndex()
    tables: dict[str, Listing] = {**KINDS, **LOOKUPS}
    for kind, items in listed.items():
        listing = tables[kind]
        index.ids.setdefault(kind, {})
        for item in items:
            if item.get(listing.id_field) is not None:
                index.add(kind, str(item.get(listing.name_field, "")), item[listing.id_field])
    return index


def skill_bodies(skills: Iterable[Body], parameters: Iterable[Body]) -> list[Body]:
    """Outbound skills, each merged with its parameter blocks in their per-block shape (aggregate.py);
    inbound skills are not managed."""
    # The bulk answer names its skill skillNo (emulator, CJ); skillId is accepted too (unconfirmed).
    blocks_by_skill = {
        str(item.get(PARAMETERS.id_field, item.get("skillId"))): per_block_shape(item) for item in parameters
    }
    bodies = []
    for skill in skills:
        if not skill.get("isOutbound"):
            continue
        blocks = blocks_by_skill.get(str(skill.get("skillId")), {})
        bodies.append({**skill, **{block: blocks[block] for block in PARAMETER_BLOCKS if block in blocks}})
    return bodies


def campaign_bodies(campaigns: Iterable[Body], skills: Iterable[Body]) -> list[Body]:
    """Campaigns with `skills`: the ids of the skills whose campaignId is the campaign."""
    members: dict[str, list[Any]] = {}
    for skill in skills:
        if skill.get("campaignId") is not None:
            members.setdefault(str(skill["campaignId"]), []).append(skill["skillId"])
    return [{**campaign, "skills": members.get(str(campaign.get("id")), [])} for campaign in campaigns]


def group_bodies(groups: Iterable[Body], parts: Mapping[str, Mapping[str, list[Body]]]) -> list[Body]:
    """DNC groups with scrubbedSkills / contributingSkills (skill ids) and dncGroupRecords."""
    bodies = []
    for group in groups:
        found = parts.get(str(group.get("dncGroupId")), {})
        body = dict(group)
        for alias in ("scrubbedSkills", "contributingSkills"):
            body[alias] = [member["skillId"] for member in found.get(alias, []) if "skillId" in member]
        body["dncGroupRecords"] = list(found.get("dncGroupRecords", []))
        bodies.append(body)
    return bodies


def live_objects(snapshot: CxoneSnapshot) -> list[LiveObject]:
    """Every assembled object as a LiveObject. CXone has no versions: the fingerprint stands in."""
    converter = Converter(platform=PLATFORM, index=snapshot.index)
    objects = []
    for kind, bodies in snapshot.bodies.items():
        listing = KINDS[kind]
        model = MANIFEST_KINDS[(PLATFORM, kind)].spec
        for body in bodies:
            name = str(body.get(listing.name_field, ""))
            objects.append(
                live_object(
                    platform=PLATFORM,
                    kind=kind,
                    name=name,
                    platform_id=str(body.get(listing.id_field, "")),
                    essence=_numbers_in_e164(converter.essence(model, body)),
                    body=body,
                    status=_status(body),
                )
            )
    return objects


def _status(body: Body) -> str | None:
    """inactive (a deactivated object), running (a started skill: its own fields are locked), else None."""
    if body.get("isActive") is False:
        return "inactive"
    return RUNNING if body.get("isRunning") is True else None


def _numbers_in_e164(essence: dict[str, Any]) -> dict[str, Any]:
    """DNC records read back from CXone's stored digits to E.164, the form manifests write."""
    records = essence.get("records")
    if isinstance(records, list):
        essence["records"] = [
            {**record, "phone_number": from_stored(record.get("phone_number", ""), platform=PLATFORM)}
            if isinstance(record, dict)
            else record
            for record in records
        ]
    return essence
