"""Declared names that a live object already holds in another case, on kinds whose platform ignores case.

CXone refuses to create `Sales` while `sales` exists, so planning a create would fail on every apply.
The plan does not adopt the live object under the manifest's spelling: references to it would then
read back as `sales` and show as drift on every run. It reports the clash as a DUPLICATE error that
says which spelling to use instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.manifest_set import PLATFORM_NAMES, ManifestSet
from reconciler.manifest.name_characters import printable
from reconciler.state.objects import LiveObject


def case_variant_findings(
    manifests: ManifestSet, live: Iterable[LiveObject], *, platform: str
) -> list[Finding]:
    """A DUPLICATE error per declared object whose name a live object holds only in another case."""
    objects = list(live)
    exact = {obj.address for obj in objects}
    folded = {(obj.kind, obj.name.casefold()): obj for obj in objects}
    findings: list[Finding] = []
    for resource in manifests.values():
        if resource.platform != platform or not resource.info.definition.names_ignore_case:
            continue
        other = folded.get((resource.kind, resource.name.casefold()))
        if resource.address in exact or other is None:
            continue
        shown = printable(other.name)
        message = (
            f"the live org has {resource.kind} '{shown}' (id {other.platform_id}), one name with "
            f"'{resource.name}' to {PLATFORM_NAMES.get(platform, platform)}, which compares {resource.kind} "
            f"names without regard to case, so creating '{resource.name}' would fail: set metadata.name "
            f"to '{shown}' to manage that object, or rename it live first"
        )
        findings.append(finding(Code.DUPLICATE, message, address=resource.address, source=resource.source))
    return findings
