"""Digests of every file a run reads (manifests, their DNC CSV files, the project file): a plan pins them.

`apply plan.json` compares them with the files as they are at apply time and refuses on any edit,
addition or removal (reconciler.apply.saved_plan), so what is applied is what was reviewed even where
the masked plan cannot show it (a number edited to another with the same last four digits). Keys are
paths relative to the project root in POSIX form; values are `sha256:` of the unmasked bytes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path, PurePath

from reconciler.config import ProjectFile
from reconciler.manifest.entry_files import (
    allowed_roots,
    entry_file_of,
    entry_file_problem,
    resolve_entry_file,
)
from reconciler.manifest.safe_paths import resolved
from reconciler.validation import ValidationResult


def entry_files_read(validation: ValidationResult, roots: Iterable[Path]) -> list[Path]:
    """The DNC CSV files the manifests point at that the run may read (inside the manifest folders)."""
    allowed = allowed_roots(roots)
    files = []
    for resource in validation.manifests.values():
        relative = entry_file_of(resource)
        if relative is not None and entry_file_problem(resource, allowed) is None:
            files.append(resolve_entry_file(resource, relative))
    return files


def files_read(
    validation: ValidationResult, *, roots: Iterable[Path], project: ProjectFile | None
) -> set[Path]:
    """Every file the run reads, as absolute paths."""
    files = {resolved(Path(name)) for name in validation.files}
    files.update(resolved(path) for path in entry_files_read(validation, roots))
    if project is not None and project.source is not None:
        files.add(resolved(project.source))
    return files


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return f"sha256:{hashlib.file_digest(handle, 'sha256').hexdigest()}"


def relative_name(path: Path, root: Path) -> str:
    """`path` relative to the project root, POSIX form (`../` when a manifest folder lies outside it)."""
    return PurePath(os.path.relpath(path, root.resolve())).as_posix()


def input_digests(files: Iterable[Path], *, root: Path) -> dict[str, str]:
    """{relative path: "sha256:…"} of `files`, sorted by path."""
    digests = {}
    for path in files:
        try:
            digests[relative_name(path, root)] = file_digest(path)
        except OSError:  # an unreadable file is already a SCHEMA error, which no apply gets past
            continue
    return dict(sorted(digests.items()))


def changed_inputs(saved: dict[str, str], now: dict[str, str]) -> list[str]:
    """`path (edited|added|removed)` for every file that differs between two digest maps."""
    changed = []
    for name in sorted(saved.keys() | now.keys()):
        if name not in now:
            changed.append(f"{name} (removed)")
        elif name not in saved:
            changed.append(f"{name} (added)")
        elif saved[name] != now[name]:
            changed.append(f"{name} (edited)")
    return changed
