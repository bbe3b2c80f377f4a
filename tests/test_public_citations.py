"""Code comments and docs cite public sources, never the project's private reference notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PRIVATE_SHORTHAND = re.compile(
    r"G§|C§|genesys-api\.md|cxone-api\.md|compliance-and-pacing\.md|shared/reference"
)
SCANNED = ("reconciler", "docs", "README.md", "bench", "scripts")
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".json", ".toml", ".txt", ".sh", ".cfg"}


def _text_files() -> list[Path]:
    files: list[Path] = []
    for name in SCANNED:
        top = ROOT / name
        candidates = [top] if top.is_file() else sorted(top.rglob("*"))
        files += [path for path in candidates if path.is_file() and path.suffix in TEXT_SUFFIXES]
    return files


def _private_citations(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for n, line in enumerate(lines, 1)
        if PRIVATE_SHORTHAND.search(line)
    ]


def test_the_scan_covers_the_sources_and_docs() -> None:
    names = {path.name for path in _text_files()}
    assert {"README.md", "compliance.md", "jurisdictions.yaml", "kinds.py"} <= names


@pytest.mark.parametrize("shorthand", ["G§6.1", "C§4.2", "genesys-api.md §3", "shared/reference/x.md"])
def test_each_private_shorthand_is_recognised(shorthand: str) -> None:
    assert PRIVATE_SHORTHAND.search(f"a comment ({shorthand}).")


def test_no_private_reference_is_cited() -> None:
    found = [hit for path in _text_files() for hit in _private_citations(path)]
    assert found == []
