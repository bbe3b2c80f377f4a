"""PACING-ABANDON for an AMD false-positive estimate the regulator expects and the manifest leaves out.

Ofcom counts live people that answering-machine detection wrongly classes as machines (and so never
reach an agent) as abandoned calls, and the abandoned-call rate must include a reasoned estimate of
them (Ofcom, Revised statement of policy on the persistent misuse of an electronic communications
network or service, 2016, Annex 3). A paced campaign (or CXone skill) under such a jurisdiction
(`amd_false_positives_counted` in the jurisdiction data) whose detection drops machine-classed calls
must declare that estimate as `compliance.staffing.amd_false_positive`, so the pacing check counts
it; a campaign that sends machine-classed calls to agents, or detects nothing, drops no live person.
"""

from __future__ import annotations

from collections.abc import Iterator

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.resource import Resource
from reconciler.platform import Platform
from reconciler.policy.context import CheckContext, spec_of
from reconciler.policy.dialer_settings import (
    CXONE_MACHINE_DROPPED,
    PACED_MODES,
    genesys_drops_machines,
    genesys_response_set,
)
from reconciler.policy.jurisdictions import Jurisdiction


def amd_estimate_findings(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for resource, how in _dropping(context):
        row = _counting(context, resource)
        staffing = getattr(getattr(resource.document, "compliance", None), "staffing", None)
        if row is None or (staffing is not None and "amd_false_positive" in staffing.model_fields_set):
            continue
        found.append(
            finding(
                Code.PACING_ABANDON,
                f"{resource.kind} '{resource.name}' is paced with answering-machine detection that drops the "
                f"calls it classes as machines ({how}); under {row.name} the live people it misclassifies are "
                "abandoned calls, and the rate must include a reasoned estimate of them "
                f"({row.citation}). Declare compliance.staffing.amd_false_positive: the share of live "
                "answers your detection classes as machines (from call recordings or the vendor's test), "
                "so the pacing check counts them; or send machine-classed calls to agents.",
                address=resource.address,
                source=resource.location_of(("compliance", "staffing"))
                if staffing is not None
                else resource.location_of(("spec",)),
            )
        )
    return found


def _counting(context: CheckContext, resource: Resource) -> Jurisdiction | None:
    rows = context.rules_of(resource)
    return next((row for row in rows if row.amd_false_positives_counted), None)


def _dropping(context: CheckContext) -> Iterator[tuple[Resource, str]]:
    """Paced campaigns and skills whose machine handling drops machine-classed calls, with the setting."""
    for campaign in context.resources(Platform.GENESYS, "Campaign"):
        spec = spec_of(campaign)
        name = spec.get("call_analysis_response_set")
        answer_set = genesys_response_set(context, name)
        paced = spec.get("dialing_mode") in PACED_MODES
        if paced and answer_set is not None and genesys_drops_machines(answer_set):
            yield campaign, f"call analysis response set '{name}'"
    for skill in context.resources(Platform.CXONE, "Skill"):
        spec = spec_of(skill)
        cpa = spec.get("cpa_settings") or {}
        paced = (spec.get("general_settings") or {}).get("maximum_ratio") is not None
        if paced and cpa.get("ans_machine_det_mode") in CXONE_MACHINE_DROPPED:
            yield skill, f"cpa_settings.ans_machine_det_mode {cpa['ans_machine_det_mode']}"
