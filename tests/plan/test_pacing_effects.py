"""The plan's pacing section: on a paced campaign or skill whose pacing inputs change, the live settings
(before) and the declared ones (after) each run through the model; nothing where they do not change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reconciler.pacing.predict import DialerSettings, Prediction
from reconciler.plan.models import Action, Plan, PlanTarget, ResourceChange
from reconciler.plan.pacing_effects import with_pacing
from reconciler.plan.render_markdown import render_markdown
from reconciler.plan.render_text import render_text
from reconciler.policy.context import CheckContext
from reconciler.policy.pacing_check import pacing_target
from reconciler.state.objects import LiveObject, live_object
from reconciler.validation import validate_paths
from tests.plan.support import DIGEST, assert_valid_plan_document

CAMPAIGN = """apiVersion: genesys/v1
kind: Campaign
metadata: {name: renewals}
spec:
  contact_list: renewals
  dialing_mode: MODE
  phone_columns: [{column_name: phone, type: cell}]
  caller_name: Acme
  caller_address: "+12125550100"
  abandon_rate: 2.5
  call_analysis_response_set: amd
compliance:
  jurisdictions: [JURISDICTION]
  staffing: {agents: 20, handle_seconds: 300, live_rate: 0.28, machine_rate: 0.2, amd_false_positive: 0.01}
---
apiVersion: genesys/v1
kind: OutboundSettings
metadata: {name: org}
spec: {max_calls_per_agent: 4}
"""
SKILL = """apiVersion: cxone/v1
kind: Skill
metadata: {name: cx-renewals}
spec:
  outbound_strategy: Personal Connection
  caller_id_override: "+12125550100"
  general_settings:
    maximum_ratio: 2
    override_business_unit_abandon_rate: true
    abandon_rate_threshold: 2.5
    abandon_rate_cutoff: 0.5
compliance:
  jurisdictions: [CA]
  staffing: {agents: 12, handle_seconds: 240, live_rate: 0.3}
"""
ANSWERS_HANGUP = {
    "amd_speech_distinguish_enabled": True,
    "responses": {"disposition.classification.callable.machine": {"reaction_type": "hangup"}},
}
SEEN: list[DialerSettings] = []


def _model(settings: DialerSettings) -> Prediction:
    """A pacer that holds what it steers to (Personal Connection: its fallback point)."""
    SEEN.append(settings)
    held = pacing_target(settings)
    return Prediction(
        abandon_rate=held,
        abandon_rate_ci=(held - 0.001, held + 0.001),
        utilization=0.85,
        days=10,
        connects_per_agent_hour=10.0,
    )


def _live(platform: str, kind: str, name: str, essence: dict[str, Any]) -> LiveObject:
    return live_object(
        platform=platform, kind=kind, name=name, platform_id=f"id-{name}", essence=essence, body=essence
    )


def _context(tmp_path: Path, text: str, live: list[LiveObject]) -> CheckContext:
    path = tmp_path / "manifest.yaml"
    path.write_text(text, encoding="utf-8")
    return CheckContext(manifests=validate_paths([path]).manifests, live={obj.address: obj for obj in live})


def _change(address: str, action: Action = Action.UPDATE) -> ResourceChange:
    _, kind, name = address.split("/")
    return ResourceChange(address=address, kind=kind, name=name, actions=(action,), order=0)


def _campaign(*, mode: str = "predictive", jurisdiction: str = "US") -> str:
    return CAMPAIGN.replace("MODE", mode).replace("JURISDICTION", jurisdiction)


LIVE_CAMPAIGN = {"dialing_mode": "predictive", "abandon_rate": 3.0, "call_analysis_response_set": "amd"}
LIVE_ORG = _live("genesys", "OutboundSettings", "org", {"max_calls_per_agent": 3})
LIVE_AMD = _live("genesys", "CallAnalysisResponseSet", "amd", ANSWERS_HANGUP)


def test_an_abandon_rate_change_shows_before_and_after_with_the_cap_and_its_period(tmp_path: Path) -> None:
    live = [_live("genesys", "Campaign", "renewals", LIVE_CAMPAIGN), LIVE_ORG, LIVE_AMD]
    context = _context(tmp_path, _campaign(), live)
    [change] = with_pacing([_change("genesys/Campaign/renewals")], context, predictor=_model)
    assert change.pacing is not None
    section = change.to_dict()["pacing"]
    assert (section["cap_percent"], section["jurisdiction"]) == (3, "US")
    assert section["period"].startswith("30 days per calling campaign")
    assert section["before"]["abandon_rate"] == pytest.approx(0.03)
    assert section["after"]["abandon_rate"] == pytest.approx(0.025)
    assert "at most 3 calls per agent" in section["before"]["settings"]  # the live org's setting
    assert "at most 4 calls per agent" in section["after"]["settings"]  # the declared one
    after = SEEN[-1]
    assert (after.machine_rate, after.amd_false_positive) == (0.2, 0.01)  # machines hang up: counted


def test_a_change_that_leaves_the_pacing_inputs_alone_gets_no_section(tmp_path: Path) -> None:
    same = {**LIVE_CAMPAIGN, "abandon_rate": 2.5}
    org = _live("genesys", "OutboundSettings", "org", {"max_calls_per_agent": 4})
    context = _context(tmp_path, _campaign(), [_live("genesys", "Campaign", "renewals", same), org, LIVE_AMD])
    [change] = with_pacing([_change("genesys/Campaign/renewals")], context, predictor=_model)
    assert change.pacing is None
    assert change.to_dict()["pacing"] is None


def test_a_created_campaign_has_no_before_and_says_why(tmp_path: Path) -> None:
    context = _context(tmp_path, _campaign(jurisdiction="UK"), [])
    [change] = with_pacing([_change("genesys/Campaign/renewals", Action.CREATE)], context, predictor=_model)
    assert change.pacing is not None
    assert change.pacing.before is None and change.pacing.before_note == "not created yet"
    assert change.pacing.after is not None
    assert change.pacing.period is not None and "calendar day" in change.pacing.period


def test_switching_to_preview_shows_the_after_side_as_not_paced(tmp_path: Path) -> None:
    live = [_live("genesys", "Campaign", "renewals", LIVE_CAMPAIGN), LIVE_ORG, LIVE_AMD]
    context = _context(tmp_path, _campaign(mode="preview"), live)
    [change] = with_pacing([_change("genesys/Campaign/renewals")], context, predictor=_model)
    assert change.pacing is not None and change.pacing.before is not None
    assert change.pacing.after is None and change.pacing.after_note == "preview dialing is not paced"


def test_a_cxone_skill_threshold_change_is_shown_with_the_canadian_month(tmp_path: Path) -> None:
    live_general = {
        "maximum_ratio": 3,
        "override_business_unit_abandon_rate": True,
        "abandon_rate_threshold": 4,
        "abandon_rate_cutoff": 0.5,
    }
    live = [_live("cxone", "Skill", "cx-renewals", {"general_settings": live_general})]
    context = _context(tmp_path, SKILL, live)
    [change] = with_pacing([_change("cxone/Skill/cx-renewals")], context, predictor=_model)
    assert change.pacing is not None and change.pacing.before is not None and change.pacing.after is not None
    assert change.pacing.before.prediction.abandon_rate == pytest.approx(0.035)  # 4 - 0.5
    assert change.pacing.after.prediction.abandon_rate == pytest.approx(0.02)  # 2.5 - 0.5
    assert (change.pacing.cap_percent, change.pacing.period) == (5, "per calendar month")


def test_text_markdown_and_json_all_carry_the_section(tmp_path: Path) -> None:
    live = [_live("genesys", "Campaign", "renewals", LIVE_CAMPAIGN), LIVE_ORG, LIVE_AMD]
    context = _context(tmp_path, _campaign(), live)
    changes = with_pacing([_change("genesys/Campaign/renewals")], context, predictor=_model)
    plan = Plan(
        target=PlanTarget(name="t", platform="genesys"), manifest_digest=DIGEST, resource_changes=changes
    )
    assert_valid_plan_document(plan.to_dict())
    text = render_text(plan)
    assert "pacing predicted for 20 agents" in text
    assert "before: abandon 3.00 % (95 % CI 2.90 % to 3.10 %, 10 simulated days), utilization 85 %" in text
    assert "after: abandon 2.50 %" in text
    markdown = render_markdown(plan)
    assert "</details>\n\n**Pacing** `genesys/Campaign/renewals`" in markdown
    assert "| before | 3.00 % (95 % CI 2.90 % to 3.10 %, 10 simulated days) | 85 % | 10.0 |" in markdown
    assert "| after | 2.50 %" in markdown
