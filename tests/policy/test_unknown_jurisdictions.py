"""A jurisdiction code without a data row is an error where it is written, and never drops the federal rules."""

from __future__ import annotations

from pathlib import Path

from reconciler.config import load_project
from reconciler.diagnostics import Code
from reconciler.policy.jurisdictions import applicable, called_party_zones, table
from reconciler.validation import validate_paths

CAMPAIGN = """\
apiVersion: genesys/v1
kind: CallableTimeSet
metadata:
  name: long-day
spec:
  callable_times:
    - time_zone_id: America/New_York
      time_slots:
        - {day: 2, start_time: "07:30:00", stop_time: "21:30:00"}
"""


def test_a_state_without_a_row_still_brings_the_federal_rules() -> None:
    assert [row.code for row in applicable(["US-UM"])] == ["US"]
    assert [row.code for row in applicable(["US-UM", "US-FL"])] == ["US", "US-FL"]
    assert called_party_zones(["US-UM"]) == table()["US"].zones
    assert applicable(["ZZ"]) == [] and called_party_zones(["ZZ-AB"]) == ()


def test_a_state_with_a_row_always_brings_its_country() -> None:
    for code, row in table().items():
        if "-" in code:
            assert code.split("-")[0] in [found.code for found in applicable([code])], code
            assert row.parent is not None


def test_an_unknown_code_in_reconciler_yaml_is_an_error_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "reconciler.yaml").write_text(
        "manifests: m/\ncompliance:\n  jurisdictions:\n    - US\n    - US-UM\n", encoding="utf-8"
    )
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "hours.yaml").write_text(CAMPAIGN, encoding="utf-8")
    project = load_project(tmp_path / "reconciler.yaml")

    findings = validate_paths([tmp_path / "m"], project=project).findings

    schema = [item for item in findings if item.code == Code.SCHEMA]
    assert len(schema) == 1 and schema[0].source is not None
    assert schema[0].source.file.endswith("reconciler.yaml") and schema[0].source.line == 5
    assert "'US-UM' has no rules" in schema[0].message and "US-FL" in schema[0].message
    assert Code.CALLING_HOURS in {item.code for item in findings}  # the federal window still binds


def test_an_unknown_code_of_a_target_is_reported_too(tmp_path: Path) -> None:
    (tmp_path / "reconciler.yaml").write_text(
        "manifests: m/\ntargets:\n  prod:\n    platform: genesys\n    emulator: true\n"
        "    compliance: {jurisdictions: [US-UM]}\n",
        encoding="utf-8",
    )
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "hours.yaml").write_text(CAMPAIGN, encoding="utf-8")
    project = load_project(tmp_path / "reconciler.yaml")

    findings = validate_paths([tmp_path / "m"], project=project).findings

    schema = [item for item in findings if item.code == Code.SCHEMA]
    assert [item.source.line for item in schema if item.source] == [6]
    assert "targets.prod.compliance.jurisdictions" in schema[0].message and "'US-UM'" in schema[0].message
