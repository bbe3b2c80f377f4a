"""Reading a Genesys org: every managed kind by list endpoints (concurrently), lookups, then essences."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic.alias_generators import to_camel

from reconciler.manifest.kinds import KINDS as MANIFEST_KINDS
from reconciler.providers.bodies import json_of
from reconciler.providers.genesys.dnc_entries import read_dnc_entries
from reconciler.providers.genesys.kinds import KINDS, LOOKUPS, SCOPES, GenesysKind
from reconciler.providers.http import ApiClient
from reconciler.providers.paging import genesys_array, genesys_list
from reconciler.state.convert import Converter
from reconciler.state.names import NameIndex
from reconciler.state.objects import LiveObject, live_object

PLATFORM = "genesys"
HOME_DIVISION = "Home"


@dataclass
class GenesysSnapshot:
    """Raw bodies per kind and the name index built from them and from the lookups."""

    bodies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    index: NameIndex = field(default_factory=NameIndex)
    dnc_entries: dict[str, list[str]] = field(default_factory=dict)
    """Numbers of internal DNC lists, by list id (read only for lists whose manifest declares entries)."""


async def _read_kind(client: ApiClient, spec: GenesysKind) -> list[dict[str, Any]]:
    if spec.listing == "singleton":
        response = await client.request("GET", spec.path)
        body = json_of(response)
        return [body] if isinstance(body, dict) else []
    if spec.listing == "array":
        return await genesys_array(client, spec.path)
    return await genesys_list(client, spec.path, params=spec.list_params())


async def read_org(
    client: ApiClient,
    *,
    kinds: Iterable[str] | None = None,
    lookups: Iterable[str] | None = None,
    dnc_entries_for: Iterable[str] = (),
) -> GenesysSnapshot:
    """List every requested kind and lookup concurrently: about N/100 requests for N objects.

    `dnc_entries_for` names the internal DNC lists whose numbers to read too (three requests each).
    """
    wanted = [KINDS[name] for name in (kinds if kinds is not None else KINDS)]
    asked = list(lookups if lookups is not None else LOOKUPS)
    lookup_kinds = [name for name in asked if name not in SCOPES]
    lookup_kinds += [
        SCOPES[name][0] for name in asked if name in SCOPES and SCOPES[name][0] not in lookup_kinds
    ]
    results = await asyncio.gather(
        *(_read_kind(client, spec) for spec in wanted),
        *(genesys_list(client, LOOKUPS[name]) for name in lookup_kinds),
    )
    snapshot = GenesysSnapshot()
    for spec, bodies in zip(wanted, results[: len(wanted)], strict=True):
        snapshot.bodies[spec.kind] = bodies
        if spec.listing == "paged":
            for body in bodies:
                snapshot.index.add(spec.kind, str(body.get("name", "")), str(body["id"]))
    read = dict(zip(lookup_kinds, results[len(wanted) :], strict=True))
    read.update(await _read_scoped([name for name in asked if name in SCOPES], read, client))
    for name, bodies in read.items():
        snapshot.index.ids.setdefault(name, {})  # read: a name it lacks is missing, not unknown
        for body in bodies:
            snapshot.index.add(name, str(body.get("name", "")), str(body["id"]))
        if name == "Division":
            _note_home_division(bodies, snapshot.index)
    names = set(dnc_entries_for)
    internal = [
        str(body["id"])
        for body in snapshot.bodies.get("DncList", [])
        if body.get("name") in names and body.get("dncSourceType") == "rds"
    ]
    numbers = await asyncio.gather(*(read_dnc_entries(client, list_id) for list_id in internal))
    snapshot.dnc_entries = dict(zip(internal, numbers, strict=True))
    return snapshot


async def _read_scoped(
    names: list[str], read: dict[str, list[dict[str, Any]]], client: ApiClient
) -> dict[str, list[dict[str, Any]]]:
    """The lookups listed per object of their scope (responses per library), each object once."""
    found: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        scope, parameter = SCOPES[name]
        listings = await asyncio.gather(
            *(
                genesys_list(client, LOOKUPS[name], params={parameter: str(body["id"])})
                for body in read[scope]
            )
        )
        found[name] = list({str(body["id"]): body for listing in listings for body in listing}.values())
    return found


def _note_home_division(bodies: list[dict[str, Any]], index: NameIndex) -> None:
    """Objects created without a division land in the org's home division: the one the divisions
    listing flags `homeDivision`, else the one named Home (its name unless an admin renamed it)."""
    flagged = next((str(body.get("name", "")) for body in bodies if body.get("homeDivision") is True), None)
    home = flagged or (HOME_DIVISION if index.id_of("Division", HOME_DIVISION) is not None else None)
    if home is not None:
        index.defaults["Division"] = home


def _name_of(spec: GenesysKind, body: dict[str, Any], index: NameIndex) -> str:
    if spec.singleton_name is not None:
        return spec.singleton_name
    if spec.owner is not None:
        owner = body.get(to_camel(spec.owner)) or {}  # the API field of the manifest's owner field
        return index.name_of(str(spec.owner_kind), owner.get("id", "")) or str(owner.get("id", ""))
    return str(body.get("name", ""))


def live_objects(snapshot: GenesysSnapshot) -> list[LiveObject]:
    """Every fetched object as a LiveObject whose essence is in manifest shape."""
    converter = Converter(platform=PLATFORM, index=snapshot.index)
    objects = []
    for kind, bodies in snapshot.bodies.items():
        spec = KINDS[kind]
        model = MANIFEST_KINDS[(PLATFORM, kind)].spec
        for body in bodies:
            name = _name_of(spec, body, snapshot.index)
            status = body.get(spec.status_field) if spec.status_field else None
            essence = converter.essence(model, body)
            if str(body.get("id")) in snapshot.dnc_entries:
                essence["entries"] = snapshot.dnc_entries[str(body["id"])]
            objects.append(
                live_object(
                    platform=PLATFORM,
                    kind=kind,
                    name=name,
                    platform_id=str(body.get("id", spec.singleton_name or "")),
                    essence=essence,
                    body=body,
                    version=body.get("version"),
                    status=None if status is None else str(status).lower(),
                )
            )
    return objects
