"""`${vars.NAME}` in manifest values: typed when alone, text inside text, errors with file and line."""

from __future__ import annotations

from reconciler.manifest.variables import substitute
from reconciler.manifest.yaml_reader import read_yaml_documents

DOC = """\
apiVersion: genesys/v1
kind: Campaign
metadata: {name: "collections-${vars.region}"}
spec:
  caller_address: ${vars.caller_id}
  outbound_line_count: ${vars.lines}
  note: "cost $${vars.not_a_reference} and ${vars.region}"
"""


def test_variables_replace_values_typed_alone_and_as_text_inside_text() -> None:
    docs, used, problems = substitute(
        read_yaml_documents(DOC, file="c.yaml"), {"region": "us", "caller_id": "+13175550100", "lines": 20}
    )
    assert problems == []
    data = docs[0].data
    assert data["metadata"]["name"] == "collections-us"
    assert data["spec"]["caller_address"] == "+13175550100"
    assert data["spec"]["outbound_line_count"] == 20
    assert data["spec"]["note"] == "cost ${vars.not_a_reference} and us"
    assert used == {"region", "caller_id", "lines"}


def test_an_unknown_variable_is_an_error_at_its_line() -> None:
    _, used, problems = substitute(read_yaml_documents(DOC, file="c.yaml"), {"region": "us", "lines": 1})
    assert [(p.source.file, p.source.line) for p in problems] == [("c.yaml", 5)]  # type: ignore[union-attr]
    assert "unknown variable 'caller_id'" in problems[0].message
    assert "region" in problems[0].message  # says what the target defines
    assert "caller_id" not in used


def test_anything_but_a_plain_reference_is_refused() -> None:
    text = 'apiVersion: a\nkind: b\nspec:\n  a: "${env.HOME}"\n  b: "${vars.x | upper}"\n  c: "${vars.x"\n  "${vars.x}": 1\n'
    _, _, problems = substitute(read_yaml_documents(text, file="c.yaml"), {"x": "1"})
    lines = sorted(p.source.line for p in problems)  # type: ignore[union-attr]
    assert lines == [4, 5, 6, 7]
    assert any("not in keys" in p.message for p in problems)


def test_documents_without_references_come_back_equal() -> None:
    docs = read_yaml_documents("apiVersion: a\nkind: b\nspec: {a: [1, '2', {c: d}]}\n", file="c.yaml")
    replaced, used, problems = substitute(docs, {})
    assert replaced[0].data == docs[0].data and used == set() and problems == []
