"""CALLABLE-TZ: a Genesys campaign (voice, or SMS: reconciler.policy.calling_campaigns) with neither a
callable time set nor automatic time-zone mapping on its contact list (§6).

Without either, nothing keeps the campaign's calls inside the called party's local calling hours
(a contact list's callable_time_column is read only against a callable time set). It is an error for
campaigns under any jurisdiction whose rules fix calling hours in the called party's local time (the
data's `hours`: US and its states, Canada); one whose rows fix none (UK) is not raised. The message
names the zones its called parties live in, from the data's `zones`. The contact list is followed in the manifests, else in the live org (plan); a list
found in neither is left to REF-MISSING.
"""

from __future__ import annotations

from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.resource import address_of
from reconciler.platform import Platform
from reconciler.policy.called_parties import codes_text
from reconciler.policy.calling_campaigns import calling_campaigns, noun
from reconciler.policy.calling_windows import window_of
from reconciler.policy.context import CheckContext
from reconciler.policy.jurisdictions import applicable, called_party_zones, rule_codes, table

MISSING = object()
"""What `referenced_field` returns for an object found nowhere."""


def referenced_field(context: CheckContext, kind: str, name: str, field: str) -> Any:
    """One spec field of the Genesys object `name`: from the manifests (typed, no copy), else from the
    live org; MISSING when neither has the object."""
    resource = context.manifests.get(address_of(Platform.GENESYS, kind, name))
    if resource is not None:
        return getattr(resource.document.spec, field)
    live = context.lookup(Platform.GENESYS, kind, name)
    return MISSING if live is None else live.spec.get(field)


def _hours(declared: tuple[str, ...]) -> str:
    """The binding Monday window, as an example of what the jurisdictions require, and where their
    called parties live."""
    bound = window_of(rule_codes(declared), 1)
    zones = called_party_zones(declared)
    shown = ", ".join(zones[:4]) + (f" and {len(zones) - 4} more" if len(zones) > 4 else "")
    where = f"; their called parties live in {len(zones)} time zone{'s' if len(zones) != 1 else ''} ({shown})"
    if bound is None or bound[0] is None:
        return f"jurisdictions {codes_text(declared)}{where if zones else ''}"
    names = " and ".join(table()[code].name for code in bound[1])
    return (
        f"jurisdictions {codes_text(declared)}: {names} allows calls only {bound[0].text()} local time on "
        f"Mondays{where if zones else ''}"
    )


def local_hours(declared: tuple[str, ...]) -> bool:
    """Whether a rule of `declared` fixes calling hours (in the called party's local time)."""
    return any(row.hours is not None for row in applicable(declared))


def check(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for campaign in calling_campaigns(context):
        spec = campaign.document.spec
        declared = context.jurisdictions_of(campaign)
        if spec.callable_time_set is not None or not local_hours(declared):
            continue
        name = spec.contact_list
        mapped = referenced_field(context, "ContactList", name, "automatic_time_zone_mapping")
        if mapped is MISSING or mapped is True:
            continue
        declared_list = context.manifests.get(address_of(Platform.GENESYS, "ContactList", name)) is not None
        where = "declared in the manifests" if declared_list else "in the live org"
        message = (
            f"{noun(campaign)} '{campaign.name}' has no callable time set, and its contact list '{name}' "
            f"({where}) "
            "does not map contacts to time zones (automatic_time_zone_mapping is not true), so nothing "
            f"keeps its calls inside the called party's local calling hours ({_hours(declared)}). "
            "Set spec.callable_time_set on the campaign, or automatic_time_zone_mapping: true on the list."
        )
        found.append(
            finding(
                Code.CALLABLE_TZ,
                message,
                address=campaign.address,
                source=campaign.location_of(("spec", "contact_list")),
            )
        )
    return found
