"""Divisions: the org's Home division and the division every campaign, contact list and DNC list lives in.

Campaign, ContactList, DncList and DncListCreate carry `division` (a DomainEntityRef) in the Genesys Cloud
Python SDK purecloudplatformclientv2 269.0.0, and `/api/v2/authorization/divisions` answers AuthzDivision
objects whose `homeDivision` marks the org's default one. An object created without `division` goes to
Home; a PUT without it keeps the object where it is; an unknown id is 400 `division.not.found` (the
collection's reference check, kinds.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.kinds import COLLECTIONS, self_uri
from reconciler.emulator.genesys.store import objects
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

HOME_NAME = "Home"
DIVISIONED = frozenset(
    collection.key
    for collection in COLLECTIONS
    if any(reference.path == "division" for reference in collection.references)
)


def home_division(emulator: Emulator) -> JsonObject:
    """The org's home division: the one flagged `homeDivision`, else the one named Home, else a new Home
    (every org has one). Every division is answered with its `homeDivision` flag."""
    pool = emulator.state.lookups.setdefault("divisions", {})
    home = next((entry for entry in pool.values() if entry.get("homeDivision") is True), None)
    if home is None:
        home = next((entry for entry in pool.values() if entry.get("name") == HOME_NAME), None)
    if home is None:
        new_id = emulator.new_id()
        home = {"id": new_id, "name": HOME_NAME, "selfUri": self_uri("divisions", new_id)}
        pool[new_id] = home
    flags = [
        (entry, entry is home) for entry in pool.values() if entry.get("homeDivision") is not (entry is home)
    ]
    for entry, is_home in flags:
        entry["homeDivision"] = is_home
    if flags:
        emulator.changed()
    return home


def place(emulator: Emulator, key: str, fields: JsonObject, current: JsonObject | None) -> None:
    """Give a divisioned object its division before the reference checks: as sent, else where it was, else
    Home. A `division` without an id is refused (the API takes divisions by id only)."""
    if key not in DIVISIONED:
        return
    division: Any = fields.get("division")
    if division is None:
        kept = (current or {}).get("division")
        fields["division"] = dict(kept) if kept else {"id": home_division(emulator)["id"]}
        return
    if not isinstance(division, dict) or not isinstance(division.get("id"), str):
        raise GenesysError(
            400,
            "bad.request",
            "The division must be given by its id.",
            details=[{"errorCode": "bad.request", "fieldName": "division.id"}],
        )


def seat_divisionless(emulator: Emulator) -> None:
    """Put seeded objects that name no division into Home, as a create would."""
    for key in sorted(DIVISIONED):
        for obj in objects(emulator, key).values():
            if not obj.get("division"):
                home_id = home_division(emulator)["id"]
                obj["division"] = {"id": home_id, "selfUri": self_uri("divisions", home_id)}
