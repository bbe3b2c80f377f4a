"""PACING-ABANDON for the org's compliance-abandon denominator: what a campaign's target means in law.

Genesys OutboundSettings `complianceAbandonRateDenominator` ALL_CALLS makes the dialer's abandon rate
abandoned calls over all calls placed (CALLS_THAT_REACHED_QUEUE: over calls that reached the queue).
47 CFR 64.1200(a)(7)(i) counts abandoned calls over calls answered by a live person, so with ALL_CALLS a
campaign's `abandon_rate` of r % is about r / live_rate % of live-answered calls at its declared
`compliance.staffing.live_rate`: 3 % at a 30 % live rate is 10 %. A finding when that is above the cap.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.platform import Platform
from reconciler.policy.context import CheckContext
from reconciler.policy.jurisdictions import lowest_cap

ALL_CALLS = "ALL_CALLS"


def denominator_findings(context: CheckContext, org: Mapping[str, Any] | None) -> list[Finding]:
    if org is None or org.get("compliance_abandon_rate_denominator") != ALL_CALLS:
        return []
    found: list[Finding] = []
    for campaign in context.resources(Platform.GENESYS, "Campaign"):
        rate = getattr(campaign.document.spec, "abandon_rate", None)
        staffing = getattr(getattr(campaign.document, "compliance", None), "staffing", None)
        capped = lowest_cap(context.rules_of(campaign))
        if rate is None or staffing is None or capped is None:
            continue
        cap, row = capped
        live_share = float(rate) / staffing.live_rate
        scaled = _scaled(cap, staffing.live_rate)
        if round(live_share, 6) <= cap:  # a target scaled exactly must not fail on a binary rounding error
            continue
        found.append(
            finding(
                Code.PACING_ABANDON,
                f"Campaign '{campaign.name}': the org's OutboundSettings compliance_abandon_rate_denominator is "
                f"ALL_CALLS, so the dialer holds abandoned calls to {float(rate):g} % of all calls placed; at "
                f"the declared live_rate {staffing.live_rate:g} that is about {live_share:.1f} % of "
                f"live-answered calls, above the {cap:g} % cap of {row.cite()}, which counts calls answered "
                "by a live person. Fix: set compliance_abandon_rate_denominator to CALLS_THAT_REACHED_QUEUE, "
                f"or abandon_rate to {scaled:g}; predicted then {scaled / staffing.live_rate:.1f} % of "
                "live-answered calls.",
                address=campaign.address,
                source=campaign.location_of(("spec", "abandon_rate")),
            )
        )
    return found


def _scaled(cap: float, live_rate: float) -> float:
    """The target over all calls that is `cap` % of live answers, rounded down to 0.01 percentage points."""
    return math.floor(round(cap * live_rate * 100, 6)) / 100
