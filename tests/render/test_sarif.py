from __future__ import annotations

import json

import jsonschema

from reconciler.diagnostics import Code, Severity, finding
from reconciler.exceptions import Location
from reconciler.render.sarif import sarif_document
from tests.conftest import FIXTURES

SARIF_SCHEMA = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text())


def test_sarif_log_matches_the_oasis_schema_and_keeps_locations() -> None:
    findings = [
        finding(
            Code.SCHEMA,
            "spec.priority: too high",
            address="genesys/Campaign/q3",
            source=Location("c/q3.yaml", 12),
        ),
        finding(Code.REF_MISSING, "no such list", severity=Severity.WARNING, source=Location("c/q3.yaml", 7)),
        finding(Code.CYCLE, "a -> b -> a"),
    ]
    log = sarif_document(findings)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["SCHEMA", "REF-MISSING", "CYCLE"]
    assert [r["level"] for r in results] == ["error", "warning", "error"]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "c/q3.yaml"}, "region": {"startLine": 12}}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[results[1]["ruleIndex"]]["id"] == "REF-MISSING"


def test_a_broken_log_fails_the_schema_check() -> None:
    log = sarif_document([finding(Code.SCHEMA, "x", source=Location("f.yaml", 1))])
    del log["runs"][0]["tool"]["driver"]["name"]
    assert list(jsonschema.Draft7Validator(SARIF_SCHEMA).iter_errors(log))
