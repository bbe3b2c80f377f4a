"""`reconciler plan` and `drift` end to end against the emulated CXone target on a copy of the demo repo."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from reconciler.plan.masking import without_fingerprints
from tests.conftest import ROOT, copy_demo, run_cli

PLAN_SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text())
TARGET = ("--target", "local-cxone")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy_demo(tmp_path)
    return tmp_path


def test_first_plan_shows_the_demo_differences(repo: Path) -> None:
    result = run_cli("plan", *TARGET, "--format", "json", cwd=repo)
    assert result.code == 0, result.stderr
    plan = json.loads(result.stdout)
    jsonschema.Draft202012Validator(PLAN_SCHEMA).validate(plan)
    assert plan["target"] == {"name": "local-cxone", "platform": "cxone"}
    changes = {change["address"]: change for change in plan["resource_changes"]}
    assert {address: change["actions"] for address, change in changes.items()} == {
        "cxone/Campaign/retention-reporting": ["no-op"],
        "cxone/Skill/cx-renewals-outbound": ["update"],
        "cxone/Skill/cx-collections-outbound": ["create"],
        "cxone/DncGroup/cx-internal-dnc": ["update"],
    }
    renewals = changes["cxone/Skill/cx-renewals-outbound"]
    assert renewals["changes"] == [{"path": "general_settings.maximum_ratio", "before": 3, "after": 2}]
    assert renewals["live_version"] is None and renewals["live_fingerprint"].startswith("sha256:")
    assert renewals["source"] == {"file": "campaigns/cxone/skills.yaml", "line": 3}
    group = changes["cxone/DncGroup/cx-internal-dnc"]
    assert [change["path"] for change in group["changes"]] == ["scrubbed_skills", "contributing_skills"]
    assert group["depends_on"] and group["order"] > changes["cxone/Skill/cx-collections-outbound"]["order"]
    assert plan["summary"]["error"] == 0
    assert (repo / ".reconciler" / "local-cxone.json").is_file()
    assert "of another platform skipped" in result.stderr


def test_a_second_plan_reads_the_kept_org_and_agrees(repo: Path) -> None:
    first = json.loads(run_cli("plan", *TARGET, "--format", "json", cwd=repo).stdout)
    second = json.loads(run_cli("plan", *TARGET, "--format", "json", cwd=repo).stdout)
    # each run masks numbers with its own key: compare what both can show
    assert without_fingerprints(first["resource_changes"]) == without_fingerprints(second["resource_changes"])


def test_no_phone_numbers_in_any_format(repo: Path) -> None:
    assert run_cli("plan", *TARGET, "--detailed-exitcode", cwd=repo).code == 2
    for output in ("text", "markdown", "json", "sarif"):
        result = run_cli("plan", *TARGET, "--format", output, cwd=repo)
        assert result.code == 0, output
        assert not re.search(r"(5555550|2125550)\d{3}", result.stdout), output
    drift = run_cli("drift", *TARGET, "--format", "json", cwd=repo)
    assert not re.search(r"(5555550|2125550)\d{3}", drift.stdout)


def test_drift_lists_the_changed_setting_and_the_missing_skill(repo: Path) -> None:
    result = run_cli("drift", *TARGET, "--format", "json", cwd=repo)
    assert result.code == 2, result.stderr
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(PLAN_SCHEMA).validate(document)
    by_address = {entry["address"]: entry for entry in document["resource_drift"]}
    assert by_address["cxone/Skill/cx-collections-outbound"]["status"] == "missing"
    renewals = by_address["cxone/Skill/cx-renewals-outbound"]
    assert renewals["status"] == "modified"
    assert [(f["path"], f["git"], f["live"]) for f in renewals["fields"]] == [
        ("general_settings.maximum_ratio", 2, 3)
    ]
    assert "cxone/Campaign/retention-reporting" not in by_address


def test_a_reference_the_live_org_lacks_is_an_error(repo: Path) -> None:
    skills = repo / "campaigns" / "cxone" / "skills.yaml"
    skills.write_text(skills.read_text().replace("script: PC Renewals Outbound", "script: Missing Script"))
    result = run_cli("plan", *TARGET, "--format", "json", cwd=repo)
    assert result.code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["address"]) for f in findings if f["severity"] == "error"] == [
        ("REF-MISSING", "cxone/Skill/cx-renewals-outbound")
    ]


def test_dnc_group_records_are_compared_and_masked(tmp_path: Path) -> None:
    copy_demo(tmp_path)
    groups = tmp_path / "campaigns" / "cxone" / "dnc-groups.yaml"
    groups.write_text(groups.read_text() + '    - phone_number: "+12125550123"\n')
    result = run_cli("plan", "--target", "local-cxone", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.stderr
    plan = json.loads(result.stdout)
    group = next(c for c in plan["resource_changes"] if c["address"] == "cxone/DncGroup/cx-internal-dnc")
    assert group["actions"] == ["update"]
    assert (group["numbers"]["field"], group["numbers"]["add"], group["numbers"]["remove"]) == (
        "records",
        1,
        0,
    )
    assert group["numbers"]["added"][0].startswith("***0123")
    assert "2125550123" not in result.stdout
