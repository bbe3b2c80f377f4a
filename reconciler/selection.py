"""`--select`: plan, apply or drift only part of the manifests (like Terraform's `-target`).

A selector is one of:
- an address `genesys/Campaign/q3-renewals` (a declared object, or a live one the plan would delete),
- a kind `genesys/Campaign` (every object of the kind, declared or live),
- a label selector `team=retention` (declared objects whose metadata.labels has that value),
- a manifest path, a file or a folder (the objects declared in it).
Several selectors select the union. A selector that selects nothing on the target is an error (a typo
must not plan nothing). The plan keeps the selected objects' changes and drift entries, and the
findings of what it selects and of everything that depends on, directly or not (findings of no object
stay too): a compliance error of a selected campaign's contact list still blocks its apply. A selected
object that depends on one with a pending change outside the selection names it
(`excluded_dependencies`), because applying the selection leaves that change pending. Apply writes only
the selected changes; a saved plan carries its selectors, so `apply plan.json` re-plans with the same
selection.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reconciler.exceptions import UsageError
from reconciler.manifest.kinds import KINDS as MANIFEST_KINDS
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.manifest.resource import Resource
from reconciler.plan.models import DriftEntry, ExcludedDependency, Plan, ResourceChange, Selection

_PLATFORM_KIND = re.compile(r"(?P<platform>genesys|cxone)/(?P<kind>[A-Za-z]+)(?:/(?P<name>.+))?")
_LABEL = re.compile(r"(?P<key>[A-Za-z0-9][A-Za-z0-9._/-]*)=(?P<value>[^=]*)")

SelectorForm = Literal["address", "kind", "label", "path"]


@dataclass(frozen=True)
class Selector:
    text: str
    form: SelectorForm
    platform: str = ""
    kind: str = ""
    name: str = ""
    path: Path | None = None

    def matches_resource(self, resource: Resource) -> bool:
        if self.form == "label":
            key, _, value = self.text.partition("=")
            return resource.document.metadata.labels.get(key) == value
        if self.form == "path":
            return self.path is not None and _inside(Path(resource.source.file), self.path)
        return self.matches_address(resource.address)

    def matches_address(self, address: str) -> bool:
        if self.form == "address":
            return address == self.text
        if self.form == "kind":
            return address.startswith(f"{self.platform}/{self.kind}/")
        return False


def _inside(file: Path, chosen: Path) -> bool:
    resolved = file.resolve()
    return resolved == chosen or resolved.is_relative_to(chosen)


def parse_selector(text: str) -> Selector:
    """One --select value, or UsageError saying what the forms are."""
    found = _PLATFORM_KIND.fullmatch(text)
    if found is not None:
        platform, kind = found["platform"], found["kind"]
        if (platform, kind) not in MANIFEST_KINDS:
            known = ", ".join(f"{p}/{k}" for p, k in sorted(MANIFEST_KINDS))
            raise UsageError(f"--select {text}: no kind {platform}/{kind} (kinds: {known})")
        if found["name"] is None:
            return Selector(text, "kind", platform=platform, kind=kind)
        return Selector(text, "address", platform=platform, kind=kind, name=found["name"])
    path = Path(text)
    if path.exists():
        return Selector(text, "path", path=path.resolve())
    if _LABEL.fullmatch(text):
        return Selector(text, "label")
    raise UsageError(
        f"--select {text}: not an address (genesys/Campaign/q3-renewals), a kind (genesys/Campaign), "
        "a label selector (team=retention) or an existing manifest file or folder"
    )


def parse_selectors(texts: Iterable[str]) -> tuple[Selector, ...]:
    return tuple(parse_selector(text) for text in dict.fromkeys(texts))


def selected_addresses(
    selectors: Sequence[Selector], *, manifests: ManifestSet, platform: str, live: Iterable[str]
) -> frozenset[str]:
    """Every declared and live address of `platform` a selector picks; UsageError for one that picks none."""
    declared = [r for r in manifests.values() if r.platform == platform]
    live = [address for address in live if address.startswith(f"{platform}/")]
    chosen: set[str] = set()
    for selector in selectors:
        picked = {r.address for r in declared if selector.matches_resource(r)}
        picked |= {address for address in live if selector.matches_address(address)}
        if not picked:
            raise UsageError(
                f"--select {selector.text} selects nothing on this target ({platform}): no declared or "
                "live object matches it"
            )
        chosen |= picked
    return frozenset(chosen)


def narrow(
    plan: Plan,
    *,
    chosen: frozenset[str],
    selectors: Sequence[Selector],
    depends_on: Mapping[str, tuple[str, ...]],
) -> Plan:
    """The plan cut down to the chosen objects, with what the cut leaves out counted and named."""
    pending = {change.address: change for change in plan.resource_changes if change.is_change}
    kept = tuple(change for change in plan.resource_changes if change.address in chosen)
    needs: dict[str, list[str]] = {}
    for change in kept:
        for dependency in depends_on.get(change.address, change.depends_on):
            if dependency not in chosen and dependency in pending:
                needs.setdefault(dependency, []).append(change.address)
    excluded = tuple(
        ExcludedDependency(address, _action(pending[address]), tuple(sorted(users)))
        for address, users in sorted(needs.items())
    )
    relevant = chosen | _needed(chosen, depends_on)
    selection = Selection(
        selectors=tuple(selector.text for selector in selectors),
        excluded_changes=sum(1 for address in pending if address not in chosen),
        excluded_dependencies=excluded,
    )
    return dataclasses.replace(
        plan,
        resource_changes=kept,
        resource_drift=_entries(plan.resource_drift, chosen),
        unmanaged_numbers=tuple(item for item in plan.unmanaged_numbers if item.address in chosen),
        findings=tuple(item for item in plan.findings if item.address is None or item.address in relevant),
        selection=selection,
    )


def _needed(chosen: frozenset[str], depends_on: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """Everything the chosen objects depend on, directly or not: their findings stay in the plan."""
    seen: set[str] = set()
    waiting = [dependency for address in chosen for dependency in depends_on.get(address, ())]
    while waiting:
        address = waiting.pop()
        if address not in seen:
            seen.add(address)
            waiting.extend(depends_on.get(address, ()))
    return frozenset(seen)


def _action(change: ResourceChange) -> str:
    return change.category


def _entries(entries: Iterable[DriftEntry], chosen: frozenset[str]) -> tuple[DriftEntry, ...]:
    return tuple(entry for entry in entries if entry.address in chosen)
