"""Findings as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reconciler import __version__
from reconciler.diagnostics import CATALOGUE, Finding, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/outbound-reconciler/outbound-reconciler"


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": str(code),
            "name": str(code).title().replace("-", ""),
            "shortDescription": {"text": entry.title},
            "defaultConfiguration": {"level": "error" if entry.severity == Severity.ERROR else "warning"},
        }
        for code, entry in CATALOGUE.items()
    ]


def _result(item: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": str(item.code),
        "ruleIndex": rule_index[str(item.code)],
        "level": "error" if item.severity == Severity.ERROR else "warning",
        "message": {"text": item.message},
    }
    if item.source is not None:
        result["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": item.source.file},
                    "region": {"startLine": max(item.source.line, 1)},
                }
            }
        ]
    properties: dict[str, Any] = {}
    if item.address is not None:
        properties["address"] = item.address
    if item.omitted:
        properties["omitted"] = item.omitted  # the findings of this code left out of the list
    if properties:
        result["properties"] = properties
    if item.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": item.suppressed}]
    return result


def sarif_document(
    findings: Sequence[Finding], *, properties: dict[str, Any] | None = None
) -> dict[str, Any]:
    """`properties` goes to the run's property bag (a plan's summary counts)."""
    rules = _rules()
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "reconciler",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "results": [_result(item, rule_index) for item in findings],
    }
    if properties:
        run["properties"] = properties
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    }
