"""The manifests guide's table of fields that force a replace is each kind's `replace_sources`: every
field with the public source that says it cannot change in place, no more."""

from __future__ import annotations

import re

from reconciler.kinds.registry import KIND_SPECS
from tests.conftest import ROOT

ROW = re.compile(r"^\| (\w+)/(\w+) \| `(\w+)` \| (.+) \|$")


def _documented() -> dict[tuple[str, str], dict[str, str]]:
    text = (ROOT / "docs" / "manifests.md").read_text()
    table = text.split("### Fields that force a replace", 1)[1].split("\n## ", 1)[0]
    documented: dict[tuple[str, str], dict[str, str]] = {}
    for line in table.splitlines():
        row = ROW.match(line)
        if row is not None:
            documented.setdefault((row[1], row[2]), {})[row[3]] = row[4]
    return documented


def test_every_replace_forcing_field_is_documented_with_its_source() -> None:
    declared = {key: dict(spec.replace_sources) for key, spec in KIND_SPECS.items() if spec.replace_sources}
    assert _documented() == declared


def test_every_source_names_a_public_reference() -> None:
    public = ("terraform-provider-genesyscloud", "CXone Admin API")
    for spec in KIND_SPECS.values():
        for name, source in spec.replace_sources.items():
            assert source.startswith(public) and "shared/" not in source, (spec.kind, name)


def test_immutable_is_the_set_of_sourced_fields() -> None:
    contact_list = KIND_SPECS[("genesys", "ContactList")]
    assert contact_list.immutable == frozenset(contact_list.replace_sources)
    assert "column_names" in contact_list.immutable
