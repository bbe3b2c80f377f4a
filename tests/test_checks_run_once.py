"""One pipeline per command: validate runs every registered check once offline; plan, drift and apply
run every check once, with the live org, and no check a second time offline (the calls are counted)."""

from __future__ import annotations

import asyncio
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from reconciler.config import load_project
from reconciler.diagnostics import Finding
from reconciler.live_plan import LiveRun, run_live
from reconciler.policy import registered
from reconciler.policy.context import CheckContext
from reconciler.policy.registry import Check, RegisteredCheck
from reconciler.validation import validate_paths
from tests.apply.support import Harness, demo_emulator, demo_repo
from tests.conftest import ROOT

EVERY_CHECK_ONCE = {check.name: 1 for check in registered.CHECKS}


class Calls:
    """How often each registered check ran, and whether it saw a live org each time."""

    def __init__(self) -> None:
        self.runs: Counter[str] = Counter()
        self.offline: Counter[str] = Counter()

    def counting(self, check: RegisteredCheck) -> RegisteredCheck:
        def run(context: CheckContext, inner: Check = check.run) -> list[Finding]:
            self.runs[check.name] += 1
            self.offline[check.name] += context.offline
            return inner(context)

        return replace(check, run=run)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    counted = Calls()
    monkeypatch.setattr(registered, "CHECKS", tuple(counted.counting(check) for check in registered.CHECKS))
    return counted


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "campaigns", tmp_path / "campaigns")
    shutil.copy(ROOT / "reconciler.yaml", tmp_path / "reconciler.yaml")
    return tmp_path


def _run(repo: Path, command: str, target: str = "local") -> LiveRun:
    project = load_project(repo / "reconciler.yaml")
    paths = project.manifest_paths(repo)
    return asyncio.run(run_live(project, root=repo, target_name=target, paths=paths, command=command))


@pytest.mark.parametrize("target", ["local", "local-cxone"])
@pytest.mark.parametrize("command", ["plan", "drift"])
def test_a_plan_or_drift_of_the_demo_runs_each_check_once_with_the_live_org(
    repo: Path, calls: Calls, command: str, target: str
) -> None:
    run = _run(repo, command, target)
    assert run.plan.changes_computed
    assert dict(calls.runs) == EVERY_CHECK_ONCE
    assert sum(calls.offline.values()) == 0, f"checks run offline: {dict(+calls.offline)}"


def test_an_apply_of_the_demo_runs_each_check_once_with_the_live_org(tmp_path: Path, calls: Calls) -> None:
    applied = Harness(root=demo_repo(tmp_path), emulator=demo_emulator()).apply()
    assert applied.report.ok and applied.plan.has_changes
    assert dict(calls.runs) == EVERY_CHECK_ONCE
    assert sum(calls.offline.values()) == 0


def test_validate_runs_each_check_once_offline(repo: Path, calls: Calls) -> None:
    validate_paths([repo / "campaigns"], project=load_project(repo / "reconciler.yaml"))
    assert dict(calls.runs) == EVERY_CHECK_ONCE
    assert calls.offline == calls.runs


def test_a_plan_of_broken_manifests_checks_them_once_offline_and_reads_no_org(
    repo: Path, calls: Calls
) -> None:
    (repo / "campaigns" / "genesys" / "broken.yaml").write_text(
        "apiVersion: genesys/v1\nkind: Campaign\nmetadata: {name: broken}\nspec: {dialing_mode: fast}\n"
    )
    run = _run(repo, "plan")
    assert not run.plan.changes_computed and run.live == {}
    assert "SCHEMA" in {str(item.code) for item in run.plan.findings}
    assert dict(calls.runs) == EVERY_CHECK_ONCE
    assert calls.offline == calls.runs


def test_a_live_plan_reports_what_validate_reports_for_the_same_checks(repo: Path) -> None:
    """Running the checks once with the live org loses no finding that validate raises offline."""
    project = load_project(repo / "reconciler.yaml")
    offline = validate_paths(project.manifest_paths(repo), project=project).findings
    codes = registered.CHECK_CODES
    genesys = {
        (f.code, f.address) for f in offline if f.code in codes and str(f.address).startswith("genesys/")
    }
    planned = {(f.code, f.address) for f in _run(repo, "plan").plan.findings if f.code in codes}
    assert genesys <= planned
