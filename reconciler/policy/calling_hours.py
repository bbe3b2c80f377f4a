"""CALLING-HOURS: a callable window allows calls outside a jurisdiction's hours in local time (§6).

Windows checked, each against the jurisdictions of whatever dials through it:
- Genesys CallableTimeSet slots, each in its callable_times entry's time_zone_id, against the
  jurisdictions of every campaign that uses the set, SMS messaging campaigns included
  (reconciler.policy.calling_campaigns), the project's defaults when none does.
- Genesys OutboundSettings automatic time-zone mapping windows, against the jurisdictions of every
  campaign whose contact list maps time zones (the defaults when none does). `mapped` applies in each
  contact's own zone; `unmapped` applies in its time_zone_id to contacts whose zone is unknown, who may
  live anywhere the jurisdictions reach.
- CXone Skill time-zone windows and weekly schedule, against the skill's jurisdictions
  (reconciler.policy.calling_hours_cxone).

How a window meets the called party's clock is in reconciler.policy.calling_hours_reach. A stop not after
its start runs overnight into the next day, and the next day's hours apply to that part. Weekly windows
carry no dates, so holidays are not checked here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reconciler.diagnostics import Finding
from reconciler.manifest.models.call_purpose import SALES_LIVE, Calling
from reconciler.manifest.models.genesys_org import AtzmTimeSlot, CallableWindow
from reconciler.manifest.resource import Resource
from reconciler.platform import Platform
from reconciler.policy.callable_tz import referenced_field
from reconciler.policy.called_parties import codes_text
from reconciler.policy.calling_campaigns import calling_campaigns
from reconciler.policy.calling_hours_cxone import iana_zone as iana_zone
from reconciler.policy.calling_hours_cxone import skills
from reconciler.policy.calling_hours_reach import daily, finding_message, hours_finding, reach
from reconciler.policy.calling_nature import calling_text
from reconciler.policy.calling_windows import Span
from reconciler.policy.context import CheckContext


def check(context: CheckContext) -> list[Finding]:
    year = dt.date.today().year
    return [
        *_callable_time_sets(context, year),
        *_time_zone_mapping(context, year),
        *skills(context, year),
    ]


@dataclass(frozen=True)
class Audience:
    """Who dials through a window: a jurisdiction list, why and how they call (purpose, technology), and
    the campaigns that bring them."""

    declared: tuple[str, ...]
    campaigns: tuple[str, ...]
    calling: Calling = SALES_LIVE

    def text(self, *, unused: str) -> str:
        codes = codes_text(self.declared)
        if not self.campaigns:
            return f"{unused}, so it was checked against the project's jurisdictions ({codes})."
        names = ", ".join(f"'{name}'" for name in self.campaigns[:3])
        more = f" and {len(self.campaigns) - 3} more" if len(self.campaigns) > 3 else ""
        plural = "s" if len(self.campaigns) > 1 else ""
        return f"It applies to campaign{plural} {names}{more} (jurisdictions {codes}{calling_text(self.calling)})."


User = tuple[str, tuple[str, ...], tuple[str, str]]
"""A campaign that dials through a window: its name, jurisdictions and (purpose, technology)."""


def audiences(users: Iterable[User], defaults: tuple[str, ...], calling: tuple[str, str]) -> list[Audience]:
    """Campaigns grouped by jurisdiction list, purpose and technology; the project's defaults when there
    are none."""
    grouped: dict[tuple[tuple[str, ...], tuple[str, str]], list[str]] = {}
    for name, declared, how in users:
        grouped.setdefault((declared, how), []).append(name)
    if not grouped:
        return [Audience(defaults, (), calling)]
    return [Audience(declared, tuple(names), how) for (declared, how), names in grouped.items()]


def _user(context: CheckContext, campaign: Resource) -> User:
    return campaign.name, context.jurisdictions_of(campaign), context.calling_of(campaign)


# --- Genesys callable time sets -------------------------------------------------------------------


def _callable_time_sets(context: CheckContext, year: int) -> Iterator[Finding]:
    users: dict[str, list[User]] = {}
    for campaign in calling_campaigns(context):
        name = campaign.document.spec.callable_time_set
        if name is not None:
            users.setdefault(name, []).append(_user(context, campaign))
    for resource in context.resources(Platform.GENESYS, "CallableTimeSet"):
        groups = audiences(users.get(resource.name, ()), context.default_codes, context.calling_of(None))
        for i, entry in enumerate(resource.document.spec.callable_times):
            zone = entry.time_zone_id
            for j, slot in enumerate(entry.time_slots):
                span = Span.of(slot.day, slot.start_time, slot.stop_time)
                for audience in groups:
                    breaches = reach((span,), zone, audience.declared, year, calling=audience.calling)
                    if breaches:
                        subject = f"Callable time set '{resource.name}': the slot {span.text()} in {zone}"
                        used = audience.text(unused="No campaign uses it")
                        path = ("callable_times", i, "time_slots", j)
                        yield hours_finding(resource, path, finding_message(subject, breaches, used))


# --- Genesys automatic time-zone mapping ----------------------------------------------------------


def _mapping_users(context: CheckContext) -> list[User]:
    """Campaigns whose contact list maps time zones (from the manifests, else the live org)."""
    found = []
    for campaign in context.resources(Platform.GENESYS, "Campaign"):
        name = campaign.document.spec.contact_list
        if referenced_field(context, "ContactList", name, "automatic_time_zone_mapping") is True:
            found.append(_user(context, campaign))
    return found


def _time_zone_mapping(context: CheckContext, year: int) -> Iterator[Finding]:
    windows = [
        (resource, index, window)
        for resource in context.resources(Platform.GENESYS, "OutboundSettings")
        for index, window in enumerate(_callable_windows(resource))
    ]
    if not windows:
        return
    groups = audiences(_mapping_users(context), context.default_codes, context.calling_of(None))
    for resource, index, window in windows:
        subject = f"Outbound settings '{resource.name}': the automatic time-zone mapping window"
        for audience in groups:
            used = audience.text(unused="No campaign's contact list maps time zones")
            for side, slot in (("mapped", window.mapped), ("unmapped", window.unmapped)):
                if slot is None:
                    continue
                spans = daily(slot.earliest_callable_time, slot.latest_callable_time)
                zone = getattr(slot, "time_zone_id", None)
                if side == "mapped":
                    breaches = reach(spans, None, audience.declared, year, calling=audience.calling)
                    text = f"{subject} for mapped contacts ({_bounds(slot)} in each contact's own zone)"
                else:
                    breaches = reach(
                        spans, zone, audience.declared, year, anywhere=True, calling=audience.calling
                    )
                    text = (
                        f"{subject} for contacts whose zone is unknown ({_bounds(slot)} in "
                        f"{zone or 'their own zone'}; they may live anywhere the jurisdictions reach)"
                    )
                if breaches:
                    path = ("automatic_time_zone_mapping", "callable_windows", index, side)
                    yield hours_finding(resource, path, finding_message(text, breaches, used))


def _callable_windows(resource: Resource) -> list[CallableWindow]:
    mapping = resource.document.spec.automatic_time_zone_mapping
    return list(mapping.callable_windows or ()) if mapping is not None else []


def _bounds(slot: AtzmTimeSlot) -> str:
    return f"{slot.earliest_callable_time or '00:00'}-{slot.latest_callable_time or '24:00'}"
