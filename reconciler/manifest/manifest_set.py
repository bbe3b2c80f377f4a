"""The desired state: every typed resource keyed by address, with DUPLICATE detection."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.resource import Resource
from reconciler.platform import Platform


@dataclass(frozen=True)
class ManifestSet(Mapping[str, Resource]):
    """An immutable mapping address -> resource, in the order the files declared them."""

    by_address: Mapping[str, Resource]

    def __getitem__(self, address: str) -> Resource:
        return self.by_address[address]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_address)

    def __len__(self) -> int:
        return len(self.by_address)

    def of_platform(self, platform: str) -> list[Resource]:
        return [item for item in self.by_address.values() if item.platform == platform]


def _where(resource: Resource) -> str:
    return f"{resource.raw.file}:{resource.raw.line}"


PLATFORM_NAMES: dict[str, str] = {platform: platform.display_name for platform in Platform}


def _name_key(resource: Resource) -> tuple[str, ...]:
    """The identity of a resource's name, compared as its platform compares names of its kind."""
    name = resource.name.casefold() if resource.info.definition.names_ignore_case else resource.name
    return (resource.platform, resource.kind, name)


def _declared_twice(first: Resource, second: Resource) -> str:
    if first.name == second.name:
        return f"{second.address} is declared twice"
    platform = second.platform.display_name
    return (
        f"{second.address} and {first.address} are one name to {platform}, which compares "
        f"{second.kind} names without regard to case"
    )


def build_manifest_set(resources: Iterable[Resource]) -> tuple[ManifestSet, list[Finding]]:
    """Index resources; a second document with the same identity is a DUPLICATE (the first one wins).

    Names are compared as the platform compares them (KindDef.names_ignore_case); addresses keep the
    exact names.
    """
    by_address: dict[str, Resource] = {}
    seen: dict[tuple[str, ...], Resource] = {}
    findings: list[Finding] = []
    for resource in resources:
        definition = resource.info.definition
        keys: list[tuple[tuple[str, ...], str]] = []
        if definition.singleton:
            keys.append(((resource.platform, resource.kind), f"{resource.kind} is an org-wide singleton"))
        else:
            keys.append((_name_key(resource), ""))  # the message names both spellings
        if definition.unique_by is not None:
            target = getattr(resource.document.spec, definition.unique_by)
            keys.append(
                (
                    (resource.platform, resource.kind, definition.unique_by, str(target)),
                    f"two {resource.kind} documents target {definition.unique_by} '{target}'",
                )
            )
        clash = next(((key, why) for key, why in keys if key in seen), None)
        if clash is not None:
            first = seen[clash[0]]
            findings.append(
                finding(
                    Code.DUPLICATE,
                    f"{clash[1] or _declared_twice(first, resource)}; first declared at {_where(first)}",
                    address=resource.address,
                    source=resource.source,
                )
            )
            continue
        for key, _why in keys:
            seen[key] = resource
        by_address[resource.address] = resource
    return ManifestSet(by_address), findings
