"""Writing a proposed value into a manifest file with its comments and layout kept (ruamel.yaml
round trip), and showing it as a unified diff first.

ruamel keeps comments, key order, quoting and flow style; the indentation of block sequences is a
dumper setting, so both common layouts are tried and the one that reproduces every untouched line is
used. If neither does, the edit is refused rather than reformatting someone's file.
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path
from typing import Any

from reconciler.forecast.errors import ForecastError, missing_extra

LAYOUTS = ((2, 4, 2), (2, 2, 0))  # (mapping, sequence, offset): "  - item" under a key, and "- item"


def edited_text(path: Path, *, kind: str, name: str, field: str, value: int) -> tuple[str, str]:
    """The file's text before and after setting spec.`field` of document `kind`/`name` to `value`."""
    try:  # ruamel.yaml is the optional [forecast] extra
        from ruamel.yaml import YAML
    except ImportError as exc:
        raise missing_extra("ruamel.yaml") from exc
    before = path.read_text(encoding="utf-8")
    for mapping, sequence, offset in LAYOUTS:
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        documents = list(yaml.load_all(before))
        spec = _spec_of(documents, kind=kind, name=name, path=path)
        spec[field] = value
        out = io.StringIO()
        yaml.dump_all(documents, out)
        after = out.getvalue()
        if _only_field_changed(before, after, field):
            return before, after
    raise ForecastError(
        f"{path}: cannot rewrite this file without changing its layout; set spec.{field}: {value} "
        f"in {kind} '{name}' by hand"
    )


def _spec_of(documents: list[Any], *, kind: str, name: str, path: Path) -> Any:
    for document in documents:
        if (
            isinstance(document, dict)
            and document.get("kind") == kind
            and (document.get("metadata") or {}).get("name") == name
            and isinstance(document.get("spec"), dict)
        ):
            return document["spec"]
    raise ForecastError(f"{path}: no {kind} named '{name}' with a spec")


def _only_field_changed(before: str, after: str, field: str) -> bool:
    changed = [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith(("- ", "+ "))
    ]
    return bool(changed) and all(line[2:].strip().startswith(f"{field}:") for line in changed)


def unified_diff(before: str, after: str, *, path: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(True), after.splitlines(True), fromfile=f"a/{path}", tofile=f"b/{path}"
        )
    )
