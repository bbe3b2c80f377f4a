"""How a campaign or skill calls when its compliance block does not say: the technology its dialing implies."""

from __future__ import annotations

from reconciler.manifest.models.call_purpose import DEFAULT_TECHNOLOGY, SALES_LIVE, Calling
from reconciler.manifest.resource import Resource


def inferred_technology(resource: Resource) -> str | None:
    """`prerecorded` for an agentless Genesys campaign (the dialer plays a recording, no agent speaks) and
    an agentless CXone skill (`agentless: true`: a script handles the calls, Admin API "Skills"), `text`
    for an SMS messaging campaign; None when the configuration does not say."""
    spec = resource.document.spec
    if resource.kind == "MessagingCampaign":
        return "text" if getattr(spec, "sms_config", None) is not None else None
    if getattr(spec, "dialing_mode", None) == "agentless" or getattr(spec, "agentless", None) is True:
        return "prerecorded"
    return None


def calling_text(calling: Calling) -> str:
    """`; purpose P, technology T` for a message, or nothing for sales calls by a live person."""
    return "" if calling == SALES_LIVE else f"; purpose {calling[0]}, technology {calling[1]}"


def calling_of(resource: Resource | None, purpose: str, technology: str | None) -> Calling:
    """Why and how the resource calls (purpose, technology): its own `compliance.purpose` and
    `compliance.technology`; else the technology its dialing implies (agentless: prerecorded, SMS:
    text); else the defaults `purpose` and `technology` (the project's); else live. None: the defaults."""
    compliance = getattr(resource.document, "compliance", None) if resource is not None else None
    inferred = inferred_technology(resource) if resource is not None else None
    return (
        getattr(compliance, "purpose", None) or purpose,
        getattr(compliance, "technology", None) or inferred or technology or DEFAULT_TECHNOLOGY,
    )
