"""monitor.yml does what docs/workflows.md promises: daily and on demand, per target, one issue *Abandonment
over the cap: TARGET* opened or updated on exit 2 and closed on exit 0, the JSON report kept as an artifact,
the job failed only on errors. Its shell step runs under bash with a stand-in `reconciler`, its scripts
under node against a stand-in GitHub API (the helpers of tests/test_workflows.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_workflows import (
    TARGET_EXPRESSION,
    _fake_reconciler,
    _load,
    _outputs,
    _run_script,
    _run_step,
    _step,
    needs_node,
)

TITLE = "Abandonment over the cap: prod-us"


def test_monitor_runs_daily_and_on_demand_in_the_plan_environment() -> None:
    document = _load("monitor.yml")
    (schedule,) = document["on"]["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert minute.isdigit() and hour.isdigit() and rest == ["*", "*", "*"]
    assert document["on"]["workflow_dispatch"]["inputs"]["as_of"]["required"] is False
    assert document["permissions"] == {"contents": "read", "issues": "write"}
    job = document["jobs"]["monitor"]
    assert job["env"]["RECONCILER_TARGET"] == TARGET_EXPRESSION
    assert job["environment"] == "plan"
    assert job["strategy"]["matrix"]["include"] == "${{ fromJSON(needs.scope.outputs.targets) }}"


def test_the_issue_steps_react_to_the_exit_code_and_the_report_is_kept() -> None:
    upsert = _step("monitor.yml", uses="actions/github-script@", text="github.rest.issues.create(")
    assert upsert["if"] == "steps.monitor.outputs.exit-code == '2'"
    close = _step("monitor.yml", uses="actions/github-script@", text="state: 'closed'")
    assert close["if"] == "steps.monitor.outputs.exit-code == '0'"
    upload = _step("monitor.yml", uses="actions/upload-artifact@")
    assert upload["with"]["name"] == "reconciler-monitor-${{ matrix.target }}"
    assert upload["with"]["path"] == "monitor.json"
    assert "always()" in upload["if"]  # the record is kept when a cap is breached, too


@pytest.mark.parametrize(("code", "step_fails"), [(0, False), (2, False), (1, True)])
def test_the_monitor_step_passes_the_exit_code_on_and_fails_only_on_errors(
    tmp_path: Path, code: int, step_fails: bool
) -> None:
    env = _fake_reconciler(tmp_path, code)
    status = _run_step(_step("monitor.yml", id="monitor"), tmp_path, env)
    assert (status != 0) is step_fails
    assert _outputs(tmp_path)["exit-code"] == str(code)
    assert (tmp_path / "args").read_text().strip() == (
        "monitor --target prod-us --format markdown --out monitor.json"
    )
    assert (tmp_path / "monitor.md").read_text().startswith("# report for monitor")


def test_an_as_of_given_on_demand_is_passed_on(tmp_path: Path) -> None:
    env = {**_fake_reconciler(tmp_path, 0), "MONITOR_AS_OF": "2026-11-30"}
    assert _run_step(_step("monitor.yml", id="monitor"), tmp_path, env) == 0
    assert "monitor --target prod-us --as-of 2026-11-30 --format markdown" in (tmp_path / "args").read_text()


def _issue(number: int, title: str = TITLE, label: str = "compliance") -> dict[str, Any]:
    return {"number": number, "title": title, "state": "open", "labels": [{"name": label}], "html_url": "u"}


@needs_node
def test_a_breach_opens_one_labelled_issue_then_updates_it(tmp_path: Path) -> None:
    upsert = _step("monitor.yml", uses="actions/github-script@", text="github.rest.issues.create(")
    files = {"monitor.md": "## Abandonment measured on target prod-us\n"}
    calls = _run_script(upsert, tmp_path, files=files)
    assert [name for name, _ in calls] == ["createLabel", "create"]
    created = calls[1][1]
    assert created["title"] == TITLE and created["labels"] == ["compliance"]
    assert "## Abandonment measured on target prod-us" in created["body"]

    drift = _issue(3, "Configuration drift detected: prod-us", "drift")
    calls = _run_script(upsert, tmp_path, files=files, issues=[drift, _issue(5)], labels=["compliance"])
    assert [(name, params["issue_number"]) for name, params in calls] == [("update", 5)]


@needs_node
def test_a_clean_run_closes_the_open_issue_with_a_comment(tmp_path: Path) -> None:
    close = _step("monitor.yml", uses="actions/github-script@", text="state: 'closed'")
    calls = _run_script(close, tmp_path, issues=[_issue(5)])
    assert [(name, params["issue_number"]) for name, params in calls] == [("createComment", 5), ("update", 5)]
    assert "reconciler-monitor-prod-us" in calls[0][1]["body"]
    assert _run_script(close, tmp_path) == []
