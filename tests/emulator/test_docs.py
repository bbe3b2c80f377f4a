"""docs/emulator.md keeps its promises: a row for every deviation D1-D22, every test it names exists, and it
cites public sources, never files outside this repository."""

from __future__ import annotations

import re

from tests.conftest import ROOT

DOC = (ROOT / "docs" / "emulator.md").read_text(encoding="utf-8")


def test_every_deviation_has_a_row() -> None:
    numbered = {int(n) for n in re.findall(r"^\| D(\d+)", DOC, flags=re.M)}
    assert numbered == set(range(1, 23))


def _defines(source: str, name: str) -> bool:
    return re.search(rf"^\s*(async def |def |class ){name}\b|^{name}\b", source, flags=re.M) is not None


def test_every_named_test_exists() -> None:
    """`tests/x.py::test_y`, and each `::test_z` after it means the same file."""
    missing, path = [], None
    for named_path, name, same_file_name in re.findall(r"`(tests/[\w/.-]+\.py)(?:::(\w+))?`|`::(\w+)`", DOC):
        path = named_path or path
        wanted = name or same_file_name
        assert path is not None
        source = (ROOT / path).read_text(encoding="utf-8")
        if wanted and not _defines(source, wanted):
            missing.append(f"{path}::{wanted}")
    assert missing == []


def test_only_public_sources_are_cited() -> None:
    assert not re.search(r"shared/|reference/genesys|G§|C§", DOC)
