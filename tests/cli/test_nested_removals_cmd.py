"""Diff semantics through the CLI on a fresh emulated org: a key removed inside a declared object is planned,
shown and applied as a removal; a condition-group campaign rule is created (campaignRuleConditions sent
empty) and converges."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_demo, run_cli

RULES = Path("campaigns") / "genesys" / "campaign-rules.yaml"
ADDRESS = "genesys/CampaignRule/collections-priority-when-few-agents"

pytestmark = pytest.mark.usefixtures("request_contract")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _changes(repo: Path) -> dict[str, dict[str, Any]]:
    result = run_cli("plan", "--format", "json", cwd=repo)
    assert result.code == 0, result.stdout + result.stderr
    return {change["address"]: change for change in json.loads(result.stdout)["resource_changes"]}


def _apply(repo: Path) -> None:
    result = run_cli("apply", "--auto-approve", cwd=repo, timeout=180)
    assert result.code == 0, result.stdout + result.stderr


def _pending(repo: Path) -> list[str]:
    return sorted(address for address, change in _changes(repo).items() if change["actions"] != ["no-op"])


def test_a_key_removed_from_a_rule_action_is_planned_shown_and_applied(tmp_path: Path) -> None:
    repo = copy_demo(tmp_path)
    _apply(repo)
    # The action keeps its entities but no longer sets a priority: `parameters` leaves the declared item.
    _edit(
        repo / RULES,
        '      parameters: {priority: "5"}\n      campaign_rule_action_entities:\n        campaigns: [collections-early-stage]',
        "      campaign_rule_action_entities:\n        campaigns: [collections-early-stage]",
    )
    _edit(repo / RULES, "    - action_type: setCampaignPriority\n", "    - action_type: turnOnCampaign\n")
    change = _changes(repo)[ADDRESS]
    assert change["actions"] == ["update"]
    removal = {"path": "campaign_rule_actions[0].parameters", "before": {"priority": "5"}, "after": None}
    assert removal in change["changes"]
    text = run_cli("plan", "--no-color", cwd=repo)
    assert "- campaign_rule_actions[0].parameters" in text.stdout, text.stdout
    markdown = run_cli("plan", "--format", "markdown", cwd=repo)
    assert "campaign_rule_actions[0].parameters" in markdown.stdout

    _apply(repo)
    assert _pending(repo) == []


def test_a_condition_group_rule_is_created_and_converges(tmp_path: Path) -> None:
    repo = copy_demo(tmp_path)
    groups = (Path(__file__).parents[1] / "fixtures" / "manifests" / "valid" / "genesys").joinpath(
        "CampaignRule-condition-groups.yaml"
    )
    text = groups.read_text(encoding="utf-8").replace("    sequences: [renewals-sequence]\n", "")
    (repo / "campaigns" / "genesys" / "rule-groups.yaml").write_text(text, encoding="utf-8")
    planned = _changes(repo)["genesys/CampaignRule/renewals-friday-wind-down"]
    assert planned["actions"] == ["create"]
    _apply(repo)
    assert _pending(repo) == []

    # A key removed from a nested object (not a list item) is removed live too: the PUT leaves it out.
    rule = repo / "campaigns" / "genesys" / "rule-groups.yaml"
    _edit(
        rule, "    frequency: oncePerDay\n    time_zone_id: America/New_York\n", "    frequency: oncePerDay\n"
    )
    change = _changes(repo)["genesys/CampaignRule/renewals-friday-wind-down"]
    assert {"path": "execution_settings.time_zone_id", "before": "America/New_York", "after": None} in change[
        "changes"
    ]
    _apply(repo)
    assert _pending(repo) == []
