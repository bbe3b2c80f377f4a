"""Resolving paths that users and repositories hand the run, symlink loops included."""

from __future__ import annotations

import os
from pathlib import Path


def resolved(path: Path) -> Path:
    """`path.resolve()`; for a symlink loop, the path made absolute (reading it then fails with ELOOP,
    which the callers report with file and line) instead of a RuntimeError from deep in pathlib."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python before 3.13 raises RuntimeError for a loop
        return Path(os.path.abspath(path))
