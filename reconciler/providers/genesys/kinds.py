"""Genesys Cloud kinds as the readers and the writer use them: the managed kinds (their KindSpecs,
reconciler/kinds/genesys/), the external kinds references may name, and the fields a PUT leaves out.
"""

from __future__ import annotations

from typing import Any

from reconciler.kinds.registry import declared_lookups, specs_of
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
