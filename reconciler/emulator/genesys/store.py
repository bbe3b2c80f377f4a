"""The Genesys org in the emulator's state: reads that honour the read-after-write lag, writes that record
it, references, seeding, delayed transitions (a stopping campaign, a settings PATCH) and external edits.

Every write goes through `save`, `save_singleton`, `save_numbers` or `remove`, which call
`emulator.wrote` before the change and `emulator.changed` after it, so the lag fault and the state file
see all of them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reconciler.emulator.genesys.collection import Reference
from reconciler.emulator.genesys.kinds import SINGLETONS_BY_KEY, referrers, self_uri
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

_STOPPING = "genesys_stopping"  # meta: {campaign id: time it turns off}
_PENDING_SETTINGS = "genesys_pending_settings"  # meta: [{"due": time, "changes": {...}}]

# What a fresh org answers before anyone set them (emulator defaults; the platform's are not documented).
SINGLETON_DEFAULTS: dict[str, JsonObject] = {
    "settings": {
        "maxCallsPerAgent": 4,
        "maxConfigurableCallsPerAgent": 15,
        "maxLineUtilization": 1.0,
        "abandonSeconds": 2.0,
        "complianceAbandonRateDenominator": "ALL_CALLS",
        "rescheduleTimeZoneSkippedContacts": False,
    },
    "wrapupcodemappings": {"defaultSet": ["RIGHT_PARTY_CONTACT"], "mapping": {}},
}


def _lag_key(key: str) -> str:
    """Collections are namespaced in the lag log: CXone has a `campaigns` collection too."""
    return f"genesys/{key}"


# --- reads ------------------------------------------------------------------------------------------
def objects(emulator: Emulator, key: str) -> dict[str, JsonObject]:
    """The true objects of a collection or schedule collection (for writes and checks)."""
    return emulator.state.collection(key)


def visible(emulator: Emulator, key: str) -> dict[str, JsonObject]:
    """The objects as a reader sees them, lag fault included."""
    return emulator.visible(_lag_key(key), objects(emulator, key))


def lookups(emulator: Emulator, key: str) -> dict[str, JsonObject]:
    return emulator.visible(_lag_key(f"lookups/{key}"), emulator.state.lookups.setdefault(key, {}))


def singleton(emulator: Emulator, key: str) -> JsonObject:
    """The org singleton, created with emulator defaults the first time anyone needs it."""
    current = emulator.state.singletons.get(key)
    if current is None:
        current = stamp(emulator, key, {"name": SINGLETONS_BY_KEY[key].name, **SINGLETON_DEFAULTS[key]})
        emulator.state.singletons[key] = current
    return current


def visible_singleton(emulator: Emulator, key: str) -> JsonObject:
    view: dict[str, JsonObject] = emulator.visible(_lag_key("singletons"), {key: singleton(emulator, key)})
    return view[key]


# --- writes -----------------------------------------------------------------------------------------
def stamp(emulator: Emulator, key: str, body: JsonObject, object_id: str | None = None) -> JsonObject:
    """A new object: server id, version 1, dates and selfUri (Platform API models, purecloudplatformclientv2)."""
    now = emulator.timestamp()
    new_id = object_id or str(body.get("id") or emulator.new_id())
    stamped = {**body, "id": new_id, "version": 1, "dateCreated": now, "dateModified": now}
    stamped["selfUri"] = self_uri(key, new_id)
    return stamped


def new_object(emulator: Emulator, key: str, body: JsonObject, object_id: str | None = None) -> JsonObject:
    return stamp(emulator, key, {k: v for k, v in body.items() if k not in ("id", "version")}, object_id)


def next_version(emulator: Emulator, current: JsonObject, body: JsonObject) -> JsonObject:
    """`body` as the next version of `current`: same id and dateCreated, version + 1, new dateModified."""
    return {
        **body,
        "id": current["id"],
        "version": int(current.get("version", 0)) + 1,
        "dateCreated": current.get("dateCreated"),
        "dateModified": emulator.timestamp(),
        "selfUri": current.get("selfUri"),
    }


def save(emulator: Emulator, key: str, obj: JsonObject) -> JsonObject:
    """Store a created or updated object of a collection or schedule collection."""
    store = objects(emulator, key)
    emulator.wrote(_lag_key(key), obj["id"], store.get(obj["id"]))
    store[obj["id"]] = obj
    emulator.changed()
    return obj


def save_singleton(emulator: Emulator, key: str, obj: JsonObject) -> JsonObject:
    emulator.wrote(_lag_key("singletons"), key, singleton(emulator, key))
    emulator.state.singletons[key] = obj
    emulator.changed()
    return obj


def remove(emulator: Emulator, key: str, object_id: str) -> JsonObject:
    store = objects(emulator, key)
    emulator.wrote(_lag_key(key), object_id, store[object_id])
    removed = store.pop(object_id)
    if key == "dnclists":
        emulator.state.dnc_numbers.pop(object_id, None)
    emulator.state.meta.get(_STOPPING, {}).pop(object_id, None)
    emulator.changed()
    return removed


def save_numbers(emulator: Emulator, list_id: str, numbers: dict[str, str | None]) -> None:
    """Replace a DNC list's entries (DncList, purecloudplatformclientv2); lagging readers still see the old ones."""
    emulator.wrote(_lag_key("dnc_numbers"), list_id, dict(emulator.state.dnc_numbers.get(list_id, {})))
    emulator.state.dnc_numbers[list_id] = numbers
    emulator.changed()


def visible_numbers(emulator: Emulator, list_id: str) -> dict[str, str | None]:
    view: dict[str, Any] = emulator.visible(_lag_key("dnc_numbers"), emulator.state.dnc_numbers)
    numbers: dict[str, str | None] = view.get(list_id) or {}
    return numbers


# --- references -------------------------------------------------------------------------------------
def _walk(node: Any, steps: list[str]) -> Iterator[Any]:
    if not steps:
        yield node
        return
    step, rest = steps[0], steps[1:]
    if step == "*":
        if isinstance(node, dict):
            for value in node.values():
                yield from _walk(value, rest)
        return
    many = step.endswith("[]")
    name = step[:-2] if many else step
    if not isinstance(node, dict) or node.get(name) is None:
        return
    if not many:
        yield from _walk(node[name], rest)
    elif isinstance(node[name], list):
        for item in node[name]:
            yield from _walk(item, rest)


def referenced_ids(obj: JsonObject, reference: Reference) -> Iterator[str]:
    """The ids a reference field of `obj` names."""
    for holder in _walk(obj, reference.path.split(".")):
        if isinstance(holder, str):
            yield holder
        elif isinstance(holder, dict):
            if reference.when is not None and holder.get(reference.when[0]) != reference.when[1]:
                continue
            value = holder.get(reference.id_key)
            if isinstance(value, str):
                yield value


def idless_holders(obj: JsonObject, reference: Reference) -> Iterator[JsonObject]:
    """The objects at an entity reference's path that carry no id (a `{"name": ...}` reference)."""
    if reference.id_key != "id":
        return
    for holder in _walk(obj, reference.path.split(".")):
        if isinstance(holder, dict) and not isinstance(holder.get("id"), str):
            yield holder


def target_exists(emulator: Emulator, reference: Reference, object_id: str) -> bool:
    if reference.lookup:
        return object_id in emulator.state.lookups.get(reference.target, {})
    return object_id in objects(emulator, reference.target)


def link_references(body: JsonObject, references: tuple[Reference, ...]) -> None:
    """Entity references are stored as {id, selfUri}; `with_names` adds the current name on the way out."""
    for reference in references:
        if reference.id_key != "id":
            continue
        for holder in _walk(body, reference.path.split(".")):
            if isinstance(holder, dict) and isinstance(holder.get("id"), str):
                for extra in [k for k in holder if k not in ("id", "division")]:
                    del holder[extra]
                holder["selfUri"] = self_uri(reference.target, holder["id"])


def with_names(emulator: Emulator, obj: JsonObject, references: tuple[Reference, ...]) -> JsonObject:
    """A copy of `obj` whose entity references carry the referenced object's current name, as GET answers."""
    shown = copy.deepcopy(obj)
    for reference in references:
        if reference.id_key != "id":
            continue
        pool = (
            emulator.state.lookups.get(reference.target, {})
            if reference.lookup
            else objects(emulator, reference.target)
        )
        for holder in _walk(shown, reference.path.split(".")):
            target = pool.get(holder.get("id", "")) if isinstance(holder, dict) else None
            if target is not None and "name" in target:
                holder["name"] = target["name"]
    return shown


def first_referrer(emulator: Emulator, key: str, object_id: str) -> tuple[str, JsonObject] | None:
    """(collection, object) of something that still names the object, if anything does."""
    for referrer_key, reference in referrers(key):
        for obj in objects(emulator, referrer_key).values():
            if object_id in referenced_ids(obj, reference):
                return referrer_key, obj
    return None


# --- delayed transitions ----------------------------------------------------------------------------
def stop_later(emulator: Emulator, campaign_id: str) -> None:
    due = emulator.now() + emulator.settings.campaign_stop_seconds
    emulator.state.meta.setdefault(_STOPPING, {})[campaign_id] = due


def settings_later(emulator: Emulator, changes: JsonObject) -> None:
    due = emulator.now() + emulator.settings.settings_apply_seconds
    emulator.state.meta.setdefault(_PENDING_SETTINGS, []).append({"due": due, "changes": changes})


def advance(emulator: Emulator) -> None:
    """Apply what is due: stopping campaigns turn off (terraform-provider-genesyscloud, genesyscloud_outbound_campaign) and settings PATCHes land (OutboundSettings, purecloudplatformclientv2)."""
    now = emulator.now()
    stopping: dict[str, float] = emulator.state.meta.get(_STOPPING, {})
    for campaign_id, due in sorted(stopping.items(), key=lambda item: item[1]):
        if due > now:
            continue
        del stopping[campaign_id]
        campaign = objects(emulator, "campaigns").get(campaign_id)
        if campaign is not None and campaign.get("campaignStatus") == "stopping":
            save(
                emulator, "campaigns", next_version(emulator, campaign, {**campaign, "campaignStatus": "off"})
            )
    pending: list[JsonObject] = emulator.state.meta.get(_PENDING_SETTINGS, [])
    while pending and pending[0]["due"] <= now:
        changes: JsonObject = pending.pop(0)["changes"]
        current = singleton(emulator, "settings")
        save_singleton(emulator, "settings", next_version(emulator, current, {**current, **changes}))
