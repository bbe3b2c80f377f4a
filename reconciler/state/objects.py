"""The two sides the planner compares: desired objects (from manifests) and live objects (from a platform).

Both carry an *essence*: the object in manifest shape (snake_case spec fields, references as names),
so a diff speaks the user's language and export writes manifests directly.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reconciler.exceptions import Location

if TYPE_CHECKING:
    from reconciler.state.numbers import DeclaredNumbers


@dataclass(frozen=True)
class DesiredObject:
    address: str
    platform: str
    kind: str
    name: str
    essence: dict[str, Any]
    """The spec fields the manifest declares (and only those: the diff is scoped to them)."""
    source: Location
    annotations: dict[str, str] = field(default_factory=dict)
    depends_on: tuple[str, ...] = ()
    numbers: DeclaredNumbers | None = None
    """A DNC list's or group's declared numbers, kept apart from the essence (compared as a set)."""
    field_sources: dict[str, Location] = field(default_factory=dict)
    """Declared fields set in another file than the document (an overlay's patch), and where."""
    fixed_refs: dict[str, str] = field(default_factory=dict)
    """Managed objects it names inside a field that cannot change after creation: address -> that field
    (a campaign rule's campaign_rule_entities). When one of them is replaced, so is this object."""


@dataclass(frozen=True)
class LiveObject:
    address: str
    platform: str
    kind: str
    name: str
    platform_id: str
    essence: dict[str, Any]
    """The whole live object in manifest shape (server-managed fields dropped)."""
    version: int | None = None
    fingerprint: str = ""
    status: str | None = None
    """Run state where the platform has one (campaign status, campaign rule enabled)."""
    body: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    """The API body as read (Genesys): apply's first versioned write overlays onto it, saving a GET."""


def fingerprint(body: Any) -> str:
    """A stable hash of an API body, for platforms without versions (CXone) and for saved-plan checks."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def live_object(
    *,
    platform: str,
    kind: str,
    name: str,
    platform_id: str,
    essence: dict[str, Any],
    body: Any,
    version: int | None = None,
    status: str | None = None,
) -> LiveObject:
    """A LiveObject read from `body`: its address from platform, kind and name; its fingerprint from the body."""
    return LiveObject(
        address=f"{platform}/{kind}/{name}",
        platform=platform,
        kind=kind,
        name=name,
        platform_id=platform_id,
        essence=essence,
        version=version,
        fingerprint=fingerprint(body),
        status=status,
        body=body if isinstance(body, dict) else None,
    )
