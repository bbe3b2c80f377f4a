"""CSV files of phone numbers that DNC manifests point at (DncList.entries, DncGroup.records).

A manifest may give its numbers inline or as the path of a CSV file relative to the manifest. The
path must stay inside the manifest folders given to the run (no reading of arbitrary files), exist,
and respect the manifest size limit. The first column of each row is the number; a header row
whose first cell holds no digit is skipped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.loader import MAX_FILE_BYTES
from reconciler.manifest.resource import Resource

ENTRY_FILE_FIELDS: dict[tuple[str, str], str] = {
    ("genesys", "DncList"): "entries",
    ("cxone", "DncGroup"): "records",
}


def entry_file_of(resource: Resource) -> str | None:
    """The CSV path a DNC resource names, if it names one."""
    field = ENTRY_FILE_FIELDS.get((resource.platform, resource.kind))
    value = getattr(resource.document.spec, field, None) if field else None
    return value if isinstance(value, str) else None


def resolve_entry_file(resource: Resource, relative: str) -> Path:
    return (Path(resource.raw.file).parent / relative).resolve()


def check_entry_files(resources: Iterable[Resource], roots: Iterable[Path]) -> list[Finding]:
    """SCHEMA findings for CSV paths that escape the manifest folders, are missing or too large."""
    allowed = [root.resolve() if root.is_dir() else root.resolve().parent for root in roots]
    findings: list[Finding] = []
    for resource in resources:
        relative = entry_file_of(resource)
        if relative is None:
            continue
        field = ENTRY_FILE_FIELDS[(resource.platform, resource.kind)]
        where = resource.location_of(("spec", field))
        target = resolve_entry_file(resource, relative)
        problem = None
        if not any(target.is_relative_to(root) for root in allowed):
            problem = f"spec.{field}: '{relative}' points outside the manifest folders"
        elif not target.is_file():
            problem = (
                f"spec.{field}: CSV file '{relative}' not found (paths are relative to the manifest file)"
            )
        elif target.stat().st_size > MAX_FILE_BYTES:
            problem = (
                f"spec.{field}: CSV file '{relative}' is larger than {MAX_FILE_BYTES // 1024 // 1024} MB"
            )
        if problem is not None:
            findings.append(finding(Code.SCHEMA, problem, address=resource.address, source=where))
    return findings


def read_entry_numbers(path: Path) -> list[str]:
    """Numbers from the first column of a CSV file, skipping blank rows and a header row."""
    text = path.read_text(encoding="utf-8-sig")
    numbers: list[str] = []
    for index, row in enumerate(csv.reader(io.StringIO(text))):
        cell = row[0].strip() if row else ""
        if not cell or (index == 0 and not any(ch.isdigit() for ch in cell)):
            continue
        numbers.append(cell)
    return numbers
