from __future__ import annotations

from reconciler.diagnostics import Code
from reconciler.manifest.typing import type_documents
from reconciler.manifest.yaml_reader import read_yaml_documents
from tests.conftest import CAMPAIGN


def _problems(text: str) -> list[tuple[int, str]]:
    _resources, findings = type_documents(read_yaml_documents(text, file="m.yaml"))
    assert all(f.code == Code.SCHEMA for f in findings)
    return [(f.source.line if f.source else 0, f.message) for f in findings]


def test_valid_document_becomes_a_resource() -> None:
    resources, findings = type_documents(
        read_yaml_documents(CAMPAIGN.format(name="q3", contact_list="l"), file="m.yaml")
    )
    assert findings == []
    [resource] = resources
    assert resource.address == "genesys/Campaign/q3"
    assert resource.document.spec.abandon_rate == 3


def test_unknown_field_names_the_closest_known_one() -> None:
    text = CAMPAIGN.format(name="q3", contact_list="l") + "  abandon_rat: 2\n"
    [(line, message)] = _problems(text)
    assert line == 15
    assert "unknown field 'abandon_rat'; did you mean 'abandon_rate'?" in message


def test_all_problems_of_a_document_are_reported() -> None:
    text = (
        CAMPAIGN.format(name="q3", contact_list="l")
        .replace("predictive", "predictve")
        .replace("abandon_rate: 3", "abandon_rate: 300")
        + "  priority: high\n"
    )
    problems = _problems(text)
    assert [line for line, _ in problems] == [8, 14, 15]
    assert "spec.dialing_mode" in problems[0][1] and "'predictve'" in problems[0][1]
    assert "spec.abandon_rate" in problems[1][1]
    assert "spec.priority" in problems[2][1]


def test_envelope_problems() -> None:
    problems = _problems(
        "kind: Campaign\n---\napiVersion: genesys/v2\nkind: Campaign\n---\napiVersion: cxone/v1\nkind: Skil\n"
        "---\n- a\n- list\n"
    )
    assert problems[0] == (1, "document has no apiVersion")
    assert problems[1][0] == 3 and "unknown apiVersion 'genesys/v2'" in problems[1][1]
    assert problems[2][0] == 7 and "did you mean 'Skill'" in problems[2][1]
    assert problems[3][0] == 9 and "document is list" in problems[3][1]


def test_name_length_and_annotations() -> None:
    text = CAMPAIGN.format(name="x" * 65, contact_list="l")
    [(line, message)] = _problems(text)
    assert line == 5 and "at most 64 characters" in message
    text = CAMPAIGN.format(name="q3", contact_list="l").replace(
        "  name: q3\n", "  name: q3\n  annotations:\n    reconciler/allow: DNC-REQUIRED\n"
    )
    [(line, message)] = _problems(text)
    assert line == 6 and "a reason is required" in message
