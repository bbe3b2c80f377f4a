"""--select through the CLI: plan, apply and drift of part of the project; everything else stays pending."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import ROOT, copy_demo, run_cli

PLAN_SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text())
Q3 = "genesys/Campaign/q3-renewals"
TIME_SET = "genesys/CallableTimeSet/us-eastern-business-hours"

pytestmark = pytest.mark.usefixtures("request_contract")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy_demo(tmp_path)
    return tmp_path


def _plan(repo: Path, *args: str) -> dict[str, Any]:
    result = run_cli("plan", "--format", "json", *args, cwd=repo)
    assert result.code == 0, result.stdout + result.stderr
    document = dict(json.loads(result.stdout))
    jsonschema.Draft202012Validator(PLAN_SCHEMA).validate(document)
    return document


def _pending(plan: dict[str, Any]) -> set[str]:
    return {change["address"] for change in plan["resource_changes"] if change["actions"] != ["no-op"]}


def test_each_selector_form_plans_only_what_it_selects(repo: Path) -> None:
    everything = _pending(_plan(repo))
    assert _pending(_plan(repo, "--select", Q3)) == {Q3}
    kind = _pending(_plan(repo, "--select", "genesys/Campaign"))
    assert kind == {a for a in everything if a.startswith("genesys/Campaign/")} and len(kind) == 2
    labelled = _pending(_plan(repo, "--select", "team=retention"))
    assert Q3 in labelled and "genesys/CampaignRule/collections-priority-when-few-agents" not in labelled
    by_file = _pending(_plan(repo, "--select", "campaigns/genesys/schedules.yaml", "--select", Q3))
    assert by_file == {"genesys/CampaignSchedule/win-back-preview-schedule", Q3}


def test_a_selected_plan_names_dependencies_it_leaves_pending(repo: Path) -> None:
    plan = _plan(repo, "--select", Q3)
    selection = plan["selection"]
    assert selection["selectors"] == [Q3] and selection["excluded_changes"] == len(_pending(_plan(repo))) - 1
    assert {"address": TIME_SET, "action": "update", "needed_by": [Q3]} in selection["excluded_dependencies"]
    # Findings of what the selection relies on stay (the contact list's attempt limits), others go.
    addresses = {item["address"] for item in plan["findings"]}
    assert "genesys/AttemptLimits/retention-daily-limits" in addresses
    collections = _plan(repo, "--select", "genesys/Campaign/collections-early-stage")
    assert "genesys/Campaign/q3-renewals" not in {item["address"] for item in collections["findings"]}
    text = run_cli("plan", "--select", Q3, cwd=repo).stdout
    assert f"Needed but not selected: {TIME_SET} (update pending), used by {Q3}" in text
    markdown = run_cli("plan", "--select", Q3, "--format", "markdown", cwd=repo).stdout
    assert "Needed but not selected" in markdown
    schedule = run_cli("plan", "--select", "genesys/CampaignSchedule", cwd=repo).stdout
    assert "genesys/Campaign/win-back-preview (create pending)" in schedule
    assert "it does not exist yet: applying the selection alone fails" in schedule


def test_apply_of_a_selection_changes_nothing_else(repo: Path) -> None:
    before = _pending(_plan(repo))
    applied = run_cli("apply", "--select", Q3, "--auto-approve", cwd=repo, timeout=180)
    assert applied.code == 0, applied.stdout + applied.stderr
    assert "1 applied" in applied.stdout
    assert _pending(_plan(repo)) == before - {Q3}


def test_apply_of_a_saved_selected_plan_uses_its_selection(repo: Path) -> None:
    before = _pending(_plan(repo))
    saved = run_cli("plan", "--select", "genesys/CallableTimeSet", "--out", "plan.json", cwd=repo)
    assert saved.code == 0, saved.stderr
    other = run_cli("apply", "plan.json", "--select", Q3, cwd=repo)
    assert other.code == 1 and "made with --select genesys/CallableTimeSet" in other.stderr
    applied = run_cli("apply", "plan.json", cwd=repo, timeout=180)
    assert applied.code == 0, applied.stdout + applied.stderr
    assert _pending(_plan(repo)) == before - {TIME_SET}


def test_drift_of_a_selection_and_selectors_that_select_nothing(repo: Path) -> None:
    drift = run_cli("drift", "--select", "genesys/CallableTimeSet", "--format", "json", cwd=repo)
    assert drift.code == 2, drift.stderr
    addresses = {entry["address"] for entry in json.loads(drift.stdout)["resource_drift"]}
    assert addresses == {TIME_SET, "genesys/CallableTimeSet/demo-legacy-hours"}
    for bad, message in [
        ("genesys/Campain", "no kind genesys/Campain"),
        ("genesys/Campaign/nope", "selects nothing on this target"),
        ("no-such-file.yaml", "not an address"),
    ]:
        result = run_cli("plan", "--select", bad, cwd=repo)
        assert result.code == 1 and message in result.stderr, bad
        assert "Traceback" not in result.stderr
