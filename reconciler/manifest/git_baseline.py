"""What a DNC list declared before this change: its numbers at a git revision (DNC-SHRINK's baseline).

A DNC source that shrinks is caught against what git last recorded for the same manifest: `HEAD` by
default (so an uncommitted truncation is caught by `validate` on a workstation), `HEAD^1` in the shipped
workflows (the base of a pull request's merge commit, or the previous commit of the branch on push).
Outside a git checkout, for a file git does not track at that revision, or when `git` is not installed,
there is no baseline and nothing is compared.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from reconciler.exceptions import ManifestLoadError
from reconciler.manifest.entry_files import parse_entry_rows
from reconciler.manifest.loader import MAX_FILE_BYTES
from reconciler.manifest.yaml_reader import read_yaml_documents
from reconciler.phones import e164_or_written

GIT_SECONDS = 10


def committed_text(path: Path, ref: str) -> str | None:
    """The file's text at git revision `ref`, or None when git cannot give it."""
    try:
        done = subprocess.run(
            ["git", "show", f"{ref}:./{path.name}"],
            cwd=path.parent,
            capture_output=True,
            timeout=GIT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0 or len(done.stdout) > MAX_FILE_BYTES:
        return None
    try:
        return done.stdout.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def baseline_numbers(manifest: Path, *, kind: str, name: str, field: str, ref: str) -> set[str] | None:
    """The numbers the manifest declared for (kind, name) at `ref` (inline or from its CSV then)."""
    text = committed_text(manifest, ref)
    if text is None:
        return None
    try:
        documents = read_yaml_documents(text, file=str(manifest))
    except ManifestLoadError:
        return None
    for document in documents:
        spec = _spec_of(document.data, kind=kind, name=name)
        if spec is not None:
            return _declared(spec.get(field), manifest, ref)
    return None


def _spec_of(data: Any, *, kind: str, name: str) -> dict[str, Any] | None:
    if not isinstance(data, dict) or data.get("kind") != kind:
        return None
    metadata, spec = data.get("metadata"), data.get("spec")
    if not isinstance(metadata, dict) or metadata.get("name") != name or not isinstance(spec, dict):
        return None
    return spec


def _declared(value: Any, manifest: Path, ref: str) -> set[str] | None:
    if isinstance(value, str):
        text = committed_text(manifest.parent / value, ref)
        return None if text is None else {e164_or_written(number) for _, number in parse_entry_rows(text)}
    if isinstance(value, list):
        numbers = (item.get("phone_number") if isinstance(item, dict) else item for item in value)
        return {e164_or_written(str(number)) for number in numbers if number is not None}
    return None
