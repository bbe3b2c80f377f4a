"""Genesys Cloud kinds as the readers and the writer use them: the managed kinds (their KindSpecs,
reconciler/kinds/genesys/), the external kinds references may name, and the fields a PUT leaves out.
"""

from __future__ import annotations

from typing import Any

from reconciler.kinds.registry import declared_lookups, lookup_scopes, lookups_when_referred, specs_of
from reconciler.kinds.spec import KindSpec

GenesysKind = KindSpec
"""A Genesys kind's facts (paths, listing, owner, run-state field, query parameters of its writes)."""

READ_ONLY_FIELDS = frozenset({"id", "selfUri", "dateCreated", "dateModified"})
"""Fields the API definition marks read-only on every outbound object. A PUT overlays the managed fields
onto the object as read, so it would carry them back; they are left out, as the Terraform provider's
bodies leave them out (`version` stays: the platform requires it on updates)."""


def without_read_only(body: dict[str, Any]) -> dict[str, Any]:
    """A PUT body without the read-only fields of READ_ONLY_FIELDS (top level: nested references keep ids)."""
    return {key: value for key, value in body.items() if key not in READ_ONLY_FIELDS}


KINDS: dict[str, GenesysKind] = specs_of("genesys")
"""Managed kinds by name."""

LOOKUPS: dict[str, str] = {
    "Queue": "/api/v2/routing/queues",
    "Script": "/api/v2/scripts",
    "EdgeGroup": "/api/v2/telephony/providers/edges/edgegroups",
    "Site": "/api/v2/telephony/providers/edges/sites",
    "WrapUpCode": "/api/v2/routing/wrapupcodes",
    "Division": "/api/v2/authorization/divisions",
    "Flow": "/api/v2/flows",
    **declared_lookups("genesys"),
}
"""External kinds: objects references may name that the reconciler never manages (a family of kinds adds
its own in its KindSpec module: reconciler.kinds.registry.declared_lookups)."""

READ_WHEN_REFERRED: frozenset[str] = lookups_when_referred("genesys")
"""Lookups a plan reads only when a manifest names one of their objects (data actions, responses)."""

SCOPES: dict[str, tuple[str, str]] = lookup_scopes("genesys")
"""Lookups listed per object of another: kind -> (scope kind, query parameter)."""


def lookups_for(referred: set[str] | frozenset[str]) -> list[str]:
    """The lookups a plan reads: every one not read on demand, those of `referred`, and their scopes."""
    wanted = {kind for kind in LOOKUPS if kind not in READ_WHEN_REFERRED} | (set(referred) & LOOKUPS.keys())
    wanted |= {SCOPES[kind][0] for kind in wanted if kind in SCOPES}
    return [kind for kind in LOOKUPS if kind in wanted]
