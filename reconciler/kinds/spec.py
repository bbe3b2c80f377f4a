"""The record of one managed kind: every fact plan, apply, export and the readers need about it.

A kind's module (reconciler/kinds/<platform>/<family>.py) lists its KindSpecs in `SPECS`; the
registry finds them by scanning the package, and every per-kind table is derived from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DECIMAL_FIELDS = frozenset({"maxCallsPerAgent", "maxCallsPerAgentDecimal"})
"""Body fields whose precision Genesys' `useMaxCallsPerAgentDecimal` query parameter decides."""


@dataclass(frozen=True, kw_only=True)
class RunStateSpec:
    """How a kind's run state is declared, read and switched.

    field: the manifest field that holds it; api_field: the API body field it is read from and written to
    (None when switched by endpoints only); on/off: its two declarable values; busy: live values during
    which `locked` fields cannot change. locked None locks every field but `editable_while_busy`.
    turn_on/turn_off: the apply steps that switch it (reconciler.plan.models.Step values).
    restored_after_failed_edit: switched back on when an edit it was switched off for fails.
    exported: export writes the state, a platform-only value (complete, stopping ...) as `off`.
    """

    field: str
    api_field: str | None
    on: Any
    off: Any
    busy: frozenset[Any]
    turn_on: str
    turn_off: str
    locked: frozenset[str] | None
    editable_while_busy: frozenset[str] = frozenset()
    restored_after_failed_edit: bool = False
    exported: bool = False


@dataclass(frozen=True, kw_only=True)
class KindSpec:
    """One managed kind of one platform.

    Listing: `listing` is "paged" (Genesys entity listing), "array" (bare JSON array), "singleton" (one
    object) or "envelope" (CXone: `items` and `total` are key paths into the answer; `total` None means
    unpaged); `emulator_key` is the emulator collection that serves `path`.
    Identity: `id_field`/`name_field` of the API object; `singleton_name` for an org singleton (its one
    object's name; never deleted); `owner` (a key of `references`) for an object identified by the one it
    belongs to (a schedule is its campaign's).
    `references`: top-level manifest field -> the managed kind it names (nested ones are the models').
    `replace_sources`: each field whose change means replace -> the public source that says the platform
    cannot change it in place (`immutable` is their set); `set_like`: lists compared without regard to order.
    `create_requires`: each field the platform needs to create an object (though an update may leave it
    out) -> the public source; a create without it is an error at plan time, before anything is written.
    `replaced_by_hand`: for a kind apply cannot replace (the platform cannot delete it), why and what to
    do instead; a planned replace of it is then an error, not a warning.
    `delete_rank`: deletes run in rank order, lower first (they reference the higher ones); None only
    for a singleton. `run_state` is required: a RunStateSpec, or None said explicitly.
    `paced`: the plan's pacing preview reads it; `schedule`: its objects are their owner's schedules
    (intervals, recurrences, time zone), read by the schedule checks.
    `calls`: its objects call people, so the calling rules (calling hours, callable time zones, DNC) bind
    them: True for every object (a voice campaign), the name of a spec field for the objects that set it
    (a messaging campaign with an SMS config: a text is a call under the TCPA), False for none.
    `export_defaults`: values the platform fills in, left out of an export; `export_omits`: fields
    exported on the other side of a reference. `allow_empty_result`/`decimal_calls_per_agent`: Genesys
    query parameters of its listings and writes (purecloudplatformclientv2 269.0.0, as
    terraform-provider-genesyscloud sends them).
    """

    platform: str
    kind: str
    path: str
    listing: str
    run_state: RunStateSpec | None
    delete_rank: int | None
    emulator_key: str
    id_field: str = "id"
    name_field: str = "name"
    items: tuple[str, ...] = ()
    total: tuple[str, ...] | None = None
    singleton_name: str | None = None
    owner: str | None = None
    references: Mapping[str, str] = field(default_factory=dict, hash=False)
    replace_sources: Mapping[str, str] = field(default_factory=dict, hash=False)
    create_requires: Mapping[str, str] = field(default_factory=dict, hash=False)
    replaced_by_hand: str = ""
    set_like: frozenset[str] = frozenset()
    paced: bool = False
    schedule: bool = False
    calls: bool | str = False
    export_defaults: Mapping[str, Any] = field(default_factory=dict, hash=False)
    export_omits: tuple[str, ...] = ()
    allow_empty_result: bool = False
    decimal_calls_per_agent: bool = False

    @property
    def singleton(self) -> bool:
        return self.singleton_name is not None

    @property
    def immutable(self) -> frozenset[str]:
        """The fields whose change means replace (the keys of `replace_sources`)."""
        return frozenset(self.replace_sources)

    @property
    def owner_kind(self) -> str | None:
        """The kind `owner` names (a campaign schedule's Campaign)."""
        return None if self.owner is None else self.references[self.owner]

    @property
    def status_field(self) -> str | None:
        """The API field of the run state (Genesys campaignStatus, status, enabled)."""
        return None if self.run_state is None else self.run_state.api_field

    def list_params(self) -> dict[str, str]:
        """Query parameters every listing of the kind carries (paging comes on top)."""
        return {"allowEmptyResult": "true"} if self.allow_empty_result and self.listing == "paged" else {}

    def write_params(self, body: Mapping[str, Any]) -> dict[str, str]:
        """Query parameters of a write of `body` (POST, PUT or PATCH) of the kind."""
        decimal = self.decimal_calls_per_agent and bool(DECIMAL_FIELDS & body.keys())
        return {"useMaxCallsPerAgentDecimal": "true"} if decimal else {}
