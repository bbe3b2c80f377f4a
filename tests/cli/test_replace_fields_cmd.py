"""A change to a field the platform cannot change in place plans a replace with a FORCES-REPLACE warning,
for one such field of every kind that has one (docs/manifests.md "Fields that force a replace")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reconciler.kinds.registry import KIND_SPECS
from tests.conftest import copy_demo, run_cli

GENESYS = Path("campaigns") / "genesys"
CXONE = Path("campaigns") / "cxone"

TEMPLATE = """apiVersion: genesys/v1
kind: ContactListTemplate
metadata:
  name: renewals-template
spec:
  column_names: [customer_id, state, phone]
  phone_columns:
    - {column_name: phone, type: cell}
"""

EDITS: dict[str, tuple[Path, str, str]] = {
    "genesys/ContactList/collections-list": (
        GENESYS / "contact-lists.yaml",
        "days_past_due, state, phone]",
        "days_past_due, state, zip, phone]",
    ),
    "genesys/ContactListTemplate/renewals-template": (
        GENESYS / "templates.yaml",
        "[customer_id, state, phone]",
        "[customer_id, first_name, state, phone]",
    ),
    "genesys/DncList/national-dnc-scrub": (
        GENESYS / "dnc-lists.yaml",
        '  dnc_source_type: dnc.com\n  login_id: acme-retention\n  campaign_id: "8841"\n  dnc_codes: [W, F, O]\n',
        "  dnc_source_type: gryphon\n  license_id: G-20290\n",
    ),
    "genesys/Campaign/collections-early-stage": (
        GENESYS / "campaigns.yaml",
        "  contact_list: collections-list\n",
        "  contact_list: collections-list\n  dynamic_contact_queueing_settings: {sort: true}\n",
    ),
    "genesys/CampaignRule/collections-priority-when-few-agents": (
        GENESYS / "campaign-rules.yaml",
        "  campaign_rule_entities:\n    campaigns: [collections-early-stage]\n",
        "  campaign_rule_entities:\n    campaigns: [collections-early-stage, win-back-preview]\n",
    ),
}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _plan(repo: Path, *args: str, codes: tuple[int, ...] = (0, 2)) -> dict[str, Any]:
    result = run_cli("plan", "--format", "json", *args, cwd=repo, timeout=180)
    assert result.code in codes, result.stdout + result.stderr
    return dict(json.loads(result.stdout))


def _replaced(plan: dict[str, Any]) -> dict[str, str]:
    """Address -> action_reason of every planned replace."""
    return {
        change["address"]: change["action_reason"]
        for change in plan["resource_changes"]
        if sorted(change["actions"]) == ["create", "delete"]
    }


def _warned(plan: dict[str, Any]) -> set[str]:
    return {item["address"] for item in plan["findings"] if item["code"] == "FORCES-REPLACE"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy_demo(tmp_path)
    (tmp_path / GENESYS / "templates.yaml").write_text(TEMPLATE, encoding="utf-8")
    return tmp_path


def test_every_genesys_kind_with_a_replace_forcing_field_plans_a_replace(repo: Path) -> None:
    kinds = {
        kind for (platform, kind), spec in KIND_SPECS.items() if platform == "genesys" and spec.immutable
    }
    assert {address.split("/")[1] for address in EDITS} == kinds  # one edit per kind that has such a field
    applied = run_cli("apply", "--auto-approve", cwd=repo, timeout=300)
    assert applied.code == 0, applied.stdout + applied.stderr
    assert _replaced(_plan(repo)) == {}
    for path, old, new in EDITS.values():
        _edit(repo / path, old, new)
    plan = _plan(repo)
    replaced = _replaced(plan)
    schedule = "genesys/CampaignSchedule/collections-early-stage-schedule"
    assert set(replaced) == {*EDITS, schedule}  # the schedule belongs to the replaced campaign
    assert replaced[schedule].startswith("campaign names genesys/Campaign/collections-early-stage")
    assert "column_names" in replaced["genesys/ContactList/collections-list"]
    assert "dnc_source_type" in replaced["genesys/DncList/national-dnc-scrub"]
    assert "campaign_rule_entities" in replaced["genesys/CampaignRule/collections-priority-when-few-agents"]
    assert _warned(plan) == {*EDITS, schedule}
    text = run_cli("plan", cwd=repo, timeout=180)
    assert "FORCES-REPLACE" in text.stdout and "dynamic_contact_queueing_settings" in text.stdout
    applied = run_cli("apply", "--auto-approve", "--allow-delete", cwd=repo, timeout=300)
    assert applied.code == 0, applied.stdout + applied.stderr
    assert _plan(repo)["summary"]["replace"] == 0  # every replace landed, dependents named the new objects


def test_replacing_a_campaign_replaces_the_rule_and_schedule_that_cannot_name_another(repo: Path) -> None:
    """A campaign rule's campaign_rule_entities and a campaign's schedule cannot move to a replacement:
    they are replaced with it, the old copies first, and the enabled rule comes back enabled."""
    assert run_cli("apply", "--auto-approve", cwd=repo, timeout=300).code == 0
    _edit(
        repo / EDITS["genesys/Campaign/collections-early-stage"][0],
        *EDITS["genesys/Campaign/collections-early-stage"][1:],
    )
    replaced = _replaced(_plan(repo))
    rule = "genesys/CampaignRule/collections-priority-when-few-agents"
    assert replaced[rule] == (
        "campaign_rule_entities names genesys/Campaign/collections-early-stage, which is replaced, "
        "and cannot change after creation"
    )
    applied = run_cli("apply", "--auto-approve", "--allow-delete", cwd=repo, timeout=300)
    assert applied.code == 0, applied.stdout + applied.stderr
    after = _plan(repo)
    assert after["summary"]["replace"] == after["summary"]["update"] == after["summary"]["create"] == 0


def test_a_cxone_skill_outbound_strategy_change_is_an_error_at_plan_time(repo: Path) -> None:
    """CXone cannot delete a skill, so apply cannot replace one: the plan says so first, with what to do
    by hand, and exits 1; apply changes nothing."""
    applied = run_cli("apply", "--target", "local-cxone", "--auto-approve", cwd=repo, timeout=300)
    assert applied.code == 0, applied.stdout + applied.stderr
    path = repo / CXONE / "skills.yaml"
    head, tail = path.read_text(encoding="utf-8").split("  name: cx-collections-outbound\n", 1)
    tail = tail.replace("outbound_strategy: Personal Connection", "outbound_strategy: Manual", 1)
    path.write_text(f"{head}  name: cx-collections-outbound\n{tail}", encoding="utf-8")
    plan = _plan(repo, "--target", "local-cxone", codes=(1,))
    address = "cxone/Skill/cx-collections-outbound"
    assert "outbound_strategy" in _replaced(plan)[address]
    [refused] = [item for item in plan["findings"] if item["code"] == "FORCES-REPLACE"]
    assert refused["address"] == address and refused["severity"] == "error"
    assert "which apply cannot do" in refused["message"]
    assert "cx-collections-outbound-retired" in refused["message"]
    applied = run_cli(
        "apply", "--target", "local-cxone", "--auto-approve", "--allow-delete", cwd=repo, timeout=300
    )
    assert applied.code == 1
    assert "outbound_strategy" in _replaced(_plan(repo, "--target", "local-cxone", codes=(1,)))[address]
