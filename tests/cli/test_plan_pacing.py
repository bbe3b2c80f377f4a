"""Issue #15's acceptance on the demo: q3-renewals (live abandonRate 3.0 after the demo org's admin edit,
2.5 declared) raises no PACING-ABANDON, and its plan shows the before/after pacing section in every format."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT, copy_demo, run_cli

PLAN_SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text())
Q3 = "genesys/Campaign/q3-renewals"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo repo for the module: plan only reads the org."""
    root = tmp_path_factory.mktemp("demo")
    copy_demo(root)
    return root


def test_the_demo_plan_carries_q3_renewals_pacing_before_and_after_and_no_pacing_warning(demo: Path) -> None:
    result = run_cli("plan", "--format", "json", cwd=demo)
    assert result.code == 0, result.stderr
    plan = json.loads(result.stdout)
    jsonschema.Draft202012Validator(PLAN_SCHEMA).validate(plan)
    assert [f for f in plan["findings"] if f["code"] == "PACING-ABANDON"] == []
    paced = {change["address"]: change["pacing"] for change in plan["resource_changes"] if change["pacing"]}
    assert list(paced) == [Q3]  # the only changed campaign with compliance.staffing
    section = paced[Q3]
    assert (section["agents"], section["cap_percent"], section["jurisdiction"]) == (8, 3, "US")
    assert section["period"].startswith("30 days per calling campaign")
    before, after = section["before"], section["after"]
    assert "predictive pacing toward a 3.00 % target" in before["settings"]  # the live abandonRate
    assert "predictive pacing toward a 2.50 % target" in after["settings"]  # the declared abandon_rate
    for side in (before, after):
        low, high = side["abandon_rate_ci"]
        assert 0 <= low <= side["abandon_rate"] <= high <= 1
        assert 0 < side["utilization"] <= 1 and side["connects_per_agent_hour"] > 0
        assert side["simulated_days"] > 0


def test_the_demo_plan_shows_the_pacing_section_in_text_and_markdown(demo: Path) -> None:
    text = run_cli("plan", cwd=demo)
    assert text.code == 0, text.stderr
    block = text.stdout.split(f"~ {Q3}", 1)[1].split("\n\n", 1)[0]
    assert "pacing predicted for 8 agents (information, not a finding; US cap 3 %, measured 30 days" in block
    assert "      before: abandon " in block and "      after: abandon " in block
    assert "PACING-ABANDON" not in text.stdout
    markdown = run_cli("plan", "--format", "markdown", cwd=demo)
    assert markdown.code == 0, markdown.stderr
    assert f"**Pacing** `{Q3}`" in markdown.stdout
    rows = [line for line in markdown.stdout.splitlines() if line.startswith(("| before |", "| after |"))]
    assert len(rows) == 2 and "3.00 % target" in rows[0] and "2.50 % target" in rows[1]
