"""CALLING-HOURS: a callable window allows calls outside a jurisdiction's hours in local time (§6).

Windows checked, each against the jurisdictions of whatever dials through it:
- Genesys CallableTimeSet slots, each in its callable_times entry's time_zone_id, against the
  jurisdictions of every campaign that uses the set (the project's defaults when none does).
- Genesys OutboundSettings automatic time-zone mapping windows, against the jurisdictions of every
  campaign whose contact list maps time zones (the defaults when none does). `mapped` applies in each
  contact's own zone; `unmapped` applies in its time_zone_id to contacts whose zone is unknown, who may
  live anywhere the jurisdictions reach.
- CXone Skill time-zone windows and weekly schedule, against the skill's jurisdictions.

How a window meets the called party's clock (reconciler.policy.jurisdictions): a window in a zone that
keeps the clock of a zone where the jurisdiction's called parties live reaches the parties of that zone,
so its clock times are compared directly, day by day. A window in any other zone, and an `unmapped`
window, reaches every zone of the jurisdiction at the same instants: it is laid on every date of the
current year in its own zone and read in each called party's zone, so summer time, winter time and the
days clocks change are all covered. A stop not after its start runs overnight into the next day, and the
next day's hours apply to that part. Weekly windows carry no dates, so holidays are not checked here.

CXone (cxone-api.md §4.5). A skill dials the zones of `time_zones` that are active to call. With
override_time a zone has its own start/end; otherwise the business unit's dialing curfew applies, which
the manifests do not give. The weekly schedule_settings (used only with is_scheduled: true) are read in
the business unit's time zone, which the manifests do not give either. Calls need both the schedule and
the zone's window, so what is checked is:
- a zone with its own window: that window, and when it breaks the rules on its own but a schedule is
  set, the window together with the schedule;
- a zone without one: the schedule alone;
- the schedule is read in the business unit's zone, assumed to be one of the zones the skill dials; each
  of them is tried and the first breach reported. With no time_zones listed, the schedule is read as the
  called party's own clock (exact only when the business unit shares it; the message says so).
A zone with neither its own window nor a schedule is not checked: the business unit's curfew alone
governs it. At plan time the live skill fills in what the manifest leaves out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reconciler.diagnostics import Code, Finding, Severity, finding
from reconciler.exceptions import Location
from reconciler.manifest.models.genesys_org import AtzmTimeSlot, CallableWindow
from reconciler.manifest.resource import Resource
from reconciler.policy.callable_tz import referenced_field
from reconciler.policy.context import CheckContext, spec_of
from reconciler.policy.jurisdictions import (
    DAY_NAMES,
    Breach,
    Instants,
    Span,
    called_party_zones,
    clock_breach,
    clock_text,
    instants_breach,
    intersect,
    rule_codes,
    same_clock,
    table,
    window_instants,
)

WINDOWS_ZONES = {
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "Aleutian Standard Time": "America/Adak",
    "Alaskan Standard Time": "America/Anchorage",
    "Pacific Standard Time": "America/Los_Angeles",
    "US Mountain Standard Time": "America/Phoenix",
    "Mountain Standard Time": "America/Denver",
    "Yukon Standard Time": "America/Whitehorse",
    "Central Standard Time": "America/Chicago",
    "Canada Central Standard Time": "America/Regina",
    "Eastern Standard Time": "America/New_York",
    "US Eastern Standard Time": "America/Indiana/Indianapolis",
    "Atlantic Standard Time": "America/Halifax",
    "SA Western Standard Time": "America/Puerto_Rico",
    "Newfoundland Standard Time": "America/St_Johns",
    "Pacific Standard Time (Mexico)": "America/Tijuana",
    "Mountain Standard Time (Mexico)": "America/Mazatlan",
    "Central Standard Time (Mexico)": "America/Mexico_City",
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "UTC": "Etc/UTC",
    "W. Europe Standard Time": "Europe/Berlin",
    "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "New Zealand Standard Time": "Pacific/Auckland",
    "India Standard Time": "Asia/Kolkata",
    "Singapore Standard Time": "Asia/Singapore",
    "Tokyo Standard Time": "Asia/Tokyo",
}
"""CXone lists zones by Windows name (GET /timezones standardName); CLDR windowsZones, territory 001."""

DAY_FIELDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def check(context: CheckContext) -> list[Finding]:
    year = dt.date.today().year
    return [
        *_callable_time_sets(context, year),
        *_time_zone_mapping(context, year),
        *_skills(context, year),
    ]


# --- Reaching the called party --------------------------------------------------------------------


@cache
def reach(
    spans: tuple[Span, ...], zone: str | None, declared: tuple[str, ...], year: int, anywhere: bool = False
) -> tuple[Breach, ...]:
    """Breaches of weekly `spans` given in `zone` (None: each called party's own clock) for the called
    parties of the `declared` jurisdictions; `anywhere`: the parties may be in any of their zones."""
    codes = rule_codes(declared)
    parties = called_party_zones(declared)
    direct = next(filter(None, (clock_breach(span, codes) for span in spans)), None)
    if zone is None or not parties:
        return () if direct is None else (direct,)
    if not anywhere and any(same_clock(zone, party, year) for party in parties):
        return () if direct is None else (direct,)
    calls = window_instants(spans, zone, year)
    found: list[Breach] = []
    for party in parties:
        breach = direct if same_clock(zone, party, year) else instants_breach(calls, party, codes, year)
        if breach is not None:
            found.append(breach)
    return tuple(found)


def reach_instants(calls: Instants, zone: str, declared: tuple[str, ...], year: int) -> tuple[Breach, ...]:
    """Breaches of calls at `calls` instants to parties in `zone` (or, when no called party lives in a
    zone with its clock, to parties in every zone of the jurisdictions)."""
    codes = rule_codes(declared)
    parties = called_party_zones(declared)
    own = not parties or any(same_clock(zone, party, year) for party in parties)
    targets = (zone,) if own else parties
    return tuple(filter(None, (instants_breach(calls, party, codes, year) for party in targets)))


# --- Messages -------------------------------------------------------------------------------------


def _names(codes: Sequence[str]) -> str:
    return " and ".join(table()[code].name for code in codes)


def describe(breach: Breach, others: Sequence[Breach] = ()) -> str:
    """What the called party sees and what the rules allow, for a non-programmer."""
    day = DAY_NAMES[breach.day - 1]
    outside = f"{clock_text(breach.outside[0])}-{clock_text(breach.outside[1])}"
    together = " together" if len(breach.setters) > 1 else ""
    verb = "allow" if together else "allows"
    if breach.allowed is None:
        rule = f"{_names(breach.setters)} {verb} no calls on {day}s"
    else:
        rule = f"{_names(breach.setters)}{together} {verb} calls only {breach.allowed.text()} local time on {day}s"
    if breach.zone is None or breach.calls is None or breach.date is None:
        return f"allows calls at {outside} local time on {day}, but {rule}"
    season = "daylight saving time" if breach.summer_time else "standard time"
    seen = f"{clock_text(breach.calls[0])}-{clock_text(breach.calls[1])}"
    text = (
        f"reaches called parties in {breach.zone} at {seen} their local time "
        f"(first on {day} {breach.date.isoformat()}, {season}), "
        f"so calls at {outside} are outside hours: {rule}"
    )
    also = [other.zone for other in others if other.zone]
    return text + (f" (also outside hours in {', '.join(also)})" if also else "")


def citations(breaches: Iterable[Breach]) -> str:
    codes = dict.fromkeys(code for breach in breaches for code in breach.setters)
    return "Rule: " + "; ".join(table()[code].cite() for code in codes) + "."


def _message(subject: str, breaches: Sequence[Breach], context_text: str) -> str:
    return f"{subject} {describe(breaches[0], breaches[1:])}. {context_text} {citations(breaches)}"


@dataclass(frozen=True)
class Audience:
    """Who dials through a window: a jurisdiction list and the campaigns that bring it."""

    declared: tuple[str, ...]
    campaigns: tuple[str, ...]

    def text(self, *, unused: str) -> str:
        codes = ", ".join(self.declared)
        if not self.campaigns:
            return f"{unused}, so it was checked against the project's jurisdictions ({codes})."
        names = ", ".join(f"'{name}'" for name in self.campaigns[:3])
        more = f" and {len(self.campaigns) - 3} more" if len(self.campaigns) > 3 else ""
        plural = "s" if len(self.campaigns) > 1 else ""
        return f"It applies to campaign{plural} {names}{more} (jurisdictions {codes})."


def audiences(users: Iterable[tuple[str, tuple[str, ...]]], defaults: tuple[str, ...]) -> list[Audience]:
    """Campaigns grouped by jurisdiction list; the project's defaults when there are none."""
    grouped: dict[tuple[str, ...], list[str]] = {}
    for name, declared in users:
        grouped.setdefault(declared, []).append(name)
    if not grouped:
        return [Audience(defaults, ())]
    return [Audience(declared, tuple(names)) for declared, names in grouped.items()]


def _finding(resource: Resource, path: tuple[str | int, ...], message: str) -> Finding:
    return finding(
        Code.CALLING_HOURS, message, address=resource.address, source=resource.location_of(("spec", *path))
    )


# --- Genesys callable time sets -------------------------------------------------------------------


def _callable_time_sets(context: CheckContext, year: int) -> Iterator[Finding]:
    users: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for campaign in context.resources("genesys", "Campaign"):
        name = campaign.document.spec.callable_time_set
        if name is not None:
            users.setdefault(name, []).append((campaign.name, context.jurisdictions_of(campaign)))
    for resource in context.resources("genesys", "CallableTimeSet"):
        groups = audiences(users.get(resource.name, ()), context.default_jurisdictions)
        for i, entry in enumerate(resource.document.spec.callable_times):
            zone = entry.time_zone_id
            for j, slot in enumerate(entry.time_slots):
                span = Span.of(slot.day, slot.start_time, slot.stop_time)
                for audience in groups:
                    breaches = reach((span,), zone, audience.declared, year)
                    if breaches:
                        subject = f"Callable time set '{resource.name}': the slot {span.text()} in {zone}"
                        used = audience.text(unused="No campaign uses it")
                        path = ("callable_times", i, "time_slots", j)
                        yield _finding(resource, path, _message(subject, breaches, used))


# --- Genesys automatic time-zone mapping ----------------------------------------------------------


def _daily(earliest: str | None, latest: str | None) -> tuple[Span, ...]:
    """A window open every day; a missing bound leaves that side open (midnight)."""
    return tuple(Span.of(day, earliest or "00:00", latest or "24:00") for day in range(1, 8))


def _mapping_users(context: CheckContext) -> list[tuple[str, tuple[str, ...]]]:
    """Campaigns whose contact list maps time zones (from the manifests, else the live org)."""
    found = []
    for campaign in context.resources("genesys", "Campaign"):
        name = campaign.document.spec.contact_list
        if referenced_field(context, "ContactList", name, "automatic_time_zone_mapping") is True:
            found.append((campaign.name, context.jurisdictions_of(campaign)))
    return found


def _time_zone_mapping(context: CheckContext, year: int) -> Iterator[Finding]:
    windows = [
        (resource, index, window)
        for resource in context.resources("genesys", "OutboundSettings")
        for index, window in enumerate(_callable_windows(resource))
    ]
    if not windows:
        return
    groups = audiences(_mapping_users(context), context.default_jurisdictions)
    for resource, index, window in windows:
        subject = f"Outbound settings '{resource.name}': the automatic time-zone mapping window"
        for audience in groups:
            used = audience.text(unused="No campaign's contact list maps time zones")
            for side, slot in (("mapped", window.mapped), ("unmapped", window.unmapped)):
                if slot is None:
                    continue
                spans = _daily(slot.earliest_callable_time, slot.latest_callable_time)
                zone = getattr(slot, "time_zone_id", None)
                if side == "mapped":
                    breaches = reach(spans, None, audience.declared, year)
                    text = f"{subject} for mapped contacts ({_bounds(slot)} in each contact's own zone)"
                else:
                    breaches = reach(spans, zone, audience.declared, year, anywhere=True)
                    text = (
                        f"{subject} for contacts whose zone is unknown ({_bounds(slot)} in "
                        f"{zone or 'their own zone'}; they may live anywhere the jurisdictions reach)"
                    )
                if breaches:
                    path = ("automatic_time_zone_mapping", "callable_windows", index, side)
                    yield _finding(resource, path, _message(text, breaches, used))


def _callable_windows(resource: Resource) -> list[CallableWindow]:
    mapping = resource.document.spec.automatic_time_zone_mapping
    return list(mapping.callable_windows or ()) if mapping is not None else []


def _bounds(slot: AtzmTimeSlot) -> str:
    return f"{slot.earliest_callable_time or '00:00'}-{slot.latest_callable_time or '24:00'}"


# --- CXone skills ---------------------------------------------------------------------------------


def effective_spec(context: CheckContext, resource: Resource) -> dict[str, Any]:
    """A skill's settings as they will be: the manifest's fields over the live skill's (plan time)."""
    declared = spec_of(resource)
    live = context.live.get(resource.address)
    if live is None:
        return declared
    merged = dict(live.essence)
    for key, value in declared.items():
        current = merged.get(key)
        merged[key] = {**current, **value} if isinstance(value, dict) and isinstance(current, dict) else value
    return merged


def iana_zone(name: str) -> str | None:
    """The IANA zone of a CXone zone name (a Windows name, or already IANA)."""
    if name in WINDOWS_ZONES:
        return WINDOWS_ZONES[name]
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


@dataclass(frozen=True)
class Dialed:
    index: int
    name: str
    zone: str
    own: tuple[Span, ...] | None
    """The zone's own daily window (override_time), else None: the business unit's curfew."""


def _dialed(resource: Resource, spec: Mapping[str, Any]) -> tuple[list[Dialed], list[Finding]]:
    dialed, unknown = [], []
    for index, entry in enumerate(spec.get("time_zones") or ()):
        if entry.get("time_zone_active_to_call") is False:
            continue
        name = str(entry.get("standard_name"))
        zone = iana_zone(name)
        if zone is None:
            message = (
                f"Skill '{resource.name}': time zone '{name}' is not a zone name the checker knows "
                "(a Windows name such as 'Eastern Standard Time', or an IANA name), so its calling hours "
                "were not checked."
            )
            unknown.append(
                finding(
                    Code.CALLING_HOURS,
                    message,
                    address=resource.address,
                    source=_location(resource, ("time_zones", index)),
                    severity=Severity.WARNING,
                )
            )
            continue
        start, end = entry.get("start_time"), entry.get("end_time")
        own = _daily(start, end) if entry.get("override_time") is True and (start or end) else None
        dialed.append(Dialed(index, name, zone, own))
    return dialed, unknown


def _schedule(spec: Mapping[str, Any]) -> tuple[tuple[Span, ...], dict[int, str]] | None:
    """The weekly run window (business-unit clock) and the field naming each day; None: not scheduled."""
    settings = spec.get("schedule_settings") or {}
    if settings.get("is_scheduled") is not True:
        return None
    spans, fields = [], {}
    for day, field in enumerate(DAY_FIELDS, start=1):
        start, end = settings.get(f"{field}_start_time"), settings.get(f"{field}_end_time")
        active = settings.get(f"{field}_is_active")
        if active is True or (active is None and (start or end)):
            span = Span.of(day, start or "00:00", end or "24:00")
            spans.append(span)
            fields[day] = f"{field}_start_time" if start else f"{field}_is_active"
    return tuple(spans), fields


def _location(resource: Resource, path: tuple[str | int, ...]) -> Location:
    return resource.location_of(("spec", *path))


def _skills(context: CheckContext, year: int) -> Iterator[Finding]:
    for resource in context.resources("cxone", "Skill"):
        spec = effective_spec(context, resource)
        declared = context.jurisdictions_of(resource)
        dialed, unknown = _dialed(resource, spec)
        yield from unknown
        schedule = _schedule(spec)
        codes = ", ".join(declared)
        if not dialed and schedule is not None and not spec.get("time_zones"):
            yield from _schedule_alone(resource, schedule, declared, year)
            continue
        for zone in dialed:
            found = _zone_breach(zone, schedule, dialed, declared, year)
            if found is not None:
                yield _zone_finding(resource, zone, found, schedule, dialed, codes)


def _zone_finding(
    resource: Resource,
    zone: Dialed,
    found: tuple[tuple[Breach, ...], str | None],
    schedule: tuple[tuple[Span, ...], dict[int, str]] | None,
    dialed: Sequence[Dialed],
    codes: str,
) -> Finding:
    breaches, business = found
    where = f"Skill '{resource.name}' dialing {zone.name} ({zone.zone}):"
    path: tuple[str | int, ...]
    if zone.own is not None:
        subject = f"{where} its window {_span_clock(zone.own[0])}"
        path = ("time_zones", zone.index)
        how = "Read together with its weekly schedule, which is kept"
    else:
        subject = f"{where} it has no window of its own (override_time is off), and its weekly schedule"
        day = schedule[1].get(breaches[0].day) if schedule is not None else None
        path = ("schedule_settings", day) if day else ("schedule_settings",)
        how = "The schedule is kept"
    note = ""
    if business is not None:
        name = next(item.name for item in dialed if item.zone == business)
        note = (
            f"{how} in the business unit's time zone, which the manifests do not give; assumed to be "
            f"{name} ({business}), one of the zones the skill dials. "
        )
    return _finding(resource, path, _message(subject, breaches, f"{note}Jurisdictions: {codes}."))


def _span_clock(span: Span) -> str:
    return f"{clock_text(span.start)}-{clock_text(span.end)}"


def _zone_breach(
    zone: Dialed,
    schedule: tuple[tuple[Span, ...], dict[int, str]] | None,
    dialed: Sequence[Dialed],
    declared: tuple[str, ...],
    year: int,
) -> tuple[tuple[Breach, ...], str | None] | None:
    """The breaches of calls to one dialed zone, and the business-unit zone assumed for the schedule."""
    if zone.own is not None:
        alone = reach(zone.own, zone.zone, declared, year)
        if not alone or schedule is None:
            return (alone, None) if alone else None
    elif schedule is None:
        return None
    for business in dict.fromkeys(item.zone for item in dialed):
        calls = window_instants(schedule[0], business, year)
        if zone.own is not None:
            calls = intersect(calls, window_instants(zone.own, zone.zone, year))
        breaches = reach_instants(calls, zone.zone, declared, year)
        if breaches:
            return breaches, business
    return None


def _schedule_alone(
    resource: Resource,
    schedule: tuple[tuple[Span, ...], dict[int, str]],
    declared: tuple[str, ...],
    year: int,
) -> Iterator[Finding]:
    """No zones listed: the schedule is the only known limit, read as the called party's clock."""
    spans, fields = schedule
    for span in spans:
        breaches = reach((span,), None, declared, year)
        if breaches:
            subject = f"Skill '{resource.name}': its weekly schedule on {span.text()}"
            note = (
                "The skill lists no time zones, so the schedule (kept in the business unit's zone, which the "
                "manifests do not give) was read as the called party's own clock; "
                f"jurisdictions {', '.join(declared)}."
            )
            yield _finding(
                resource, ("schedule_settings", fields[span.day]), _message(subject, breaches, note)
            )
