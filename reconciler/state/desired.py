"""Desired objects from manifests, and matching them to live objects by identity.

Identity is the name for most kinds; a schedule is identified by the campaign (or sequence) it
belongs to, and an org singleton by its kind alone — whatever the manifest's metadata.name says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reconciler.exceptions import Location
from reconciler.graph import DependencyGraph
from reconciler.kinds.registry import IMMUTABLE, KIND_SPECS
from reconciler.manifest.kinds import KINDS as MANIFEST_KINDS
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.manifest.models.cxone_skill import active_windows
from reconciler.manifest.refs import iter_refs
from reconciler.manifest.resource import Resource, address_of
from reconciler.platform import Platform
from reconciler.state.convert import default_references
from reconciler.state.matching import Claim, match_live, owner_field
from reconciler.state.matching import identity as live_identity
from reconciler.state.names import NameIndex
from reconciler.state.numbers import declared_numbers, reconciler_only_fields
from reconciler.state.objects import DesiredObject, LiveObject
from reconciler.state.repeats import without_repeats


def identity(resource: Resource) -> str:
    """The address a resource's live counterpart has."""
    field = owner_field(resource.platform, resource.kind)
    owner = None if field is None else getattr(resource.document.spec, field)
    return live_identity(platform=resource.platform, kind=resource.kind, name=resource.name, owner_name=owner)


def renamable(resource: Resource) -> bool:
    """Whether the name is the object's identity, so metadata.previous_names can rename it (not a
    schedule, which is its campaign's or sequence's, nor an org singleton)."""
    return identity(resource) == resource.address


def renames_of(manifests: ManifestSet, *, platform: str) -> dict[str, dict[str, str]]:
    """Kind -> {previous name -> declared name} for every renamable manifest of `platform`."""
    found: dict[str, dict[str, str]] = {}
    for resource in manifests.values():
        if resource.platform == platform and resource.previous_names and renamable(resource):
            for old in resource.previous_names:
                found.setdefault(resource.kind, {})[old] = resource.name
    return found


def alias_renamed(index: NameIndex, renames: dict[str, dict[str, str]]) -> None:
    """Read each object still under a previous name by its declared name wherever it is referenced, so
    a dependent that names the new name shows no change; only the renamed object itself does. Nothing
    happens when an object already has the declared name (the rename is done)."""
    for kind, names in renames.items():
        for old, new in names.items():
            object_id = index.id_of(kind, old)
            if object_id is not None and index.id_of(kind, new) is None:
                index.ids[kind][new] = object_id
                index.names[kind][object_id] = new


def _active_time_zones(declared: dict[str, object]) -> None:
    zones = declared.get("time_zones")
    if isinstance(zones, list):
        declared["time_zones"] = active_windows(zones)


DECLARED_AS_LIVE: dict[tuple[str, str], Callable[[dict[str, object]], None]] = {
    (Platform.CXONE, "Skill"): _active_time_zones,
}
"""(platform, kind) -> what to drop from a declared spec that the live side never shows."""


def essence_of(resource: Resource) -> dict[str, object]:
    """The declared spec fields in manifest shape (only those: the diff is scoped to them).

    A DNC list's numbers and their mode are left out: they are compared as a set (state.numbers). A CXone
    skill's time-zone windows marked inactive are left out too: the time-zones PUT deactivates every zone
    it does not list, and the live side keeps only active zones (providers.cxone.aggregate)."""
    declared = resource.document.spec.model_dump(exclude_unset=True)
    kept = reconciler_only_fields(resource.platform, resource.kind)
    narrow = DECLARED_AS_LIVE.get((resource.platform, resource.kind))
    if narrow is not None:
        narrow(declared)
    essence = {key: value for key, value in declared.items() if key not in kept}
    return without_repeats(resource.platform, resource.kind, essence)  # DUPLICATE-ENTRY: written once


def _with_defaults(resource: Resource, index: NameIndex | None) -> dict[str, object]:
    essence = essence_of(resource)
    if index is not None:
        model = MANIFEST_KINDS[(resource.platform, resource.kind)].spec
        for name, default in default_references(model, index).items():
            essence.setdefault(name, default)
    return essence


def dnc_lists_with_entries(manifests: ManifestSet) -> list[str]:
    """Names of the DNC lists whose numbers the live side must read."""
    return [
        r.name
        for r in manifests.values()
        if (r.platform, r.kind) == (Platform.GENESYS, "DncList")
        and getattr(r.document.spec, "entries", None) is not None
    ]


def overlaid_fields(resource: Resource) -> dict[str, Location]:
    """The spec fields another file than the document set (an overlay), with where."""
    spec = resource.raw.data.get("spec") if isinstance(resource.raw.data, dict) else None
    found = {key: resource.location_of(("spec", key)) for key in spec or {}} if isinstance(spec, dict) else {}
    return {key: where for key, where in found.items() if where.file != resource.source.file}


def desired_objects(
    manifests: ManifestSet, graph: DependencyGraph, *, platform: str, index: NameIndex | None = None
) -> dict[str, DesiredObject]:
    """The declared objects of `platform`. With the org's `index`, a reference the platform fills in when
    it is left out is written in (no `division` means the home division), so a live object elsewhere
    shows as a change and export followed by plan stays empty."""
    return {
        address: DesiredObject(
            address=address,
            platform=resource.platform,
            kind=resource.kind,
            name=resource.name,
            essence=_with_defaults(resource, index),
            source=resource.source,
            annotations=dict(resource.annotations),
            depends_on=graph.depends_on.get(address, ()),
            numbers=declared_numbers(resource),
            field_sources=overlaid_fields(resource),
            fixed_refs=fixed_references(resource, manifests),
        )
        for address, resource in manifests.items()
        if resource.platform == platform
    }


def fixed_references(resource: Resource, manifests: ManifestSet) -> dict[str, str]:
    """The managed objects `resource` names inside its replace-forcing fields (KindSpec.replace_sources)
    or its owner field (a campaign schedule is its campaign's): address -> the top-level field. A
    reference there cannot be moved to a replacement in place."""
    spec = KIND_SPECS.get((resource.platform, resource.kind))
    owner = frozenset({spec.owner}) if spec is not None and spec.owner is not None else frozenset()
    immutable = IMMUTABLE.get(resource.platform, {}).get(resource.kind, frozenset()) | owner
    found: dict[str, str] = {}
    if not immutable:
        return found
    for use in iter_refs(resource.document.spec, ("spec",)):
        top = str(use.path[1]) if len(use.path) > 1 else ""
        target = address_of(resource.platform, use.target.kind, use.name)
        if top in immutable and not use.target.external and target in manifests:
            found.setdefault(target, top)
    return found


def match_manifests(
    manifests: ManifestSet, live: Iterable[LiveObject], *, platform: str
) -> dict[str, LiveObject]:
    """Live objects keyed by the address of the manifest that declares them, or by their own address.

    A live object found under a previous name keeps its live name: the plan shows the rename.
    """
    claims = [
        Claim(address, (identity(resource),), _previous(resource))
        for address, resource in manifests.items()
        if resource.platform == platform
    ]
    matched, unclaimed = match_live(claims, {obj.address: obj for obj in live})
    previous = {claim.address: claim.previous for claim in claims}
    readdressed = {}
    for address, found in matched.items():
        renamed = found.address in previous[address]  # keeps its live name: the plan shows the rename
        readdressed[address] = _readdress(found, address, found.name if renamed else manifests[address].name)
    return {**readdressed, **unclaimed}


def _previous(resource: Resource) -> tuple[str, ...]:
    """The live addresses a renamable resource may still have (metadata.previous_names)."""
    if not renamable(resource):
        return ()
    return tuple(f"{resource.platform}/{resource.kind}/{old}" for old in resource.previous_names)


def _readdress(obj: LiveObject, address: str, name: str) -> LiveObject:
    if obj.address == address:
        return obj
    return LiveObject(
        address=address,
        platform=obj.platform,
        kind=obj.kind,
        name=name,
        platform_id=obj.platform_id,
        essence=obj.essence,
        version=obj.version,
        fingerprint=obj.fingerprint,
        status=obj.status,
        body=obj.body,
    )
