"""Matching declared objects to live ones: the one match_live, by identity, then by a previous name.

Identity is the name for most kinds; a schedule is identified by the campaign (or sequence) it belongs
to, and an org singleton by its kind alone (its KindSpec's owner and singleton_name).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reconciler.kinds.registry import spec_of
from reconciler.state.objects import DesiredObject, LiveObject


@dataclass(frozen=True)
class Claim:
    """A declared object's claim on a live one: the live addresses it has, in the order they are tried,
    and the ones it may still have under a previous name (tried once every other claim is settled)."""

    address: str
    keys: tuple[str, ...]
    previous: tuple[str, ...] = ()


def identity(*, platform: str, kind: str, name: str, owner_name: Any = None) -> str:
    """The address a declared object's live counterpart has; `owner_name` names the object it belongs to."""
    spec = spec_of(platform, kind)
    if spec is not None and spec.owner is not None:
        return f"{platform}/{kind}/{owner_name}"
    if spec is not None and spec.singleton_name is not None:
        return f"{platform}/{kind}/{spec.singleton_name}"
    return f"{platform}/{kind}/{name}"


def owner_field(platform: str, kind: str) -> str | None:
    """The manifest field naming the object a kind's objects belong to (a schedule's campaign)."""
    spec = spec_of(platform, kind)
    return None if spec is None else spec.owner


def desired_identity(obj: DesiredObject) -> str:
    """The address a desired object's live counterpart has."""
    field = owner_field(obj.platform, obj.kind)
    owner = None if field is None else obj.essence.get(field)
    return identity(platform=obj.platform, kind=obj.kind, name=obj.name, owner_name=owner)


def declared_claims(declared: Mapping[str, DesiredObject]) -> list[Claim]:
    """Claims of desired objects: by address (live objects already keyed by their manifest), then by identity."""
    claims = []
    for address, obj in declared.items():
        key = desired_identity(obj)
        claims.append(Claim(address, (address, key) if key != address else (address,)))
    return claims


def match_live(
    claims: Iterable[Claim], live: Mapping[str, LiveObject]
) -> tuple[dict[str, LiveObject], dict[str, LiveObject]]:
    """(declared address -> its live object, the live objects no claim took by their address).

    A live object goes to one claim at most: first by the claims' keys, then by previous names.
    """
    unclaimed = dict(live)
    matched: dict[str, LiveObject] = {}
    waiting = list(claims)
    for claim in waiting:
        _take(claim, claim.keys, unclaimed, matched)
    for claim in waiting:
        if claim.address not in matched:
            _take(claim, claim.previous, unclaimed, matched)
    return matched, unclaimed


def _take(
    claim: Claim, keys: tuple[str, ...], unclaimed: dict[str, LiveObject], matched: dict[str, LiveObject]
) -> None:
    key = next((key for key in keys if key in unclaimed), None)
    if key is not None:
        matched[claim.address] = unclaimed.pop(key)
