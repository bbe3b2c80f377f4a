"""Every kind has valid and invalid fixtures; invalid ones name the line their error must point at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reconciler.diagnostics import Code
from reconciler.manifest.kinds import KINDS
from reconciler.validation import validate_paths
from tests.conftest import FIXTURES

MANIFESTS = FIXTURES / "manifests"
VALID = sorted((MANIFESTS / "valid").rglob("*.yaml"))
INVALID = sorted((MANIFESTS / "invalid").rglob("*.yaml"))
EXPECT = re.compile(r"#\s*expect:\s*(?P<code>[A-Z-]+)\s+(?P<line>\d+)")


def _kind_of(path: Path) -> tuple[str, str]:
    return path.parent.name, path.stem.split("-", 1)[0]


def test_every_kind_has_valid_and_invalid_fixtures() -> None:
    valid = {_kind_of(p) for p in VALID}
    invalid = {_kind_of(p) for p in INVALID}
    assert set(KINDS) <= valid, f"missing valid fixtures: {set(KINDS) - valid}"
    assert set(KINDS) <= invalid, f"missing invalid fixtures: {set(KINDS) - invalid}"


def test_valid_fixtures_have_no_schema_problems() -> None:
    result = validate_paths([MANIFESTS / "valid"])
    problems = [f for f in result.findings if f.code in (Code.SCHEMA, Code.DUPLICATE, Code.CYCLE)]
    assert problems == []
    assert len(result.manifests) >= len(KINDS)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_invalid_fixture_is_reported_at_its_line(path: Path) -> None:
    match = EXPECT.search(path.read_text().splitlines()[0])
    assert match, f"{path.name}: first line must read '# expect: CODE LINE'"
    result = validate_paths([path])
    reported = {(str(f.code), f.source.line) for f in result.findings if f.source is not None}
    assert (match["code"], int(match["line"])) in reported, [f.message for f in result.findings]
