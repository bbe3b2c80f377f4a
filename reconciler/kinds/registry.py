"""Every KindSpec, found by scanning reconciler.kinds for modules with a `SPECS` tuple, and the tables derived from them.

Adding a kind is adding its module (docs/adding-a-kind.md): nothing here lists kinds by hand.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from types import ModuleType

import reconciler.kinds
from reconciler.kinds.spec import KindSpec


def _modules(package: ModuleType) -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        yield importlib.import_module(info.name)


def _discover() -> dict[tuple[str, str], KindSpec]:
    found: dict[tuple[str, str], KindSpec] = {}
    for module in _modules(reconciler.kinds):
        for spec in getattr(module, "SPECS", ()):
            key = (spec.platform, spec.kind)
            if key in found:
                raise RuntimeError(f"{module.__name__}: kind {spec.platform}/{spec.kind} is declared twice")
            found[key] = spec
    return {(spec.platform, spec.kind): spec for spec in sorted(found.values(), key=_referenced_first)}


def _referenced_first(spec: KindSpec) -> tuple[str, int]:
    """Referenced kinds before the kinds that reference them (by delete rank), org singletons last."""
    return (spec.platform, 1 if spec.delete_rank is None else -spec.delete_rank)


KIND_SPECS: Mapping[tuple[str, str], KindSpec] = _discover()
"""(platform, kind) -> its spec, every managed kind; per platform, referenced kinds first."""


def declared_lookups(platform: str) -> dict[str, str]:
    """External kinds a family of kinds needs (kind -> listing path): a module's `LOOKUPS` dict, keyed by
    platform ({"genesys": {"EmailDomain": "/api/v2/routing/email/outbound/domains"}})."""
    found: dict[str, str] = {}
    for module in _modules(reconciler.kinds):
        found.update(getattr(module, "LOOKUPS", {}).get(platform, {}))
        found.update(getattr(module, "LOOKUPS_WHEN_REFERRED", {}).get(platform, {}))
    return found


def lookups_when_referred(platform: str) -> frozenset[str]:
    """The declared lookups read only when a manifest names one of their objects (a module's
    `LOOKUPS_WHEN_REFERRED`): a plan needs no permission to read what it never names."""
    return frozenset(
        kind
        for module in _modules(reconciler.kinds)
        for kind in getattr(module, "LOOKUPS_WHEN_REFERRED", {}).get(platform, {})
    )


def lookup_scopes(platform: str) -> dict[str, tuple[str, str]]:
    """Lookups listed once per object of another (kind -> (scope kind, query parameter naming it)), a
    module's `LOOKUP_SCOPES`: responses are listed per library."""
    found: dict[str, tuple[str, str]] = {}
    for module in _modules(reconciler.kinds):
        found.update(getattr(module, "LOOKUP_SCOPES", {}).get(platform, {}))
    return found


def spec_of(platform: str, kind: str) -> KindSpec | None:
    return KIND_SPECS.get((platform, kind))


def specs_of(platform: str) -> dict[str, KindSpec]:
    """Kind -> spec, the managed kinds of `platform`."""
    return {kind: spec for (owner, kind), spec in KIND_SPECS.items() if owner == platform}


def schedule_kinds(platform: str) -> tuple[tuple[str, str], ...]:
    """(kind, owner field) of each schedule kind of `platform`."""
    return tuple((kind, str(spec.owner)) for kind, spec in specs_of(platform).items() if spec.schedule)


def calling_kinds(platform: str) -> tuple[tuple[str, str | None], ...]:
    """(kind, the spec field that makes an object a call, or None for every object) of each kind of
    `platform` whose objects call people (KindSpec.calls)."""
    return tuple(
        (kind, spec.calls if isinstance(spec.calls, str) else None)
        for kind, spec in specs_of(platform).items()
        if spec.calls
    )


def _per_kind(platform: str, attribute: str) -> dict[str, frozenset[str]]:
    return {
        kind: getattr(spec, attribute)
        for kind, spec in specs_of(platform).items()
        if getattr(spec, attribute)
    }


PLATFORMS = tuple(sorted({platform for platform, _ in KIND_SPECS}))

IMMUTABLE: dict[str, dict[str, frozenset[str]]] = {
    platform: _per_kind(platform, "immutable") for platform in PLATFORMS
}
"""Per platform, per kind: manifest fields whose change means replace."""

CREATE_REQUIRES: dict[str, dict[str, Mapping[str, str]]] = {
    platform: {
        kind: spec.create_requires for kind, spec in specs_of(platform).items() if spec.create_requires
    }
    for platform in PLATFORMS
}
"""Per platform, per kind: manifest fields the platform needs to create an object -> the public source."""

SET_LIKE: dict[str, dict[str, frozenset[str]]] = {
    platform: _per_kind(platform, "set_like") for platform in PLATFORMS
}
"""Per platform, per kind: list fields compared without regard to order."""
