from __future__ import annotations

from reconciler.diagnostics import Code
from reconciler.manifest.manifest_set import build_manifest_set
from reconciler.manifest.typing import type_documents
from reconciler.manifest.yaml_reader import read_yaml_documents
from tests.conftest import CAMPAIGN, CONTACT_LIST


def _set(text: str):
    resources, findings = type_documents(read_yaml_documents(text, file="m.yaml"))
    assert findings == []
    return build_manifest_set(resources)


def test_same_kind_and_name_is_a_duplicate_pointing_at_the_first() -> None:
    text = CAMPAIGN.format(name="q3", contact_list="l") + "---" + CAMPAIGN.format(name="q3", contact_list="m")
    manifests, findings = _set(text)
    assert list(manifests) == ["genesys/Campaign/q3"]
    [item] = findings
    assert item.code == Code.DUPLICATE
    assert item.source is not None and item.source.line == 16
    assert "first declared at m.yaml:2" in item.message


def test_same_name_different_kind_or_platform_is_fine() -> None:
    text = CAMPAIGN.format(name="q3", contact_list="l") + "---" + CONTACT_LIST.format(name="q3")
    manifests, findings = _set(text)
    assert findings == [] and len(manifests) == 2
