from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reconciler.audit import AuditEntry, AuditLog
from reconciler.cli import cli
from tests.conftest import run_cli


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, ["audit", *args])


def make_log(path: Path) -> Path:
    log = AuditLog(path)
    for month, address in (("01", "genesys/Campaign/a"), ("02", "genesys/Campaign/b")):
        log.append(
            AuditEntry(
                time=f"2025-{month}-10T08:00:00Z",
                actor="alice",
                commit=None,
                target="prod",
                address=address,
                action="create",
                paths=(),
                result="applied",
                version=1,
                message=None,
            )
        )
    return path


def test_verify_ok(tmp_path: Path) -> None:
    path = make_log(tmp_path / "audit.jsonl")
    result = invoke("verify", "--path", str(path))
    assert result.exit_code == 0, result.stderr
    head = hashlib.sha256(path.read_bytes().splitlines()[-1]).hexdigest()
    assert result.stdout == f"audit log OK: 2 entries; chain head {head} (seq 2)\n"


def test_verify_reports_each_problem_and_exits_1(tmp_path: Path) -> None:
    path = make_log(tmp_path / "audit.jsonl")
    path.write_text(path.read_text().splitlines()[0] + "\n")
    result = invoke("verify", "--path", str(path))
    assert result.exit_code == 1
    assert "line 1: the log ends at seq 1 but the head file records seq 2" in result.stderr
    assert "OK" not in result.stdout


def test_verify_of_a_missing_log_fails(tmp_path: Path) -> None:
    result = invoke("verify", "--path", str(tmp_path / "nothing.jsonl"))
    assert result.exit_code == 1 and "not found" in result.stderr


def test_default_path_comes_from_the_project_file(tmp_path: Path) -> None:
    make_log(tmp_path / "logs" / "changes.jsonl")
    config = tmp_path / "reconciler.yaml"
    config.write_text("audit:\n  path: logs/changes.jsonl\n")
    result = invoke("verify", "--config", str(config))
    assert result.exit_code == 0, result.stderr
    assert "2 entries" in result.stdout


def test_default_path_without_a_project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_log(tmp_path / ".reconciler" / "audit.jsonl")
    result = invoke("verify")
    assert result.exit_code == 0, result.stderr


def test_export_csv_since_to_a_file(tmp_path: Path) -> None:
    path = make_log(tmp_path / "audit.jsonl")
    out = tmp_path / "report.csv"
    result = invoke("export", "--path", str(path), "--since", "2025-02-01", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [row["address"] for row in rows] == ["genesys/Campaign/b"]


def test_export_json_to_stdout(tmp_path: Path) -> None:
    path = make_log(tmp_path / "audit.jsonl")
    result = invoke("export", "--path", str(path), "--format", "json", "--since", "2025-01-10T08:00:00Z")
    assert result.exit_code == 0, result.stderr
    assert [item["address"] for item in json.loads(result.stdout)] == [
        "genesys/Campaign/a",
        "genesys/Campaign/b",
    ]


def test_bad_since_is_a_usage_message(tmp_path: Path) -> None:
    path = make_log(tmp_path / "audit.jsonl")
    result = run_cli("audit", "export", "--path", str(path), "--since", "last tuesday")
    assert result.code == 1
    assert "Invalid value for '--since'" in result.stderr and "not an ISO date" in result.stderr


def test_path_and_config_together_are_refused(tmp_path: Path) -> None:
    path = make_log(tmp_path / "audit.jsonl")
    result = run_cli("audit", "verify", "--path", str(path), "--config", str(tmp_path / "reconciler.yaml"))
    assert result.code == 1
    assert result.stderr.startswith("error: --path and --config both choose the audit log")
