"""Overlays patch, add and remove base documents, and every value remembers the file that set it."""

from __future__ import annotations

import pytest

from reconciler.diagnostics import Code
from reconciler.manifest.overlays import apply_overlays
from reconciler.manifest.typing import type_documents
from reconciler.manifest.yaml_reader import YamlDocument, read_yaml_documents

BASE = """\
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: collections
  labels: {team: a, tier: gold}
spec:
  dialing_mode: preview
  caller_name: Acme
  caller_address: "+13175550100"
  contact_list: list-a
  queue: q-a
  script: s
  phone_columns: [{column_name: phone, type: cell}]
  dnc_lists: [dnc-a, dnc-b]
---
apiVersion: genesys/v1
kind: DncList
metadata: {name: dnc-a}
spec: {dnc_source_type: rds, contact_method: Phone}
"""


def _docs(text: str, file: str) -> list[YamlDocument]:
    return read_yaml_documents(text, file=file)


def _effective(overlay: str) -> tuple[list[YamlDocument], list[str]]:
    documents, findings = apply_overlays(_docs(BASE, "base/c.yaml"), _docs(overlay, "prod/o.yaml"))
    return documents, [
        f"{item.code}:{item.source.file}:{item.source.line}:{item.message}" for item in findings
    ]  # type: ignore[union-attr]


def test_a_patch_merges_spec_and_labels_and_points_at_the_overlay() -> None:
    docs, problems = _effective(
        """\
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: collections
  labels: {tier: null, region: us}
spec:
  caller_address: "+13175550199"
  dnc_lists: [dnc-a]
"""
    )
    assert problems == []
    campaign = docs[0]
    assert campaign.data["spec"]["caller_address"] == "+13175550199"
    assert campaign.data["spec"]["dnc_lists"] == ["dnc-a"]  # a list is replaced whole
    assert campaign.data["spec"]["caller_name"] == "Acme"  # untouched values stay
    assert campaign.data["metadata"]["labels"] == {"team": "a", "region": "us"}  # null removes a key
    assert campaign.source_of(("spec", "caller_address")).file == "prod/o.yaml"
    assert campaign.source_of(("spec", "caller_address")).line == 7
    assert campaign.source_of(("spec", "dnc_lists", 0)).file == "prod/o.yaml"
    assert campaign.source_of(("spec", "caller_name")).file == "base/c.yaml"
    assert campaign.source_of(("spec", "caller_name")).line == 8


def test_the_patched_document_still_types_as_its_kind() -> None:
    docs, _ = _effective(
        "apiVersion: genesys/v1\nkind: Campaign\nmetadata: {name: collections}\nspec: {caller_name: Acme Prod}\n"
    )
    resources, findings = type_documents(docs)
    assert [f.message for f in findings] == []
    assert resources[0].document.spec.caller_name == "Acme Prod"


def test_a_patch_for_a_document_the_base_lacks_is_an_error_at_its_line() -> None:
    _, problems = _effective(
        "\n\napiVersion: genesys/v1\nkind: Campaign\nmetadata: {name: colections}\nspec: {caller_name: X}\n"
    )
    assert len(problems) == 1
    assert problems[0].startswith(f"{Code.SCHEMA}:prod/o.yaml:3:patches Campaign 'colections'")
    assert "reconciler/add" in problems[0]


def test_an_added_document_is_new_and_loses_its_control_annotation() -> None:
    docs, problems = _effective(
        """\
apiVersion: genesys/v1
kind: DncList
metadata:
  name: dnc-prod
  annotations: {reconciler/add: "true", owner: ops}
spec: {dnc_source_type: rds, contact_method: Phone}
"""
    )
    assert problems == []
    added = docs[-1]
    assert added.data["metadata"] == {"name": "dnc-prod", "annotations": {"owner": "ops"}}
    assert added.file == "prod/o.yaml"


def test_adding_a_document_the_base_has_is_a_duplicate() -> None:
    _, problems = _effective(
        'apiVersion: genesys/v1\nkind: DncList\nmetadata: {name: dnc-a, annotations: {reconciler/add: "true"}}\n'
        "spec: {dnc_source_type: rds, contact_method: Phone}\n"
    )
    assert len(problems) == 1 and problems[0].startswith(f"{Code.DUPLICATE}:prod/o.yaml:1:")
    assert "base/c.yaml:" in problems[0]


def test_a_removal_takes_the_document_out() -> None:
    docs, problems = _effective(
        'apiVersion: genesys/v1\nkind: DncList\nmetadata: {name: dnc-a, annotations: {reconciler/remove: "true"}}\n'
    )
    assert problems == []
    assert [doc.data["kind"] for doc in docs] == ["Campaign"]


@pytest.mark.parametrize(
    ("overlay", "says"),
    [
        (
            "apiVersion: genesys/v1\nkind: Campaign\nmetadata: {name: collections}\nstatus: on\n",
            "'status'",
        ),
        (
            "apiVersion: genesys/v1\nkind: Campaign\nmetadata: {name: collections, previous_names: [x]}\n",
            "'metadata.previous_names'",
        ),
        (
            'apiVersion: genesys/v1\nkind: DncList\nmetadata: {name: dnc-a, annotations: {reconciler/remove: "true"}}\n'
            "spec: {dnc_source_type: rds, contact_method: Phone}\n",
            "'spec'",
        ),
        (
            "apiVersion: genesys/v1\nkind: DncList\nmetadata: {name: dnc-a, annotations: {reconciler/remove: yes}}\n",
            'takes the text "true"',
        ),
        ("kind: DncList\nmetadata: {name: dnc-a}\n", "needs apiVersion, kind and metadata.name"),
        (
            "apiVersion: genesys/v1\nkind: DncList\nmetadata: {name: dnc-gone, annotations: {reconciler/remove: 'true'}}\n",
            "removes DncList 'dnc-gone'",
        ),
    ],
)
def test_bad_overlay_documents_are_errors_with_file_and_line(overlay: str, says: str) -> None:
    docs, problems = _effective(overlay)
    assert len(problems) == 1 and says in problems[0] and ":prod/o.yaml:" in problems[0]
    assert len(docs) == 2  # nothing applied


def test_overlays_apply_in_order() -> None:
    first = _docs(
        "apiVersion: genesys/v1\nkind: Campaign\nmetadata: {name: collections}\nspec: {caller_name: One}\n",
        "o1.yaml",
    )
    second = _docs(
        "apiVersion: genesys/v1\nkind: Campaign\nmetadata: {name: collections}\nspec: {caller_name: Two}\n",
        "o2.yaml",
    )
    docs, problems = apply_overlays(_docs(BASE, "base/c.yaml"), [*first, *second])
    assert problems == []
    assert docs[0].data["spec"]["caller_name"] == "Two"
    assert docs[0].source_of(("spec", "caller_name")).file == "o2.yaml"
