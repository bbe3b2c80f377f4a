"""CXone skill names follow the Admin API: 1-30 characters from letters, digits, space and -_.()^ (CX-S3)."""

from __future__ import annotations

import pytest

from reconciler.diagnostics import Code
from reconciler.manifest.typing import type_documents
from reconciler.manifest.yaml_reader import read_yaml_documents

SKILL = "apiVersion: cxone/v1\nkind: Skill\nmetadata:\n  name: {name}\nspec:\n  outbound_strategy: Personal Connection\n"


def _problems(name: str) -> list[tuple[int, str]]:
    _resources, findings = type_documents(read_yaml_documents(SKILL.format(name=name), file="skills.yaml"))
    assert all(f.code == Code.SCHEMA for f in findings)
    return [(f.source.line if f.source else 0, f.message) for f in findings]


def test_a_documented_skill_name_is_accepted() -> None:
    assert _problems("'Renewals-PC_2024 (east).v^1'") == []
    assert _problems("x" * 30) == []


def test_a_skill_name_over_30_characters_is_an_error_at_its_line() -> None:
    [(line, message)] = _problems("x" * 31)
    assert line == 4 and "at most 30 characters" in message


@pytest.mark.parametrize("name", ["'sales & service'", "'renewals/east'", "'café'"])
def test_a_skill_name_outside_the_documented_characters_is_an_error_at_its_line(name: str) -> None:
    [(line, message)] = _problems(name)
    assert line == 4 and "letters, digits, spaces and - _ . ( ) ^" in message


def test_other_cxone_kinds_keep_the_general_name_rules() -> None:
    text = "apiVersion: cxone/v1\nkind: Campaign\nmetadata:\n  name: 'sales & service, the long campaign name'\nspec: {}\n"
    _resources, findings = type_documents(read_yaml_documents(text, file="c.yaml"))
    assert findings == []
