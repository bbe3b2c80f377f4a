"""Objects an interrupted replace renamed aside: how apply names them and how a plan recognises them.

A replace (a changed immutable field) renames the old object to `<name>~replaced-<8 hex>` because
names are unique, creates the new object, repoints the dependents and deletes the old one. A crash
between the rename and the delete leaves the old object in the org under that name. It is not an
unmanaged object: it is the unfinished half of the declared object's replace, so the next plan lists
its delete (gated by --allow-delete and prevent-destroy like any delete) and apply finishes the replace.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping

from reconciler.state.objects import DesiredObject, LiveObject

MARK = "~replaced-"
TOKEN_LENGTH = 8
NAME_LIMIT = 64
"""Genesys object names are at most 64 characters: a long name is cut to make room for the mark."""
_STEM_LIMIT = NAME_LIMIT - len(MARK) - TOKEN_LENGTH
_ASIDE = re.compile(rf"(?P<stem>.+){re.escape(MARK)}[0-9a-f]{{{TOKEN_LENGTH}}}", re.DOTALL)


def aside_name(name: str, token: str | None = None) -> str:
    """The name an object is renamed to while its replacement is created (a fresh token unless given)."""
    mark = MARK + (token or uuid.uuid4().hex[:TOKEN_LENGTH])
    return name[: NAME_LIMIT - len(mark)] + mark


def replaced_by(live: LiveObject, declared: Mapping[str, DesiredObject]) -> DesiredObject | None:
    """The declared object whose interrupted replace left `live` behind, or None.

    The stem before the mark is the declared name, or its first characters when the name was cut;
    a cut stem that two declared names share belongs to neither (deleting the wrong one is worse).
    """
    match = _ASIDE.fullmatch(live.name)
    if match is None:
        return None
    stem = match["stem"]
    if len(stem) < _STEM_LIMIT:
        return declared.get(f"{live.platform}/{live.kind}/{stem}")
    if len(stem) > _STEM_LIMIT:
        return None  # longer than apply ever makes it: not a name this tool gave
    owners = [
        obj
        for obj in declared.values()
        if (obj.platform, obj.kind) == (live.platform, live.kind) and obj.name[:_STEM_LIMIT] == stem
    ]
    return owners[0] if len(owners) == 1 else None


def leftovers(
    present: Mapping[str, LiveObject], declared: Mapping[str, DesiredObject]
) -> dict[str, DesiredObject]:
    """Live address -> declared owner, for every live object an interrupted replace left behind.

    `present` holds the live objects no declared object claimed.
    """
    found: dict[str, DesiredObject] = {}
    for address, live in present.items():
        owner = replaced_by(live, declared)
        if owner is not None:
            found[address] = owner
    return found


def leftover_reason(owner_address: str) -> str:
    return (
        f"left over by an interrupted replace of {owner_address}; "
        "its dependents are repointed, then it is deleted"
    )
