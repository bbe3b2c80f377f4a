"""What a check sees: the typed manifests, the project's default jurisdictions, and (at plan time) the
live objects of the target org, so a reference to an object only the org has can still be followed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from reconciler.limits import DEFAULT_LIMITS
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.manifest.models.call_purpose import DEFAULT_PURPOSE, Calling
from reconciler.manifest.resource import Resource, address_of
from reconciler.policy.called_parties import Reach, as_reach, reached
from reconciler.policy.calling_nature import calling_of
from reconciler.policy.jurisdictions import Jurisdiction, applicable, covering
from reconciler.state.objects import LiveObject

DEFAULT_JURISDICTIONS = ("US",)


@dataclass(frozen=True)
class Declared:
    """An object a check follows a reference to: its spec in manifest shape, and its manifest if any."""

    spec: Mapping[str, Any]
    resource: Resource | None = None


@dataclass(frozen=True)
class CheckContext:
    manifests: ManifestSet
    default_jurisdictions: tuple[str, ...] = DEFAULT_JURISDICTIONS
    default_reach: Reach = ()
    """reconciler.yaml compliance.reach (the target's, else the project's): `nationwide` or states."""
    live: Mapping[str, LiveObject] = field(default_factory=dict)
    """Live objects by address; empty offline (validate), and at plan time for an org that holds none."""
    platform: str | None = None
    """The target's platform at plan time; None offline (every platform's manifests are checked)."""
    roots: tuple[Path, ...] = ()
    """The manifest folders of the run: files a manifest names are read only from inside them."""
    max_shrink_percent: float = 10.0
    """reconciler.yaml dnc.max_shrink_percent: the most of a DNC source one change may drop."""
    dnc_baseline: str | None = None
    """The git revision a DNC source's shrink is measured against (dnc.baseline_ref); None: none."""
    findings_per_code: int = DEFAULT_LIMITS.findings_per_code
    """limits.findings_per_code: a check with more findings of one code only counts the rest."""
    now: datetime | None = None
    """The run's time, timezone-aware (None: the current time): what SCHEDULE-PAST compares with."""
    default_purpose: str = DEFAULT_PURPOSE
    """reconciler.yaml compliance.purpose: why objects that declare none call."""
    default_technology: str | None = None
    """reconciler.yaml compliance.technology: how they call when their dialing does not say."""

    @property
    def offline(self) -> bool:
        """No target org was read (validate). A plan against an org that holds nothing yet is not
        offline: its live side is known, and known to be empty."""
        return self.platform is None

    def resources(self, platform: str, kind: str) -> Iterator[Resource]:
        """The declared resources of one kind, in address order (only the target's platform at plan)."""
        if self.platform is not None and platform != self.platform:
            return
        yield from self._by_kind.get((platform, kind), ())

    @cached_property
    def _by_kind(self) -> dict[tuple[str, str], list[Resource]]:
        grouped: dict[tuple[str, str], list[Resource]] = {}
        for address in sorted(self.manifests):
            resource = self.manifests[address]
            grouped.setdefault((resource.platform, resource.kind), []).append(resource)
        return grouped

    def lookup(self, platform: str, kind: str, name: str) -> Declared | None:
        """The object `name` of `kind`: from the manifests, else from the live org, else None."""
        address = address_of(platform, kind, name)
        resource = self.manifests.get(address)
        if resource is not None:
            return Declared(spec=spec_of(resource), resource=resource)
        live = self.live.get(address)
        if live is not None:
            return Declared(spec=live.essence)
        return None

    @property
    def default_codes(self) -> tuple[str, ...]:
        """The project's jurisdictions with the states its reach adds."""
        return reached(self.default_jurisdictions, self.default_reach)

    def jurisdictions_of(self, resource: Resource) -> tuple[str, ...]:
        """The resource's own `compliance.jurisdictions` (else the project's defaults), with the states
        its `compliance.reach` (else the project's) adds (reconciler.policy.called_parties)."""
        compliance = getattr(resource.document, "compliance", None)
        declared = getattr(compliance, "jurisdictions", None) if compliance is not None else None
        reach = getattr(compliance, "reach", None) if compliance is not None else None
        own_reach = self.default_reach if reach is None else as_reach(reach)
        return reached(tuple(declared) if declared else self.default_jurisdictions, own_reach)

    def calling_of(self, resource: Resource | None) -> Calling:
        """Why and how the resource calls (purpose, technology), with the project's defaults
        (reconciler.policy.calling_nature.calling_of); None: the project's defaults."""
        return calling_of(resource, self.default_purpose, self.default_technology)

    def rules_of(self, resource: Resource | None) -> list[Jurisdiction]:
        """The rules that bind the resource's calls: its jurisdictions' rules (the project's for None)
        that cover its purpose and technology."""
        declared = self.jurisdictions_of(resource) if resource is not None else self.default_codes
        return covering(applicable(declared), *self.calling_of(resource))


def spec_of(resource: Resource) -> dict[str, Any]:
    """A resource's spec in manifest shape (snake_case), unset optional fields left out."""
    spec: dict[str, Any] = resource.document.spec.model_dump(exclude_none=True)
    return spec
