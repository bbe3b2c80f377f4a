"""The manifests guide's table of fields that force a replace is each kind's `immutable` set, no more."""

from __future__ import annotations

import re

from reconciler.kinds.registry import KIND_SPECS
from tests.conftest import ROOT

ROW = re.compile(r"^\| (\w+)/(\w+) \| (.+?) \| .+ \|$")


def _documented() -> dict[tuple[str, str], frozenset[str]]:
    text = (ROOT / "docs" / "manifests.md").read_text()
    table = text.split("### Fields that force a replace", 1)[1].split("\n## ", 1)[0]
    rows = (ROW.match(line) for line in table.splitlines())
    return {
        (row[1], row[2]): frozenset(re.findall(r"`(\w+)`", row[3].split("(", 1)[0]))
        for row in rows
        if row is not None
    }


def test_every_replace_forcing_field_is_documented_with_its_source() -> None:
    declared = {key: spec.immutable for key, spec in KIND_SPECS.items() if spec.immutable}
    assert _documented() == declared
