"""CALLING-HOURS for CXone skills: each zone a skill dials, and its weekly schedule, against the skill's
jurisdictions (developer.niceincontact.com/API/AdminAPI).

A skill dials the zones of `time_zones` that are active to call. With override_time a zone has its own
start/end; otherwise the business unit's dialing curfew applies, which the manifests do not give. The
weekly schedule_settings (used only with is_scheduled: true) are read in the business unit's time zone,
which the manifests do not give either. Calls need both the schedule and the zone's window, so what is
checked is:
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

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reconciler.diagnostics import Finding, Severity
from reconciler.manifest.resource import Resource
from reconciler.platform import Platform
from reconciler.policy.called_parties import codes_text
from reconciler.policy.calling_hours_reach import (
    daily,
    finding_message,
    hours_finding,
    reach,
    reach_instants,
)
from reconciler.policy.calling_nature import calling_text
from reconciler.policy.calling_windows import Breach, Span, clock_text, intersect, window_instants
from reconciler.policy.context import CheckContext, spec_of

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
            unknown.append(hours_finding(resource, ("time_zones", index), message, severity=Severity.WARNING))
            continue
        start, end = entry.get("start_time"), entry.get("end_time")
        own = daily(start, end) if entry.get("override_time") is True and (start or end) else None
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


def skills(context: CheckContext, year: int) -> Iterator[Finding]:
    """The CALLING-HOURS findings of every CXone skill (and a warning for each zone name not known)."""
    for resource in context.resources(Platform.CXONE, "Skill"):
        spec = effective_spec(context, resource)
        declared = context.jurisdictions_of(resource)
        calling = context.calling_of(resource)
        dialed, unknown = _dialed(resource, spec)
        yield from unknown
        schedule = _schedule(spec)
        codes = codes_text(declared) + calling_text(calling)
        if not dialed and schedule is not None and not spec.get("time_zones"):
            yield from _schedule_alone(resource, schedule, declared, year, calling)
            continue
        for zone in dialed:
            found = _zone_breach(zone, schedule, dialed, declared, year, calling)
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
    return hours_finding(resource, path, finding_message(subject, breaches, f"{note}Jurisdictions: {codes}."))


def _span_clock(span: Span) -> str:
    return f"{clock_text(span.start)}-{clock_text(span.end)}"


def _zone_breach(
    zone: Dialed,
    schedule: tuple[tuple[Span, ...], dict[int, str]] | None,
    dialed: Sequence[Dialed],
    declared: tuple[str, ...],
    year: int,
    calling: tuple[str, str],
) -> tuple[tuple[Breach, ...], str | None] | None:
    """The breaches of calls to one dialed zone, and the business-unit zone assumed for the schedule."""
    if zone.own is not None:
        alone = reach(zone.own, zone.zone, declared, year, calling=calling)
        if not alone or schedule is None:
            return (alone, None) if alone else None
    elif schedule is None:
        return None
    for business in dict.fromkeys(item.zone for item in dialed):
        calls = window_instants(schedule[0], business, year)
        if zone.own is not None:
            calls = intersect(calls, window_instants(zone.own, zone.zone, year))
        breaches = reach_instants(calls, zone.zone, declared, year, calling)
        if breaches:
            return breaches, business
    return None


def _schedule_alone(
    resource: Resource,
    schedule: tuple[tuple[Span, ...], dict[int, str]],
    declared: tuple[str, ...],
    year: int,
    calling: tuple[str, str],
) -> Iterator[Finding]:
    """No zones listed: the schedule is the only known limit, read as the called party's clock."""
    spans, fields = schedule
    for span in spans:
        breaches = reach((span,), None, declared, year, calling=calling)
        if breaches:
            subject = f"Skill '{resource.name}': its weekly schedule on {span.text()}"
            note = (
                "The skill lists no time zones, so the schedule (kept in the business unit's zone, which the "
                "manifests do not give) was read as the called party's own clock; "
                f"jurisdictions {codes_text(declared)}."
            )
            yield hours_finding(
                resource, ("schedule_settings", fields[span.day]), finding_message(subject, breaches, note)
            )
