"""CXone listings as data: where each collection lives, how its envelope reads, and how items are named.

Paths are relative to the versioned API root (discovery.API_PATH). `items` and `total` are key paths
into the listing's envelope (CXone envelopes differ per resource, developer.niceincontact.com/API/AdminAPI); `total` None
means the endpoint is not paged and one answer holds everything. `{id}` in a path is a DNC group id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reconciler.kinds import registry
from reconciler.kinds.registry import specs_of


@dataclass(frozen=True)
class Listing:
    path: str
    items: tuple[str, ...]
    total: tuple[str, ...] | None = ("totalRecords",)
    id_field: str = "id"
    name_field: str = "name"

    def items_of(self, envelope: dict[str, Any]) -> list[dict[str, Any]]:
        """The listing's items; ValueError when they are not a list of objects (a misread, not an empty org)."""
        found = _dig(envelope, self.items)
        if found is None:
            return []
        if not isinstance(found, list) or not all(isinstance(item, dict) for item in found):
            raise ValueError(f"`{'.'.join(self.items)}` that is not an array of objects")
        return found

    def total_of(self, envelope: dict[str, Any]) -> int:
        """The listing's size; an unpaged listing counts what it sent (so paging stops at once)."""
        if self.total is None:
            return len(self.items_of(envelope))
        try:
            return int(_dig(envelope, self.total))
        except (TypeError, ValueError):
            return 0


def _dig(envelope: dict[str, Any], keys: tuple[str, ...]) -> Any:
    value: Any = envelope
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


KINDS: dict[str, Listing] = {
    kind: Listing(spec.path, spec.items, spec.total, id_field=spec.id_field, name_field=spec.name_field)
    for kind, spec in specs_of("cxone").items()
}
"""Managed kinds: one listing each (their KindSpecs, reconciler/kinds/cxone/)."""

LOOKUPS: dict[str, Listing] = {
    "OutboundRoute": Listing(
        "/business-unit/outbound-routes",
        ("outboundRoutes",),
        None,
        id_field="outboundTelecomRouteId",
        name_field="routeDescription",
    ),
    "Script": Listing(
        "/scripts/search", ("scriptSearchDetails",), id_field="masterID", name_field="scriptName"
    ),
    "DispositionClassification": Listing(
        "/dispositions/classifications",
        ("classificationResults",),
        None,
        id_field="classificationId",
        name_field="classificationName",
    ),
}
"""External kinds references may name (developer.niceincontact.com/API/AdminAPI). Scripts are listed by GET /scripts/search
(`GET /scripts` opens one script and needs scriptPath, scriptId or libraryId: Admin API "General"
specification, mark05e/NiceIncontactAPI-Admin; calljacob/nice-cxone-api AdminGeneralService)."""

CURRENT_SCRIPT = "CURR"
"""The status of a script's current version (DISC is an inactive one): only current scripts are named."""

PARAMETERS = Listing("/skills/parameters", ("skills",), id_field="skillNo", name_field="skillName")
"""Every Personal Connection skill's parameter blocks in one answer (developer.niceincontact.com/API/AdminAPI); paging is
followed only if the answer carries a totalRecords (the reference does not say it pages)."""

PARAMETER_BLOCKS = (
    "generalSettings",
    "retrySettings",
    "scheduleSettings",
    "timeZoneSettings",
    "cpaSettings",
    "deliveryPreferences",
)
"""The blocks a Skill manifest declares, by their API names (the SkillSpec aliases)."""

DNC_GROUP_PARTS: dict[str, Listing] = {
    "scrubbedSkills": Listing("/dnc-groups/{id}/scrubbed-skills", ("scrubbedSkills",), id_field="skillId"),
    "contributingSkills": Listing(
        "/dnc-groups/{id}/contributing-skills", ("contributingSkills",), id_field="skillId"
    ),
    "dncGroupRecords": Listing(
        "/dnc-groups/{id}/records", ("resultSet", "dncRecords"), ("resultSet", "totalRecords")
    ),
}
"""Per-group listings, keyed by the DncGroupSpec alias they fill (developer.niceincontact.com/API/AdminAPI)."""

IMMUTABLE: dict[str, frozenset[str]] = registry.IMMUTABLE["cxone"]
"""Manifest fields fixed at creation, per kind."""

SET_LIKE: dict[str, frozenset[str]] = registry.SET_LIKE["cxone"]
"""Lists the API treats as sets, per kind."""
