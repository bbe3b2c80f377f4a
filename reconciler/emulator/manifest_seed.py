"""An emulator seed made from manifests: the org as the manifests describe it (Genesys kinds).

Used to start an emulator that mirrors a config repo, and to build the demo live org. Ids are
derived from addresses (uuid5), so the same manifests always give the same seed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from pydantic.alias_generators import to_camel

from reconciler.manifest.resource import Resource
from reconciler.providers.genesys.kinds import KINDS, LOOKUPS
from reconciler.state.convert import Converter
from reconciler.state.desired import essence_of
from reconciler.state.names import NameIndex
from reconciler.state.numbers import declared_numbers

_NAMESPACE = uuid.UUID("6f1d9a64-3c1e-4d8a-9a39-6b0f1f0e7a11")
COLLECTIONS = {kind: spec.emulator_key for kind, spec in KINDS.items() if spec.listing == "paged"}
LOOKUP_COLLECTIONS = {kind: path.rsplit("/", 1)[-1] for kind, path in LOOKUPS.items()}
SINGLETONS = {"OutboundSettings": "settings", "WrapUpCodeMappings": "wrapupcodemappings"}
SCHEDULES = {
    kind: (to_camel(str(spec.owner)), spec.emulator_key) for kind, spec in KINDS.items() if spec.schedule
}
"""Schedule kind -> (the API field naming its owner, the emulator collection)."""


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def _index(resources: list[Resource], lookups: dict[str, list[dict[str, Any]]]) -> NameIndex:
    index = NameIndex()
    for resource in resources:
        index.add(resource.kind, resource.name, stable_id(resource.address))
    for kind, collection in LOOKUP_COLLECTIONS.items():
        for item in lookups.get(collection, []):
            index.add(kind, item["name"], item["id"])
    return index


def genesys_seed(
    resources: Iterable[Resource], *, lookups: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """Seed sections for the Genesys resources; lookups must carry ids (see with_lookup_ids)."""
    chosen = [r for r in resources if r.platform == "genesys"]
    index = _index(chosen, lookups)
    converter = Converter(platform="genesys", index=index)
    seed: dict[str, Any] = {"genesys": {}, "singletons": {}, "lookups": lookups, "dnc_numbers": {}}
    for resource in chosen:
        essence = essence_of(resource)
        numbers = declared_numbers(resource)
        body = converter.body(resource.info.spec, essence)
        if resource.kind in SINGLETONS:
            seed["singletons"][SINGLETONS[resource.kind]] = body
            continue
        object_id = stable_id(resource.address)
        if resource.kind in SCHEDULES:
            owner, collection = SCHEDULES[resource.kind]
            object_id = body[owner]["id"]
        else:
            collection = COLLECTIONS[resource.kind]
            body["name"] = resource.name
        body["id"] = object_id
        seed["genesys"].setdefault(collection, []).append(body)
        if numbers is not None:
            seed["dnc_numbers"][object_id] = sorted(numbers.items)
    return seed


def with_lookup_ids(lookups: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Give seeded lookups stable ids so manifests' references resolve the same way every time."""
    return {
        collection: [
            {**item, "id": item.get("id") or stable_id("lookup", collection, item["name"])} for item in items
        ]
        for collection, items in lookups.items()
    }
