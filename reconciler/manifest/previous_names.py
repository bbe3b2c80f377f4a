"""metadata.previous_names checked across manifests: each old name can be claimed by one object only.

A previous name lets plan match a live object still under that name and rename it in place (like
Terraform's `moved`). Only kinds identified by their name can be renamed: a schedule is matched by its
campaign or sequence and an org singleton by its kind, so a previous name there is an error, as is an
old name another manifest of the kind still declares or lists too (two objects cannot claim one).
"""

from __future__ import annotations

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.manifest.resource import Resource

FIELD = ("metadata", "previous_names")


def _where(resource: Resource) -> str:
    return f"{resource.source.file}:{resource.source.line}"


def previous_name_findings(manifests: ManifestSet) -> list[Finding]:
    found: list[Finding] = []
    claimed: dict[tuple[str, str, str], Resource] = {}
    for resource in sorted(manifests.values(), key=lambda item: (item.source.file, item.source.line)):
        if not resource.previous_names:
            continue
        definition = resource.info.definition
        if definition.singleton or definition.unique_by is not None:
            owner = "its kind" if definition.singleton else f"its {definition.unique_by}"
            found.append(
                finding(
                    Code.SCHEMA,
                    f"metadata.previous_names: a {resource.kind} is matched by {owner}, not by its name, "
                    "so it cannot be renamed this way; remove previous_names",
                    address=resource.address,
                    source=resource.location_of(FIELD),
                )
            )
            continue
        for old in resource.previous_names:
            key = (resource.platform, resource.kind, old)
            other = manifests.get(f"{resource.platform}/{resource.kind}/{old}") or claimed.get(key)
            if other is not None:
                found.append(
                    finding(
                        Code.DUPLICATE,
                        f"metadata.previous_names: '{old}' is claimed by {other.address} too (declared at "
                        f"{_where(other)}); one live object can be renamed to one name only",
                        address=resource.address,
                        source=resource.location_of(FIELD),
                    )
                )
            else:
                claimed[key] = resource
    return found
