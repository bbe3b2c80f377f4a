"""Declared names that look alike without being the same name: DUPLICATE warnings naming both documents.

Within one platform and kind, a name is warned when
- its UTS #39 skeleton equals an earlier name's (Cyrillic U+0430 for Latin a, digit 1 for letter l), or
- it differs from an earlier name only by case, on a kind whose platform compares names exactly
  (Genesys Cloud): both objects can exist, but a reviewer reads them as one.
The warning sits on the later document, so `reconciler/allow: "DUPLICATE: reason"` there accepts it.
"""

from __future__ import annotations

from collections import defaultdict

from reconciler.diagnostics import Code, Finding, Severity, finding
from reconciler.manifest.confusable_skeleton import skeleton
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.manifest.name_characters import describe
from reconciler.manifest.resource import Resource


def _where(resource: Resource) -> str:
    return f"{resource.raw.file}:{resource.raw.line}"


def _differing(first: str, second: str) -> str:
    """The characters one name has and the other lacks, by code point."""
    extra = sorted(set(first) ^ set(second))
    return ", ".join(describe(char) for char in extra[:4]) + (" ..." if len(extra) > 4 else "")


def _warning(resource: Resource, first: Resource, *, relation: str, detail: str) -> Finding:
    message = (
        f"{resource.address} {relation} {first.address} (declared at {_where(first)}): {detail}; rename "
        "one, or accept it with reconciler/allow 'DUPLICATE: reason' on this object"
    )
    return finding(
        Code.DUPLICATE, message, address=resource.address, source=resource.source, severity=Severity.WARNING
    )


def _lookalike(
    resource: Resource, by_skeleton: dict[str, Resource], by_case: dict[str, Resource]
) -> Finding | None:
    first = by_skeleton.setdefault(skeleton(resource.name), resource)
    if first is not resource:
        detail = f"the names differ only in confusable characters ({_differing(first.name, resource.name)})"
        return _warning(resource, first, relation="looks like", detail=detail)
    if resource.info.definition.names_ignore_case:
        return None
    first = by_case.setdefault(resource.name.casefold(), resource)
    if first is not resource:
        detail = "the platform keeps both, but a reviewer reads them as one"
        return _warning(resource, first, relation="differs only by case from", detail=detail)
    return None


def lookalike_findings(manifests: ManifestSet) -> list[Finding]:
    """One warning per declared name that looks like an earlier declared name of its platform and kind."""
    groups: dict[tuple[str, str], list[Resource]] = defaultdict(list)
    for resource in manifests.values():
        if not resource.info.definition.singleton:
            groups[(resource.platform, resource.kind)].append(resource)
    findings: list[Finding] = []
    for members in groups.values():
        by_skeleton: dict[str, Resource] = {}
        by_case: dict[str, Resource] = {}
        for resource in members:
            found = _lookalike(resource, by_skeleton, by_case)
            if found is not None:
                findings.append(found)
    return findings
