"""`audit repair`: move a torn last line (a crash during an append) out of the audit log, never silently.

Only a last line without its newline is touched: that is all an interrupted append can leave, since a
line is written whole and the head file only after it. The torn bytes are appended to `<log>.torn`
before the log is cut back to its last complete line, so nothing is lost even if repair itself is
interrupted; every other problem is left for `audit verify` to report and a person to judge.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from reconciler.audit import lock_file, torn_path
from reconciler.exceptions import ReconcilerError

_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Repaired:
    """What repair removed: the torn line's number and bytes, and the file that keeps a copy."""

    line: int
    removed: bytes
    saved_to: Path


def _complete_length(handle: IO[bytes], size: int) -> int:
    """Bytes up to and including the last newline, read backwards so a long log is not read whole."""
    end = size
    while end > 0:
        start = max(0, end - _CHUNK)
        handle.seek(start)
        cut = handle.read(end - start).rfind(b"\n")
        if cut >= 0:
            return start + cut + 1
        end = start
    return 0


def _count_lines(handle: IO[bytes], length: int) -> int:
    handle.seek(0)
    count, left = 0, length
    while left > 0:
        chunk = handle.read(min(_CHUNK, left))
        count, left = count + chunk.count(b"\n"), left - len(chunk)
    return count


def _keep_copy(path: Path, torn: bytes) -> None:
    with open(path, "ab") as copy:
        copy.write(torn + b"\n")
        copy.flush()
        os.fsync(copy.fileno())


def repair_torn_tail(path: Path) -> Repaired:
    """Cut a torn last line off `path`, keeping it in `<log>.torn`; an error when there is none."""
    try:
        handle = open(path, "r+b")  # noqa: SIM115 - closed below; FileNotFoundError must be told apart
    except FileNotFoundError:
        raise ReconcilerError(f"audit log {path} not found") from None
    with handle:
        lock_file(handle)  # an apply appending meanwhile would chain onto a line about to vanish
        size = handle.seek(0, os.SEEK_END)
        keep = _complete_length(handle, size)
        if keep == size:
            raise ReconcilerError(
                f"nothing to repair in {path}: its last line is complete. `audit repair` only removes a "
                "torn last line; `reconciler audit verify` lists any other problem"
            )
        handle.seek(keep)
        torn = handle.read(size - keep)
        line = _count_lines(handle, keep) + 1
        saved_to = torn_path(path)
        _keep_copy(saved_to, torn)
        handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
    return Repaired(line=line, removed=torn, saved_to=saved_to)
