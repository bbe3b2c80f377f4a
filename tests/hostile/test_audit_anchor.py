"""The audit trail holds against a rewrite that keeps the chain consistent, survives a torn last line
without losing it, exports no runnable spreadsheet formula, and apply hands out the head to anchor it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from reconciler.audit import AuditEntry, AuditLog, head_path, torn_path
from tests.apply.support import demo_repo
from tests.conftest import CliResult, run_cli
from tests.test_notify import SECRET, Receiver

HEAD_LINE = re.compile(r"^Audit chain head: ([0-9a-f]{64}) \(seq (\d+)\)$", re.MULTILINE)
FORMULA = "=cmd|' /C calc'!A0"


def _entry(number: int, **changes: object) -> AuditEntry:
    entry = AuditEntry(
        time=f"2025-03-{number:02d}T08:00:00Z",
        actor="ci-bot",
        commit="c0ffee",
        target="prod-us",
        address=f"genesys/Campaign/c{number}",
        action="update",
        paths=("spec.abandon_rate",),
        result="applied",
        version=number,
        message=None,
    )
    return replace(entry, **changes)  # type: ignore[arg-type]


def _log(path: Path, entries: list[AuditEntry]) -> Path:
    log = AuditLog(path)
    for entry in entries:
        log.append(entry)
    return path


def _head(path: Path) -> str:
    return hashlib.sha256(path.read_bytes().splitlines()[-1]).hexdigest()


def _verify(path: Path, *extra: str) -> CliResult:
    return run_cli("audit", "verify", "--path", str(path), *extra)


def test_an_intact_log_passes_against_every_head_it_had(tmp_path: Path) -> None:
    path = _log(tmp_path / "audit.jsonl", [_entry(1), _entry(2)])
    earlier = _head(path)
    _log(path, [_entry(3)])
    for anchor in (earlier, _head(path), f"sha256:{earlier.upper()}"):
        result = _verify(path, "--anchor", anchor)
        assert result.code == 0, result.stderr
        assert "audit log OK: 3 entries" in result.stdout
    assert "anchor found at line 2" in _verify(path, "--anchor", earlier).stdout


def test_a_consistently_rewritten_log_fails_against_the_recorded_head(tmp_path: Path) -> None:
    path = _log(tmp_path / "audit.jsonl", [_entry(1), _entry(2), _entry(3)])
    recorded = _head(path)
    path.unlink()
    head_path(path).unlink()
    _log(path, [_entry(1), _entry(2, result="failed", message="never happened"), _entry(3)])

    assert _verify(path).code == 0  # the chain alone cannot tell: every hash was recomputed
    result = _verify(path, "--anchor", recorded)
    assert result.code == 1
    assert f"anchor {recorded} is not the hash of any line" in result.stderr
    assert "rewritten or truncated" in result.stderr and "Traceback" not in result.stderr


def test_a_truncated_log_with_a_rewritten_head_fails_against_the_recorded_head(tmp_path: Path) -> None:
    path = _log(tmp_path / "audit.jsonl", [_entry(n) for n in range(1, 5)])
    recorded = _head(path)
    kept = path.read_bytes().splitlines(keepends=True)[:2]
    path.write_bytes(b"".join(kept))
    head_path(path).write_text(json.dumps({"seq": 2, "sha256": _head(path)}))
    _log(path, [_entry(9, address="genesys/Campaign/innocent")])

    assert _verify(path).code == 0
    result = _verify(path, "--anchor", recorded)
    assert result.code == 1 and "is not the hash of any line" in result.stderr


def test_a_malformed_anchor_is_a_usage_error(tmp_path: Path) -> None:
    path = _log(tmp_path / "audit.jsonl", [_entry(1)])
    result = _verify(path, "--anchor", "deadbeef")
    assert result.code == 1
    assert "is not a chain head (64 hex digits" in result.stderr and "Traceback" not in result.stderr


def test_a_torn_last_line_is_reported_then_repaired_without_losing_it(tmp_path: Path) -> None:
    path = _log(tmp_path / "audit.jsonl", [_entry(1), _entry(2)])
    intact = path.read_bytes()
    torn = b'{"action":"update","actor":"ci-bot","address":"genesys/Campaign/c3","com'
    path.write_bytes(intact + torn)  # what a crash in the middle of an append leaves

    reported = _verify(path)
    assert reported.code == 1
    assert "line 3: " in reported.stderr and "the last line is torn" in reported.stderr
    assert "reconciler audit repair" in reported.stderr
    assert "line 3: not valid JSON" not in reported.stderr  # one clear problem, not a cascade

    repaired = run_cli("audit", "repair", "--path", str(path))
    assert repaired.code == 0, repaired.stderr
    assert "removed the torn last line 3" in repaired.stderr and f"({len(torn)} bytes" in repaired.stderr
    assert '"address\\":\\"genesys/Campaign/c3\\",\\"com' in repaired.stderr  # what was removed, shown
    assert str(torn_path(path)) in repaired.stderr
    assert torn_path(path).read_bytes() == torn + b"\n"
    assert path.read_bytes() == intact
    assert "audit log OK: 2 entries" in repaired.stdout
    assert _verify(path).code == 0


def test_repair_touches_nothing_but_a_torn_last_line(tmp_path: Path) -> None:
    path = _log(tmp_path / "audit.jsonl", [_entry(1), _entry(2), _entry(3)])
    lines = path.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b"ci-bot", b"mallory")
    path.write_bytes(b"".join(lines))

    result = run_cli("audit", "repair", "--path", str(path))
    assert result.code == 1
    assert "nothing to repair" in result.stderr and "only removes a torn last line" in result.stderr
    assert path.read_bytes() == b"".join(lines) and not torn_path(path).exists()


def test_appends_refuse_to_chain_onto_a_torn_line(tmp_path: Path) -> None:
    path = _log(tmp_path / "audit.jsonl", [_entry(1)])
    with path.open("ab") as handle:
        handle.write(b'{"act')
    with pytest.raises(Exception, match="the last line is torn"):
        AuditLog(path).append(_entry(2))
    assert path.read_bytes().endswith(b'{"act')


def test_the_csv_export_neutralises_formula_cells(tmp_path: Path) -> None:
    hostile = [FORMULA, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
    path = _log(
        tmp_path / "audit.jsonl",
        [_entry(1, message=text, actor=text, paths=(text,)) for text in hostile],
    )
    out = tmp_path / "audit.csv"
    result = run_cli("audit", "export", "--path", str(path), "--format", "csv", "--out", str(out))
    assert result.code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode(), newline="")))
    assert [row["message"] for row in rows] == ["'" + text for text in hostile]
    assert all(row["actor"] == row["message"] == row["paths"] for row in rows)
    assert all(
        not value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for value in row.values()
    )
    exported = json.loads(run_cli("audit", "export", "--path", str(path), "--format", "json").stdout)
    assert exported[0]["message"] == FORMULA  # JSON is data, not a spreadsheet: left as recorded


def test_apply_prints_the_head_and_sends_it_in_apply_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = demo_repo(tmp_path)
    config = repo / "reconciler.yaml"
    config.write_text(
        config.read_text().replace(
            "notifications: []",
            "notifications:\n  - url_env: HOOK_URL\n    secret_env: HOOK_SECRET\n    events: [apply.finished]",
        )
    )
    with Receiver() as receiver:
        monkeypatch.setenv("HOOK_URL", receiver.url())
        monkeypatch.setenv("HOOK_SECRET", SECRET)
        applied = run_cli("apply", "--auto-approve", cwd=repo)
    assert applied.code == 0, applied.stderr
    found = HEAD_LINE.search(applied.stdout)
    assert found is not None, applied.stdout
    log = repo / ".reconciler" / "audit.jsonl"
    assert found.group(1) == _head(log) and found.group(2) == "6"
    (finished,) = receiver.received
    assert finished.verified
    data = finished.json()["data"]
    assert (data["audit_head"], data["audit_seq"]) == (found.group(1), 6)
    assert run_cli("audit", "verify", "--anchor", found.group(1), cwd=repo).code == 0


def test_apply_refuses_to_start_on_a_torn_log(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    log = repo / ".reconciler" / "audit.jsonl"
    log.parent.mkdir()
    log.write_bytes(b'{"action":"upd')
    refused = run_cli("apply", "--auto-approve", cwd=repo)
    assert refused.code == 1
    assert "the last line is torn" in refused.stderr and "reconciler audit repair" in refused.stderr
    assert "Nothing was changed" in refused.stderr
    assert run_cli("plan", "--detailed-exitcode", cwd=repo).code == 2  # nothing was applied
