"""Names as the platforms compare them: case per kind, refused invisible characters, look-alike warnings."""

from __future__ import annotations

import pytest

from reconciler.diagnostics import Code, Severity
from reconciler.manifest.lookalike_names import lookalike_findings
from reconciler.manifest.manifest_set import build_manifest_set
from reconciler.manifest.typing import type_documents
from reconciler.manifest.yaml_reader import read_yaml_documents

CX_CAMPAIGN = "apiVersion: cxone/v1\nkind: Campaign\nmetadata:\n  name: {name}\nspec: {{}}\n"
DNC_LIST = (
    "apiVersion: genesys/v1\nkind: DncList\nmetadata:\n  name: {name}\n"
    "spec: {{dnc_source_type: rds, contact_method: Phone}}\n"
)
DNC_GROUP = "apiVersion: cxone/v1\nkind: DncGroup\nmetadata:\n  name: g\nspec:\n  scrubbed_skills: [{name}]\n"


def _documents(*texts: str):  # type: ignore[no-untyped-def]
    return type_documents(read_yaml_documents("---\n".join(texts), file="m.yaml"))


def test_an_exact_repeat_on_a_case_insensitive_kind_reads_as_declared_twice() -> None:
    resources, _ = _documents(CX_CAMPAIGN.format(name="a"), CX_CAMPAIGN.format(name="a"))
    _, [item] = build_manifest_set(resources)
    assert item.message.startswith("cxone/Campaign/a is declared twice; first declared at m.yaml:")


def test_genesys_keeps_names_that_differ_by_case_apart_but_warns_about_them() -> None:
    resources, _ = _documents(DNC_LIST.format(name="Internal"), DNC_LIST.format(name="internal"))
    manifests, findings = build_manifest_set(resources)
    assert findings == [] and len(manifests) == 2
    [warning] = lookalike_findings(manifests)
    assert (warning.code, warning.severity) == (Code.DUPLICATE, Severity.WARNING)
    assert warning.address == "genesys/DncList/internal" and "differs only by case" in warning.message


def test_distinct_names_raise_no_lookalike_warning() -> None:
    resources, _ = _documents(CX_CAMPAIGN.format(name="sales"), CX_CAMPAIGN.format(name="service"))
    manifests, _ = build_manifest_set(resources)
    assert lookalike_findings(manifests) == []


@pytest.mark.parametrize(
    ("char", "described"),
    [
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\x07", "U+0007 CONTROL CHARACTER"),
        ("\u2028", "U+2028 LINE SEPARATOR"),
    ],
)
def test_invisible_and_control_characters_in_a_name_are_refused_by_code_point(
    char: str, described: str
) -> None:
    escaped = char.encode("unicode_escape").decode()
    _, [problem] = _documents(CX_CAMPAIGN.format(name=f'"sa{escaped}les"'))
    assert problem.code == Code.SCHEMA and problem.source is not None and problem.source.line == 4
    assert described in problem.message and char not in problem.message
    assert problem.address is not None and char not in problem.address


def test_a_reference_by_name_with_an_invisible_character_is_refused_at_its_line() -> None:
    _, [problem] = _documents(DNC_GROUP.format(name='"sales\\u202e"'))
    assert problem.code == Code.SCHEMA and problem.source is not None and problem.source.line == 6
    assert "spec.scrubbed_skills[0]" in problem.message and "U+202E RIGHT-TO-LEFT OVERRIDE" in problem.message
