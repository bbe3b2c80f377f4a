"""The audit log: one JSON line per applied change, chained by SHA-256 so edits and removals show.

Each line holds an entry's fields plus `seq` (1-based) and `prev`, the SHA-256 of the previous line's
exact bytes (64 zeros for the first line). A head file `<log>.head` records the last line's seq and
hash, so removing lines from the end is detected too. Every entry is redacted before writing
(reconciler.redaction): phone numbers masked, and no token or secret, even one a server echoed.

The chain is not keyed: on its own it shows accidental or naive edits, not an attacker who rewrites
every hash. Anchoring closes that gap: apply prints the head (the last line's SHA-256) and sends it in
`apply.finished`; `verify(anchor=…)` then requires that recorded head to still be a line of the chain,
which a consistent rewrite or a truncation below it cannot keep. A crash during an append can leave a
torn last line (no newline): appends refuse to chain onto it and `reconciler.audit_repair` moves it aside.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, Literal

from reconciler.exceptions import ReconcilerError
from reconciler.redaction import redact, redact_secrets

if sys.platform != "win32":
    import fcntl

ZERO_HASH = "0" * 64
_TAIL_CHUNK = 64 * 1024
_HEX = frozenset("0123456789abcdef")


class AuditResult(StrEnum):
    APPLIED = "applied"
    FAILED = "failed"
    SKIPPED = "skipped"
    REFUSED = "refused"


@dataclass(frozen=True)
class AuditEntry:
    """One change (or apply step) as recorded; `time` is ISO-8601 UTC, e.g. from `utc_now()`."""

    time: str
    actor: str
    commit: str | None
    target: str
    address: str
    action: str
    paths: tuple[str, ...]
    result: str
    version: int | None
    message: str | None

    def __post_init__(self) -> None:
        if self.result not in set(AuditResult):
            raise ValueError(f"audit result must be one of {', '.join(AuditResult)}, not {self.result!r}")
        _parse_time(self.time)


ENTRY_FIELDS = tuple(field.name for field in fields(AuditEntry))
LINE_KEYS = frozenset((*ENTRY_FIELDS, "seq", "prev"))


@dataclass(frozen=True)
class ChainHead:
    """The last line's seq and the SHA-256 of its bytes: where the next line attaches."""

    seq: int
    sha256: str


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    problems: list[str]
    head: ChainHead | None = None
    """The last complete line (None for an empty log)."""
    anchor_line: int | None = None
    """The line whose hash is the anchor verified against (0 for the start of a chain)."""


def utc_now() -> str:
    """The current time as an ISO-8601 UTC string, e.g. 2025-01-31T09:30:00.123Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"audit time {text!r} has no time zone; use UTC (…Z)")
    return moment


def head_path(log_path: Path) -> Path:
    return log_path.with_name(log_path.name + ".head")


def _sha256(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


def _encode(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":")).encode("ascii")


class AuditLog:
    """Appends entries to one log file; safe for many appends from threads of one process.

    Appends also take an advisory file lock (POSIX) so two processes do not fork the chain.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._tail: ChainHead | None = None
        self._size = -1

    def append(self, entry: AuditEntry) -> None:
        masked = replace(
            entry,
            actor=redact_secrets(entry.actor),
            address=redact_secrets(entry.address),
            paths=tuple(redact(path) for path in entry.paths),
            message=None if entry.message is None else redact(entry.message),
        )
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a+b") as handle:
                lock_file(handle)
                size = handle.seek(0, os.SEEK_END)
                if size and not _ends_with_newline(handle, size):
                    raise ReconcilerError(torn_message(self.path))  # chaining on would bury it mid-log
                if self._tail is None or size != self._size:
                    self._tail = _chain_point(handle, size, head_path(self.path))
                line = _encode({**asdict(masked), "seq": self._tail.seq + 1, "prev": self._tail.sha256})
                handle.write(line + b"\n")
                handle.flush()
                os.fsync(handle.fileno())
                self._size = handle.tell()
                self._tail = ChainHead(self._tail.seq + 1, _sha256(line))
                _write_head(head_path(self.path), self._tail)


def lock_file(handle: IO[bytes]) -> None:
    if sys.platform != "win32":
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # released when the file is closed


def _ends_with_newline(handle: IO[bytes], size: int) -> bool:
    handle.seek(size - 1)
    return handle.read(1) == b"\n"


def _last_line(handle: IO[bytes], size: int) -> bytes:
    """The last line's bytes without its newline, read backwards so a long log is not read whole."""
    end = size - 1 if _ends_with_newline(handle, size) else size
    chunk, start = b"", end
    while start > 0:
        step = min(_TAIL_CHUNK, start)
        start -= step
        handle.seek(start)
        chunk = handle.read(step) + chunk
        cut = chunk.rfind(b"\n")
        if cut >= 0:
            return chunk[cut + 1 :]
    return chunk


def _chain_point(handle: IO[bytes], size: int, head_file: Path) -> ChainHead:
    """Where the next line attaches.

    A head file that is ahead of the log, or disagrees with its last line, wins: chaining to it keeps
    a removed or edited last line visible to `verify` after later appends.
    """
    if size == 0:
        last = ChainHead(0, ZERO_HASH)
    else:
        line = _last_line(handle, size)
        seq = _seq_of(line)
        if seq is None:
            handle.seek(0)
            seq = handle.read().rstrip(b"\n").count(b"\n") + 1
        last = ChainHead(seq, _sha256(line))
    head = _read_head(head_file)
    if isinstance(head, ChainHead) and head.seq >= last.seq and head != last:
        return head
    return last


def _seq_of(line: bytes) -> int | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    seq = record.get("seq") if isinstance(record, dict) else None
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else None


def _read_head(head_file: Path) -> ChainHead | Literal["missing", "unreadable"]:
    try:
        data = json.loads(head_file.read_bytes())
    except FileNotFoundError:
        return "missing"
    except (OSError, ValueError):
        return "unreadable"
    if not isinstance(data, dict):
        return "unreadable"
    seq, sha = data.get("seq"), data.get("sha256")
    if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(sha, str):
        return "unreadable"
    return ChainHead(seq, sha)


def _write_head(head_file: Path, point: ChainHead) -> None:
    """Replace the head file atomically: a crash leaves the old head or the new one, never half of one."""
    temporary = head_file.with_name(f"{head_file.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(_encode({"seq": point.seq, "sha256": point.sha256}) + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, head_file)


def _line_problems(number: int, record: Any, expected_seq: int | None) -> list[str]:
    if not isinstance(record, dict):
        return [f"line {number}: not a JSON object"]
    problems = []
    missing = sorted(LINE_KEYS - record.keys())
    unexpected = sorted(record.keys() - LINE_KEYS)
    if missing:
        problems.append(f"line {number}: missing field(s) {', '.join(missing)}")
    if unexpected:
        problems.append(f"line {number}: unexpected field(s) {', '.join(unexpected)}")
    seq = record.get("seq")
    if expected_seq is not None and seq != expected_seq:
        problems.append(
            f"line {number}: seq {seq} where {expected_seq} was expected (lines removed, inserted or reordered)"
        )
    return problems


def _head_problems(head_file: Path, *, lines: int, last: ChainHead) -> list[str]:
    head = _read_head(head_file)
    if head == "missing":
        return [f"head file missing ({head_file}): cannot tell whether lines were removed from the end"]
    if not isinstance(head, ChainHead):
        return [f"head file {head_file} is unreadable"]
    if head.seq > last.seq:
        where = f"line {lines}: the log ends at seq {last.seq}" if lines else "the log is empty"
        return [f"{where} but the head file records seq {head.seq} (lines removed from the end)"]
    if head.seq < last.seq:
        return [
            f"line {lines}: head file records seq {head.seq} but the log goes on to seq {last.seq} "
            "(lines appended outside reconciler, or an interrupted write)"
        ]
    if head.sha256 != last.sha256:
        return [f"line {lines}: does not match the head file (last line edited or replaced)"]
    return []


def torn_path(log_path: Path) -> Path:
    """Where `audit repair` keeps the text of torn last lines it removed."""
    return log_path.with_name(log_path.name + ".torn")


def torn_message(log_path: Path) -> str:
    return (
        f"audit log {log_path}: the last line is torn (a partial line without newline, left by a crash "
        f"during an append); run `reconciler audit repair --path {log_path}` to move it to "
        f"{torn_path(log_path).name} and keep the chain"
    )


def normalise_anchor(text: str) -> str:
    """A recorded head as 64 lower-case hex digits (`sha256:` prefix allowed); ValueError otherwise."""
    value = text.strip().lower().removeprefix("sha256:")
    if len(value) != 64 or not set(value) <= _HEX:
        raise ValueError(f"'{text}' is not a chain head (64 hex digits, as apply prints it)")
    return value


def ends_torn(path: Path) -> bool:
    """True when the log's last line has no newline: a crash cut an append short."""
    try:
        with open(path, "rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            return size > 0 and not _ends_with_newline(handle, size)
    except FileNotFoundError:
        return False


def chain_head(path: Path) -> ChainHead | None:
    """The log's last complete line as (seq, SHA-256); None when it is missing, empty or torn."""
    try:
        with open(path, "rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            if size == 0 or not _ends_with_newline(handle, size):
                return None
            line = _last_line(handle, size)
    except FileNotFoundError:
        return None
    return ChainHead(_seq_of(line) or 0, _sha256(line))


def _split_lines(data: bytes) -> tuple[list[bytes], bytes | None]:
    """The complete lines, and the torn last line (bytes after the last newline) if there is one."""
    lines = data.split(b"\n")
    tail = lines.pop()
    return lines, (tail or None)


def _chain_problems(lines: list[bytes]) -> tuple[list[str], list[str]]:
    """Problems of the chained lines, and each line's SHA-256 in order."""
    problems: list[str] = []
    hashes: list[str] = []
    last = ChainHead(0, ZERO_HASH)
    expected_seq: int | None = 1
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
        except ValueError:
            problems.append(f"line {number}: not valid JSON (edited, or cut short by a crash)")
            record = None
        else:
            problems += _line_problems(number, record, expected_seq)
            if isinstance(record, dict) and record.get("prev") != last.sha256:
                problems.append(
                    f"line {number}: prev does not match the hash of line {number - 1} "
                    f"(line {number - 1} edited, or lines removed or reordered)"
                    if number > 1
                    else "line 1: prev is not the start of a chain (lines removed from the start)"
                )
        seq = record.get("seq") if isinstance(record, dict) else None
        seq = seq if isinstance(seq, int) and not isinstance(seq, bool) else None
        expected_seq = None if seq is None else seq + 1
        last = ChainHead(seq if seq is not None else last.seq + 1, _sha256(line))
        hashes.append(last.sha256)
    return problems, hashes


def _anchor_problems(anchor: str, hashes: list[str]) -> tuple[list[str], int | None]:
    """The anchor must be the hash of a line: then every line up to it is as it was when recorded."""
    if anchor == ZERO_HASH:
        return [], 0
    if anchor in hashes:
        return [], hashes.index(anchor) + 1
    return [
        f"anchor {anchor} is not the hash of any line: the log was rewritten or truncated since that "
        "head was recorded (or the anchor is another log's)"
    ], None


def verify(path: Path, *, anchor: str | None = None) -> VerifyResult:
    """Check the hash chain, sequence numbers and head file, and the recorded `anchor` if given.

    Every problem names its line; a torn last line is reported alone (the rest is checked without it).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return VerifyResult(ok=False, entries=0, problems=[f"audit log {path} not found"])
    lines, torn = _split_lines(data)
    problems, hashes = _chain_problems(lines)
    if torn is not None:
        problems.append(f"line {len(lines) + 1}: " + torn_message(path))
    last_seq = _seq_of(lines[-1]) if lines else None
    head = ChainHead(last_seq if last_seq is not None else len(lines), hashes[-1]) if lines else None
    if lines or head_path(path).exists():
        problems += _head_problems(head_path(path), lines=len(lines), last=head or ChainHead(0, ZERO_HASH))
    anchor_line = None
    if anchor is not None:
        anchored, anchor_line = _anchor_problems(normalise_anchor(anchor), hashes)
        problems += anchored
    entries = len(lines)
    return VerifyResult(
        ok=not problems, entries=entries, problems=problems, head=head, anchor_line=anchor_line
    )


def actor_and_commit(root: Path) -> tuple[str, str | None]:
    """Who is applying (the CI actor, else the OS user) and the git commit of the manifests, if known."""
    actor = next(
        (value for name in ("GITHUB_ACTOR", "USER", "USERNAME") if (value := os.environ.get(name))),
        "unknown",
    )
    commit = os.environ.get("GITHUB_SHA") or None
    if commit is None:
        try:
            done = subprocess.run(
                ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10, check=True
            )
        except (OSError, subprocess.SubprocessError):
            return actor, None
        commit = done.stdout.strip() or None
    return actor, commit
