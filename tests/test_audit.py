from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reconciler.audit import (
    ZERO_HASH,
    AuditEntry,
    AuditLog,
    actor_and_commit,
    head_path,
    utc_now,
    verify,
)
from reconciler.audit_export import export
from reconciler.exceptions import ReconcilerError


def entry(**changes: object) -> AuditEntry:
    values: dict[str, object] = {
        "time": "2025-01-15T10:00:00Z",
        "actor": "alice",
        "commit": "abc123",
        "target": "prod",
        "address": "genesys/Campaign/renewals",
        "action": "update",
        "paths": ("spec.abandon_rate",),
        "result": "applied",
        "version": 4,
        "message": None,
    }
    values.update(changes)
    return AuditEntry(**values)  # type: ignore[arg-type]


def write_log(path: Path, count: int) -> Path:
    log = AuditLog(path)
    for number in range(1, count + 1):
        log.append(entry(address=f"genesys/Campaign/c{number}", version=number))
    return path


def lines_of(path: Path) -> list[str]:
    return path.read_text().splitlines()


def set_lines(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines))


def test_appended_entries_verify_and_chain(tmp_path: Path) -> None:
    path = write_log(tmp_path / "logs" / "audit.jsonl", 3)
    records = [json.loads(line) for line in lines_of(path)]
    assert [record["seq"] for record in records] == [1, 2, 3]
    assert records[0]["prev"] == ZERO_HASH
    assert records[2]["address"] == "genesys/Campaign/c3" and records[2]["paths"] == ["spec.abandon_rate"]
    assert verify(path).ok and verify(path).entries == 3


def test_a_later_process_continues_the_chain(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 2)
    AuditLog(path).append(entry(action="delete", result="failed", version=None, message="409 conflict"))
    result = verify(path)
    assert result.ok, result.problems
    assert result.entries == 3


def test_many_threads_appending_keep_one_chain(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl")
    workers = [threading.Thread(target=lambda: [log.append(entry()) for _ in range(25)]) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result = verify(log.path)
    assert result.ok, result.problems[:3]
    assert result.entries == 200


def test_edited_middle_line_is_detected(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 4)
    lines = lines_of(path)
    lines[1] = lines[1].replace('"actor":"alice"', '"actor":"mallory"')
    set_lines(path, lines)
    result = verify(path)
    assert not result.ok
    assert result.problems == [
        "line 3: prev does not match the hash of line 2 (line 2 edited, or lines removed or reordered)"
    ]


def test_swapped_lines_are_detected(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 4)
    lines = lines_of(path)
    lines[1], lines[2] = lines[2], lines[1]
    set_lines(path, lines)
    result = verify(path)
    assert not result.ok
    assert any(problem.startswith("line 2: seq 3 where 2 was expected") for problem in result.problems)


def test_removed_middle_line_is_detected(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 4)
    lines = lines_of(path)
    del lines[1]
    set_lines(path, lines)
    result = verify(path)
    assert not result.ok
    assert result.entries == 3
    assert all(problem.startswith("line 2: ") for problem in result.problems)
    assert "line 2: seq 3 where 2 was expected (lines removed, inserted or reordered)" in result.problems


def test_removed_last_line_is_detected_by_the_head(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 3)
    set_lines(path, lines_of(path)[:-1])
    result = verify(path)
    assert result.problems == [
        "line 2: the log ends at seq 2 but the head file records seq 3 (lines removed from the end)"
    ]


def test_removed_last_line_stays_visible_after_the_next_append(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 3)
    set_lines(path, lines_of(path)[:-1])
    AuditLog(path).append(entry())
    result = verify(path)
    assert not result.ok
    assert "line 3: seq 4 where 3 was expected (lines removed, inserted or reordered)" in result.problems


def test_edited_last_line_is_detected_by_the_head(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 2)
    set_lines(path, [*lines_of(path)[:-1], lines_of(path)[-1].replace("applied", "skipped")])
    assert verify(path).problems == ["line 2: does not match the head file (last line edited or replaced)"]


def test_missing_head_file_is_detected(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 2)
    head_path(path).unlink()
    result = verify(path)
    assert not result.ok
    assert len(result.problems) == 1 and result.problems[0].startswith("head file missing")


def test_missing_log_is_a_problem(tmp_path: Path) -> None:
    result = verify(tmp_path / "audit.jsonl")
    assert not result.ok
    assert result.problems == [f"audit log {tmp_path / 'audit.jsonl'} not found"]


def test_emptied_log_is_detected_but_a_new_empty_one_is_fine(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 2)
    path.write_text("")
    assert verify(path).problems == [
        "the log is empty but the head file records seq 2 (lines removed from the end)"
    ]
    fresh = tmp_path / "fresh.jsonl"
    fresh.write_text("")
    assert verify(fresh).ok


def test_garbled_line_is_named(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 3)
    lines = lines_of(path)
    lines[1] = lines[1][:40]
    set_lines(path, lines)
    problems = verify(path).problems
    assert "line 2: not valid JSON (edited, or cut short by a crash)" in problems


def test_phone_numbers_are_masked_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    AuditLog(path).append(
        entry(paths=("spec.numbers[+1 555 555 0123]",), message="callback +1 (555) 555-0199 refused")
    )
    text = path.read_text()
    assert "0199" in text and "***0199" in text and "***0123" in text
    assert "555-0199" not in text and "555 0123" not in text
    assert verify(path).ok


def test_unknown_result_is_refused() -> None:
    with pytest.raises(ValueError, match="audit result must be one of"):
        entry(result="done")


def test_time_without_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        entry(time="2025-01-15T10:00:00")


def test_utc_now_is_accepted_as_entry_time() -> None:
    assert entry(time=utc_now()).time.endswith("Z")


def _dated_log(path: Path) -> Path:
    log = AuditLog(path)
    for day, address in (("01", "a"), ("02", "b"), ("03", "c")):
        log.append(entry(time=f"2025-{day}-01T00:00:00Z", address=address, paths=("spec.x", "spec.y")))
    return path


def test_export_csv_since(tmp_path: Path) -> None:
    text = export(_dated_log(tmp_path / "audit.jsonl"), since=datetime(2025, 2, 1, tzinfo=UTC), fmt="csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["address"] for row in rows] == ["b", "c"]
    assert rows[0]["paths"] == "spec.x;spec.y" and rows[0]["seq"] == "2" and rows[0]["message"] == ""


def test_export_json_everything_and_naive_since_is_utc(tmp_path: Path) -> None:
    path = _dated_log(tmp_path / "audit.jsonl")
    everything = json.loads(export(path, since=None, fmt="json"))
    assert [item["address"] for item in everything] == ["a", "b", "c"]
    assert everything[0]["paths"] == ["spec.x", "spec.y"]
    later = json.loads(export(path, since=datetime(2025, 3, 1), fmt="json"))
    assert [item["address"] for item in later] == ["c"]


def test_export_names_an_unreadable_line(tmp_path: Path) -> None:
    path = write_log(tmp_path / "audit.jsonl", 2)
    set_lines(path, [lines_of(path)[0], "{not json"])
    with pytest.raises(ReconcilerError, match=r"audit.jsonl:2: not a readable audit entry"):
        export(path, since=None, fmt="csv")


def test_actor_and_commit_from_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GITHUB_ACTOR", "ci-bot")
    monkeypatch.setenv("GITHUB_SHA", "f" * 40)
    assert actor_and_commit(tmp_path) == ("ci-bot", "f" * 40)


def test_actor_and_commit_outside_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("GITHUB_ACTOR", "GITHUB_SHA", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("USER", "bob")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert actor_and_commit(tmp_path) == ("bob", None)
    monkeypatch.delenv("USER")
    assert actor_and_commit(tmp_path)[0] == "unknown"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_commit_from_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GITHUB_SHA", raising=False)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "x"], cwd=tmp_path, check=True)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert actor_and_commit(tmp_path)[1] == head
