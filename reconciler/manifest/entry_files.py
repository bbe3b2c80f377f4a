"""CSV files of phone numbers that DNC manifests point at (DncList.entries, DncGroup.records).

A manifest may give its numbers inline or as the path of a CSV file relative to the manifest. The
path must stay inside the manifest folders given to the run (no reading of arbitrary files), exist,
respect the manifest size limit, be readable (no symlink loop) and be UTF-8 text: a UTF-16 export
is refused here, at validate, rather than misread later. The first column of each row is the
number; a header row whose first cell holds no digit is skipped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.loader import MAX_FILE_BYTES
from reconciler.manifest.resource import Resource
from reconciler.manifest.safe_paths import resolved
from reconciler.platform import Platform

NUMBER_FIELDS: dict[tuple[str, str], tuple[str, str]] = {
    (Platform.GENESYS, "DncList"): ("entries", "entries_mode"),
    (Platform.CXONE, "DncGroup"): ("records", "records_mode"),
}
"""(platform, kind) -> (the spec field holding a DNC list's numbers, the field holding their mode)."""
ENTRY_FILE_FIELDS: dict[tuple[str, str], str] = {key: numbers for key, (numbers, _) in NUMBER_FIELDS.items()}


def entry_file_of(resource: Resource) -> str | None:
    """The CSV path a DNC resource names, if it names one."""
    field = ENTRY_FILE_FIELDS.get((resource.platform, resource.kind))
    value = getattr(resource.document.spec, field, None) if field else None
    return value if isinstance(value, str) else None


def entry_file_folder(resource: Resource) -> Path:
    """The folder a DNC resource's CSV path is relative to: that of the file that set the path (the base
    manifest, or the overlay that patched it)."""
    field = ENTRY_FILE_FIELDS.get((resource.platform, resource.kind))
    written = resource.location_of(("spec", field)) if field else resource.source
    return Path(written.file).parent


def resolve_entry_file(resource: Resource, relative: str) -> Path:
    return resolved(entry_file_folder(resource) / relative)


def allowed_roots(roots: Iterable[Path]) -> list[Path]:
    return [resolved(root) if root.is_dir() else resolved(root).parent for root in roots]


def entry_file_problem(resource: Resource, allowed: Iterable[Path]) -> str | None:
    """Why the CSV file a resource names cannot be read (None: it can, or it names none)."""
    relative = entry_file_of(resource)
    if relative is None:
        return None
    field = ENTRY_FILE_FIELDS[(resource.platform, resource.kind)]
    target = resolve_entry_file(resource, relative)
    if not any(target.is_relative_to(root) for root in allowed):
        return f"spec.{field}: '{relative}' points outside the manifest folders"
    if not target.is_file() and not target.is_symlink():
        return f"spec.{field}: CSV file '{relative}' not found (paths are relative to the manifest file)"
    what = f"spec.{field}: CSV file '{relative}'"
    try:
        status = target.stat()
        if status.st_size > MAX_FILE_BYTES:
            return f"{what} is larger than {MAX_FILE_BYTES // 1024 // 1024} MB"
        problem = _content_problem(target, status.st_mtime_ns, status.st_size)
    except OSError as exc:
        return f"{what} cannot be read: {exc.strerror or exc}"
    return None if problem is None else f"{what} {problem}"


@lru_cache(maxsize=256)  # several checks ask about one file; the stamp makes an edited file read again
def _content_problem(path: Path, _mtime_ns: int, _size: int) -> str | None:
    """Why the file is not UTF-8 text (a UTF-16 export decodes to NULs or not at all), else None."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return f"is not UTF-8 text (line {line}); save it as UTF-8 CSV"
    if "\x00" in text:
        return "holds NUL characters (UTF-16 or binary); save it as UTF-8 CSV"
    return None


def check_entry_files(resources: Iterable[Resource], roots: Iterable[Path]) -> list[Finding]:
    """SCHEMA findings for CSV paths that escape the manifest folders, are missing or too large."""
    allowed = allowed_roots(roots)
    findings: list[Finding] = []
    for resource in resources:
        problem = entry_file_problem(resource, allowed)
        if problem is not None:
            field = ENTRY_FILE_FIELDS[(resource.platform, resource.kind)]
            where = resource.location_of(("spec", field))
            findings.append(finding(Code.SCHEMA, problem, address=resource.address, source=where))
    return findings


def read_entry_rows(path: Path) -> Iterator[tuple[int, str]]:
    """(line, number) from the first column of a CSV file, skipping blank rows and a header row.

    Streamed from the file: a million rows are checked without holding them all."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from _entry_rows(handle)


def parse_entry_rows(text: str) -> list[tuple[int, str]]:
    """(line, number) from the first column of CSV text, skipping blank rows and a header row."""
    return list(_entry_rows(io.StringIO(text)))


def _entry_rows(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for index, row in enumerate(csv.reader(lines)):
        cell = row[0].strip() if row else ""
        if not cell or (index == 0 and not any(ch.isdigit() for ch in cell)):
            continue
        yield index + 1, cell


def read_entry_numbers(path: Path) -> list[str]:
    """Numbers from the first column of a CSV file, skipping blank rows and a header row."""
    return [number for _, number in read_entry_rows(path)]
