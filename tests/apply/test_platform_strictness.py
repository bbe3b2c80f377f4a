"""Manifests no stricter than the platform (issue #21): fields the API and the Terraform provider leave out,
a rule set with no rules, wrap-up flags in the provider's mixed case and a campaign rule setting 0 lines
validate, apply to a fresh emulated org and re-plan empty."""

from __future__ import annotations

from pathlib import Path

from reconciler.emulator.core import Emulator
from reconciler.emulator.manifest_seed import with_lookup_ids
from reconciler.emulator.server import default_seed
from reconciler.emulator.state import EmulatorState
from tests.apply.support import demo_repo
from tests.conftest import run_cli

RELAXED = """\
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: collections-external-dialer
spec:
  contact_list: collections-list
  dialing_mode: external
  phone_columns:
    - {column_name: phone}
  caller_address: "+15555550102"
  dnc_lists: [internal-dnc]
  callable_time_set: us-central-business-hours
  campaign_status: "off"
---
apiVersion: genesys/v1
kind: RuleSet
metadata:
  name: rules-to-come
spec:
  rules: []
---
apiVersion: genesys/v1
kind: Sequence
metadata:
  name: collections-then-winback
spec:
  campaigns: [collections-early-stage]
---
apiVersion: genesys/v1
kind: CampaignRule
metadata:
  name: collections-no-lines-when-few-agents
spec:
  enabled: false
  campaign_rule_entities:
    campaigns: [collections-early-stage]
  campaign_rule_conditions:
    - condition_type: campaignAgents
      parameters: {operator: lessThan, value: "2"}
  campaign_rule_actions:
    - action_type: setCampaignNumberOfLines
      parameters: {outbound_line_count: 0}
      campaign_rule_action_entities:
        campaigns: [collections-early-stage]
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _relaxed_repo(tmp_path: Path) -> Path:
    """The demo with a campaign without phone column type, an external one without caller name, the provider's mixed-case
    wrap-up flags, and a rule set without rules, a sequence without status and a 0-lines rule action."""
    root = demo_repo(tmp_path)
    genesys = root / "campaigns" / "genesys"
    _replace(
        genesys / "campaigns.yaml",
        "    - {column_name: phone, type: cell}\n",
        "    - {column_name: phone}\n",
    )
    _replace(
        genesys / "outbound-settings.yaml",
        "default_set: [RIGHT_PARTY_CONTACT]",
        "default_set: [Right_Party_Contact]",
    )
    _replace(
        genesys / "outbound-settings.yaml",
        "Sale: [BUSINESS_SUCCESS, RIGHT_PARTY_CONTACT]",
        "Sale: [Business_Success, Right_Party_Contact]",
    )
    (genesys / "relaxed.yaml").write_text(RELAXED)
    return root


def _fresh_org(root: Path) -> Emulator:
    emulator = Emulator(seed={"lookups": with_lookup_ids(default_seed()["lookups"])})
    (root / ".reconciler").mkdir()
    emulator.state.save(root / ".reconciler" / "local.json")
    return emulator


def _org(root: Path) -> EmulatorState:
    return EmulatorState.load(root / ".reconciler" / "local.json")


def test_manifests_the_platform_accepts_validate_clean(tmp_path: Path) -> None:
    root = _relaxed_repo(tmp_path)
    validated = run_cli("validate", cwd=root)
    assert validated.code == 0, validated.stdout + validated.stderr
    assert "SCHEMA" not in validated.stdout + validated.stderr


def test_manifests_the_platform_accepts_apply_to_a_fresh_org_and_replan_empty(tmp_path: Path) -> None:
    root = _relaxed_repo(tmp_path)
    _fresh_org(root)
    applied = run_cli("apply", "--target", "local", "--auto-approve", cwd=root, timeout=180)
    assert applied.code == 0, applied.stdout + applied.stderr
    planned = run_cli("plan", "--target", "local", "--detailed-exitcode", "--format", "json", cwd=root)
    assert planned.code == 0, planned.stdout + planned.stderr
    org = _org(root)
    by_name = {
        key: {str(obj.get("name")): obj for obj in found.values()} for key, found in org.genesys.items()
    }
    assert by_name["campaigns"]["collections-early-stage"]["phoneColumns"] == [{"columnName": "phone"}]
    assert "callerName" not in by_name["campaigns"]["collections-external-dialer"]
    assert by_name["rulesets"]["rules-to-come"]["rules"] == []
    assert by_name["sequences"]["collections-then-winback"]["status"] == "off"
    rule = by_name["campaignrules"]["collections-no-lines-when-few-agents"]
    assert rule["campaignRuleActions"][0]["parameters"]["outboundLineCount"] == 0
    sale = next(code["id"] for code in org.lookups["wrapupcodes"].values() if code["name"] == "Sale")
    assert org.singletons["wrapupcodemappings"]["mapping"][sale] == [
        "BUSINESS_SUCCESS",
        "RIGHT_PARTY_CONTACT",
    ]


def test_a_campaign_that_dials_still_needs_a_caller_name(tmp_path: Path) -> None:
    root = demo_repo(tmp_path)
    _replace(root / "campaigns" / "genesys" / "campaigns.yaml", "  caller_name: Acme Billing\n", "")
    validated = run_cli("validate", cwd=root)
    assert validated.code != 0
    assert "caller_name is required for a progressive campaign (missing.caller.id.name)" in validated.stdout
