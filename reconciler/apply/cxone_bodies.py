"""What CXone apply sends and how it reads the answers (pure: no I/O), for reconciler.apply.cxone_writer.

CXone spreads one manifest object over several resources and writes each with its own body shape
(developer.niceincontact.com/API/AdminAPI): a skill's own fields, one wrapped body per parameter block, a DNC group's query
parameters, batches of records. Every body starts from the fresh live one with the managed fields
laid over it (reconciler.apply.overlay). Batch answers are 200 even when items fail (developer.niceincontact.com/API/AdminAPI).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from reconciler.apply.cxone_block_fields import put_fields
from reconciler.apply.overlay import overlay
from reconciler.apply.work import Work
from reconciler.exceptions import PlatformError
from reconciler.providers.cxone.aggregate import active_zones
from reconciler.providers.cxone.kinds import Listing

Body = dict[str, Any]

PERSONAL_CONNECTION = "Personal Connection"
PHONE_MEDIA_TYPE = 4
BLOCK_PATHS = {
    "generalSettings": "general-settings",
    "retrySettings": "retry-settings",
    "scheduleSettings": "schedule-settings",
    "timeZoneSettings": "time-zones",
    "cpaSettings": "cpa-management",
    "deliveryPreferences": "delivery-preferences",
}
"""The Skill manifest's parameter blocks and the sub-path of /skills/{id}/parameters each is PUT to."""
SHARED_FIELDS = ("maximumAttempts", "minimumRetryMinutes")
TWIN_BLOCKS = {"generalSettings": "retrySettings", "retrySettings": "generalSettings"}
"""General and retry settings share two fields: writing one block writes them in both (CXone help, Personal Connection skill General Settings)."""
CREATE_ONLY = frozenset({"outboundStrategy"})
"""Skill fields sent only by POST /skills: the PUT body has no outboundStrategy (developer.niceincontact.com/API/AdminAPI)."""
CAMPAIGN_READ_ONLY = frozenset({"id", "lastUpdateTime", "businessUnitId", "skills"})
GROUP_QUERY = ("dncGroupDescription", "isActive")
"""A DNC group's own managed fields, written as query parameters of PUT /dnc-groups/{id}."""
DISPOSITION_WRITABLE = ("dispositionName", "classificationId", "isPreviewDisposition", "isActive", "notes")
"""The body of PUT /dispositions/{id} in the v33 client (calljacob/nice-cxone-api putDispositionsId); the
2022 Admin API text passes the first four as query parameters instead (an open question, docs/emulator.md)."""
MEMBERSHIPS = {"scrubbedSkills": "scrubbed-skills", "contributingSkills": "contributing-skills"}
"""A DNC group's skill lists and the sub-path each member is POSTed to and DELETEd from."""


def create_body(kind: str, name: str, managed: Body) -> Body:
    """The POST body of a new object: what its create accepts; the rest is written afterwards."""
    if kind == "Skill":
        own = {key: value for key, value in managed.items() if key not in BLOCK_PATHS}
        item = {"skillName": name, "mediaTypeId": PHONE_MEDIA_TYPE, "isOutbound": True}
        return {"skills": [{**item, "outboundStrategy": PERSONAL_CONNECTION, **own}]}
    if kind == "DncGroup":
        description = managed.get("dncGroupDescription")
        return {"dncGroupName": name, **({"dncGroupDescription": description} if description else {})}
    if kind == "Disposition":
        return {"dispositions": [disposition_item(name, managed)]}
    return {"name": name, **{key: value for key, value in managed.items() if key != "skills"}}


def disposition_item(name: str, managed: Body) -> Body:
    """One item of the batch POST /dispositions: its three fields are required (postdispositionsRequest);
    a classification left out is sent as null, which CXone takes as its default (1). Notes and the active
    flag are not in the create body: the update that follows the create writes them."""
    return {
        "dispositionName": name,
        "isPreviewDisposition": bool(managed.get("isPreviewDisposition", False)),
        "classificationId": managed.get("classificationId"),
    }


def disposition_body(fresh: Body, changes: Body) -> Body:
    """PUT /dispositions/{id}: every writable field, from the fresh disposition with `changes` over it
    (the read may type classificationId as text: it is sent as the integer the PUT takes)."""
    body = overlay({key: fresh[key] for key in DISPOSITION_WRITABLE if fresh.get(key) is not None}, changes)
    classification = body.get("classificationId")
    if isinstance(classification, str) and classification.isdigit():
        body["classificationId"] = int(classification)
    return body


def unresolved(sent: Any) -> bool:
    """A reference the converter could not turn into an id: a null id, alone or in a list item."""
    return sent is None or (isinstance(sent, dict) and None in sent.values())


def skill_own_changes(managed: Body, changed: set[str]) -> Body:
    """The skill's own fields that differ, by API name (blocks and create-only fields left out)."""
    return {
        key: value
        for key, value in managed.items()
        if key in changed and key not in BLOCK_PATHS and key not in CREATE_ONLY
    }


def skill_body(managed: Body, changed: set[str]) -> Body:
    """PUT /skills/{id}: only the declared fields that differ, never an echo of the GET.

    The PUT schema (putSkillRequest) has `additionalProperties: false` and types differently from GET
    (screenPopTriggerEvent is an integer there, a string in GET): echoing a GET body is refused. Only
    changed fields are sent, as the public PSInContact module does (WodongaTAFE/PSInContact
    Set-ICSkill.ps1); every manifest field is a PUT field (developer.niceincontact.com Admin API
    "Skills", calljacob/nice-cxone-api putSkillsId)."""
    return {"skill": skill_own_changes(managed, changed)}


def block_body(block: str, fresh: Body, managed: Body) -> Body:
    """PUT /skills/{id}/parameters/...: the managed block laid over the fresh one, keeping only what the
    block's PUT takes, typed as it takes it (cxone_block_fields). Time-zone windows go as the whole list
    of active zones (the PUT deactivates every zone it does not list), each laid over the live window of
    the same zone."""
    want, current = managed[block], fresh.get(block)
    if block == "timeZoneSettings":
        live = {zone.get("standardName"): zone for zone in current or [] if isinstance(zone, dict)}
        merged = [overlay(live.get(zone.get("standardName"), {}), zone) for zone in active_zones(want)]
        return {block: [put_fields(block, zone) for zone in merged]}
    base = dict(current) if isinstance(current, Mapping) else {}
    twin = managed.get(TWIN_BLOCKS.get(block, ""))
    if isinstance(twin, Mapping):  # never undo what the twin block declares for a shared field
        base.update({name: twin[name] for name in SHARED_FIELDS if name in twin and name not in want})
    return {block: put_fields(block, overlay(base, want))}


def campaign_body(fresh: Body, changes: Body) -> Body:
    """PUT /campaigns/{id}: the fresh campaign (name included, the API requires it) with `changes`."""
    return overlay({key: value for key, value in fresh.items() if key not in CAMPAIGN_READ_ONLY}, changes)


def group_query(fresh: Body, changes: Body) -> Body:
    """PUT /dnc-groups/{id} query parameters: the fresh name, description and flag with `changes`."""
    current = {key: fresh[key] for key in ("dncGroupName", *GROUP_QUERY) if fresh.get(key) is not None}
    return overlay(current, changes)


def ids(values: list[str]) -> list[Any]:
    """Ids as the API writes them: integers."""
    return [int(value) if value.isdigit() else value for value in values]


def answer_of(response: httpx.Response) -> Any:
    try:
        return response.json() if response.content else None
    except ValueError:
        return None


def failures(answer: Any) -> list[str]:
    """The per-item errors of a batch answer: 200 (or 206) with errorCount and a result per item
    (`recordResults`, `skillsResults`, `results`...), or the v33.0 campaign assign answer, whose
    `invalidSkills` lists the skills that were not assigned."""
    if not isinstance(answer, dict):
        return []
    results = answer["resultSet"] if isinstance(answer.get("resultSet"), dict) else answer
    found = [
        str(item.get("error") or "failed")
        for key, value in results.items()
        if key.lower().endswith("results") and isinstance(value, list)
        for item in value
        if isinstance(item, dict) and item.get("success") is False
    ]
    found += [f"skill {skill_id} was not assigned (invalidSkills)" for skill_id in rejected_skills(answer)]
    if not found and results.get("errorCount"):
        found.append(f"{results['errorCount']} item(s) failed")
    return found


def rejected_skills(answer: Any) -> list[str]:
    """The ids in a v33.0 POST /campaigns/{id}/skills answer's `invalidSkills`."""
    rejected = answer.get("invalidSkills") if isinstance(answer, dict) else None
    return [str(skill_id) for skill_id in rejected] if isinstance(rejected, list) else []


def raise_failures(what: str, answer: Any) -> None:
    problems = failures(answer)
    if problems:
        raise PlatformError(f"{what} was refused: {'; '.join(problems)}")


def created_id(listing: Listing, answer: Any) -> str | None:
    """The new object's id in a create answer ({"id"}, {"dncGroups": [...]}, {"skillsResults": [...]})."""
    if not isinstance(answer, dict):
        return None
    candidates = [answer, *(value[0] for value in answer.values() if isinstance(value, list) and value)]
    for item in candidates:
        for key in (listing.id_field, "id"):
            if isinstance(item, dict) and item.get(key) is not None:
                return str(item[key])
    return None


def one_group(answer: Body) -> Body:
    """GET /dnc-groups/{id} answers {"resultSet": {"dncGroups": [group]}}; a bare group is accepted too."""
    result_set = answer.get("resultSet")
    groups = result_set.get("dncGroups") if isinstance(result_set, dict) else None
    return groups[0] if isinstance(groups, list) and groups and isinstance(groups[0], dict) else answer


def replace_refused(work: Work) -> str:
    """What to do by hand: CXone can neither delete the old skill nor create a second one of its name."""
    change, obj, live_object = work.change, work.desired, work.live
    live = live_object.essence.get("outbound_strategy") if live_object is not None else None
    declared = obj.essence.get("outbound_strategy") if obj is not None else None
    where = f" in {obj.source.file}:{obj.source.line}" if obj is not None else ""
    reason = change.action_reason or "a field fixed at creation changed"
    return (
        f"{change.address} needs a replace ({reason}: live '{live}', declared '{declared}'), which apply "
        f"cannot do on CXone: a {change.kind} cannot be deleted, and a new one cannot take the name "
        f"'{change.name}' while the old one has it. Nothing was changed. To replace it by hand: in CXone, "
        f"open the app selector > ACD > Contact Settings > ACD Skills, open '{change.name}' (id "
        f"{change.platform_id}), stop it if it is running, click Edit on its Details tab, rename it (for "
        f"example to '{change.name}-retired'), deactivate it and save; then run apply again: it creates "
        f"'{change.name}' as declared and adds it to its campaign and DNC groups. To keep the live skill "
        f"instead, set outbound_strategy back to '{live}'{where}."
    )
