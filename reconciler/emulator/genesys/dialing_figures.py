"""Campaign stats and progress figures set through the admin API (`POST /_emulator/campaign-state`).

    {"name": "q3-renewals" (or "id"),
     "progress": {"totalNumberOfContacts": 1000, "numberOfContactsCalled": 250, ...},
     "stats": {"idleAgents": 3, "contactRate": {"connects": 40}, ...}}

`totalNumberOfContacts` is the size of the campaign's contact list (shared by every campaign on it);
`numberOfContactsCalled` is where the dialer stands (an `on` campaign goes on from there); the other
fields are shown as given in place of the emulator's own figures. Names and types are those of the
CampaignStats and CampaignProgress models; every number is zero or more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reconciler.emulator.genesys.dialing import booking, contact_count, progress, set_contact_count, stats
from reconciler.emulator.genesys.schema import definitions
from reconciler.emulator.genesys.store import objects
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

PROGRESS_FIELDS = frozenset(
    {"totalNumberOfContacts", "numberOfContactsCalled", "numberOfContactsMessaged", "numberOfContactsSkipped"}
)


class FigureError(ValueError):
    """An admin figure with an unknown name, a wrong type or a negative value."""


def _check(spec: dict[str, Any], value: Any, where: str) -> None:
    """`value` against a model property: integer, number, an object of them ($ref or a map)."""
    if "$ref" in spec:
        spec = definitions()[spec["$ref"].rsplit("/", 1)[-1]]
    kind = spec.get("type")
    if kind == "object" or "properties" in spec:
        if not isinstance(value, dict):
            raise FigureError(f"{where}: expected an object")
        properties: dict[str, Any] = spec.get("properties", {})
        for key, item in value.items():
            item_spec = properties.get(key, spec.get("additionalProperties"))
            if not isinstance(item_spec, dict):
                raise FigureError(f"{where}.{key}: not a field of this figure")
            _check(item_spec, item, f"{where}.{key}")
        return
    numeric = (int,) if kind == "integer" else (int, float)
    if isinstance(value, bool) or not isinstance(value, numeric) or value < 0:
        raise FigureError(f"{where}: expected {'a whole number' if kind == 'integer' else 'a number'} >= 0")


def _checked(definition: str, figures: Any, allowed: frozenset[str] | None, where: str) -> JsonObject:
    if not isinstance(figures, dict):
        raise FigureError(f"{where}: expected an object")
    properties: dict[str, Any] = definitions()[definition]["properties"]
    for key, value in figures.items():
        if key not in properties or (allowed is not None and key not in allowed):
            raise FigureError(f"{where}.{key}: not a settable {definition} figure")
        _check(properties[key], value, f"{where}.{key}")
    return figures


def find_campaign(emulator: Emulator, object_id: Any, name: Any) -> JsonObject | None:
    campaigns = objects(emulator, "campaigns")
    if isinstance(object_id, str) and object_id in campaigns:
        return campaigns[object_id]
    return next((c for c in campaigns.values() if name is not None and c.get("name") == name), None)


def set_figures(emulator: Emulator, campaign: JsonObject, body: JsonObject) -> JsonObject:
    """Apply the figures of an admin body (all checked before any is kept); answer {stats, progress}."""
    given_progress = dict(_checked("CampaignProgress", body.get("progress", {}), PROGRESS_FIELDS, "progress"))
    given_stats = _checked("CampaignStats", body.get("stats", {}), None, "stats")
    list_id = str((campaign.get("contactList") or {}).get("id", ""))
    total = given_progress.pop("totalNumberOfContacts", contact_count(emulator, list_id))
    done = given_progress.pop("numberOfContactsCalled", None)
    if done is not None and done > total:
        raise FigureError(
            f"progress.numberOfContactsCalled: {done} is more than the {total} contacts of the list"
        )
    set_contact_count(emulator, list_id, total)
    run = booking(emulator, campaign["id"])
    if done is not None:
        run["called"] = float(done)
        run["onSince"] = emulator.now() if campaign.get("campaignStatus") == "on" else None
    if given_progress:
        run["progress"] = {**run.get("progress", {}), **given_progress}
    if given_stats:
        run["stats"] = {**run.get("stats", {}), **given_stats}
    emulator.changed()
    contact_list = objects(emulator, "contactlists").get(list_id)
    return {"stats": stats(emulator, campaign), "progress": progress(emulator, campaign, contact_list)}
