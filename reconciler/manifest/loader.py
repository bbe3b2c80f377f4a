"""Reading manifest files and folders into YAML documents, with file-level safety checks.

Discovery rule for a folder: every file whose name ends in `.yaml` or `.yml`, in any case (`.YAML`,
`.Yml`), in the folder and all its sub-folders, is read; hidden files and folders (names starting with
`.`) are skipped, and so is every other extension. A skipped file that looks like a manifest (its first
64 KiB hold both `apiVersion:` and `kind:` keys) is named in a warning on stderr, never dropped silently.
A file named on the command line is read whatever its name.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reconciler.diagnostics import Code, Finding, Severity, finding
from reconciler.exceptions import Location, ManifestLoadError
from reconciler.manifest.safe_paths import resolved
from reconciler.manifest.yaml_reader import ExpansionBudget, YamlDocument, read_yaml_documents

MAX_FILE_BYTES = 5 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
SNIFF_BYTES = 64 * 1024
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn"})
"""Hidden folders not even looked into for lookalikes: version control keeps no manifests to warn about."""
MAX_NAMED_SKIPS = 20
_KEYS = tuple(
    re.compile(rb"^[ \t{]*[\"']?%s[\"']?[ \t]*:" % key, re.MULTILINE) for key in (b"apiVersion", b"kind")
)
"""An `apiVersion:` and a `kind:` key at the start of a line, quoted or not (so JSON manifests count too)."""


@dataclass
class LoadResult:
    documents: list[YamlDocument] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def display_path(path: Path) -> str:
    """Path as users wrote it: relative to the working directory when inside it."""
    try:
        return str(resolved(path).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def is_manifest_name(name: str) -> bool:
    """The discovery rule for one file name: `.yaml`/`.yml` in any case, not hidden."""
    return name.lower().endswith(YAML_SUFFIXES) and not name.startswith(".")


def looks_like_manifest(path: Path) -> bool:
    """True when the file's first SNIFF_BYTES hold both an `apiVersion:` and a `kind:` key."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return all(key.search(head) for key in _KEYS)


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """(files the rule reads, skipped files that look like manifests) under `folder`, sorted."""
    read: list[Path] = []
    lookalikes: list[Path] = []
    for root, dirs, names in os.walk(folder):
        hidden_root = any(part.startswith(".") for part in Path(root).relative_to(folder).parts)
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS)
        for name in sorted(names):
            path = Path(root, name)
            if is_manifest_name(name) and not hidden_root:
                read.append(path)
            elif path.is_file() and not path.is_symlink() and looks_like_manifest(path):
                lookalikes.append(path)
    return read, lookalikes


def warn_skipped(skipped: list[Path]) -> None:
    """Name (on stderr) the files discovery skipped although they look like manifests."""
    if not skipped:
        return
    shown = [ascii(display_path(path))[1:-1] for path in skipped[:MAX_NAMED_SKIPS]]  # no control characters
    more = f" and {len(skipped) - MAX_NAMED_SKIPS} more" if len(skipped) > MAX_NAMED_SKIPS else ""
    print(
        f"warning: {len(skipped)} file(s) that look like manifests were skipped (only .yaml/.yml files "
        f"outside hidden folders are read; name a file to read it anyway): {', '.join(shown)}{more}",
        file=sys.stderr,
    )


def discover_files(paths: Iterable[Path]) -> tuple[list[Path], list[Finding]]:
    """Expand folders by the discovery rule (sorted); keep named files as given; warn about lookalikes."""
    files: list[Path] = []
    skipped: list[Path] = []
    problems: list[Finding] = []
    for path in paths:
        if path.is_dir():
            read, lookalikes = _walk(path)
            files.extend(read)
            skipped.extend(lookalikes)
        elif path.is_file() or path.is_symlink():  # a looping or dangling link: reading it says why
            files.append(path)
        else:
            problems.append(
                finding(Code.SCHEMA, f"no such file or folder: {path}", source=Location(str(path), 1))
            )
    warn_skipped(skipped)
    return files, problems


def read_text(path: Path, shown: str) -> str:
    """Read a manifest file as UTF-8 text, refusing oversized and binary files."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ManifestLoadError(
            f"file is {size / 1024 / 1024:.1f} MB; manifest files are limited to {MAX_FILE_BYTES // 1024 // 1024} MB",
            location=Location(shown, 1),
        )
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise ManifestLoadError("binary file, not YAML text", location=Location(shown, 1))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ManifestLoadError("file is not UTF-8 text", location=Location(shown, line)) from None


def load_paths(paths: Iterable[Path], *, budget: ExpansionBudget | None = None) -> LoadResult:
    """Load every YAML document under `paths`; each unreadable file becomes one SCHEMA finding.

    Every file draws on one expansion budget (limits.yaml_values), so many files cannot add up."""
    budget = budget if budget is not None else ExpansionBudget()
    result = LoadResult()
    files, result.findings = discover_files(paths)
    for path in files:
        shown = display_path(path)
        result.files.append(shown)
        try:
            documents = read_yaml_documents(read_text(path, shown), file=shown, budget=budget)
        except ManifestLoadError as exc:
            result.findings.append(finding(Code.SCHEMA, exc.message, source=exc.location))
            continue
        except OSError as exc:
            result.findings.append(
                finding(Code.SCHEMA, f"cannot read file: {exc.strerror}", source=Location(shown, 1))
            )
            continue
        if not documents or all(doc.data is None for doc in documents):
            result.findings.append(
                finding(Code.SCHEMA, "file holds no manifest documents", source=Location(shown, 1))
            )
            continue
        for index, doc in enumerate(documents):
            if doc.data is not None:
                result.documents.append(doc)
            elif index < len(documents) - 1:  # a trailing '---' is harmless; an empty one inside is a slip
                result.findings.append(
                    finding(
                        Code.SCHEMA,
                        "empty document (ignored)",
                        source=Location(shown, doc.line),
                        severity=Severity.WARNING,
                    )
                )
    return result
