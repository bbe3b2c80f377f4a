"""`reconciler drift --notify` posts one signed drift.detected to the project's webhooks, exit codes unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reconciler.cli import cli
from tests.conftest import ROOT, copy_demo
from tests.test_notify import SECRET, Receiver

NOTIFICATIONS = """notifications:
  - url_env: DRIFT_HOOK_URL
    secret_env: DRIFT_HOOK_SECRET
    events: [drift.detected]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The demo repo, whose manifests differ from the emulator's demo org, with one drift webhook."""
    copy_demo(tmp_path)
    project = (ROOT / "reconciler.yaml").read_text(encoding="utf-8")
    assert "notifications: []\n" in project
    (tmp_path / "reconciler.yaml").write_text(project.replace("notifications: []\n", NOTIFICATIONS))
    return tmp_path


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running


def drift(repo: Path, url: str, *flags: str) -> Result:
    env = {"DRIFT_HOOK_URL": url, "DRIFT_HOOK_SECRET": SECRET}
    args = ["drift", "--config", str(repo / "reconciler.yaml"), "--format", "json", *flags]
    return CliRunner().invoke(cli, args, env=env)


def test_drift_notify_sends_one_signed_drift_detected(repo: Path, receiver: Receiver) -> None:
    result = drift(repo, receiver.url("/hooks/drift?token=abc"), "--notify")

    assert result.exit_code == 2, result.output
    [got] = receiver.received
    assert got.verified and got.headers["X-Reconciler-Event"] == "drift.detected"
    body = got.json()
    assert body["event"] == "drift.detected" and body["target"] == "local"
    data = body["data"]
    statuses = {entry["address"]: entry["status"] for entry in data["entries"]}
    assert data["target"] == "local" and data["drifted"] == len(data["entries"]) > 0
    assert statuses["genesys/Campaign/q3-renewals"] == "modified"
    assert statuses["genesys/CallableTimeSet/demo-legacy-hours"] == "unmanaged"
    assert "drift.detected sent to 1 of 1 webhook(s)" in result.stderr


def test_drift_without_notify_sends_nothing(repo: Path, receiver: Receiver) -> None:
    assert drift(repo, receiver.url()).exit_code == 2
    assert receiver.received == []


def test_a_failed_notification_keeps_the_drift_exit_code(repo: Path, receiver: Receiver) -> None:
    receiver.statuses = [500, 500, 500]

    result = drift(repo, receiver.url("/hooks/T0K3N"), "--notify")

    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(receiver.received) == 3
    assert "sent to 0 of 1 webhook(s)" in result.stderr and "T0K3N" not in result.stderr
