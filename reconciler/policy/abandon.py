"""ABANDON-RATE, RING-TIME and ABANDON-SECONDS: the dialer settings the abandonment rules constrain.

ABANDON-RATE: a Genesys campaign's `abandon_rate` (percent) above the lowest cap of its jurisdictions
(US 3 %, UK 3 %, CA 5 % — reconciler/policy/data/jurisdictions.yaml), or no `abandon_rate` at all in
power or predictive mode (the platform then paces to its own default). CXone: a skill that overrides
the business unit's abandon rate (`general_settings.override_business_unit_abandon_rate`) with an
`abandon_rate_threshold` above the cap (percent, "max percent of abandoned calls allowed" in the Admin
API's general-settings text). `abandon_rate_cutoff` does not raise that ceiling: it is subtracted from
the threshold to find where the skill falls back to 1:1 dialing (see dialer_settings). Campaign-rule
actions that set the abandon rate or switch to a paced mode are checked the same way (rule_abandon).
RING-TIME: an unanswered call must ring at least the longest `min_ring_seconds` of the object's
jurisdictions (US 15 s, 47 CFR 64.1200(a)(6); UK 15 s, Ofcom; a jurisdiction without one sets none):
Genesys `no_answer_timeout`, CXone `general_settings.maximum_ringing_duration` (unit unconfirmed: s).
ABANDON-SECONDS: Genesys OutboundSettings `abandon_seconds`, or a CXone skill's
`cpa_settings.abandon_timeout` (seconds after the greeting before an unconnected call is abandoned, per
the Admin API's cpa-management parameters), above 2 — a call not connected to an agent within 2 s of the
greeting is abandoned in law (47 CFR 64.1200(a)(7)(i)), whatever the dialer counts.
"""

from __future__ import annotations

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.resource import Resource
from reconciler.platform import Platform
from reconciler.policy.context import CheckContext
from reconciler.policy.jurisdictions import Jurisdiction, longest_ring, lowest_cap
from reconciler.policy.rule_abandon import PACED_MODES, rule_abandon_rates

MAX_ABANDON_SECONDS = 2.0


def _number(value: float) -> str:
    return f"{value:g}"


def abandon_rate(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for campaign in context.resources(Platform.GENESYS, "Campaign"):
        spec = campaign.document.spec
        rate = getattr(spec, "abandon_rate", None)
        mode = getattr(spec, "dialing_mode", None)
        capped = lowest_cap(context.rules_of(campaign))
        if capped is None:
            continue  # no abandonment rule covers its purpose (47 CFR 64.1200(a)(7), 16 CFR 310.4(b)(4))
        if rate is None:
            if mode in PACED_MODES:
                found.append(
                    finding(
                        Code.ABANDON_RATE,
                        f"Campaign '{campaign.name}' dials in {mode} mode without an abandon_rate: set the "
                        "target abandon rate (percent) the dialer must pace to, at or below the legal cap.",
                        address=campaign.address,
                        source=campaign.location_of(("spec", "dialing_mode")),
                    )
                )
            continue
        if float(rate) > capped[0]:
            cap, row = capped
            found.append(
                finding(
                    Code.ABANDON_RATE,
                    f"Campaign '{campaign.name}' targets an abandon rate of {_number(rate)} %, above the "
                    f"{_number(cap)} % cap of {row.cite()} ({row.abandon_window}).",
                    address=campaign.address,
                    source=campaign.location_of(("spec", "abandon_rate")),
                )
            )
    for skill in context.resources(Platform.CXONE, "Skill"):
        general = getattr(skill.document.spec, "general_settings", None)
        threshold = getattr(general, "abandon_rate_threshold", None)
        if (
            general is None
            or threshold is None
            or not getattr(general, "override_business_unit_abandon_rate", False)
        ):
            continue
        capped = lowest_cap(context.rules_of(skill))
        if capped is not None and float(threshold) > capped[0]:
            cap, row = capped
            found.append(
                finding(
                    Code.ABANDON_RATE,
                    f"Skill '{skill.name}' sets abandon_rate_threshold {_number(threshold)} %, above the "
                    f"{_number(cap)} % cap of {row.cite()}.",
                    address=skill.address,
                    source=skill.location_of(("spec", "general_settings", "abandon_rate_threshold")),
                )
            )
    found.extend(rule_abandon_rates(context))
    return found


def ring_time(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for campaign in context.resources(Platform.GENESYS, "Campaign"):
        timeout = getattr(campaign.document.spec, "no_answer_timeout", None)
        rule = _ring_rule(context, campaign, timeout)
        if rule is not None:
            seconds, row = rule
            found.append(
                finding(
                    Code.RING_TIME,
                    f"Campaign '{campaign.name}' hangs up unanswered calls after {timeout} s; {row.name} "
                    f"requires at least {_number(seconds)} s ({row.citation}). Set no_answer_timeout to "
                    f"{_number(seconds)} or more.",
                    address=campaign.address,
                    source=campaign.location_of(("spec", "no_answer_timeout")),
                )
            )
    for skill in context.resources(Platform.CXONE, "Skill"):
        general = getattr(skill.document.spec, "general_settings", None)
        ringing = getattr(general, "maximum_ringing_duration", None)
        rule = _ring_rule(context, skill, ringing)
        if rule is not None:
            seconds, row = rule
            found.append(
                finding(
                    Code.RING_TIME,
                    f"Skill '{skill.name}' lets calls ring only {ringing} s (maximum_ringing_duration); "
                    f"{row.name} requires at least {_number(seconds)} s ({row.citation}).",
                    address=skill.address,
                    source=skill.location_of(("spec", "general_settings", "maximum_ringing_duration")),
                )
            )
    return found


def _ring_rule(
    context: CheckContext, resource: Resource, ring: float | None
) -> tuple[float, Jurisdiction] | None:
    """The jurisdiction's minimum ring time `ring` falls short of, or None."""
    if ring is None:
        return None
    rule = longest_ring(context.rules_of(resource))
    return rule if rule is not None and ring < rule[0] else None


def abandon_seconds(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for settings in context.resources(Platform.GENESYS, "OutboundSettings"):
        seconds = getattr(settings.document.spec, "abandon_seconds", None)
        if seconds is not None and float(seconds) > MAX_ABANDON_SECONDS:
            found.append(
                finding(
                    Code.ABANDON_SECONDS,
                    f"OutboundSettings abandon_seconds is {_number(seconds)} s: a call not connected to an agent "
                    f"within {_number(MAX_ABANDON_SECONDS)} s of the greeting is abandoned in law (US TCPA/TSR, UK "
                    "Ofcom), so the dialer would under-count abandoned calls. Set it to 2 or less.",
                    address=settings.address,
                    source=settings.location_of(("spec", "abandon_seconds")),
                )
            )
    for skill in context.resources(Platform.CXONE, "Skill"):
        timeout = getattr(getattr(skill.document.spec, "cpa_settings", None), "abandon_timeout", None)
        if timeout is not None and float(timeout) > MAX_ABANDON_SECONDS:
            found.append(
                finding(
                    Code.ABANDON_SECONDS,
                    f"Skill '{skill.name}' sets cpa_settings.abandon_timeout to {_number(timeout)} s: a call not "
                    f"connected to an agent within {_number(MAX_ABANDON_SECONDS)} s of the greeting is abandoned "
                    "in law (47 CFR 64.1200(a)(7)(i)), so the dialer would under-count abandoned calls. Set it "
                    "to 2 or less.",
                    address=skill.address,
                    source=skill.location_of(("spec", "cpa_settings", "abandon_timeout")),
                )
            )
    return found
