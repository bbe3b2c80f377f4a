"""Jurisdiction codes with no data row, in a manifest or reconciler.yaml: a SCHEMA error at the code's line.

The manifest model checks the shape only (`US`, `US-FL`); the rows live in data/jurisdictions.yaml,
which the manifest layer does not read. A code without a row would otherwise check nothing of its own,
so it is an error naming the known codes; its country's rules still apply (US-NY: the federal rules).
"""

from __future__ import annotations

from collections.abc import Iterable

from reconciler.config import ProjectFile
from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.resource import Resource
from reconciler.policy.jurisdictions import known, unknown_problem


def unknown_jurisdiction_findings(resources: Iterable[Resource]) -> list[Finding]:
    found: list[Finding] = []
    for resource in resources:
        compliance = getattr(resource.document, "compliance", None)
        codes = getattr(compliance, "jurisdictions", None) or []
        for index, code in enumerate(codes):
            if known(code):
                continue
            found.append(
                finding(
                    Code.SCHEMA,
                    f"{resource.kind} '{resource.name}': compliance.jurisdictions: {unknown_problem(code)}. Use a known "
                    "code, or add a row with its hours and citation to reconciler/policy/data/jurisdictions.yaml.",
                    address=resource.address,
                    source=resource.location_of(("compliance", "jurisdictions", index)),
                )
            )
    return found


def project_jurisdiction_findings(project: ProjectFile | None) -> list[Finding]:
    """Unknown codes in reconciler.yaml's `compliance.jurisdictions` and each target's, at their lines."""
    if project is None:
        return []
    sections = [("compliance", project.compliance)] + [
        (f"targets.{name}.compliance", target.compliance)
        for name, target in project.targets.items()
        if target.compliance is not None
    ]
    return [
        finding(
            Code.SCHEMA,
            f"reconciler.yaml {at}.jurisdictions: {unknown_problem(code)}. Use a known code, or add a row "
            "with its hours and citation to reconciler/policy/data/jurisdictions.yaml.",
            source=compliance.where_of(index),
        )
        for at, compliance in sections
        for index, code in enumerate(compliance.jurisdictions)
        if not known(code)
    ]
