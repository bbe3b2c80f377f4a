"""The reviewed plan travels from the pull request to the merge: plan.yml saves it per target, apply.yml
checks and applies exactly it, or plans again and asks for approval when the org moved. Shell steps run
under bash with the real `reconciler` against the emulator; github-script steps run under node against
a fake GitHub REST client (tests.test_workflows)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_demo, run_cli
from tests.test_workflows import CREDENTIALS_SCRIPT, _outputs, _run_script, _run_step, _step, needs_node

# --- the real CLI through the workflows' steps --------------------------------------------------------


def _workspace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A checkout of the demo config repo with the workflows' script, and the env GitHub would give a step
    of target `local` (the emulator, so no credentials)."""
    repo = tmp_path / "repo"
    copy_demo(repo)
    (repo / ".github" / "scripts").mkdir(parents=True)
    shutil.copy(CREDENTIALS_SCRIPT, repo / ".github" / "scripts" / CREDENTIALS_SCRIPT.name)
    for name in ("out", "summary.md"):
        (tmp_path / name).write_text("")
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "GITHUB_OUTPUT": str(tmp_path / "out"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "RUNNER_TEMP": str(tmp_path),
        "RECONCILER_TARGET": "local",
        "CREDENTIAL_NAMES": "",
    }
    return repo, env


def _review(repo: Path, env: dict[str, str]) -> None:
    """plan.yml's plan step on the pull request, then its artifact downloaded into reviewed/ at the merge."""
    assert _run_step(_step("plan.yml", id="plan"), repo, env) == 0
    assert "## Plan for `local`" in Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    (repo / "reviewed").mkdir()
    shutil.move(repo / "plan.json", repo / "reviewed" / "plan.json")


def test_the_reviewed_plan_is_what_apply_applies_after_the_merge(tmp_path: Path) -> None:
    repo, env = _workspace(tmp_path)
    _review(repo, env)
    reviewed = json.loads((repo / "reviewed" / "plan.json").read_text())
    changes = [item["address"] for item in reviewed["resource_changes"] if item["actions"] != ["no-op"]]
    assert changes

    assert _run_step(_step("apply.yml", id="check"), repo, env) == 0
    assert _outputs(tmp_path)["current"] == "true"
    assert "still applies as reviewed" in (repo / "check.txt").read_text()
    assert _run_step(_step("apply.yml", id="apply"), repo, env) == 0
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    assert f"{len(changes)} applied" in summary

    assert _run_step(_step("apply.yml", id="check"), repo, env) == 0  # applied once: spent
    assert _outputs(tmp_path)["current"] == "false"


def _someone_else_applies(repo: Path, tmp_path: Path) -> None:
    """Another change reaches the live org after the review: a copy of the repo with one campaign's
    abandon rate edited is applied to the same emulated org."""
    other = tmp_path / "other"
    shutil.copytree(repo, other)
    campaigns = other / "campaigns" / "genesys" / "campaigns.yaml"
    campaigns.write_text(campaigns.read_text().replace("abandon_rate: 2.5", "abandon_rate: 2", 1))
    assert run_cli("apply", "--auto-approve", cwd=other).code == 0
    shutil.copy(other / ".reconciler" / "local.json", repo / ".reconciler" / "local.json")


def _main_moves(repo: Path, tmp_path: Path) -> None:
    """Another merge changed main's manifests after the review (the merged commit is not the reviewed one)."""
    campaigns = repo / "campaigns" / "genesys" / "campaigns.yaml"
    campaigns.write_text(campaigns.read_text().replace("abandon_rate: 2.5", "abandon_rate: 2", 1))


@pytest.mark.parametrize(
    ("move", "reason"),
    [
        (_someone_else_applies, "the live object moved since the plan"),
        (_main_moves, "campaigns/genesys/campaigns.yaml"),
    ],
    ids=["org-moved", "main-moved"],
)
def test_when_the_org_or_main_moved_nothing_is_applied_and_a_new_plan_is_kept_for_approval(
    tmp_path: Path, move: Any, reason: str
) -> None:
    repo, env = _workspace(tmp_path)
    _review(repo, env)
    move(repo, tmp_path)

    assert _run_step(_step("apply.yml", id="check"), repo, env) == 0
    assert _outputs(tmp_path)["current"] == "false"
    why = (repo / "check.txt").read_text()
    assert "no longer applies as reviewed" in why and reason in why

    assert _run_step(_step("apply.yml", id="replan"), repo, env) == 0
    assert _outputs(tmp_path)["exit-code"] == "2"  # changes: the new plan waits for approval
    assert json.loads((repo / "plan.json").read_text())["resource_changes"]
    assert "## New plan for `local`" in Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    assert not (repo / ".reconciler" / "audit.jsonl").exists()  # nothing was applied here


# --- the matrix ----------------------------------------------------------------------------------------


def _git(*args: str, cwd: Path) -> None:
    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    identity |= {
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **identity})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(
    ("edited", "targets"), [("campaigns/genesys/campaigns.yaml", ["prod-us", "cx-prod"]), ("notes.md", [])]
)
def test_the_scope_step_lists_every_real_target_when_the_manifests_changed(
    tmp_path: Path, edited: str, targets: list[str]
) -> None:
    repo, env = _workspace(tmp_path)
    _git("init", "-q", "-b", "main", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "base", cwd=repo)
    with (repo / edited).open("a") as handle:
        handle.write("\n# edited\n")
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "change", cwd=repo)
    assert _run_step(_step("plan.yml", id="targets", job="scope"), repo, env) == 0
    matrix = json.loads(_outputs(tmp_path)["targets"])
    assert [entry["target"] for entry in matrix] == targets


PROMOTED = """
  test-org: {platform: genesys, region: us-east-1, client_id_env: TEST_ID, client_secret_env: TEST_SECRET}
  prod-org: {platform: genesys, region: us-east-1, client_id_env: PROD_ID, client_secret_env: PROD_SECRET,
             overlays: [overlays/local-prod], after: test-org}
  cx-after: {platform: cxone, client_id_env: CX_ID, client_secret_env: CX_SECRET,
             access_key_id_env: CX_KEY, access_key_secret_env: CX_KEY_SECRET, after: test-org}
"""


def test_the_scope_job_compares_each_promoted_target_with_the_one_before_it(tmp_path: Path) -> None:
    """Offline, with the real CLI: the comment's "what production gets that test did not" section."""
    repo, env = _workspace(tmp_path)
    project = repo / "reconciler.yaml"
    project.write_text(project.read_text().replace("\ntargets:\n", f"\ntargets:{PROMOTED}", 1))
    listed = run_cli("targets", "--format", "json", cwd=repo)
    assert listed.code == 0, listed.stderr
    env["TARGETS"] = listed.stdout
    assert _run_step(_step("plan.yml", id="diffs", job="scope"), repo, env) == 0
    assert sorted(path.name for path in (repo / "diffs").iterdir()) == ["prod-org.txt"]  # cx-after: no pair
    assert _outputs(tmp_path)["compared"] == "true"  # the comment job downloads the comparisons
    diff = (repo / "diffs" / "prod-org.txt").read_text()
    assert "only in prod-org: genesys/Campaign/renewals-courtesy-preview" in diff
    assert "compliance.staffing.agents: 8 -> 14  (overlays/local-prod/q3-renewals.yaml:12)" in diff
    assert "5555550110" not in diff and "***0110#" in diff  # caller IDs stay masked
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    assert "## What `prod-org` gets that `test-org` did not" in summary and diff in summary

    (tmp_path / "out").write_text("")
    project.write_text(project.read_text().replace(", after: test-org}", "}"))
    env["TARGETS"] = run_cli("targets", "--format", "json", cwd=repo).stdout
    shutil.rmtree(repo / "diffs")
    assert _run_step(_step("plan.yml", id="diffs", job="scope"), repo, env) == 0
    assert list((repo / "diffs").iterdir()) == [] and "compared" not in _outputs(tmp_path)


def test_the_credentials_script_gives_a_target_its_own_secrets_under_their_names(tmp_path: Path) -> None:
    script = tmp_path / "step.sh"
    script.write_text(f". {CREDENTIALS_SCRIPT}\nenv | sort\n")
    env = {
        "PATH": os.environ["PATH"],
        "RECONCILER_TARGET": "cx-prod",
        "CREDENTIAL_NAMES": "CXONE_CLIENT_ID CXONE_CLIENT_SECRET   ",
        "CREDENTIAL_1": "id-1",
        "CREDENTIAL_2": "",
        "CREDENTIAL_3": "",
        "CREDENTIAL_4": "",
    }
    done = subprocess.run(["bash", "-e", str(script)], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "CXONE_CLIENT_ID=id-1" in lines and "CXONE_CLIENT_SECRET=" in lines
    assert not any(
        line.startswith(("CREDENTIAL_1", "CREDENTIAL_2")) for line in lines
    )  # secrets do not linger
    assert "::warning::no secret named CXONE_CLIENT_SECRET for target cx-prod" in lines


# --- github-script steps -------------------------------------------------------------------------------


def _bot(body: str, number: int = 1) -> dict[str, Any]:
    return {"id": number, "user": {"type": "Bot"}, "body": body, "html_url": "u"}


@needs_node
def test_a_fork_pr_is_told_once_why_it_gets_validate_only(tmp_path: Path) -> None:
    notice = _step("plan.yml", uses="actions/github-script@", job="fork-notice")
    ((name, params),) = _run_script(notice, tmp_path)
    assert name == "createComment" and params["issue_number"] == 7
    assert "comes from a fork" in params["body"] and "validated only" in params["body"]
    assert _run_script(notice, tmp_path, comments=[_bot(params["body"])]) == []
    job = _step("plan.yml", uses="actions/github-script@", job="fork-notice")
    assert "actions/checkout" not in json.dumps(job)


def _reviewed_step() -> dict[str, Any]:
    return _step("apply.yml", id="reviewed", job="scope")


def _outputs_of(calls: list[tuple[str, Any]]) -> dict[str, str]:
    return {params["name"]: params["value"] for name, params in calls if name == "setOutput"}


MERGED = {
    "number": 12,
    "merged_at": "2026-12-01T10:00:00Z",
    "merge_commit_sha": "0123456789abcdef",
    "head": {"sha": "feedbeef"},
}


@needs_node
def test_the_merged_pr_s_latest_plan_run_holds_the_reviewed_plans(tmp_path: Path) -> None:
    runs = [{"id": 501, "run_number": 3, "html_url": "u"}, {"id": 502, "run_number": 4, "html_url": "u"}]
    calls = _run_script(_reviewed_step(), tmp_path, extra={"pulls": [MERGED], "runs": runs})
    assert _outputs_of(calls) == {"pr": "12", "plan-run": "502"}
    ((_, query),) = [call for call in calls if call[0] == "listWorkflowRuns"]
    assert query["workflow_id"] == "plan.yml" and query["head_sha"] == "feedbeef"


@needs_node
@pytest.mark.parametrize(("pulls", "runs"), [([], []), ([MERGED], [])], ids=["direct-push", "never-planned"])
def test_no_reviewed_plan_leaves_plan_run_empty_with_a_warning(
    tmp_path: Path, pulls: list[dict[str, Any]], runs: list[dict[str, Any]]
) -> None:
    calls = _run_script(_reviewed_step(), tmp_path, extra={"pulls": pulls, "runs": runs})
    assert _outputs_of(calls)["plan-run"] == ""
    assert any(name == "warning" and "planned again for approval" in text for name, text in calls)


@needs_node
@pytest.mark.parametrize(("requested", "ok"), [("777", True), ("77; rm -rf /", False)])
def test_a_manual_run_applies_the_plans_of_the_run_it_names(tmp_path: Path, requested: str, ok: bool) -> None:
    calls = _run_script(_reviewed_step(), tmp_path, extra={"pulls": [MERGED]}, env={"PLAN_RUN": requested})
    if ok:
        assert _outputs_of(calls) == {"pr": "12", "plan-run": "777"}
    else:
        assert [name for name, _ in calls] == ["setFailed"]


@needs_node
def test_the_new_plan_is_posted_on_the_merged_pr_with_how_to_approve_it(tmp_path: Path) -> None:
    post = _step("apply.yml", uses="actions/github-script@", text="reconciler-replan")
    files = {
        "check.txt": "plan.json no longer applies as reviewed:\n  - campaigns/a.yaml (edited)",
        "plan.md": "## Plan: 1 to update",
    }
    calls = _run_script(post, tmp_path, files=files, env={"REVIEWED_PR": "12", "REPLAN_EXIT": "2"})
    ((name, params),) = calls
    assert name == "createComment" and params["issue_number"] == 12
    body = params["body"]
    assert body.startswith("<!-- reconciler-replan:prod-us -->")
    assert "Nothing was applied to `prod-us`" in body and "campaigns/a.yaml (edited)" in body
    assert "**plan-run** `99`" in body and "## Plan: 1 to update" in body
