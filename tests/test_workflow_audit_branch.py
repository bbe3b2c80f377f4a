"""apply.yml keeps one audit chain across CI runs on the `reconciler-audit` branch: its shell steps run
under bash against a local bare repository standing in for GitHub, with the real `reconciler audit`."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reconciler.audit import AuditEntry, AuditLog, head_path
from tests.test_workflows import _load, _step

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BRANCH = "reconciler-audit"
LOG = ".reconciler/audit.jsonl"
QUIET_GIT = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
"""The host's git configuration (signing, hooks, default branch) must not change what a test sees."""
IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **QUIET_GIT, **IDENTITY},
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return done.stdout.strip()


def _entry(number: int) -> AuditEntry:
    entry = AuditEntry(
        time="2025-03-01T08:00:00Z",
        actor="ci-bot",
        commit="c0ffee",
        target="prod-us",
        address="genesys/Campaign/c",
        action="update",
        paths=(),
        result="applied",
        version=number,
        message=None,
    )
    return replace(entry, address=f"genesys/Campaign/c{number}")


class Repo:
    """A bare `origin` with a main branch, and fresh clones of it as the jobs' checkouts."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.origin = root / "origin.git"
        git("init", "-q", "--bare", "-b", "main", str(self.origin), cwd=root)
        seed = self.clone("seed")
        (seed / "reconciler.yaml").write_text("manifests: campaigns/\n")
        git("add", "reconciler.yaml", cwd=seed)
        git("commit", "-q", "-m", "config", cwd=seed)
        git("push", "-q", "origin", "main", cwd=seed)
        self.main = git("rev-parse", "HEAD", cwd=seed)
        self._clones = 0

    def clone(self, name: str | None = None) -> Path:
        if name is None:
            self._clones += 1
            name = f"job{self._clones}"
        path = self.root / name
        git("clone", "-q", str(self.origin), str(path), cwd=self.root)
        return path

    def branch_file(self, name: str) -> bytes:
        done = subprocess.run(
            ["git", "--git-dir", str(self.origin), "show", f"{BRANCH}:{name}"],
            capture_output=True,
            check=True,
            env={**os.environ, **QUIET_GIT},
        )
        return done.stdout

    def commits(self) -> list[str]:
        """The audit branch's commits, newest first, as `sha parents subject`; [] without the branch."""
        try:
            listed = git("log", "--format=%H %P|%s", BRANCH, cwd=self.origin)
        except subprocess.CalledProcessError:
            return []
        return listed.splitlines()


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)


def _env(tmp_path: Path, checkout: Path) -> dict[str, str]:
    """What the runner gives a step: PATH with the real CLI as `reconciler`, outputs, summary, job env."""
    bin_dir = tmp_path / "bin"
    if not bin_dir.exists():
        bin_dir.mkdir()
        stand_in = bin_dir / "reconciler"
        stand_in.write_text(f'#!/usr/bin/env bash\nexec "{sys.executable}" -m reconciler "$@"\n')
        stand_in.chmod(stand_in.stat().st_mode | stat.S_IEXEC)
    for name in ("out", "summary.md"):  # the runner keeps these outside the checkout
        (checkout.parent / f"{checkout.name}.{name}").touch()
    return {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        **QUIET_GIT,
        "GITHUB_OUTPUT": str(checkout.parent / f"{checkout.name}.out"),
        "GITHUB_STEP_SUMMARY": str(checkout.parent / f"{checkout.name}.summary.md"),
        "GITHUB_RUN_ID": "4242",
        "GITHUB_SHA": "f" * 40,
        "RECONCILER_TARGET": "prod-us",
        "AUDIT_BRANCH": BRANCH,
        "AUDIT_LOG": LOG,
    }


def _run(step: dict[str, Any], checkout: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A `run:` step as GitHub runs it (bash -e), with the step's own env, in the job's checkout."""
    script = checkout.parent / f"{checkout.name}-step.sh"
    script.write_text(step["run"])
    return subprocess.run(
        ["bash", "-e", str(script)],
        cwd=checkout,
        env={**env, **step.get("env", {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _restore(repo: Repo) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The apply job's checkout after its restore step."""
    checkout = repo.clone()
    step = _step("apply.yml", id="audit-restore")
    return checkout, _run(step, checkout, _env(repo.root, checkout))


def _push(repo: Repo, log: Path | None) -> subprocess.CompletedProcess[str]:
    """The audit-log job: a fresh checkout, the artifact (log and head file) downloaded, the push step."""
    checkout = repo.clone()
    if log is not None:
        (checkout / "audit-artifact").mkdir()
        shutil.copy(log, checkout / "audit-artifact" / "audit.jsonl")
        shutil.copy(head_path(log), checkout / "audit-artifact" / "audit.jsonl.head")
    step = _step("apply.yml", id="audit-push", job="audit-log")
    done = _run(step, checkout, _env(repo.root, checkout))
    assert git("rev-parse", "HEAD", cwd=checkout) == repo.main  # the checkout itself is untouched
    assert git("status", "--porcelain", cwd=checkout).splitlines() in ([], ["?? audit-artifact/"])
    return done


def _apply(checkout: Path, *versions: int) -> Path:
    """What apply does to the audit log of the checkout: append one line per change."""
    log = checkout / LOG
    for version in versions:
        AuditLog(log).append(_entry(version))
    return log


def _head(data: bytes) -> str:
    return hashlib.sha256(data.splitlines()[-1]).hexdigest()


def test_the_audit_steps_run_around_the_apply_and_only_the_push_job_may_write() -> None:
    document = _load("apply.yml")
    ids = [step.get("id") for step in document["jobs"]["apply"]["steps"]]
    assert ids.index("audit-restore") < ids.index("check") < ids.index("apply")
    audit_job = document["jobs"]["audit-log"]
    assert audit_job["needs"] == ["scope", "apply"]
    assert audit_job["if"] == "always() && needs.apply.result != 'skipped'"  # a failed apply is recorded too
    assert audit_job["permissions"] == {"contents": "write"}
    assert audit_job["strategy"]["matrix"] == document["jobs"]["apply"]["strategy"]["matrix"]
    for job in (audit_job, document["jobs"]["apply"]):  # one chain per target, on its own branch
        assert job["env"]["AUDIT_BRANCH"] == "reconciler-audit-${{ matrix.target }}"
    download = _step("apply.yml", uses="actions/download-artifact@", job="audit-log")
    assert download["with"] == {"name": "reconciler-audit-${{ matrix.target }}", "path": "audit-artifact"}
    upload = next(
        s
        for s in document["jobs"]["apply"]["steps"]
        if s.get("with", {}).get("name") == "reconciler-audit-${{ matrix.target }}"
    )
    assert upload["if"] == "always()"


def test_the_first_run_starts_the_chain_and_creates_the_branch(repo: Repo) -> None:
    checkout, restored = _restore(repo)
    assert restored.returncode == 0, restored.stderr
    assert "this run starts the audit chain" in restored.stdout
    assert not (checkout / LOG).exists()

    log = _apply(checkout, 1, 2)
    pushed = _push(repo, log)
    assert pushed.returncode == 0, pushed.stderr
    ((commit),) = repo.commits()
    _, rest = commit.split(" ", 1)
    assert rest.startswith("|")  # a root commit: no parent
    assert f"chain head {_head(log.read_bytes())}" in rest
    assert repo.branch_file("audit.jsonl") == log.read_bytes()
    assert repo.branch_file("audit.jsonl.head") == head_path(log).read_bytes()
    assert git("rev-parse", "main", cwd=repo.origin) == repo.main


def test_the_next_run_continues_the_chain_and_verifies_against_the_earlier_head(repo: Repo) -> None:
    first, _ = _restore(repo)
    assert _push(repo, _apply(first, 1, 2)).returncode == 0
    earlier = _head(repo.branch_file("audit.jsonl"))

    second, restored = _restore(repo)
    assert restored.returncode == 0, restored.stderr
    assert "audit log OK: 2 entries" in restored.stdout  # checked with the real `reconciler audit verify`
    log = _apply(second, 3)
    pushed = _push(repo, log)
    assert pushed.returncode == 0, pushed.stderr

    newer, older = repo.commits()
    assert newer.split(" ")[1].startswith(older.split(" ")[0])  # the new commit's parent is the old tip
    kept = repo.root / "kept.jsonl"
    kept.write_bytes(repo.branch_file("audit.jsonl"))
    head_path(kept).write_bytes(repo.branch_file("audit.jsonl.head"))
    checked = subprocess.run(
        [sys.executable, "-m", "reconciler", "audit", "verify", "--path", str(kept), "--anchor", earlier],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "audit log OK: 3 entries" in checked.stdout and "anchor found at line 2" in checked.stdout
    summary = (repo.root / "job4.summary.md").read_text()
    assert _head(kept.read_bytes()) in summary and BRANCH in summary


def test_a_log_that_does_not_extend_the_branch_is_not_pushed(repo: Repo) -> None:
    first, _ = _restore(repo)
    assert _push(repo, _apply(first, 1, 2)).returncode == 0
    before = repo.commits()

    rewritten = repo.root / "rewritten" / "audit.jsonl"
    AuditLog(rewritten).append(_entry(7))  # a consistent chain of its own, not the branch's
    AuditLog(rewritten).append(_entry(8))
    AuditLog(rewritten).append(_entry(9))
    refused = _push(repo, rewritten)
    assert refused.returncode == 1
    assert (
        "::error::this run's audit log does not continue the reconciler-audit branch's log" in refused.stdout
    )
    assert repo.commits() == before


@pytest.mark.parametrize("artifact", [True, False])
def test_an_unchanged_or_missing_log_pushes_nothing(repo: Repo, artifact: bool) -> None:
    first, _ = _restore(repo)
    assert _push(repo, _apply(first, 1)).returncode == 0
    before = repo.commits()
    second, _ = _restore(repo)
    done = _push(repo, second / LOG if artifact else None)
    assert done.returncode == 0, done.stderr
    assert ("did not change" if artifact else "No audit log from this run") in done.stdout
    assert repo.commits() == before


def test_a_tampered_branch_log_stops_the_run_before_the_plan(repo: Repo) -> None:
    first, _ = _restore(repo)
    assert _push(repo, _apply(first, 1, 2)).returncode == 0
    editor = repo.clone("editor")
    git("fetch", "-q", "origin", f"{BRANCH}:{BRANCH}", cwd=editor)
    git("checkout", "-q", BRANCH, cwd=editor)
    edited = (editor / "audit.jsonl").read_text().replace("genesys/Campaign/c1", "genesys/Campaign/zz")
    (editor / "audit.jsonl").write_text(edited)
    git("commit", "-q", "-am", "quiet edit", cwd=editor)
    git("push", "-q", "origin", BRANCH, cwd=editor)

    _, restored = _restore(repo)
    assert restored.returncode == 1
    assert "line 2: prev does not match the hash of line 1" in restored.stderr
    assert "::error::the audit log of the reconciler-audit branch does not verify" in restored.stdout


def test_an_unreachable_origin_fails_instead_of_starting_a_new_chain(repo: Repo) -> None:
    checkout = repo.clone()
    git("remote", "set-url", "origin", str(repo.root / "gone.git"), cwd=checkout)
    done = _run(_step("apply.yml", id="audit-restore"), checkout, _env(repo.root, checkout))
    assert done.returncode == 1
    assert "::error::cannot read the reconciler-audit branch" in done.stdout
    assert not (checkout / LOG).exists()
