"""Severity control: the project's `policy:` overrides, then `reconciler/allow` annotations.

`policy: {AUDIENCE-OVERLAP: warning}` changes a code's severity everywhere (`off` drops it).
`reconciler/allow: "CODE: reason"` on an object marks that object's findings of CODE as allowed: they
stay in every output with their reason (`suppressed`) but no longer count, so they neither fail a plan
nor block apply. A reason is required (the manifest model refuses an allow line without one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from reconciler.diagnostics import Code, Finding, Severity
from reconciler.manifest.manifest_set import ManifestSet

ALLOW = "reconciler/allow"


def allowances(annotations: Mapping[str, str]) -> dict[str, str]:
    """{CODE: reason} from an object's reconciler/allow annotation (one 'CODE: reason' per line)."""
    found: dict[str, str] = {}
    for line in annotations.get(ALLOW, "").splitlines():
        code, _, reason = line.strip().partition(":")
        if code and reason.strip():
            found[code.strip()] = reason.strip()
    return found


def apply_policy(
    findings: Iterable[Finding], *, overrides: Mapping[Code, str], manifests: ManifestSet
) -> list[Finding]:
    result: list[Finding] = []
    for item in findings:
        level = overrides.get(item.code)
        if level == "off":
            continue
        if level is not None:
            item = replace(item, severity=Severity(level))
        resource = manifests.get(item.address) if item.address else None
        if resource is not None and item.suppressed is None:
            reason = allowances(resource.annotations).get(str(item.code))
            if reason is not None:
                item = replace(item, suppressed=reason)
        result.append(item)
    return result
