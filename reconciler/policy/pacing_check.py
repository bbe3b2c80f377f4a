"""PACING-ABANDON: a campaign (or CXone skill) with `compliance.staffing` whose configured settings cannot
hold its jurisdictions' lowest abandon cap.

A pacer that controls abandonment holds its target (Genesys documents the abandon rate as the campaign's
maximum; CXone Personal Connection falls back to 1:1 at threshold minus cutoff), so a predictive
campaign or skill whose target is at or below the cap is never flagged on the model's figure. The
finding fires only where no pacer can help:
- answering-machine detection drops more live people (false positives, abandoned calls in law) than
  the cap allows, whatever the pacing;
- the target itself is above the cap;
- power dialing with a calls-per-agent setting that overdials this floor: the model predicts the cap
  exceeded beyond its own interval.
- a campaign rule changes the dialing mode, abandon rate, line count or calls per agent to settings
  that cannot hold the cap, while the campaign's own settings can (rule_pacing);
- the org counts abandonment over all calls (OutboundSettings compliance_abandon_rate_denominator
  ALL_CALLS) and the target, read over live answers, is above the cap (abandon_denominator).
The message names the setting that fixes it and the predicted figure after that fix, from the model run
again with the fix, each figure with the period the regulator measures it over.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.resource import Resource
from reconciler.pacing.predict import (
    DialerSettings,
    DialingMode,
    PacingPolicy,
    Prediction,
    percent,
    predict,
)
from reconciler.platform import Platform
from reconciler.policy.abandon_denominator import denominator_findings
from reconciler.policy.amd_estimate import amd_estimate_findings
from reconciler.policy.context import CheckContext, spec_of
from reconciler.policy.dialer_settings import (
    cxone_settings,
    genesys_org,
    genesys_response_set,
    genesys_settings,
)
from reconciler.policy.jurisdictions import Jurisdiction, lowest_cap
from reconciler.policy.rule_pacing import rule_changes

Predictor = Callable[[DialerSettings], Prediction]
TARGET_STEP = 0.5
"""Percentage points a suggested target steps down from the cap until the model shows it held."""
MAX_CALLS_PER_AGENT = 15
"""Genesys' upper bound for max calls per agent (help.mypurecloud.com, Outbound settings)."""


@dataclass(frozen=True)
class Knobs:
    """What a platform calls the settings a fix changes."""

    target: str
    amd: str
    calls_per_agent: str | None
    cutoff: float = 0.0
    """CXone: percentage points below the threshold at which the skill falls back to 1:1."""


@dataclass(frozen=True)
class Cap:
    percent: float
    row: Jurisdiction

    @property
    def share(self) -> float:
        return self.percent / 100

    def text(self) -> str:
        return f"the {self.percent:g} % cap of {self.row.name}"


def period_of(row: Jurisdiction) -> str:
    """The regulator's measurement period, as the jurisdiction data states it."""
    return row.abandon_window or "period not stated"


def figure_text(prediction: Prediction, cap: Cap) -> str:
    """A predicted abandon rate with its interval, the days simulated and the cap's period beside it."""
    low, high = prediction.abandon_rate_ci
    days = prediction.days
    basis = f"95 % CI {percent(low)} to {percent(high)} over {days} simulated days; " if days else ""
    return (
        f"{percent(prediction.abandon_rate)} ({basis}{cap.row.code} cap period: {period_of(cap.row)}), "
        f"agent utilization {prediction.utilization * 100:.0f} %"
    )


def pacing_abandon(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    org = genesys_org(context)
    for campaign in context.resources(Platform.GENESYS, "Campaign"):
        staffing = _staffing(campaign)
        if staffing is None:
            continue
        spec = spec_of(campaign)
        found.extend(_check(context, campaign, _genesys(context, spec, org, staffing), _genesys_knobs(spec)))
    for skill in context.resources(Platform.CXONE, "Skill"):
        staffing = _staffing(skill)
        if staffing is None:
            continue
        spec = spec_of(skill)
        general = spec.get("general_settings") or {}
        knobs = Knobs(
            target="general_settings.abandon_rate_threshold",
            amd="set cpa_settings.ans_machine_det_mode to 4 (machines to a script with an agent)",
            calls_per_agent=None,
            cutoff=float(general.get("abandon_rate_cutoff") or 0),
        )
        found.extend(_check(context, skill, cxone_settings(spec, staffing=staffing), knobs))
    found.extend(denominator_findings(context, org))
    found.extend(_rule_findings(context, org))
    found.extend(amd_estimate_findings(context))
    return found


def _genesys(context: CheckContext, spec: dict[str, Any], org: Any, staffing: Any) -> DialerSettings | None:
    answer_set = genesys_response_set(context, spec.get("call_analysis_response_set"))
    return genesys_settings(spec, staffing=staffing, org=org, response_set=answer_set)


def _genesys_knobs(spec: dict[str, Any]) -> Knobs:
    return Knobs(
        target="abandon_rate",
        amd=f"set the machine reaction of call analysis response set "
        f"'{spec.get('call_analysis_response_set')}' to transfer (machines to agents), or turn its "
        "detection off",
        calls_per_agent="max_calls_per_agent",
    )


def _rule_findings(context: CheckContext, org: Any) -> list[Finding]:
    """A campaign rule that changes a campaign's pacing, checked like the campaign with those settings;
    only where the campaign's own settings hold the cap (else the campaign's finding says it first)."""
    found: list[Finding] = []
    for change in rule_changes(context):
        capped = lowest_cap(context.rules_of(change.campaign))
        staffing = _staffing(change.campaign)
        if capped is None:
            continue
        cap, knobs = Cap(*capped), _genesys_knobs(change.spec)
        before = _genesys(context, spec_of(change.campaign), org, staffing)
        after = _genesys(context, change.spec, org, staffing)
        if after is None or (before is not None and judge(before, cap, knobs, predict) is not None):
            continue
        problem = judge(after, cap, knobs, predict)
        if problem is None:
            continue
        found.append(
            finding(
                Code.PACING_ABANDON,
                f"CampaignRule '{change.rule.name}' sets {change.text()} on campaign '{change.campaign.name}': "
                f"when the rule fires, {problem} Inputs: {after.describe()}.",
                address=change.rule.address,
                source=change.rule.location_of(change.field_path),
            )
        )
    return found


def _check(
    context: CheckContext, resource: Resource, settings: DialerSettings | None, knobs: Knobs
) -> list[Finding]:
    capped = lowest_cap(context.rules_of(resource))
    if settings is None or capped is None:
        return []
    problem = judge(settings, Cap(*capped), knobs, predict)
    if problem is None:
        return []
    return [
        finding(
            Code.PACING_ABANDON,
            f"{resource.kind} '{resource.name}': {problem} Inputs: {settings.describe()}.",
            address=resource.address,
            source=resource.location_of(("compliance", "staffing")),
        )
    ]


def judge(settings: DialerSettings, cap: Cap, knobs: Knobs, predictor: Predictor) -> str | None:
    """Why these settings cannot hold `cap`, with the fix and its predicted figure; None when they can."""
    if settings.amd_false_positive > cap.share:
        fixed = dataclasses.replace(settings, amd_false_positive=0.0, amd_false_negative=1.0)
        return (
            f"answering-machine detection drops {percent(settings.amd_false_positive)} of live answers "
            f"(false positives, abandoned calls in law), above {cap.text()} whatever the pacing. "
            f"Fix: {knobs.amd}; predicted then {figure_text(predictor(fixed), cap)}."
        )
    if settings.mode is DialingMode.PROGRESSIVE:
        return None
    if pacing_target(settings) > cap.share:
        return _target_above_cap(settings, cap, knobs, predictor)
    if settings.mode is DialingMode.POWER:
        return _power_overdials(settings, cap, knobs, predictor)
    return None


def pacing_target(settings: DialerSettings) -> float:
    """The abandon rate the dialer steers to: Personal Connection overdials up to its fallback point."""
    if settings.policy is PacingPolicy.PERSONAL_CONNECTION:
        return settings.fallback
    return settings.abandon_target


def _target_above_cap(settings: DialerSettings, cap: Cap, knobs: Knobs, predictor: Predictor) -> str:
    value, after = _lower_target(settings, cap, knobs, predictor)
    return (
        f"its pacing target of {percent(pacing_target(settings))} is above {cap.text()}, and a pacer abandons "
        f"about its target: predicted {figure_text(predictor(settings), cap)}. "
        f"Fix: set {knobs.target} to {value:g}; predicted then {figure_text(after, cap)}."
    )


def _lower_target(
    settings: DialerSettings, cap: Cap, knobs: Knobs, predictor: Predictor
) -> tuple[float, Prediction]:
    """The highest setting, from the cap down in TARGET_STEP steps, whose re-run prediction holds the cap
    (the last one tried when none does); the pacing target is the setting minus the CXone cutoff."""
    value = cap.percent
    while True:
        target = (value - knobs.cutoff) / 100
        fixed = (  # the setting itself: a CXone threshold keeps its cutoff, so it paces to `target`
            dataclasses.replace(settings, abandon_target=value / 100)
            if target > 0
            else dataclasses.replace(settings, mode=DialingMode.PROGRESSIVE)
        )
        after = predictor(fixed)
        if after.abandon_rate <= cap.share or value - TARGET_STEP < TARGET_STEP or target <= 0:
            return value, after
        value -= TARGET_STEP


def _power_overdials(settings: DialerSettings, cap: Cap, knobs: Knobs, predictor: Predictor) -> str | None:
    now = predictor(settings)
    if now.abandon_rate_ci[0] <= cap.share:
        return None
    fix, after = _fewer_calls_per_agent(settings, cap, predictor)
    setting = (
        f"set {knobs.calls_per_agent} to {fix.calls_per_agent:g}"
        if fix.mode is DialingMode.POWER and knobs.calls_per_agent is not None
        else "set dialing_mode to progressive"
    )
    return (
        f"power dialing with {_calls(settings)} overdials this floor: predicted {figure_text(now, cap)}, "
        f"above {cap.text()}. Fix: {setting}; predicted then {figure_text(after, cap)}."
    )


def _calls(settings: DialerSettings) -> str:
    if settings.calls_per_agent is None:
        return "no calls-per-agent limit"
    return f"up to {settings.calls_per_agent:g} calls per agent"


def _fewer_calls_per_agent(
    settings: DialerSettings, cap: Cap, predictor: Predictor
) -> tuple[DialerSettings, Prediction]:
    """The most calls per agent whose prediction holds the cap; progressive when even 1 does not."""
    start = settings.calls_per_agent or min(MAX_CALLS_PER_AGENT, math.ceil(1 / settings.live_rate))
    calls = math.ceil(start) - 1
    while calls >= 1:
        candidate = dataclasses.replace(settings, calls_per_agent=float(calls))
        prediction = predictor(candidate)
        if prediction.abandon_rate <= cap.share:
            return candidate, prediction
        calls -= 1
    progressive = dataclasses.replace(settings, mode=DialingMode.PROGRESSIVE, calls_per_agent=1.0)
    return progressive, predictor(progressive)


def _staffing(resource: Resource) -> Any:
    compliance = getattr(resource.document, "compliance", None)
    return getattr(compliance, "staffing", None)
