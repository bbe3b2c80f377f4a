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


def _written(codes: object) -> list[str]:
    """The codes of a jurisdictions or reach field (`nationwide` names none)."""
    return list(codes) if isinstance(codes, list) else []


_ADD_ROW = "add a row with its hours and citation to reconciler/policy/data/jurisdictions.yaml."


def _unknown(field: str, codes: object) -> list[tuple[int, str]]:
    """(index, problem) of each code of a jurisdictions or reach field without a data row."""
    hint = "Use a known code" + (" or nationwide" if field == "reach" else "") + f", or {_ADD_ROW}"
    return [
        (index, f"{unknown_problem(code)}. {hint}")
        for index, code in enumerate(_written(codes))
        if not known(code)
    ]


def unknown_jurisdiction_findings(resources: Iterable[Resource]) -> list[Finding]:
    """Unknown codes in a document's compliance.jurisdictions and compliance.reach, at their lines."""
    return [
        finding(
            Code.SCHEMA,
            f"{resource.kind} '{resource.name}': compliance.{field}: {problem}",
            address=resource.address,
            source=resource.location_of(("compliance", field, index)),
        )
        for resource in resources
        for field in ("jurisdictions", "reach")
        for index, problem in _unknown(
            field, getattr(getattr(resource.document, "compliance", None), field, None)
        )
    ]


def project_jurisdiction_findings(project: ProjectFile | None) -> list[Finding]:
    """Unknown codes in reconciler.yaml's `compliance.jurisdictions` and `reach`, and each target's, at
    their lines."""
    if project is None:
        return []
    sections = [("compliance", project.compliance)] + [
        (f"targets.{name}.compliance", target.compliance)
        for name, target in project.targets.items()
        if target.compliance is not None
    ]
    return [
        finding(Code.SCHEMA, f"reconciler.yaml {at}.{field}: {problem}", source=where(index))
        for at, compliance in sections
        for field, where in (("jurisdictions", compliance.where_of), ("reach", compliance.reach_where_of))
        for index, problem in _unknown(field, getattr(compliance, field))
    ]
