"""PACING-ABANDON: a campaign (or CXone skill) that declares `compliance.staffing` is run through the
pacing model (reconciler.pacing.predict) with its dialing mode, abandon target, line count and calls
per agent; a predicted abandon rate above its jurisdictions' lowest cap is a warning at the staffing
block, showing the predicted rate and the inputs.

Genesys: `dialing_mode` power or predictive (progressive never abandons; preview and agentless have no
pacing), `abandon_rate`, `outbound_line_count`, `max_calls_per_agent(_decimal)` else the org's
OutboundSettings `max_calls_per_agent`, and its `abandon_seconds` as the connect window.
CXone: `general_settings.maximum_ratio` (an integer 1-3 calls per agent) of 2 or 3 is predictive with
that many calls per agent, 1 is progressive; the target is `abandon_rate_threshold` when the skill
overrides the business unit's (otherwise it is unknown and nothing is predicted) minus
`abandon_rate_cutoff`, the documented offset at which Personal Connection falls back to 1:1 — a skill
whose cutoff reaches its threshold always dials 1:1 and is never predicted; `cpa_settings.abandon_timeout`
is the connect window.
"""

from __future__ import annotations

from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.resource import Resource
from reconciler.pacing.predict import DialerSettings, DialingMode, percent, predict
from reconciler.policy.context import CheckContext
from reconciler.policy.jurisdictions import applicable, lowest_cap

DEFAULT_WINDOW_SECONDS = 2.0


def pacing_abandon(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    org = _org_settings(context)
    for campaign in context.resources("genesys", "Campaign"):
        settings = _genesys_settings(campaign, org)
        if settings is not None:
            found.extend(_check(context, campaign, settings))
    for skill in context.resources("cxone", "Skill"):
        settings = _cxone_settings(skill)
        if settings is not None:
            found.extend(_check(context, skill, settings))
    return found


def _check(context: CheckContext, resource: Resource, settings: DialerSettings) -> list[Finding]:
    capped = lowest_cap(applicable(context.jurisdictions_of(resource)))
    if capped is None or settings.mode is DialingMode.PROGRESSIVE:
        return []
    cap, row = capped
    prediction = predict(settings)
    if prediction.abandon_rate * 100 <= cap:
        return []
    low, high = prediction.abandon_rate_ci
    return [
        finding(
            Code.PACING_ABANDON,
            f"{resource.kind} '{resource.name}': the pacing model predicts an abandon rate of "
            f"{percent(prediction.abandon_rate)} (95 % CI {percent(low)} to {percent(high)} over "
            f"{prediction.days} simulated 8-hour days, agent utilization {prediction.utilization * 100:.0f} %), "
            f"above the {cap:g} % cap of "
            f"{row.name}, for {settings.describe()}. Lower the abandon target, cap the calls per agent "
            "or the line count, or staff more agents.",
            address=resource.address,
            source=resource.location_of(("compliance", "staffing")),
        )
    ]


def _target(percent: Any) -> float | None:
    """A usable abandon target as a fraction; a missing or absurd one is ABANDON-RATE's finding."""
    if percent is None or not 0 < float(percent) < 100:
        return None
    return float(percent) / 100


def cxone_overdial_ceiling(general: Any) -> float | None:
    """The abandon rate (percent) up to which a CXone skill overdials: its abandon_rate_threshold minus
    its abandon_rate_cutoff ("value subtracted from Abandon Rate Threshold to determine when the system
    limits calling to 1:1", Admin API general-settings). None when no threshold is declared; 0 or less
    means the skill always dials 1:1."""
    threshold = getattr(general, "abandon_rate_threshold", None)
    if threshold is None:
        return None
    cutoff = getattr(general, "abandon_rate_cutoff", None)
    return float(threshold) - float(cutoff or 0)


def _staffing(resource: Resource) -> Any:
    compliance = getattr(resource.document, "compliance", None)
    return getattr(compliance, "staffing", None)


def _org_settings(context: CheckContext) -> Any:
    return next((item.document.spec for item in context.resources("genesys", "OutboundSettings")), None)


def _genesys_settings(campaign: Resource, org: Any) -> DialerSettings | None:
    staffing = _staffing(campaign)
    spec = campaign.document.spec
    mode = getattr(spec, "dialing_mode", None)
    target = _target(getattr(spec, "abandon_rate", None))
    if staffing is None or mode not in {"progressive", "power", "predictive"} or target is None:
        return None
    calls = getattr(spec, "max_calls_per_agent_decimal", None) or getattr(spec, "max_calls_per_agent", None)
    if calls is None and org is not None:
        calls = getattr(org, "max_calls_per_agent_decimal", None) or getattr(org, "max_calls_per_agent", None)
    window = getattr(org, "abandon_seconds", None) if org is not None else None
    return DialerSettings(
        mode=DialingMode(mode),
        agents=staffing.agents,
        handle_seconds=staffing.handle_seconds,
        live_rate=staffing.live_rate,
        abandon_target=target,
        calls_per_agent=None if calls is None else float(calls),
        line_count=getattr(spec, "outbound_line_count", None),
        window_seconds=DEFAULT_WINDOW_SECONDS if window is None else float(window),
    )


def _cxone_settings(skill: Resource) -> DialerSettings | None:
    staffing = _staffing(skill)
    general = getattr(skill.document.spec, "general_settings", None)
    if staffing is None or general is None:
        return None
    ratio = getattr(general, "maximum_ratio", None)
    target = _target(cxone_overdial_ceiling(general))
    overrides = getattr(general, "override_business_unit_abandon_rate", False)
    if ratio is None or target is None or not overrides:
        return None
    cpa = getattr(skill.document.spec, "cpa_settings", None)
    window = getattr(cpa, "abandon_timeout", None) if cpa is not None else None
    return DialerSettings(
        mode=DialingMode.PREDICTIVE if int(ratio) > 1 else DialingMode.PROGRESSIVE,
        agents=staffing.agents,
        handle_seconds=staffing.handle_seconds,
        live_rate=staffing.live_rate,
        abandon_target=target,
        calls_per_agent=int(ratio),
        window_seconds=DEFAULT_WINDOW_SECONDS if window is None else float(window),
    )
