"""Every plan, drift and apply run reports its requests, latencies, retries and 429 waits: in the plan
document (schema-valid), the apply summary and `apply.finished`, and as one line on stderr."""

from __future__ import annotations

import json
import re
from pathlib import Path

from reconciler.config import Notification
from reconciler.notify import Notifier
from tests.apply.support import Harness, demo_emulator, demo_repo
from tests.conftest import run_cli
from tests.plan.support import assert_valid_plan_document
from tests.test_notify import Receiver

SUMMARY = re.compile(r"^telemetry: (\d+) requests \(p50 \d+ ms, p95 \d+ ms\), \d+ retr(y|ies)", re.MULTILINE)


def test_plan_json_carries_schema_valid_telemetry_and_stderr_one_line(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    result = run_cli("plan", "--format", "json", cwd=repo)
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)  # stdout stays pure JSON: the summary line is on stderr
    assert_valid_plan_document(document)
    telemetry = document["telemetry"]
    assert telemetry["requests"] == sum(item["requests"] for item in telemetry["endpoints"]) > 0
    routes = {(item["method"], item["path"]) for item in telemetry["endpoints"]}
    assert ("GET", "/api/v2/outbound/campaigns") in routes
    assert all("{id}" in path or not re.search(r"\d{3}", path) for _, path in routes)  # no id kept
    assert telemetry["changes"] == []
    found = SUMMARY.search(result.stderr)
    assert found is not None, result.stderr
    assert int(found.group(1)) == telemetry["requests"]


def test_drift_reports_its_telemetry_too(tmp_path: Path) -> None:
    result = run_cli("drift", "--format", "json", cwd=demo_repo(tmp_path))
    assert result.code == 2, result.stderr
    document = json.loads(result.stdout)
    assert_valid_plan_document(document)
    assert document["telemetry"]["requests"] > 0 and SUMMARY.search(result.stderr)


def test_a_429_storm_shows_as_retries_and_waits(tmp_path: Path) -> None:
    emulator = demo_emulator()
    emulator.settings.faults.storm_requests = 2
    emulator.settings.faults.storm_retry_after = 1
    run = Harness(root=demo_repo(tmp_path), emulator=emulator).plan()
    telemetry = run.plan.telemetry
    assert telemetry is not None
    assert telemetry["retries"] == 2
    assert telemetry["throttled"] == {"count": 2, "waited_seconds": 2.0}
    assert sum(item["failures"] for item in telemetry["endpoints"]) == 2
    assert_valid_plan_document(run.plan.to_dict())


def test_apply_summary_and_apply_finished_carry_requests_and_change_durations(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    result = run_cli("apply", "--auto-approve", cwd=repo)
    assert result.code == 0, result.stderr
    assert re.search(r"^✓ applied .* in \d+\.\d\d s$", result.stdout, re.MULTILINE)
    assert re.search(
        r"^Requests: \d+ requests \(p50 \d+ ms, p95 \d+ ms\), 0 retries$", result.stdout, re.MULTILINE
    )
    assert re.search(
        r"^  PUT /api/v2/outbound/campaigns/\{id\} +\d+ \(0 failed\)  p50 ", result.stdout, re.MULTILINE
    )
    assert SUMMARY.search(result.stderr)

    harness = Harness(root=demo_repo(tmp_path / "again"), emulator=demo_emulator())
    with Receiver() as receiver:
        hook = Notification(url_env="HOOK_URL", events=["apply.finished"])
        run = harness.apply(notifier=Notifier([hook], target="local", env={"HOOK_URL": receiver.url()}))
    (finished,) = receiver.received
    telemetry = finished.json()["data"]["telemetry"]
    assert telemetry == run.telemetry
    changed = sorted(item["address"] for item in telemetry["changes"])
    assert changed == sorted(result.address for result in run.report.results)
    assert all(item["seconds"] > 0 and item["outcome"] == "applied" for item in telemetry["changes"])
    assert all(r["seconds"] is not None for r in finished.json()["data"]["results"])
