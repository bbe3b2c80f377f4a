"""References resolved through the CLI on a fresh emulated org (issue #21): a rule action naming a data action
or a response template the org does not have is a REF-MISSING error at its file and line, plan and apply
exit 1 and nothing is written; naming ones the org has, apply converges and re-plans empty."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reconciler.emulator.core import Emulator
from reconciler.emulator.manifest_seed import with_lookup_ids
from reconciler.emulator.server import default_seed
from reconciler.providers.session import demo_org_seed, local_state_path
from tests.conftest import copy_demo, run_cli

pytestmark = pytest.mark.usefixtures("request_contract")

DATA_ACTION = "Look up account balance"  # in the emulator's default lookups (fixtures/lookups.json)
RESPONSE = "Renewal reminder"
CONTENT = ("actions", "libraries", "responses")

RULES = """\
apiVersion: genesys/v1
kind: RuleSet
metadata:
  name: balance-check-rules
spec:
  contact_list: renewals-list
  rules:
    - name: look-up-balance-after-the-call
      order: 1
      category: DIALER_WRAPUP
      conditions:
        - {{type: wrapupCondition, codes: [Call Back Later]}}
      actions:
        - type: dataActionBehavior
          action_type_name: DATA_ACTION
          data_action: {data_action}
          contact_id_field: contact_id
---
apiVersion: genesys/v1
kind: CampaignRule
metadata:
  name: reminder-template-late-in-the-run
spec:
  campaign_rule_entities:
    sms_campaigns: [renewal-reminder-texts]
  campaign_rule_conditions:
    - condition_type: campaignProgress
      parameters: {{operator: greaterThan, value: 80}}
  campaign_rule_actions:
    - action_type: changeCampaignTemplate
      parameters: {{sms_content_template: {response}}}
      campaign_rule_action_entities: {{use_triggering_entity: true}}
"""


def _demo_org(tmp_path: Path) -> Path:
    """The demo repo, its local org being the demo org plus the default data actions, response libraries
    and responses, seeded (and so validated) as the API would take them."""
    repo = copy_demo(tmp_path)
    seed = demo_org_seed()
    seed["lookups"].update(with_lookup_ids({key: default_seed()["lookups"][key] for key in CONTENT}))
    path = local_state_path(repo, "local")
    path.parent.mkdir(parents=True, exist_ok=True)
    Emulator(state_path=path, seed=seed).state.save(path)
    return repo


def _write(repo: Path, *, data_action: str, response: str) -> Path:
    path = repo / "campaigns" / "genesys" / "referencing-rules.yaml"
    path.write_text(RULES.format(data_action=data_action, response=response), encoding="utf-8")
    return path


def _plan(repo: Path) -> tuple[int, dict[str, Any]]:
    result = run_cli("plan", "--format", "json", cwd=repo)
    return result.code, json.loads(result.stdout)


def _ref_missing(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [finding for finding in document["findings"] if finding["code"] == "REF-MISSING"]


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_rule_naming_a_missing_data_action_or_response_is_an_error_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    repo = _demo_org(tmp_path)
    path = _write(repo, data_action="Look up loyalty points", response="Winback offer")
    code, document = _plan(repo)
    assert code == 1
    missing = {finding["message"]: finding for finding in _ref_missing(document)}
    action = "spec.rules[0].actions[0].data_action names DataAction 'Look up loyalty points': the live org has none"
    template = (
        "spec.campaign_rule_actions[0].parameters.sms_content_template names ResponseTemplate 'Winback offer': "
        "the live org has none"
    )
    assert set(missing) == {action, template}
    assert all(finding["severity"] == "error" for finding in missing.values())
    assert missing[action]["source"]["line"] == _line_of(path, "data_action: Look up loyalty points")
    assert missing[template]["source"]["line"] == _line_of(path, "sms_content_template: Winback offer")
    assert missing[action]["source"]["file"].endswith("referencing-rules.yaml")

    applied = run_cli("apply", "--auto-approve", cwd=repo, timeout=180)
    assert applied.code == 1, applied.stdout + applied.stderr
    assert "REF-MISSING" in applied.stdout + applied.stderr
    # nothing was written: the org plans exactly as before the apply (every object still to be created)
    _code, after = _plan(repo)
    assert _actions(after) == _actions(document)
    assert ["create"] in _actions(after).values()


def _actions(document: dict[str, Any]) -> dict[str, list[str]]:
    return {change["address"]: change["actions"] for change in document["resource_changes"]}


def test_a_rule_naming_an_existing_data_action_and_response_applies_and_replans_empty(tmp_path: Path) -> None:
    repo = _demo_org(tmp_path)
    _write(repo, data_action=DATA_ACTION, response=RESPONSE)
    code, document = _plan(repo)
    assert code == 0 and _ref_missing(document) == []
    applied = run_cli("apply", "--auto-approve", cwd=repo, timeout=180)
    assert applied.code == 0, applied.stdout + applied.stderr
    code, again = _plan(repo)
    assert code == 0
    pending = [change["address"] for change in again["resource_changes"] if change["actions"] != ["no-op"]]
    assert pending == []
