"""Reading manifest files and folders into YAML documents, with file-level safety checks."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reconciler.diagnostics import Code, Finding, Severity, finding
from reconciler.exceptions import Location, ManifestLoadError
from reconciler.manifest.yaml_reader import ExpansionBudget, YamlDocument, read_yaml_documents

MAX_FILE_BYTES = 5 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadResult:
    documents: list[YamlDocument] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def display_path(path: Path) -> str:
    """Path as users wrote it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def discover_files(paths: Iterable[Path]) -> tuple[list[Path], list[Finding]]:
    """Expand folders to their YAML files (sorted, hidden entries skipped); keep named files as given."""
    files: list[Path] = []
    problems: list[Finding] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(
                    Path(root, name)
                    for name in sorted(names)
                    if name.endswith(YAML_SUFFIXES) and not name.startswith(".")
                )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(
                finding(Code.SCHEMA, f"no such file or folder: {path}", source=Location(str(path), 1))
            )
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
