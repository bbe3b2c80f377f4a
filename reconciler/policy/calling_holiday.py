"""CALLING-HOLIDAY: a dated schedule places calls on a legal holiday of a jurisdiction that bans them.

Dated schedules are the Genesys campaign, SMS campaign and sequence schedules (intervals and
recurrences, read by reconciler.policy.schedule_reading); CXone has no dated schedule (a skill's
schedule_settings is a weekly window), so nothing is read there. A schedule is checked against the
jurisdictions of what it starts: its campaign's, or every campaign of its sequence (the project's
defaults when the owner is not declared or declares none). A row with `holidays` (Utah, Alabama,
Louisiana, Rhode Island) bans calls on the legal holidays of that calendar
(reconciler.policy.holiday_calendars), in the called party's local date: the schedule is open on a
holiday when it is open during that date's calling hours in one of the row's zones (the whole date for
a row without hours). Only future calls count: from the run's time (CheckContext.now) for a year, or to
the end of the last dated interval when that is later. One finding per schedule item and rule, naming
the first holiday and how many more the item reaches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from reconciler.diagnostics import Code, Finding, finding
from reconciler.kinds.registry import schedule_kinds
from reconciler.manifest.resource import Resource, address_of
from reconciler.platform import Platform
from reconciler.policy.called_parties import codes_text
from reconciler.policy.calling_campaigns import calling_campaigns
from reconciler.policy.calling_windows import allowed_instants
from reconciler.policy.context import CheckContext, spec_of
from reconciler.policy.holiday_calendars import holidays_of
from reconciler.policy.instants import DAY, EPOCH, MICROSECOND, Instant
from reconciler.policy.intervals import IntervalSet
from reconciler.policy.jurisdictions import (
    Jurisdiction,
    applicable,
    called_party_zones,
    covering,
    rule_codes,
)
from reconciler.policy.schedule_expansion import OneOff
from reconciler.policy.schedule_reading import schedule_of

PLATFORM = Platform.GENESYS
SECOND = 1_000_000
"""Microseconds in a second: calling_windows counts seconds, schedules microseconds."""
OWNER_KINDS = {"campaign": "Campaign", "messaging_campaign": "MessagingCampaign", "sequence": "Sequence"}


@dataclass(frozen=True)
class Hit:
    """A holiday on which a schedule item is open during calling hours."""

    day: dt.date
    name: str
    zone: str


def check(context: CheckContext) -> list[Finding]:
    start = ((context.now or dt.datetime.now(dt.UTC)) - EPOCH) // MICROSECOND
    calling = {(campaign.kind, campaign.name): campaign for campaign in calling_campaigns(context)}
    found: list[Finding] = []
    for kind, owner in schedule_kinds(PLATFORM):
        for resource in context.resources(PLATFORM, kind):
            audience = _audience(context, calling, owner, resource)
            if audience is None:
                continue
            declared, nature = audience
            banning = [row for row in covering(applicable(declared), *nature) if row.holidays is not None]
            if banning:
                found.extend(_findings(resource, kind, owner, declared, banning, start, nature))
    return found


def _audience(
    context: CheckContext, calling: dict[tuple[str, str], Resource], owner: str, resource: Resource
) -> tuple[tuple[str, ...], tuple[str, str]] | None:
    """The jurisdictions of what the schedule starts and why and how it calls (purpose, technology; a
    sequence whose campaigns differ is read as the project's default calls); None when it starts
    nothing that calls (an email campaign)."""
    name = str(spec_of(resource).get(owner))
    if owner == "sequence":
        sequence = context.manifests.get(address_of(PLATFORM, "Sequence", name))
        members = [("Campaign", member) for member in sequence.document.spec.campaigns] if sequence else []
        declared = [
            code for key in members if key in calling for code in context.jurisdictions_of(calling[key])
        ]
        natures = {context.calling_of(calling[key]) for key in members if key in calling}
        nature = natures.pop() if len(natures) == 1 else context.calling_of(None)
        return tuple(dict.fromkeys(declared)) or context.default_codes, nature
    key = (OWNER_KINDS[owner], name)
    if key in calling:
        return context.jurisdictions_of(calling[key]), context.calling_of(calling[key])
    if context.manifests.get(address_of(PLATFORM, *key)) is not None:
        return None  # declared, but it does not call (an email campaign)
    return context.default_codes, context.calling_of(None)


def _findings(
    resource: Resource,
    kind: str,
    owner: str,
    declared: tuple[str, ...],
    banning: list[Jurisdiction],
    start: Instant,
    nature: tuple[str, str],
) -> Iterator[Finding]:
    schedule = schedule_of(spec_of(resource))
    last = max((item.window.end for item in schedule.items if isinstance(item.window, OneOff)), default=start)
    until = max(start + 366 * DAY, last)
    ahead = IntervalSet(((start, until),))
    codes = rule_codes(declared, *nature)
    for item in schedule.items:
        spans = item.window.spans(until).intersection(ahead)
        if not spans:
            continue
        for row in banning:
            hits = _hits(spans, row, codes)
            if not hits:
                continue
            first = hits[0]
            more = f" (and {len(hits) - 1} more holiday(s) after it)" if len(hits) > 1 else ""
            yield finding(
                Code.CALLING_HOLIDAY,
                f"{kind} {resource.name} ({owner} {spec_of(resource).get(owner)}): {item.label} places calls "
                f"on {first.name}, {_date(first.day)} in {first.zone}, a legal holiday on which {row.name} "
                f"allows no telephone solicitation{more}. {_remedy(item.window)} "
                f"Jurisdictions {codes_text(declared)}. "
                f"Rule: {row.cite()}.",
                address=resource.address,
                source=resource.location_of(item.path),
            )


def _remedy(window: object) -> str:
    if isinstance(window, OneOff):
        return "Split the interval around the holiday, or move it."
    return "Exclude the holiday with an alteration of type Exclusion."


def _hits(spans: IntervalSet, row: Jurisdiction, codes: tuple[str, ...]) -> list[Hit]:
    """The holidays of `row`'s calendar on which `spans` are open during calling hours, by date."""
    assert row.holidays is not None
    first_year = _utc(spans.spans[0][0]).year - 1
    last_year = _utc(spans.spans[-1][1]).year + 1
    found: dict[dt.date, Hit] = {}
    for zone in called_party_zones([row.code]):
        for year in range(first_year, last_year + 1):
            allowed = allowed_instants(codes, zone, year)
            hours = (
                None if allowed is None else IntervalSet(tuple((a * SECOND, b * SECOND) for a, b in allowed))
            )
            for day, name in holidays_of(row.holidays, year).items():
                if day in found:
                    continue
                date_span = IntervalSet((_midnights(day, zone),))
                if hours is not None:
                    date_span = date_span.intersection(hours)
                if date_span.first_overlap(spans) is not None:
                    found[day] = Hit(day, name, zone)
    return [found[day] for day in sorted(found)]


def _midnights(day: dt.date, zone: str) -> tuple[Instant, Instant]:
    tz = ZoneInfo(zone)
    begin = dt.datetime.combine(day, dt.time(), tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tz)
    return (begin - EPOCH) // MICROSECOND, (end - EPOCH) // MICROSECOND


def _utc(instant: Instant) -> dt.datetime:
    return EPOCH + instant * MICROSECOND


def _date(day: dt.date) -> str:
    """e.g. 'Fri 24 Jul 2026': no all-digit date, which masking would take for a phone number."""
    return f"{day:%a} {day.day} {day:%b %Y}"
