"""CXone dispositions and the skill fields around them, applied to the emulated demo org: dispositions are
created by the batch POST, a skill's set, after-call work and rest time are written by the skill PUT, an
edit is one PUT of the disposition, pruning deactivates, a running skill is stopped and started around a
change of its set, and every request keeps the published Admin API contract."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reconciler.apply.results import Outcome
from reconciler.emulator.core import Emulator
from reconciler.emulator.seed import apply_seed
from reconciler.exceptions import ApplyRefused
from reconciler.plan.models import Step
from reconciler.providers.session import demo_org_seed
from tests.apply.test_cxone_apply import RENEWALS, RENEWALS_ID, TARGET, Org, _edit, _repo
from tests.conftest import run_cli

DISPOSITIONS = """\
apiVersion: cxone/v1
kind: Disposition
metadata:
  name: Renewed
spec:
  classification: Success
  notes: The customer renewed on the call.
---
apiVersion: cxone/v1
kind: Disposition
metadata:
  name: Call back later
spec:
  classification: Callback
  is_preview_disposition: false
"""

SKILL_FIELDS = """\
  require_disposition: true
  allow_secondary_disposition: true
  max_seconds_acw: 45
  agent_rest_time: 10
  dispositions:
    - {disposition: Renewed, priority: 1}
    - {disposition: Call back later, priority: 2}
"""


def _org(tmp_path: Path) -> Org:
    """The demo repo with two dispositions the renewals skill offers, against the demo org."""
    root = _repo(tmp_path)
    (root / "campaigns" / "cxone" / "dispositions.yaml").write_text(DISPOSITIONS)
    skills = root / "campaigns" / "cxone" / "skills.yaml"
    text = skills.read_text()
    skills.write_text(text.replace("  require_disposition: true\n", SKILL_FIELDS, 1))
    return Org(root=root, emulator=Emulator(seed=demo_org_seed()))


def _outcomes(org: Org, **options: Any) -> dict[str, Outcome]:
    return {result.address: result.outcome for result in org.apply(**options).report.results}


def _by_name(org: Org) -> dict[str, dict[str, Any]]:
    return {item["dispositionName"]: item for item in org.emulator.state.cxone["dispositions"].values()}


def _kept_contract(org: Org) -> None:
    assert org.contract.problems() == []
    assert org.answers.problems() == []


def test_dispositions_and_a_skills_set_are_created_and_the_next_plan_is_empty(tmp_path: Path) -> None:
    org = _org(tmp_path)
    outcomes = _outcomes(org)
    assert outcomes["cxone/Disposition/Renewed"] == Outcome.APPLIED
    assert outcomes["cxone/Disposition/Call back later"] == Outcome.APPLIED
    assert outcomes[f"cxone/Skill/{RENEWALS}"] == Outcome.APPLIED
    made = _by_name(org)
    assert (
        made["Renewed"]["classificationId"] == 1
        and made["Renewed"]["notes"] == "The customer renewed on the call."
    )
    assert made["Call back later"]["classificationId"] == 3  # the emulator's Callback classification
    skill = org.emulator.state.cxone["skills"][RENEWALS_ID]
    assert skill["dispositions"] == [
        {"dispositionId": made["Renewed"]["dispositionId"], "priority": 1},
        {"dispositionId": made["Call back later"]["dispositionId"], "priority": 2},
    ]
    assert (skill["maxSecondsACW"], skill["agentRestTime"], skill["allowSecondaryDisposition"]) == (
        45,
        10,
        True,
    )
    assert org.pending() == {}
    _kept_contract(org)


def test_a_new_skill_is_created_with_its_dispositions_in_the_batch_post(tmp_path: Path) -> None:
    org = _org(tmp_path)
    skills = org.root / "campaigns" / "cxone" / "skills.yaml"
    head, collections = skills.read_text().rsplit("  require_disposition: true\n", 1)
    skills.write_text(head + SKILL_FIELDS + collections)  # the collections skill, missing live, too
    assert set(_outcomes(org).values()) == {Outcome.APPLIED}
    [created] = org.skills_named("cx-collections-outbound")
    assert [item["priority"] for item in created["dispositions"]] == [1, 2]
    assert org.pending() == {}
    _kept_contract(org)


def test_a_disposition_edit_is_one_put_and_a_reordered_set_one_skill_put(tmp_path: Path) -> None:
    org = _org(tmp_path)
    org.apply()
    dispositions = org.root / "campaigns" / "cxone" / "dispositions.yaml"
    _edit(dispositions, "  classification: Callback\n", "  classification: Failure\n  notes: No time today\n")
    skills = org.root / "campaigns" / "cxone" / "skills.yaml"
    _edit(skills, "{disposition: Renewed, priority: 1}", "{disposition: Renewed, priority: 3}")
    assert org.pending() == {
        "cxone/Disposition/Call back later": ["update"],
        f"cxone/Skill/{RENEWALS}": ["update"],
    }
    assert set(_outcomes(org).values()) == {Outcome.APPLIED}
    later = _by_name(org)["Call back later"]
    assert (later["classificationId"], later["notes"], later["isActive"]) == (2, "No time today", True)
    priorities = {
        item["dispositionId"]: item["priority"]
        for item in org.emulator.state.cxone["skills"][RENEWALS_ID]["dispositions"]
    }
    assert priorities[_by_name(org)["Renewed"]["dispositionId"]] == 3
    assert org.pending() == {}
    _kept_contract(org)


def test_a_live_disposition_in_the_prune_scope_is_deactivated_not_deleted(tmp_path: Path) -> None:
    org = _org(tmp_path)
    _edit(org.root / "reconciler.yaml", "prune:\n  enabled: false", "prune:\n  enabled: true")
    apply_seed(org.emulator, {"cxone": {"dispositions": [{"dispositionName": "demo-old-outcome"}]}})
    assert _outcomes(org, allow_delete=True)["cxone/Disposition/demo-old-outcome"] == Outcome.APPLIED
    assert _by_name(org)["demo-old-outcome"]["isActive"] is False
    assert org.pending() == {}
    _kept_contract(org)


def test_a_running_skill_is_stopped_and_started_around_a_change_of_its_dispositions(tmp_path: Path) -> None:
    org = _org(tmp_path)
    org.apply()
    org.emulator.state.cxone["skills"][RENEWALS_ID]["isRunning"] = True
    skills = org.root / "campaigns" / "cxone" / "skills.yaml"
    _edit(skills, "agent_rest_time: 10", "agent_rest_time: 20")
    _edit(
        skills, "{disposition: Call back later, priority: 2}", "{disposition: Call back later, priority: 4}"
    )
    [change] = [c for c in org.plan().plan.resource_changes if c.is_change]
    assert change.address == f"cxone/Skill/{RENEWALS}"
    assert tuple(change.steps) == (Step.STOP, Step.UPDATE, Step.START)
    with pytest.raises(ApplyRefused, match="--allow-restart"):
        org.apply()
    assert org.emulator.state.cxone["skills"][RENEWALS_ID]["agentRestTime"] == 10
    assert set(_outcomes(org, allow_restart=True).values()) == {Outcome.APPLIED}
    skill = org.emulator.state.cxone["skills"][RENEWALS_ID]
    assert (skill["agentRestTime"], skill["isRunning"]) == (20, True)
    assert sorted(item["priority"] for item in skill["dispositions"]) == [1, 4]
    _kept_contract(org)


def test_a_classification_the_tenant_does_not_have_is_a_plan_error(tmp_path: Path) -> None:
    org = _org(tmp_path)
    _edit(
        org.root / "campaigns" / "cxone" / "dispositions.yaml",
        "classification: Callback",
        "classification: Later",
    )
    errors = [f for f in org.plan().plan.findings if f.address == "cxone/Disposition/Call back later"]
    assert errors and "Later" in errors[0].message
    with pytest.raises(ApplyRefused, match="error finding"):
        org.apply()
    assert "Call back later" not in _by_name(org)


def test_export_writes_dispositions_and_the_skills_set_and_planning_the_export_shows_no_changes(
    tmp_path: Path,
) -> None:
    root = _org(tmp_path).root
    (root / ".reconciler").mkdir()
    Emulator(seed=demo_org_seed()).state.save(root / ".reconciler" / f"{TARGET}.json")
    applied = run_cli("apply", "--target", TARGET, "--auto-approve", cwd=root, timeout=180)
    assert applied.code == 0, applied.stdout + applied.stderr
    exported = run_cli("export", "--target", TARGET, "--out", "exported", cwd=root)
    assert exported.code == 0, exported.stderr
    text = (root / "exported" / "cxone" / "disposition.yaml").read_text()
    assert "name: Call back later" in text and "classification: Callback" in text
    assert "disposition: Renewed" in (root / "exported" / "cxone" / "skill.yaml").read_text()
    project = root / "reconciler.yaml"
    project.write_text(project.read_text().replace("manifests: campaigns/", "manifests: exported/"))
    planned = run_cli("plan", "--target", TARGET, "--detailed-exitcode", cwd=root)
    assert planned.code == 0, planned.stdout
