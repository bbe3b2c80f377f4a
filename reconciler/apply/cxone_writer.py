"""Writing planned changes to NICE CXone: skills with their dialer blocks, DNC groups, campaigns, dispositions.

CXone has no versions or ETags (last writer wins). So every update first re-reads the object the way
the plan assembled it (a skill with its parameter blocks, a DNC group with its skills and records, a
campaign with its skills) and refuses a managed field someone changed since the plan
(reconciler.apply.overlay). Then only what differs is written, each part by its own request: the
skill's own fields by PUT /skills/{id} {"skill": ...}, each parameter block by its own PUT, a group's
description and active flag by a PUT with query parameters, memberships and records by POST/DELETE of
the difference, a campaign's skills by POST (joining) and DELETE with a transfer to another
campaign (leaving: a CXone skill always belongs to a campaign), and a disposition by a PUT of its whole
writable body. A skill's dispositions are one of its own fields (the skill PUT's `dispositions` list). Every body is the fresh one with the
managed fields laid over it (reconciler.apply.cxone_bodies), so a field the manifest does not declare
keeps its live value.

Creates: a skill goes through the batch POST /skills (a 200 may carry a per-item failure, and no
skillId: the new id is looked up by name), created not running; apply never starts a new skill. A
running skill refuses PUT /skills/{id} (409): its plan stops it, updates it and starts it again, which
apply runs only with --allow-restart (reconciler.apply.run.gate). A POST whose answer was lost re-lists by name before it is
sent again. Deletes are deactivations (isActive false) of skills, DNC groups, campaigns and dispositions: CXone
cannot delete a skill, and most of its deletes only deactivate (outboundani/cxone-mcp; the Admin API has no skill DELETE), so the
object stays, inactive, under its name. A replace (a changed outbound_strategy) is refused with the
steps to take by hand: the old skill can neither be deleted nor give up its name through apply.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from pydantic import BaseModel

from reconciler.apply import cxone_bodies as bodies
from reconciler.apply.cxone_bodies import BLOCK_PATHS, GROUP_QUERY, MEMBERSHIPS, PERSONAL_CONNECTION, Body
from reconciler.apply.overlay import refuse_stale, without_ignored
from reconciler.apply.work import ApplySettings, Work, Written, once_readable
from reconciler.diff import scoped_diff, top_field
from reconciler.exceptions import OutcomeUnknown, PlatformError, RequestFailed
from reconciler.manifest.kinds import KINDS as MANIFEST_KINDS
from reconciler.plan.annotations import ignored_fields
from reconciler.plan.filled_in import filled_in
from reconciler.plan.models import Step
from reconciler.plan.planner import rename_of
from reconciler.providers.cxone.assemble import group_bodies, skill_bodies
from reconciler.providers.cxone.kinds import DNC_GROUP_PARTS, KINDS, SET_LIKE, Listing
from reconciler.providers.cxone.records import record_body
from reconciler.providers.http import ApiClient
from reconciler.providers.paging import cxone_list
from reconciler.state.convert import Converter
from reconciler.state.names import NameIndex
from reconciler.state.objects import DesiredObject

log = logging.getLogger(__name__)

PLATFORM = "cxone"
RECORD_BATCH = 4500
"""DNC records per request: the Admin API answers 400 "Maximum of 4,500 records per upload exceeded"
past it (POST and DELETE /dnc-groups/{groupId}/records)."""
CAMPAIGN_SKILLS = Listing("/campaigns/{id}/skills", ("skills",), id_field="skillId", name_field="skillName")

RUN_STEPS = (Step.STOP, Step.START)
"""A running skill's own fields are edited between a stop and a start (reconciler.plan.steps)."""

PartWriter = Callable[[str, Body, Body, set[str]], Awaitable[None]]
"""(object id, fresh assembled body, managed API body, API names of the fields that differ)."""


def _model(kind: str) -> type[BaseModel]:
    return MANIFEST_KINDS[(PLATFORM, kind)].spec


def _alias(kind: str, field: str) -> str:
    return _model(kind).model_fields[field].serialization_alias or field


def _required(work: Work) -> DesiredObject:
    if work.desired is None:
        raise PlatformError(f"{work.change.address}: no manifest declares this object")
    return work.desired


class CxoneWriter:
    """Runs a change's steps against one CXone business unit.

    `desired` is taken for symmetry with GenesysWriter: CXone replaces are refused, so nothing is
    ever repointed at a new object.
    """

    def __init__(
        self,
        client: ApiClient,
        *,
        index: NameIndex,
        desired: Mapping[str, DesiredObject],
        settings: ApplySettings | None = None,
    ) -> None:
        self.client = client
        self.index = index
        self.desired = desired
        self.settings = settings or ApplySettings()
        self.converter = Converter(platform=PLATFORM, index=index)
        self.parts: dict[str, PartWriter] = {
            "Skill": self._write_skill,
            "DncGroup": self._write_group,
            "Campaign": self._write_campaign,
            "Disposition": self._write_disposition,
        }

    # --- entry point -----------------------------------------------------------------------------
    async def apply(self, work: Work) -> Written:
        change = work.change
        if change.kind not in KINDS:
            raise PlatformError(f"{change.address}: apply cannot write CXone {change.kind} objects")
        if Step.CREATE in change.steps and work.live is not None:
            raise PlatformError(bodies.replace_refused(work))
        platform_id = change.platform_id
        stopped = False
        for step in change.steps:
            if step == Step.CREATE:
                platform_id = await self._create(work)
                continue
            if step not in (Step.UPDATE, Step.DELETE, *RUN_STEPS) or (
                step in RUN_STEPS and change.kind != "Skill"
            ):
                raise PlatformError(f"{change.address}: CXone {change.kind} objects have no '{step}' step")
            if platform_id is None:
                raise PlatformError(f"{change.address}: the plan carries no live id to {step}")
            if step in RUN_STEPS:
                await self._run_step(work, platform_id, step)
                stopped = step == Step.STOP
            elif step == Step.UPDATE:
                await self._update_restarting(
                    work, platform_id, restart=stopped and Step.START in change.steps
                )
            else:
                await self._deactivate(change.kind, platform_id)
        return Written(platform_id=platform_id)

    # --- running skills --------------------------------------------------------------------------
    async def _run_step(self, work: Work, skill_id: str, step: Step) -> None:
        """POST /skills/{id}/stop or /start (202). A skill declared inactive is not started again."""
        if step == Step.START and work.desired is not None and work.desired.essence.get("is_active") is False:
            log.info("%s: left stopped, it is declared inactive", work.change.address)
            return
        await self.client.request("POST", f"{KINDS['Skill'].path}/{skill_id}/{step}")

    async def _update_restarting(self, work: Work, skill_id: str, *, restart: bool) -> None:
        """The update; if it fails on a skill apply stopped, start the skill again before failing."""
        try:
            await self._update(work, skill_id, check_stale=True)
        except Exception:
            if restart:
                log.warning("%s: the update failed; starting the skill again", work.change.address)
                await self._run_step(work, skill_id, Step.START)
            raise

    async def _put_skill(self, path: str, body: Body) -> None:
        """PUT /skills/{id}; a 409 means the skill runs (it was started after the plan): say what to do."""
        try:
            await self.client.request("PUT", path, json=body)
        except RequestFailed as exc:
            if exc.status != 409:
                raise
            raise PlatformError(
                f"PUT {path}: CXone refuses to update a running skill (409). It was not running when "
                "planned: plan again (the plan then stops, edits and starts it) and apply with "
                "--allow-restart, or stop the skill yourself. Nothing was changed on this skill."
            ) from None

    # --- reads -----------------------------------------------------------------------------------
    async def _read(self, path: str) -> Body | None:
        response = await self.client.request("GET", path, allow=(404,))
        body = None if response.status_code == 404 else bodies.answer_of(response)
        return body if isinstance(body, dict) else None

    async def _read_existing(self, path: str) -> Body:
        """The object at `path`, waiting (bounded) for a just-written one to become readable."""
        return await once_readable(self._read, path, self.settings)

    async def _list(self, listing: Listing, path: str, params: Mapping[str, Any] | None = None) -> list[Body]:
        return await cxone_list(
            self.client, path, items=listing.items_of, total=listing.total_of, params=params
        )

    async def _fresh(self, kind: str, object_id: str) -> Body:
        """The object as the plan assembled it, read now."""
        path = f"{KINDS[kind].path}/{object_id}"
        if kind == "Skill":
            skill = await self._read_existing(path)
            if skill.get("outboundStrategy") != PERSONAL_CONNECTION:
                return skill  # only Personal Connection skills have parameter blocks
            parameters = await self._read_existing(f"{path}/parameters")
            return next(iter(skill_bodies([skill], [parameters])), skill)
        if kind == "DncGroup":
            group = bodies.one_group(await self._read_existing(path))
            parts = {
                alias: await self._list(listing, listing.path.format(id=object_id))
                for alias, listing in DNC_GROUP_PARTS.items()
            }
            return group_bodies([group], {object_id: parts})[0]
        if kind == "Disposition":
            return await self._read_existing(path)
        campaign = await self._read_existing(path)
        members = await self._list(CAMPAIGN_SKILLS, CAMPAIGN_SKILLS.path.format(id=object_id))
        return {**campaign, "skills": [member["skillId"] for member in members if "skillId" in member]}

    async def _find_id(self, kind: str, name: str) -> str | None:
        """The id of the object named `name`, waiting (bounded) for a just-created one to be listed."""
        listing = KINDS[kind]
        deadline = time.monotonic() + self.settings.visible_timeout_seconds
        while True:
            found = await self._list(listing, listing.path, params={"searchString": name})
            match = next((item for item in found if item.get(listing.name_field) == name), None)
            if match is not None and match.get(listing.id_field) is not None:
                return str(match[listing.id_field])
            if time.monotonic() >= deadline:
                return None
            await asyncio.sleep(self.settings.poll_seconds / 2)

    # --- desired side ----------------------------------------------------------------------------
    def _declared(self, obj: DesiredObject) -> dict[str, Any]:
        return without_ignored(obj.essence, ignored_fields(obj.annotations))

    def _managed(self, obj: DesiredObject, declared: Mapping[str, Any]) -> Body:
        """The API body of the declared fields; a reference to something that does not exist live fails."""
        body = self.converter.body(_model(obj.kind), dict(declared))
        for field, value in declared.items():
            sent = body.get(_alias(obj.kind, field))
            unresolved = [value] if sent is None else []
            if isinstance(value, list) and isinstance(sent, list):
                unresolved = [item for item, out in zip(value, sent, strict=False) if bodies.unresolved(out)]
            if value is not None and unresolved:
                raise PlatformError(f"{obj.address}: {field} names {unresolved}, which does not exist live")
        return body

    # --- update ----------------------------------------------------------------------------------
    async def _update(self, work: Work, object_id: str, *, check_stale: bool) -> None:
        """Re-read, refuse stale managed fields, then write the parts whose declared fields differ."""
        obj = _required(work)
        fresh = await self._fresh(obj.kind, object_id)
        now = self.converter.essence(_model(obj.kind), fresh)
        if check_stale:
            refuse_stale(work, now, set_like=SET_LIKE.get(obj.kind, frozenset()))
        if work.live is not None and rename_of(obj, work.live):
            await self._rename(obj, object_id, fresh)
            fresh = await self._fresh(obj.kind, object_id)  # the later writes start from the new name
        declared = self._declared(obj)
        differ = scoped_diff(
            declared,
            now,
            ignore=ignored_fields(obj.annotations),
            set_like=SET_LIKE.get(obj.kind, frozenset()),
            filled_in=filled_in(obj.platform, obj.kind),
        )
        changed = {_alias(obj.kind, top_field(item.path)) for item in differ}
        managed = self._managed(obj, declared) if changed else {}
        # CXone refuses record writes on an inactive group (409): records go in while it is active.
        records_first = obj.kind == "DncGroup" and managed.get("isActive") is False
        if records_first:
            await self._sync_records(object_id, work, active=fresh.get("isActive") is not False)
        if changed:
            await self.parts[obj.kind](object_id, fresh, managed, changed)
        if obj.kind == "DncGroup" and not records_first:
            stays_inactive = fresh.get("isActive") is False and "isActive" not in managed
            await self._sync_records(object_id, work, active=not stays_inactive)

    async def _rename(self, obj: DesiredObject, object_id: str, fresh: Body) -> None:
        """metadata.previous_names: every CXone kind apply writes takes its name in its own PUT (Admin API
        putSkillRequest `skillName`, PUT /dnc-groups/{id} query `dncGroupName`, PUT /campaigns/{id}
        `name`); a name another object has is refused by the platform, with its message."""
        path = f"{KINDS[obj.kind].path}/{object_id}"
        if obj.kind == "Skill":
            await self._put_skill(path, {"skill": {"skillName": obj.name}})
        elif obj.kind == "DncGroup":
            await self._put_group(object_id, fresh, {"dncGroupName": obj.name})
        else:
            await self.client.request("PUT", path, json=bodies.campaign_body(fresh, {"name": obj.name}))
        self.index.add(obj.kind, obj.name, object_id)

    async def _write_skill(self, skill_id: str, fresh: Body, managed: Body, changed: set[str]) -> None:
        path = f"{KINDS['Skill'].path}/{skill_id}"
        if bodies.skill_own_changes(managed, changed):
            await self._put_skill(path, bodies.skill_body(managed, changed))
        for block, sub_path in BLOCK_PATHS.items():
            if block in changed and block in managed:
                body = bodies.block_body(block, fresh, managed)
                await self.client.request("PUT", f"{path}/parameters/{sub_path}", json=body)

    async def _write_group(self, group_id: str, fresh: Body, managed: Body, changed: set[str]) -> None:
        own: Body = {key: managed[key] for key in GROUP_QUERY if key in changed & managed.keys()}
        if own:
            await self._put_group(group_id, fresh, own)
        for alias, sub_path in MEMBERSHIPS.items():
            if alias in changed:
                await self._sync_members(group_id, sub_path, have=fresh.get(alias), want=managed.get(alias))

    async def _put_group(self, group_id: str, fresh: Body, changes: Body) -> None:
        """PUT /dnc-groups/{id} takes query parameters, not a body (developer.niceincontact.com/API/AdminAPI)."""
        params = bodies.group_query(fresh, changes)
        await self.client.request("PUT", f"{KINDS['DncGroup'].path}/{group_id}", params=params)

    async def _sync_members(self, group_id: str, sub_path: str, *, have: Any, want: Any) -> None:
        current, wanted = {str(item) for item in have or []}, {str(item) for item in want or []}
        base = f"{KINDS['DncGroup'].path}/{group_id}/{sub_path}"
        for skill_id in sorted(wanted - current):
            await self._post_idempotent(f"{base}/{skill_id}", None)
        for skill_id in sorted(current - wanted):
            # A DELETE retried after a lost answer finds the member gone.
            await self.client.request("DELETE", f"{base}/{skill_id}", allow=(404,))

    async def _sync_records(self, group_id: str, work: Work, *, active: bool) -> None:
        """POST the planned additions and rewrites; expire (DELETE) only the planned removals (exact mode).

        Records are sent in CXone's stored form, at most 4,500 per request; a live record that no
        manifest declares is never expired because of that alone. An inactive group takes no record
        writes (409 "DncGroup is inactive, can't add records"): that is refused here with the reason."""
        numbers, obj = work.change.numbers, work.desired
        if numbers is None or obj is None or obj.numbers is None:
            return
        if not active and numbers.is_change:
            raise PlatformError(
                f"{work.change.address}: the group is inactive and stays so, and CXone refuses record "
                f'writes to an inactive DNC group (409 "DncGroup is inactive, can\'t add records"). '
                f"Set is_active: true to change its records. Nothing was written to its records."
            )
        declared = obj.numbers.items
        adding = [record_body(number, declared[number]) for number in sorted({*numbers.add, *numbers.update})]
        expiring = [record_body(number, {}) for number in numbers.remove]
        path = f"{KINDS['DncGroup'].path}/{group_id}/records"
        for method, records in (("POST", adding), ("DELETE", expiring)):
            for start in range(0, len(records), RECORD_BATCH):
                body = {"dncGroupRecords": records[start : start + RECORD_BATCH]}
                if method == "POST":
                    answer = await self._post_idempotent(path, body)
                else:
                    answer = bodies.answer_of(await self.client.request("DELETE", path, json=body))
                bodies.raise_failures(f"{method} {path}", answer)

    async def _write_campaign(self, campaign_id: str, fresh: Body, managed: Body, changed: set[str]) -> None:
        """Own fields by PUT; skills join by POST (the v33.0 answer names rejected skills in
        invalidSkills) and leave only by a transfer to the campaign their Skill manifest names, since a
        CXone skill always belongs to a campaign. Deactivation waits until no active skill is left."""
        path = f"{KINDS['Campaign'].path}/{campaign_id}"
        current, wanted = set(map(str, fresh.get("skills") or [])), set(map(str, managed.get("skills") or []))
        adding = sorted(wanted - current) if "skills" in changed else []
        removing = sorted(current - wanted) if "skills" in changed else []
        transfers = [self._transfer(campaign_id, skill_id) for skill_id in removing]
        problems: list[str] = []
        if adding:
            answer = await self._post_idempotent(f"{path}/skills", {"skills": bodies.ids(adding)})
            problems += [self._named_skills(problem) for problem in bodies.failures(answer)]
        if transfers:
            body = {"skills": transfers}
            response = await self.client.request("DELETE", f"{path}/skills", json=body, allow=(206,))
            problems += bodies.failures(bodies.answer_of(response))
        if problems:  # a retried request reports what its lost first attempt already did: look again
            members = await self._list(CAMPAIGN_SKILLS, CAMPAIGN_SKILLS.path.format(id=campaign_id))
            if {str(member.get("skillId")) for member in members} != wanted:
                raise PlatformError(f"{path}/skills: {'; '.join(problems)}")
        own = {key: value for key, value in managed.items() if key != "skills" and key in changed}
        if own.get("isActive") is False:
            await self._refuse_active_skills(campaign_id)
        if own:
            await self.client.request("PUT", path, json=bodies.campaign_body(fresh, own))

    def _named_skills(self, problem: str) -> str:
        """A failure text with the skill ids it names followed by their names."""
        for word in problem.split():
            name = self.index.name_of("Skill", word) if word.isdigit() else None
            if name is not None:
                problem = problem.replace(f"skill {word} ", f"skill {word} ('{name}') ", 1)
        return problem

    def _transfer(self, campaign_id: str, skill_id: str) -> Body:
        """The DELETE /campaigns/{id}/skills item moving `skill_id` to the campaign its manifest names."""
        name = self.index.name_of("Skill", skill_id) or skill_id
        campaign = self.index.name_of("Campaign", campaign_id) or campaign_id
        obj = self.desired.get(f"{PLATFORM}/Skill/{name}")
        target_name = obj.essence.get("campaign") if obj is not None else None
        target = self.index.id_of("Campaign", str(target_name)) if target_name else None
        if target is None or target == campaign_id:
            where = f"'{target_name}', which does not exist live" if target_name and target is None else None
            raise PlatformError(
                f"cxone/Campaign/{campaign}: skill '{name}' cannot leave the campaign: a CXone skill always "
                f"belongs to a campaign, so removing it is a transfer, and its Skill manifest "
                f"{'names ' + where if where else 'does not name another campaign'}. Set spec.campaign of "
                f"skill '{name}' to the campaign it moves to, or keep it in this campaign's skills. "
                f"Nothing was changed."
            )
        [skill, to] = bodies.ids([skill_id, target])
        return {"skillId": skill, "transferCampaignId": to}

    async def _refuse_active_skills(self, campaign_id: str) -> None:
        """CXone refuses (409) to make a campaign with active skills inactive: say which and what to do."""
        skills = await self._list(KINDS["Skill"], KINDS["Skill"].path, params={"isActive": "true"})
        active = sorted(
            str(skill.get("skillName"))
            for skill in skills
            if str(skill.get("campaignId")) == campaign_id and skill.get("isActive") is not False
        )
        if active:
            campaign = self.index.name_of("Campaign", campaign_id) or campaign_id
            raise PlatformError(
                f"cxone/Campaign/{campaign} cannot be made inactive while it has active skills "
                f'({", ".join(active)}): CXone answers 409 "Cannot make a Campaign with active skills '
                f'inactive". Move them to another campaign (spec.campaign of each Skill) or deactivate '
                f"them first, then apply again."
            )

    async def _write_disposition(
        self, disposition_id: str, fresh: Body, managed: Body, changed: set[str]
    ) -> None:
        """PUT /dispositions/{id} with the whole writable body: the fresh one with the changes over it."""
        changes = {key: value for key, value in managed.items() if key in changed}
        path = f"{KINDS['Disposition'].path}/{disposition_id}"
        await self.client.request("PUT", path, json=bodies.disposition_body(fresh, changes))

    async def _post_idempotent(self, path: str, body: Body | None) -> Any:
        """POST an addition that is harmless to repeat: a lost answer is simply sent again."""
        try:
            response = await self.client.request("POST", path, json=body)
        except OutcomeUnknown:
            log.debug("%s: answer lost, sending the addition again", path)
            response = await self.client.request("POST", path, json=body)
        return bodies.answer_of(response)

    # --- create ----------------------------------------------------------------------------------
    async def _create(self, work: Work) -> str:
        """POST the object once, learn its id, then write the rest (blocks, memberships, records)."""
        obj = _required(work)
        managed = self._managed(obj, self._declared(obj))
        new_id = await self._post_once(obj, bodies.create_body(obj.kind, obj.name, managed))
        self.index.add(obj.kind, obj.name, new_id)
        await self._update(work, new_id, check_stale=False)
        return new_id

    async def _post_once(self, obj: DesiredObject, body: Body) -> str:
        """POST a new object; if the answer was lost, look for it by name before sending again."""
        listing = KINDS[obj.kind]
        try:
            response = await self.client.request("POST", listing.path, json=body)
        except OutcomeUnknown:
            found = await self._find_id(obj.kind, obj.name)
            if found is not None:
                log.info("%s was created before the connection dropped", obj.address)
                return found
            response = await self.client.request("POST", listing.path, json=body)
        answer = bodies.answer_of(response)
        bodies.raise_failures(f"{obj.address}: POST {listing.path}", answer)
        new_id = bodies.created_id(listing, answer) or await self._find_id(obj.kind, obj.name)
        if new_id is None:
            raise PlatformError(
                f"{obj.address}: POST {listing.path} succeeded but the new object is not listed"
            )
        return new_id

    # --- delete ----------------------------------------------------------------------------------
    async def _deactivate(self, kind: str, object_id: str) -> None:
        """CXone cannot delete these objects: set isActive false (an absent or inactive one is done)."""
        path = f"{KINDS[kind].path}/{object_id}"
        found = await self._read(path)
        fresh = bodies.one_group(found) if found is not None and kind == "DncGroup" else found
        if fresh is None or fresh.get("isActive") is False:
            return
        if kind == "Skill":
            await self._put_skill(path, {"skill": {"isActive": False}})
        elif kind == "DncGroup":
            await self._put_group(object_id, fresh, {"isActive": False})
        elif kind == "Disposition":
            await self.client.request("PUT", path, json=bodies.disposition_body(fresh, {"isActive": False}))
        else:
            await self._refuse_active_skills(object_id)
            await self.client.request("PUT", path, json=bodies.campaign_body(fresh, {"isActive": False}))
