"""Removing a manifest of an applied object: plan and drift say "no longer declared" with the commit
that last applied it; only an enabled prune scope turns it into a (gated) delete."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_demo, run_cli

CAMPAIGNS = Path("campaigns") / "genesys" / "campaigns.yaml"
SCHEDULES = Path("campaigns") / "genesys" / "schedules.yaml"
GIT = ["git", "-c", "user.email=ci@example.com", "-c", "user.name=ci"]


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _without(path: Path, marker: str) -> None:
    """Remove the YAML document of `path` that contains `marker`."""
    documents = path.read_text(encoding="utf-8").split("---\n")
    path.write_text("---\n".join(doc for doc in documents if marker not in doc), encoding="utf-8")


@pytest.fixture
def applied(tmp_path: Path) -> tuple[Path, str]:
    """The demo applied from a git checkout, then win-back-preview's manifests removed: (repo, commit)."""
    copy_demo(tmp_path)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "demo")
    commit = _git(tmp_path, "rev-parse", "HEAD")
    result = run_cli("apply", "--auto-approve", cwd=tmp_path, timeout=180)
    assert result.code == 0, result.stdout + result.stderr
    _without(tmp_path / CAMPAIGNS, "name: win-back-preview\n")
    _without(tmp_path / SCHEDULES, "name: win-back-preview-schedule\n")
    return tmp_path, commit


def _json(repo: Path, *args: str, code: int = 0) -> dict[str, Any]:
    result = run_cli(*args, "--format", "json", cwd=repo)
    assert result.code == code, result.stdout + result.stderr
    return dict(json.loads(result.stdout))


def test_plan_and_drift_report_an_applied_object_whose_manifest_was_removed(
    applied: tuple[Path, str],
) -> None:
    repo, commit = applied
    plan = _json(repo, "plan")
    assert plan["summary"]["delete"] == 0  # prune is off: an omission alone never deletes
    [entry] = plan["resource_drift"]
    assert (entry["address"], entry["status"]) == ("genesys/Campaign/win-back-preview", "no-longer-declared")
    assert f"last applied by commit {commit[:12]} (create" in entry["reason"]
    [warning] = [item for item in plan["findings"] if item["code"] == "UNMANAGED-DEPENDENT"]
    assert warning["severity"] == "warning" and warning["address"] == "genesys/ContactList/win-back-list"
    assert "live Campaign 'win-back-preview'" in warning["message"]
    drift = _json(repo, "drift", code=2)
    statuses = {item["address"]: item["status"] for item in drift["resource_drift"]}
    assert statuses["genesys/Campaign/win-back-preview"] == "no-longer-declared"
    assert statuses["genesys/CallableTimeSet/demo-legacy-hours"] == "unmanaged"  # never applied by us
    text = run_cli("plan", cwd=repo).stdout
    assert "genesys/Campaign/win-back-preview  (drift: no-longer-declared)" in text
    assert "No changes" not in text


def test_inside_an_enabled_prune_scope_it_is_a_gated_delete(applied: tuple[Path, str]) -> None:
    repo, commit = applied
    project = repo / "reconciler.yaml"
    text = project.read_text(encoding="utf-8")
    text = text.replace("enabled: false", "enabled: true").replace(
        'name_prefix: "demo-"', 'name_prefix: "win-"'
    )
    project.write_text(text, encoding="utf-8")
    plan = _json(repo, "plan")
    deletes = {c["address"]: c for c in plan["resource_changes"] if c["actions"] == ["delete"]}
    campaign = deletes["genesys/Campaign/win-back-preview"]
    assert campaign["action_reason"].startswith(
        f"no longer declared by any manifest; last applied by commit {commit[:12]}"
    )
    assert plan["resource_drift"] == []
    refused = run_cli("apply", "--auto-approve", cwd=repo, timeout=180)
    assert refused.code == 1 and "--allow-delete" in refused.stderr
