"""Writing planned changes to Genesys Cloud: the plan's steps, each a versioned request (Platform API, purecloudplatformclientv2).

Every write re-reads the object and overlays the managed fields onto the fresh body with the fresh
`version` (reconciler.apply.overlay); a 409 wrong-version answer re-reads and tries again, boundedly.
Run states follow the platform's rules: campaigns, sequences and campaign rules are created off and
switched on by a status-only PUT afterwards; a stop waits (bounded) until the campaign has left
`stopping`. A replace renames the old object (names are unique), creates the new one, repoints the
declared dependents at it, then deletes the old one; an old object a crash left renamed aside is
finished the same way on the next run (reconciler.plan.leftovers). The org singletons are written in
place: settings by PATCH (asynchronous on the platform, so apply waits until a read shows the change),
wrap-up mappings by PUT. Internal DNC list numbers are added by PATCH, in E.164; numbers are removed only
where the plan removes them (exact mode, reviewed and gated), never because a live number is undeclared.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from reconciler.apply.disabled_for_edit import disabled_for_edit, reenable_after
from reconciler.apply.overlay import overlay, references, refuse_stale, repointed, without_ignored
from reconciler.apply.removals import without_removed
from reconciler.apply.work import ApplySettings, Work, Written, once_readable
from reconciler.exceptions import OutcomeUnknown, PlatformError, ReconcilerError, RequestFailed
from reconciler.manifest.kinds import KINDS as MANIFEST_KINDS
from reconciler.phones import stored_form
from reconciler.plan.annotations import ignored_fields
from reconciler.plan.filled_in import filled_in
from reconciler.plan.leftovers import aside_name, replaced_by
from reconciler.plan.models import REPLACE, ResourceChange, Step
from reconciler.plan.planner import declared_diff, rename_of
from reconciler.plan.steps import RunState, run_state
from reconciler.providers.bodies import json_of
from reconciler.providers.genesys.kinds import KINDS, GenesysKind, without_read_only
from reconciler.providers.http import ApiClient
from reconciler.providers.paging import genesys_list
from reconciler.state.convert import Converter
from reconciler.state.names import NameIndex
from reconciler.state.objects import DesiredObject, live_object

log = logging.getLogger(__name__)

PLATFORM = "genesys"
DNC_BATCH = 1000

Body = dict[str, Any]


@dataclass
class _Target:
    """The object a step acts on: the new one until a replace has repointed, the old one after."""

    path: str
    old_path: str | None = None
    version: int | None = None
    platform_id: str | None = None
    planned: Body | None = None
    """The body the plan read: the first write overlays onto it (its version guards it), saving a GET."""
    written: Body | None = None
    """What the last write answered: the object as stored."""


def _model(kind: str) -> type[BaseModel]:
    return MANIFEST_KINDS[(PLATFORM, kind)].spec


def _wrong_version(exc: RequestFailed) -> bool:
    return exc.status == 409 and (exc.code == "invalid.update.wrong.version" or "version" in str(exc).lower())


def _in_use(exc: RequestFailed) -> bool:
    return exc.status in (400, 409) and bool(exc.code) and str(exc.code).endswith("in.use")


class GenesysWriter:
    def __init__(
        self,
        client: ApiClient,
        *,
        index: NameIndex,
        desired: Mapping[str, DesiredObject],
        set_like: Mapping[str, frozenset[str]],
        settings: ApplySettings | None = None,
        planned: Mapping[str, ResourceChange] | None = None,
    ) -> None:
        self.client = client
        self.index = index
        self.desired = desired
        self.set_like = set_like
        self.settings = settings or ApplySettings()
        self.converter = Converter(platform=PLATFORM, index=index)
        self.planned = planned or {}
        """The plan's change per address: a dependent a repoint rewrites is checked against its view."""
        self.moved: dict[str, str] = {}
        """Old id -> new id of each object this apply replaced: a reference to either is expected."""
        self.retired: set[str] = set()
        """Addresses whose old copy was deleted while an object they name was replaced (_retire)."""

    # --- entry point -----------------------------------------------------------------------------
    async def apply(self, work: Work) -> Written:
        spec = KINDS[work.change.kind]
        planned = work.live.body if work.live is not None else None
        target = _Target(path=self._path_of(spec, work), platform_id=work.change.platform_id, planned=planned)
        handlers: dict[Step, Callable[[Work, GenesysKind, _Target], Awaitable[None]]] = {
            Step.CREATE: self._create,
            Step.UPDATE: self._update,
            Step.START: self._turn_on,
            Step.ENABLE: self._turn_on,
            Step.STOP: self._turn_off,
            Step.DISABLE: self._turn_off,
            Step.REPOINT: self._repoint,
            Step.DELETE: self._delete,
        }
        done: list[Step] = []
        for step in work.change.steps:
            try:
                await handlers[step](work, spec, target)
            except ReconcilerError as exc:
                if not disabled_for_edit(spec.kind, steps=work.change.steps, done=done):
                    raise
                raise await reenable_after(
                    exc, address=work.change.address, reenable=lambda: self._turn_on(work, spec, target)
                ) from exc
            done.append(step)
        if work.desired is not None and Step.DELETE not in work.change.steps:
            await self._verify(work.desired, spec, target)
        return Written(platform_id=target.platform_id, version=target.version)

    async def _verify(self, obj: DesiredObject, spec: GenesysKind, target: _Target) -> None:
        """Check the stored object shows every declared field: the last write's answer when it carries the
        object, else reads until they do (reads may lag behind writes)."""
        deadline = time.monotonic() + self.settings.visible_timeout_seconds
        set_like = self.set_like.get(obj.kind, frozenset())
        known = target.written
        while True:
            body = known if known is not None else await self._read_existing(target.path)
            known = None
            status = body.get(spec.status_field) if spec.status_field else None
            live = live_object(
                platform=PLATFORM,
                kind=obj.kind,
                name=obj.name,
                platform_id=str(body.get("id", "")),
                essence=self.converter.essence(_model(obj.kind), body),
                body=body,
                status=None if status is None else str(status).lower(),
            )
            differing = declared_diff(obj, live, set_like)
            if not differing:
                return
            if time.monotonic() >= deadline:
                shown = ", ".join(change.path for change in differing)
                raise PlatformError(
                    f"{obj.address}: written, but reads still show other values for {shown} after "
                    f"{self.settings.visible_timeout_seconds:g} s"
                )
            await asyncio.sleep(self.settings.poll_seconds / 4)

    # --- paths -----------------------------------------------------------------------------------
    def _path_of(self, spec: GenesysKind, work: Work) -> str:
        if spec.listing == "singleton":
            return spec.path
        if spec.owner is not None:
            source = (
                work.desired.essence if work.desired is not None else (work.live.essence if work.live else {})
            )
            owner_name = str(source.get(spec.owner, ""))
            owner_id = self.index.id_of(str(spec.owner_kind), owner_name)
            if owner_id is None:
                raise PlatformError(f"{work.change.address}: {spec.owner} '{owner_name}' does not exist live")
            return f"{spec.path}/{owner_id}"
        if work.change.platform_id:
            return f"{spec.path}/{work.change.platform_id}"
        return spec.path  # a create: the item path is known once the POST answers

    # --- reads and versioned writes --------------------------------------------------------------
    async def _read(self, path: str) -> Body | None:
        response = await self.client.request("GET", path, allow=(404,))
        if response.status_code == 404:
            return None
        body = json_of(response)
        return body if isinstance(body, dict) else None

    async def _read_existing(self, path: str) -> Body:
        """The object at `path`, waiting (bounded) for a just-written one to become readable."""
        return await once_readable(self._read, path, self.settings)

    async def _put_versioned(
        self,
        target: _Target,
        path: str,
        mutate: Callable[[Body], Body | None],
        *,
        spec: GenesysKind,
        may_be_absent: bool = False,
        method: str = "PUT",
    ) -> None:
        """GET, mutate the fresh body, send it with the fresh version; 409 wrong-version tries again.

        `method` PATCH sends only what `mutate` returns (the org settings take a partial body); a PUT
        leaves out the read-only fields the fresh body carries (id, selfUri, dates)."""
        for attempt in range(self.settings.version_retries + 1):
            if attempt == 0 and target.planned is not None and path == target.path:
                fresh: Body | None = target.planned  # the plan's read; a stale version answers 409
            else:
                fresh = await (self._read(path) if may_be_absent else self._read_existing(path))
            target.planned = None  # only the first write of a change may rely on the plan's read
            body = mutate(fresh or {})
            if body is None:
                return
            if method == "PUT":
                body = without_read_only(body)
            if fresh is not None and "version" in fresh:
                body["version"] = fresh["version"]
            try:
                response = await self.client.request(method, path, json=body, params=spec.write_params(body))
            except RequestFailed as exc:
                if _wrong_version(exc) and attempt < self.settings.version_retries:
                    log.debug("%s: version moved, reading again", path)
                    await asyncio.sleep(self.settings.poll_seconds / 4 * (attempt + 1))
                    continue
                raise
            self._remember(target, response)
            return

    def _remember(self, target: _Target, response: Any) -> None:
        try:
            answered = response.json() if response.content else None
        except ValueError:
            answered = None
        target.written = answered if isinstance(answered, dict) and answered.get("id") else None
        if isinstance(answered, dict) and isinstance(answered.get("version"), int):
            target.version = answered["version"]

    def _managed(self, obj: DesiredObject, *, leave_out: frozenset[str] = frozenset()) -> Body:
        """The API body of the declared fields, minus the run state (steps switch it), ignored paths and
        the fields `leave_out`."""
        essence = without_ignored(obj.essence, ignored_fields(obj.annotations))
        for name in leave_out:
            essence.pop(name, None)
        state = run_state(PLATFORM, obj.kind)
        if state is not None:
            essence.pop(state.field, None)
        return self.converter.body(_model(obj.kind), essence)

    def _check_stale(self, work: Work, fresh: Body) -> None:
        if work.desired is None:
            return
        state = run_state(PLATFORM, work.desired.kind)
        refuse_stale(
            work,
            self.converter.essence(_model(work.desired.kind), repointed(fresh, self.moved)),
            set_like=self.set_like.get(work.desired.kind, frozenset()),
            skip=frozenset({state.field}) if state else frozenset(),
        )

    # --- steps -----------------------------------------------------------------------------------
    async def _create(self, work: Work, spec: GenesysKind, target: _Target) -> None:
        obj = _required(work)
        if spec.owner is not None and work.live is not None and work.change.platform_id:
            target.old_path = f"{spec.path}/{work.change.platform_id}"  # the old owner's (a replace)
        if spec.listing == "singleton" or spec.owner is not None:
            await self._update(work, spec, target)
            return
        if work.live is not None:  # a replace: the new object needs the name
            await self._rename_old(work, spec, target)
        body = self._managed(obj)
        body["name"] = obj.name
        state = run_state(PLATFORM, obj.kind)
        if state is not None and spec.status_field:
            body[spec.status_field] = state.off
        created = await self._post_once(spec, obj.name, body)
        new_id = str(created["id"])
        self.index.add(obj.kind, obj.name, new_id)
        if work.live is not None:  # from here on, dependents may point at the old object or the new one
            self.moved[work.live.platform_id] = new_id
        target.path, target.platform_id = f"{spec.path}/{new_id}", new_id
        if isinstance(created.get("version"), int):
            target.version = created["version"]
        await self._sync_entries(work, new_id)

    async def _post_once(self, spec: GenesysKind, name: str, body: Body) -> Body:
        """POST a new object; if the answer was lost, look for it by name before sending again."""
        try:
            response = await self.client.request("POST", spec.path, json=body, params=spec.write_params(body))
        except OutcomeUnknown:
            found = await self._find_by_name(spec, name)
            if found is not None:
                log.info("%s '%s' was created before the connection dropped", spec.kind, name)
                return found
            response = await self.client.request("POST", spec.path, json=body, params=spec.write_params(body))
        created = json_of(response)
        if not isinstance(created, dict) or "id" not in created:
            raise PlatformError(f"POST {spec.path}: the answer carries no id")
        return created

    async def _find_by_name(self, spec: GenesysKind, name: str) -> Body | None:
        deadline = time.monotonic() + self.settings.visible_timeout_seconds
        while True:
            query = {**spec.list_params(), "name": name, "filterType": "Equals"}
            found = await genesys_list(self.client, spec.path, params=query)
            match = next((item for item in found if item.get("name") == name), None)
            if match is not None or time.monotonic() >= deadline:
                return match
            await asyncio.sleep(self.settings.poll_seconds / 2)

    async def _rename_old(self, work: Work, spec: GenesysKind, target: _Target) -> None:
        old_path = f"{spec.path}/{work.change.platform_id}"
        target.old_path = old_path
        if work.change.address in self.retired:
            target.planned = None  # the plan's read is of the deleted copy
            return  # already deleted while the object it names was replaced (_retire)
        temporary = aside_name(_required(work).name)
        await self._put_versioned(target, old_path, lambda fresh: {**fresh, "name": temporary}, spec=spec)
        self.index.add(work.change.kind, temporary, str(work.change.platform_id))

    async def _update(self, work: Work, spec: GenesysKind, target: _Target) -> None:
        obj = _required(work)
        if work.live is not None and work.change.numbers is not None and not work.change.changes:
            await self._sync_entries(work, str(target.platform_id))  # only numbers change
            return
        managed = self._managed(obj)
        model = _model(obj.kind)
        kept = filled_in(PLATFORM, obj.kind) | ignored_fields(obj.annotations)
        partial = spec.kind == "OutboundSettings"  # PATCH (asynchronous: the read-back waits for it)

        renamed = rename_of(obj, work.live) if work.live is not None else ()

        def mutate(fresh: Body) -> Body:
            if fresh:
                self._check_stale(work, fresh)
            body = (
                dict(managed)
                if partial
                else without_removed(model, overlay(fresh, managed), managed, kept=kept)
            )
            return {**body, "name": obj.name} if renamed else body  # metadata.previous_names

        await self._put_versioned(
            target,
            target.path,
            mutate,
            spec=spec,
            may_be_absent=spec.listing == "singleton" or spec.owner is not None,
            method="PATCH" if partial else "PUT",
        )
        if renamed and target.platform_id:
            self.index.add(obj.kind, obj.name, target.platform_id)
        if target.platform_id and work.live is not None:
            await self._sync_entries(work, target.platform_id)

    async def _sync_entries(self, work: Work, list_id: str) -> None:
        """Add the planned numbers of an internal DNC list, and remove only the planned removals (exact mode).

        (A list is replaced only when its dnc_source_type changes, and only rds lists hold entries, so a
        replace never carries numbers from an old list to a new one.)"""
        numbers = work.change.numbers
        if numbers is None:
            return
        adding, removing = sorted({*numbers.add, *numbers.update}), list(numbers.remove)
        path = f"{KINDS['DncList'].path}/{list_id}/phonenumbers"
        for action, chosen in (("Add", adding), ("Remove", removing)):
            sent = [stored_form(number, platform=PLATFORM) for number in chosen]
            for start in range(0, len(sent), DNC_BATCH):
                batch = sent[start : start + DNC_BATCH]
                await self.client.request("PATCH", path, json={"action": action, "phoneNumbers": batch})

    async def _turn_on(self, work: Work, spec: GenesysKind, target: _Target) -> None:
        state = _state(spec)
        field = str(spec.status_field)
        await self._put_versioned(
            target,
            target.path,
            lambda fresh: None if _value(fresh, field) == state.on else {**fresh, field: state.on},
            spec=spec,
        )

    async def _turn_off(self, work: Work, spec: GenesysKind, target: _Target) -> None:
        if work.change.address in self.retired:
            return  # a replace's old copy, already deleted (_retire)
        await self._switch_off(spec, target, target.old_path or target.path)

    async def _switch_off(self, spec: GenesysKind, target: _Target, path: str) -> None:
        state = _state(spec)
        field = str(spec.status_field)
        await self._put_versioned(
            target,
            path,
            lambda fresh: {**fresh, field: state.off} if _value(fresh, field) == state.on else None,
            spec=spec,
        )
        await self._wait_until_off(spec, path, state)

    async def _wait_until_off(self, spec: GenesysKind, path: str, state: RunState) -> None:
        field = str(spec.status_field)
        deadline = time.monotonic() + self.settings.stop_timeout_seconds
        while True:
            current = _value(await self._read_existing(path), field)
            if current not in state.busy:
                return
            if time.monotonic() >= deadline:
                raise PlatformError(
                    f"{spec.kind} at {path} is still '{current}' after "
                    f"{self.settings.stop_timeout_seconds:g} s; not changing it while it runs"
                )
            await asyncio.sleep(self.settings.poll_seconds)

    async def _repoint(self, work: Work, spec: GenesysKind, target: _Target) -> None:
        """Rewrite every declared dependent still using the old object: its references now resolve to the
        new one. The old object is the one being replaced, or one an interrupted replace left behind."""
        if spec.owner is not None:  # an owned object (a schedule): nothing names it
            return
        owner = work.desired or (replaced_by(work.live, self.desired) if work.live is not None else None)
        old_id = work.change.platform_id
        new_id = None if owner is None else self.index.id_of(owner.kind, owner.name)
        if owner is None or not old_id or new_id is None:
            raise PlatformError(f"{work.change.address}: no declared object exists live to repoint to")
        self.moved[old_id] = new_id
        for dependent in sorted(self.desired.values(), key=lambda obj: obj.address):
            if owner.address not in dependent.depends_on:
                continue
            if owner.address in dependent.fixed_refs and self._replaced(dependent):
                await self._retire(dependent, owner, old_id)  # its new copy will name the new object
                continue
            path = self._dependent_path(dependent)
            if path is not None:  # None: not created yet, it will be created pointing at the new object
                await self._converge(dependent, KINDS[dependent.kind], path, old_id=old_id)
        if target.old_path is not None:
            target.path = target.old_path

    async def _retire(self, dependent: DesiredObject, owner: DesiredObject, old_id: str) -> None:
        """Switch off and delete the old copy of a replaced dependent that names the old object in a field
        it cannot change (a campaign rule's campaign_rule_entities) or belongs to it (a campaign's
        schedule): otherwise the old object could not be deleted. Its own replace then creates the new
        copy; its old copy is already gone."""
        spec = KINDS[dependent.kind]
        owned = spec.owner is not None and dependent.essence.get(spec.owner) == owner.name
        path = f"{spec.path}/{old_id}" if owned else self._dependent_path(dependent)
        if path is None or await self._read(path) is None:
            return
        self.retired.add(dependent.address)
        state = run_state(PLATFORM, dependent.kind)
        if state is not None and spec.status_field is not None:
            await self._switch_off(spec, _Target(path=path), path)
        await self.client.request("DELETE", path, allow=(404,))

    def _replaced(self, obj: DesiredObject) -> bool:
        change = self.planned.get(obj.address)
        return change is not None and change.actions == REPLACE

    def _dependent_path(self, dependent: DesiredObject) -> str | None:
        spec = KINDS[dependent.kind]
        if spec.listing == "singleton":
            return spec.path
        if spec.owner is not None:
            owner = self.index.id_of(str(spec.owner_kind), str(dependent.essence.get(spec.owner)))
            return None if owner is None else f"{spec.path}/{owner}"
        dependent_id = self.index.id_of(dependent.kind, dependent.name)
        return None if dependent_id is None else f"{spec.path}/{dependent_id}"

    async def _converge(self, obj: DesiredObject, spec: GenesysKind, path: str, *, old_id: str) -> None:
        """Overlay `obj`'s managed fields at `path` if it still references `old_id`, stopping and
        restarting it if it runs. A managed field someone else moved since the plan is refused first.
        Fields it cannot change in place are left as they are: where they differ, its own replace follows."""
        managed = self._managed(obj, leave_out=spec.immutable)
        fresh = await self._read(path)
        if fresh is None or not references(fresh, old_id):
            return
        self._check_dependent(obj, fresh)  # before stopping anything: a refusal leaves it as it was
        state = run_state(PLATFORM, obj.kind)
        field = spec.status_field
        running = state is not None and field is not None and _value(fresh, field) in state.busy
        holder = _Target(path=path)

        def mutate(current: Body) -> Body:
            self._check_dependent(obj, current)
            return overlay(current, managed)

        if running and state is not None:
            await self._switch_off(spec, holder, path)
        try:
            await self._put_versioned(holder, path, mutate, spec=spec)
        finally:
            if running and state is not None and field is not None:
                await self._put_versioned(
                    holder, path, lambda current: {**current, field: state.on}, spec=spec
                )

    def _check_dependent(self, obj: DesiredObject, fresh: Body) -> None:
        """Refuse to rewrite a dependent whose managed fields moved live since the plan saw it."""
        change = self.planned.get(obj.address)
        if change is not None:
            self._check_stale(Work(change=change, desired=obj, live=None), fresh)

    async def _delete(self, work: Work, spec: GenesysKind, target: _Target) -> None:
        path = target.old_path or target.path
        for attempt in range(self.settings.in_use_retries + 1):
            try:
                await self.client.request("DELETE", path, allow=(404,))
                return
            except RequestFailed as exc:
                if not (_in_use(exc) and attempt < self.settings.in_use_retries):
                    raise
                await asyncio.sleep(self.settings.poll_seconds * (attempt + 1))


def _required(work: Work) -> DesiredObject:
    if work.desired is None:
        raise PlatformError(f"{work.change.address}: no manifest declares this object")
    return work.desired


def _state(spec: GenesysKind) -> RunState:
    state = run_state(PLATFORM, spec.kind)
    if state is None or spec.status_field is None:
        raise PlatformError(f"{spec.kind} has no run state")
    return state


def _value(body: Mapping[str, Any], field: str) -> Any:
    value = body.get(field)
    return value.lower() if isinstance(value, str) else value
