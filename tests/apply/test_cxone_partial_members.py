"""A DNC group listing a skill whose create fails is still written for the skills that exist, says what
it left out, and converges on the next apply; a live case variant of a declared name fails the plan."""

from __future__ import annotations

import json
from pathlib import Path

from reconciler.apply.results import Outcome
from reconciler.diagnostics import Code, Severity
from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone.store import external_edit
from reconciler.emulator.seed import apply_seed
from reconciler.providers.session import demo_org_seed
from tests.apply.test_cxone_apply import Org
from tests.conftest import copy_demo

COLLECTIONS, WINBACK = "cx-collections-outbound", "cx-winback-outbound"
GROUP = "cx-winback-dnc"
NEW_NUMBER = "+12125550177"
WINBACK_GROUP = f"""apiVersion: cxone/v1
kind: DncGroup
metadata:
  name: {GROUP}
spec:
  description: Win-back customers who asked not to be called
  scrubbed_skills: [{COLLECTIONS}, {WINBACK}]
  contributing_skills: [{WINBACK}]
  records:
    - phone_number: "{NEW_NUMBER}"
"""


def _org(tmp_path: Path) -> Org:
    """The demo repo plus a new skill and a new DNC group scrubbing it and the (also new) collections skill."""
    copy_demo(tmp_path)
    cxone = tmp_path / "campaigns" / "cxone"
    collections = (cxone / "skills.yaml").read_text().split("---\n")[1]
    (cxone / "winback.yaml").write_text(
        collections.replace(f"name: {COLLECTIONS}\n", f"name: {WINBACK}\n").replace(
            "+15555550101", "+15555550102"
        )
        + "---\n"
        + WINBACK_GROUP
    )
    return Org(root=tmp_path, emulator=Emulator(seed=demo_org_seed()))


def _skill_id(org: Org, name: str) -> str:
    return next(key for key, s in org.emulator.state.cxone["skills"].items() if s["skillName"] == name)


def _group_id(org: Org) -> str:
    groups = org.emulator.state.cxone["dnc_groups"]
    return next(key for key, group in groups.items() if group["dncGroupName"] == GROUP)


def test_a_group_is_written_without_a_skill_whose_create_failed_and_the_next_apply_adds_it(
    tmp_path: Path,
) -> None:
    org = _org(tmp_path)
    # An inbound skill is not read as live, but CXone refuses a new skill whose name it holds in any case.
    apply_seed(
        org.emulator, {"cxone": {"skills": [{"skillName": "CX-Winback-Outbound", "isOutbound": False}]}}
    )

    first = org.apply()
    results = {result.name: result for result in first.report.results}
    assert results[WINBACK].outcome == Outcome.FAILED and "already exists" in str(results[WINBACK].message)
    assert results[COLLECTIONS].outcome == Outcome.APPLIED
    group = results[GROUP]
    assert group.outcome == Outcome.APPLIED
    assert group.message == (
        f"written without scrubbed_skills member '{WINBACK}' (its create failed); contributing_skills member "
        f"'{WINBACK}' (its create failed); the next apply adds them once the object exists"
    )
    cxone = org.emulator.state.cxone
    group_id = _group_id(org)
    assert [str(member) for member in cxone["scrubbed"][group_id]] == [_skill_id(org, COLLECTIONS)]
    assert cxone["contributing"].get(group_id, []) == []
    assert list(cxone["dnc_records"][group_id]) == [NEW_NUMBER.removeprefix("+1")]  # as CXone stores it
    audit = [json.loads(line) for line in (org.root / ".reconciler" / "audit.jsonl").read_text().splitlines()]
    [entry] = [item for item in audit if item["address"] == f"cxone/DncGroup/{GROUP}"]
    assert entry["result"] == "applied" and entry["message"] == group.message

    external_edit(org.emulator, "skills", None, "CX-Winback-Outbound", {"skillName": "winback-inbound"})
    second = org.apply()
    assert {result.name: result.outcome for result in second.report.results} == {
        WINBACK: Outcome.APPLIED,
        GROUP: Outcome.APPLIED,
    }
    winback_id = _skill_id(org, WINBACK)
    assert sorted(str(member) for member in cxone["scrubbed"][group_id]) == sorted(
        [_skill_id(org, COLLECTIONS), winback_id]
    )
    assert [str(member) for member in cxone["contributing"][group_id]] == [winback_id]
    assert org.pending() == {}


def test_a_live_skill_holding_a_declared_name_in_another_case_fails_the_plan(tmp_path: Path) -> None:
    org = _org(tmp_path)
    live = {"skillName": "CX-Winback-Outbound", "isOutbound": True, "outboundStrategy": "Personal Connection"}
    apply_seed(org.emulator, {"cxone": {"skills": [{**live, "campaignName": "retention-reporting"}]}})
    run = org.plan()
    [clash] = [item for item in run.plan.findings if item.code == Code.DUPLICATE]
    assert clash.severity == Severity.ERROR and clash.address == f"cxone/Skill/{WINBACK}"
    assert clash.source is not None and clash.source.file.endswith("winback.yaml")
    assert "the live org has Skill 'CX-Winback-Outbound' (id " in clash.message
    assert "set metadata.name to 'CX-Winback-Outbound'" in clash.message
