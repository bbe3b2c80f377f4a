"""The finding-code enum of the plan document's schema (schemas/plan.schema.json), written from `Code`.

The rest of that schema is written by hand; `reconciler schema` rewrites only this enum, in place, so
a code added to the catalogue reaches the schema by regenerating it, never by a second hand edit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from reconciler.diagnostics import Code

PLAN_SCHEMA = "plan.schema.json"
_ENUM = re.compile(r'(?P<head>"finding": \{.*?"code": \{\s*"enum": )\[[^\]]*\]', re.DOTALL)
_INDENT = " " * 12


def with_finding_codes(text: str, codes: Iterable[str]) -> str:
    """The plan schema's text with finding.code's enum set to `codes` (catalogue order), nothing else moved."""
    listed = ",\n".join(f"{_INDENT}{json.dumps(code)}" for code in codes)
    replaced, count = _ENUM.subn(lambda found: f"{found['head']}[\n{listed}\n{_INDENT[:-2]}]", text, count=1)
    if count != 1:
        raise ValueError(f"{PLAN_SCHEMA} has no $defs.finding.properties.code.enum to write the codes into")
    return replaced


def write_finding_codes(folder: Path) -> Path | None:
    """Rewrite `folder`/plan.schema.json's finding-code enum from `Code`; None when the folder has none."""
    path = folder / PLAN_SCHEMA
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    updated = with_finding_codes(text, (str(code) for code in Code))
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return path
