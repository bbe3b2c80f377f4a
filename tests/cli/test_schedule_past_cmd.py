"""SCHEDULE-PAST through the CLI: the demo raises none; a schedule whose intervals all ended is a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import copy_demo, run_cli

SCHEDULES = Path("campaigns") / "genesys" / "schedules.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy_demo(tmp_path)
    return tmp_path


def _codes(stdout: str) -> list[str]:
    return [item["code"] for item in json.loads(stdout)["findings"]]


def test_the_demo_raises_no_schedule_past(repo: Path) -> None:
    planned = run_cli("plan", "--format", "json", cwd=repo)
    assert planned.code == 0, planned.stderr
    assert "SCHEDULE-PAST" not in _codes(planned.stdout)
    validated = run_cli("validate", cwd=repo)
    assert "SCHEDULE-PAST" not in validated.stdout


def test_a_schedule_whose_intervals_all_ended_is_a_warning_at_plan_and_validate(repo: Path) -> None:
    path = repo / SCHEDULES
    path.write_text(path.read_text().replace("2029-10-0", "2021-10-0"), encoding="utf-8")
    planned = run_cli("plan", "--format", "json", cwd=repo)
    assert planned.code == 0, planned.stderr  # a warning does not fail the plan
    found = [item for item in json.loads(planned.stdout)["findings"] if item["code"] == "SCHEDULE-PAST"]
    assert [(item["severity"], item["address"]) for item in found] == [
        ("warning", "genesys/CampaignSchedule/win-back-preview-schedule")
    ]
    assert (
        "on Sat 2 Oct 2021, 17:00 (America/New_York)" in found[0]["message"]
        and "no recurrence" in found[0]["message"]
    )
    assert found[0]["source"] == {"file": str(SCHEDULES), "line": 40}
    validated = run_cli("validate", cwd=repo)
    assert validated.code == 0 and "SCHEDULE-PAST" in validated.stdout
