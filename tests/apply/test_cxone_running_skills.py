"""Running CXone skills (CX-S4) and skill PUT bodies (CX-S5): an edit of a running skill's own fields is
planned stop -> update -> start and applied only with --allow-restart; PUT bodies carry only the
declared fields that differ."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.apply.results import Outcome
from reconciler.emulator.cxone.store import external_edit
from reconciler.exceptions import ApplyRefused
from reconciler.live_plan import LiveRun
from reconciler.providers.cxone.discovery import API_PATH
from tests.apply.test_cxone_apply import RENEWALS, RENEWALS_ID, Org, Recording, _edit, _org, _outcomes

SKILL = f"cxone/Skill/{RENEWALS}"


def _running_org(tmp_path: Path) -> Org:
    org = _org(tmp_path)
    org.emulator.state.cxone["skills"][RENEWALS_ID]["isRunning"] = True
    return org


def _edit_caller_id(org: Org) -> None:
    skills = org.root / "campaigns" / "cxone" / "skills.yaml"
    _edit(skills, 'caller_id_override: "+15555550100"', 'caller_id_override: "+15555550109"')


def _steps(run: LiveRun) -> tuple[str, ...]:
    change = next(c for c in run.plan.resource_changes if c.address == SKILL)
    return tuple(str(step) for step in change.steps)


def test_an_edit_of_a_running_skill_is_planned_as_stop_update_start(tmp_path: Path) -> None:
    org = _running_org(tmp_path)
    _edit_caller_id(org)
    assert _steps(org.plan()) == ("stop", "update", "start")


def test_a_restart_is_refused_without_allow_restart_and_nothing_changes(tmp_path: Path) -> None:
    org = _running_org(tmp_path)
    _edit_caller_id(org)
    with pytest.raises(ApplyRefused, match=r"--allow-restart") as refused:
        org.apply()
    assert SKILL in str(refused.value) and "stop -> update -> start" in str(refused.value)
    skill = org.emulator.state.cxone["skills"][RENEWALS_ID]
    assert skill["isRunning"] is True and skill["callerIdOverride"] == "+15555550100"


def test_with_allow_restart_the_skill_is_stopped_edited_and_running_again(tmp_path: Path) -> None:
    org = _running_org(tmp_path)
    _edit_caller_id(org)
    org.recorder = Recording(inner=None)  # type: ignore[arg-type]
    assert _outcomes(org.apply(allow_restart=True))[SKILL] == Outcome.APPLIED
    skill = org.emulator.state.cxone["skills"][RENEWALS_ID]
    assert skill["isRunning"] is True and skill["callerIdOverride"] == "+15555550109"
    path = f"{API_PATH}/skills/{RENEWALS_ID}"
    writes = [
        (method, url)
        for method, url, _ in org.recorder.sent
        if method != "GET" and url.startswith(path) and "/parameters/" not in url
    ]
    assert writes == [("POST", f"{path}/stop"), ("PUT", path), ("POST", f"{path}/start")]
    assert org.pending() == {}


def test_a_running_skills_parameter_blocks_are_written_without_a_restart(tmp_path: Path) -> None:
    org = _running_org(tmp_path)
    skills = org.root / "campaigns" / "cxone" / "skills.yaml"
    _edit(skills, "    maximum_ratio: 2", "    maximum_ratio: 1")
    assert _steps(org.plan()) == ("update",)
    assert _outcomes(org.apply())[SKILL] == Outcome.APPLIED
    assert org.emulator.state.cxone["skills"][RENEWALS_ID]["isRunning"] is True


def test_a_skill_started_after_the_plan_fails_with_what_to_do(tmp_path: Path) -> None:
    org = _org(tmp_path)
    _edit_caller_id(org)

    def someone_starts_it(run: LiveRun) -> None:
        org.emulator.state.cxone["skills"][RENEWALS_ID]["isRunning"] = True

    applied = org.apply(on_plan=someone_starts_it)
    result = next(r for r in applied.report.results if r.address == SKILL)
    assert result.outcome == Outcome.FAILED
    assert "running skill" in str(result.message) and "--allow-restart" in str(result.message)


def test_a_skill_put_carries_only_the_declared_fields_that_differ(tmp_path: Path) -> None:
    org = _org(tmp_path)
    _edit_caller_id(org)
    external_edit(org.emulator, "skills", int(RENEWALS_ID), None, {"screenPopTriggerEvent": "OnRouted"})
    org.recorder = Recording(inner=None)  # type: ignore[arg-type]
    assert _outcomes(org.apply())[SKILL] == Outcome.APPLIED
    puts = [
        body
        for method, url, body in org.recorder.sent
        if method == "PUT" and url.endswith(f"/skills/{RENEWALS_ID}")
    ]
    assert puts == [{"skill": {"callerIdOverride": "+15555550109"}}]
