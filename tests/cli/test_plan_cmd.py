"""`reconciler plan` and `drift` end to end against the local (emulated) target on a copy of the demo repo."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT, copy_demo, run_cli

PLAN_SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text())


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy_demo(tmp_path)
    return tmp_path


def test_first_plan_on_a_fresh_clone_shows_the_demo_differences(repo: Path) -> None:
    result = run_cli("plan", "--format", "json", cwd=repo)
    assert result.code == 0, result.stderr
    plan = json.loads(result.stdout)
    jsonschema.Draft202012Validator(PLAN_SCHEMA).validate(plan)
    actions = {change["address"]: change["actions"] for change in plan["resource_changes"]}
    assert actions["genesys/Campaign/win-back-preview"] == ["create"]
    assert actions["genesys/Campaign/q3-renewals"] == ["update"]
    assert actions["genesys/ContactList/renewals-list"] == ["no-op"]
    q3 = next(c for c in plan["resource_changes"] if c["address"] == "genesys/Campaign/q3-renewals")
    assert {(c["path"], c["before"], c["after"]) for c in q3["changes"]} == {
        ("abandon_rate", 3.0, 2.5),
        ("no_answer_timeout", 20, 25),
    }
    assert q3["live_version"] == 1 and q3["source"] == {"file": "campaigns/genesys/campaigns.yaml", "line": 3}
    assert plan["summary"]["create"] == 3 and plan["summary"]["error"] == 0
    assert (repo / ".reconciler" / "local.json").is_file()
    assert "skipped" in result.stderr


def test_detailed_exitcode_and_no_phone_numbers_in_any_format(repo: Path) -> None:
    assert run_cli("plan", "--detailed-exitcode", cwd=repo).code == 2
    for output in ("text", "markdown", "json", "sarif"):
        result = run_cli("plan", "--format", output, cwd=repo)
        assert result.code == 0
        assert not re.search(r"5555550\d{3}", result.stdout), output


def test_saved_plan_file(repo: Path) -> None:
    result = run_cli("plan", "--out", "plan.json", "--format", "markdown", cwd=repo)
    assert result.code == 0 and result.stdout.startswith("#")
    saved = json.loads((repo / "plan.json").read_text())
    assert saved["format_version"] == "1" and saved["manifest_digest"].startswith("sha256:")


def test_drift_lists_changed_fields_and_unmanaged_objects(repo: Path) -> None:
    result = run_cli("drift", "--format", "json", cwd=repo)
    assert result.code == 2, result.stderr
    drift = json.loads(result.stdout)["resource_drift"]
    by_address = {entry["address"]: entry for entry in drift}
    q3 = by_address["genesys/Campaign/q3-renewals"]
    assert {"path": "abandon_rate", "git": 2.5, "live": 3.0} in [
        {key: field[key] for key in ("path", "git", "live")} for field in q3["fields"]
    ]
    assert by_address["genesys/CallableTimeSet/demo-legacy-hours"]["status"] == "unmanaged"


def test_schema_errors_stop_before_reading_the_org(repo: Path) -> None:
    bad = repo / "campaigns" / "genesys" / "campaigns.yaml"
    bad.write_text(bad.read_text().replace("abandon_rate: 2.5", "abandon_rate: lots"))
    result = run_cli("plan", cwd=repo)
    assert result.code == 1
    assert "campaigns/genesys/campaigns.yaml:" in result.stdout and "SCHEMA" in result.stdout
    assert not (repo / ".reconciler").exists()


def test_unknown_target_is_a_clear_error(repo: Path) -> None:
    result = run_cli("plan", "--target", "nope", cwd=repo)
    assert result.code == 1 and "unknown target 'nope'" in result.stderr and "Traceback" not in result.stderr
