from __future__ import annotations

from reconciler.diagnostics import Code, Severity
from reconciler.graph import link
from reconciler.manifest.manifest_set import build_manifest_set
from reconciler.manifest.typing import type_documents
from reconciler.manifest.yaml_reader import read_yaml_documents
from tests.conftest import CAMPAIGN, CONTACT_LIST


def _link(text: str, severity: Severity = Severity.WARNING):
    resources, findings = type_documents(read_yaml_documents(text, file="m.yaml"))
    assert findings == []
    manifests, findings = build_manifest_set(resources)
    assert findings == []
    return link(manifests, missing_severity=severity)


def test_references_become_edges_and_levels() -> None:
    graph, findings = _link(
        CAMPAIGN.format(name="q3", contact_list="renewals") + "---" + CONTACT_LIST.format(name="renewals")
    )
    assert findings == []
    assert graph.depends_on["genesys/Campaign/q3"] == ("genesys/ContactList/renewals",)
    assert graph.levels() == {"genesys/ContactList/renewals": 0, "genesys/Campaign/q3": 1}


def test_missing_reference_is_reported_at_the_field_line() -> None:
    _graph, findings = _link(CAMPAIGN.format(name="q3", contact_list="nowhere"))
    [item] = findings
    assert item.code == Code.REF_MISSING and item.severity == Severity.WARNING
    assert item.source is not None and item.source.line == 7
    assert "ContactList 'nowhere'" in item.message
    _graph, findings = _link(CAMPAIGN.format(name="q3", contact_list="nowhere"), Severity.ERROR)
    assert findings[0].severity == Severity.ERROR


def test_external_references_are_not_missing() -> None:
    text = (
        CAMPAIGN.format(name="q3", contact_list="renewals")
        + "  queue: Renewals\n---"
        + CONTACT_LIST.format(name="renewals")
    )
    graph, findings = _link(text)
    assert findings == []
    [use] = graph.external_refs["genesys/Campaign/q3"]
    assert use.target.kind == "Queue" and use.name == "Renewals"


CXONE_CYCLE = """
apiVersion: cxone/v1
kind: Skill
metadata: {name: renewals-skill}
spec:
  campaign: retention
---
apiVersion: cxone/v1
kind: Campaign
metadata: {name: retention}
spec:
  skills: [renewals-skill]
"""


def test_cycle_is_reported_with_its_path() -> None:
    graph, findings = _link(CXONE_CYCLE)
    [item] = findings
    assert item.code == Code.CYCLE
    assert item.message.endswith(
        "cxone/Campaign/retention -> cxone/Skill/renewals-skill -> cxone/Campaign/retention"
    )
    assert graph.levels() == {}
