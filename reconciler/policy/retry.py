"""RETRY-LIMIT: a jurisdiction caps calls to a person per 24 hours (FL, OK, MD: 3), or Regulation F caps
debt-collection calls about one debt at 7 within seven consecutive days (12 CFR 1006.14(b)(2)(i)), and
the dialer's attempt settings allow more (§6). "Per 24 hours" is read as any 24 hours in a row, not a
calendar day; Regulation F's "seven consecutive days" as seven calendar days. Only the caps of rules that
cover the campaign's purpose and technology count (reconciler.policy.jurisdictions.covering).

Genesys (campaign -> contact list -> attempt limits; AttemptLimits, purecloudplatformclientv2). The API defines both limits
as the number of times a contact (or a phone number) "can be called within the resetPeriod", so every
call counts, recalls included: recall entries schedule calls inside the limits and cannot raise them.
Calls to one person within a period are at most the per-contact limit, and at most the per-number limit
times the phone columns the campaign dials (whichever is lower). Then by reset period:
- NEVER: the limit holds for all time, so at most the limit fall within 24 hours.
- TODAY: the count starts again at midnight (time_zone_id). Any 24 hours in a row contain one midnight,
  and calling hours leave time on both sides of it, so the last calls of one day and the first of the
  next can all fall within 24 hours: twice the limit.
- DAYS_n: the same, once every n days; where a period starts is not documented, so a 24-hour stretch is
  assumed to be able to hold the end of one period and the start of the next: twice the limit.
Within seven calendar days: NEVER, the limit; TODAY, seven periods (seven times the limit); DAYS_n, as
many periods as seven days can touch, ceil(6/n) + 1.
Regulation F's second presumption (no call within seven days after a telephone conversation about the
debt, 1006.14(b)(2)(i)(B)) depends on call outcomes, not on these settings, and is not checked.
A contact list without attempt limits caps nothing and is raised too.

CXone (skill general/retry settings; developer.niceincontact.com/API/AdminAPI). maximum_attempts is per record and for good
(0 is read as no limit). Calls are at least minimum_retry_minutes apart, and with
restricted_calling_max_attempts / restricted_calling_minutes at most that many fall within any stretch of
that many minutes. The most calls that fit within 24 hours (or seven days) is counted exactly by placing each call as
early as the rules allow. The two blocks share maximum_attempts and minimum_retry_minutes; if they
disagree, the larger maximum and the shorter gap count. Calling hours are not used to thin the count
(a skill may dial several zones). At plan time the live skill fills in what the manifest leaves out; a
skill whose maximum_attempts is known nowhere is not checked.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.exceptions import Location
from reconciler.manifest.resource import Resource, address_of
from reconciler.platform import Platform
from reconciler.policy.callable_tz import MISSING, referenced_field
from reconciler.policy.calling_hours_cxone import effective_spec
from reconciler.policy.context import CheckContext
from reconciler.policy.jurisdictions import Jurisdiction, attempts_cap

DAY_MINUTES = 24 * 60
WEEK_DAYS = 7


def check(context: CheckContext) -> list[Finding]:
    return [*_genesys(context), *_cxone(context)]


@dataclass(frozen=True)
class Cap:
    """At most `calls` calls to one person within `days` (1: any 24 hours; 7: seven consecutive days)."""

    calls: int
    days: int
    row: Jurisdiction

    @property
    def span(self) -> str:
        return "within 24 hours" if self.days == 1 else "within seven consecutive days"

    def rule(self) -> str:
        about = " about one debt" if self.days == WEEK_DAYS else ""
        return (
            f"{self.row.name} allows at most {self.calls} calls to a person{about} {self.span}. "
            f"Rule: {self.row.cite()}."
        )


def caps(rules: Sequence[Jurisdiction]) -> list[Cap]:
    """The lowest per-24-hours cap and the lowest per-seven-days cap among `rules`, each if any."""
    found = []
    daily = attempts_cap(rules)
    if daily is not None:
        found.append(Cap(daily[0], 1, daily[1]))
    weekly = [(row.max_calls_per_7_days, row) for row in rules if row.max_calls_per_7_days is not None]
    if weekly:
        calls, row = min(weekly, key=lambda item: item[0])
        found.append(Cap(calls, WEEK_DAYS, row))
    return found


# --- Genesys --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayCount:
    """The most calls to one person within 24 hours, and how the attempt limits allow them."""

    calls: int | None
    """None: nothing caps them."""
    how: str


def genesys_day_count(limits: Mapping[str, Any] | None, phone_numbers: int, days: int = 1) -> DayCount:
    """The most calls to one contact within 24 hours (`days` 7: seven consecutive days) under attempt
    limits (None: no attempt limits)."""
    if limits is None:
        return DayCount(None, "it names no attempt limits, so nothing caps the calls")
    bounds: list[tuple[int, str]] = []
    if limits.get("max_attempts_per_contact"):
        per_contact = int(limits["max_attempts_per_contact"])
        bounds.append((per_contact, f"{per_contact} calls per contact"))
    if limits.get("max_attempts_per_number"):
        per_number = int(limits["max_attempts_per_number"])
        numbers = f"{phone_numbers} phone number{'s' if phone_numbers != 1 else ''}"
        bounds.append((per_number * phone_numbers, f"{per_number} calls per number on {numbers}"))
    if not bounds:
        return DayCount(None, "the attempt limits set no maximum, so nothing caps the calls")
    limit, how = min(bounds)
    reset = limits.get("reset_period") or "NEVER"
    span = "within 24 hours" if days == 1 else "within seven consecutive days"
    if reset == "NEVER":
        return DayCount(limit, f"{how} (reset_period NEVER), and all of them can fall {span}")
    when = (
        f"at midnight ({limits.get('time_zone_id') or 'its time zone'})"
        if reset == "TODAY"
        else f"every {reset.removeprefix('DAYS_')} days"
    )
    if days != 1:
        periods = math.ceil((days - 1) / (1 if reset == "TODAY" else int(reset.removeprefix("DAYS_")))) + 1
        return DayCount(
            periods * limit,
            f"{how}, counted again from zero {when} (reset_period {reset}): seven consecutive days can "
            f"hold {periods} such periods, {periods} x {limit} calls",
        )
    return DayCount(
        2 * limit,
        f"{how}, counted again from zero {when} (reset_period {reset}): the last {limit} calls before a "
        f"reset and the first {limit} after it can fall within the same 24 hours",
    )


@dataclass
class Excess:
    """Campaigns whose calls through one contact list exceed one cap."""

    count: DayCount
    cap: Cap
    campaigns: list[str]
    anchor: Resource
    limits_name: str | None


def _genesys(context: CheckContext) -> Iterator[Finding]:
    limits_of: dict[str, Mapping[str, Any] | None] = {}
    excesses: dict[tuple[str, str, int, int, int], Excess] = {}
    for campaign in context.resources(Platform.GENESYS, "Campaign"):
        capped = caps(context.rules_of(campaign))
        if not capped:
            continue
        spec = campaign.document.spec
        limits_name = referenced_field(context, "ContactList", spec.contact_list, "attempt_limits")
        if limits_name is MISSING:
            continue  # REF-MISSING reports the contact list
        if limits_name is not None and limits_name not in limits_of:
            found = context.lookup(Platform.GENESYS, "AttemptLimits", limits_name)
            limits_of[limits_name] = None if found is None else found.spec
        limits = limits_of.get(limits_name) if limits_name else None
        if limits_name and limits is None:
            continue  # REF-MISSING reports the attempt limits
        for cap in capped:
            count = genesys_day_count(limits, len(spec.phone_columns), cap.days)
            if count.calls is not None and count.calls <= cap.calls:
                continue
            key = (spec.contact_list, limits_name or "", cap.calls, cap.days, count.calls or 0)
            if key in excesses:
                excesses[key].campaigns.append(campaign.name)
            else:
                excesses[key] = Excess(count, cap, [campaign.name], campaign, limits_name)
    for excess in excesses.values():
        yield _genesys_finding(context, excess)


def _genesys_finding(context: CheckContext, excess: Excess) -> Finding:
    campaign, limits_name = excess.anchor, excess.limits_name
    list_name = campaign.document.spec.contact_list
    names = ", ".join(f"'{name}'" for name in excess.campaigns[:3])
    more = f" and {len(excess.campaigns) - 3} more" if len(excess.campaigns) > 3 else ""
    span = excess.cap.span
    if excess.count.calls is None:
        summary = f"Contact list '{list_name}' lets one person be called any number of times {span}"
    else:
        summary = (
            f"Attempt limits '{limits_name}' let one person be called up to {excess.count.calls} times {span}"
        )
    dialed = f"campaign{'s' if len(excess.campaigns) > 1 else ''} {names}{more}"
    message = (
        f"{summary}: {excess.count.how}. {excess.cap.rule()} "
        f"Dialed by {dialed} through contact list '{list_name}'."
    )
    address, source = _genesys_anchor(context, campaign, limits_name)
    return finding(Code.RETRY_LIMIT, message, address=address, source=source)


def _genesys_anchor(
    context: CheckContext, campaign: Resource, limits_name: str | None
) -> tuple[str, Location]:
    """Where the fix goes: the declared attempt limits, else the declared contact list, else the campaign."""
    if limits_name:
        limits = context.manifests.get(address_of(Platform.GENESYS, "AttemptLimits", limits_name))
        if limits is not None:
            spec = limits.document.spec
            field = "max_attempts_per_contact" if spec.max_attempts_per_contact else "max_attempts_per_number"
            return limits.address, limits.location_of(("spec", field))
    contact_list = context.manifests.get(
        address_of(Platform.GENESYS, "ContactList", campaign.document.spec.contact_list)
    )
    if contact_list is not None:
        return contact_list.address, contact_list.location_of(("spec", "attempt_limits"))
    return campaign.address, campaign.location_of(("spec", "contact_list"))


# --- CXone ----------------------------------------------------------------------------------------


def most_calls(
    maximum: int | None, gap: int, burst: tuple[int, int] | None, window: int = DAY_MINUTES
) -> int | None:
    """The most calls within `window` minutes: at most `maximum` (None: no limit), at least `gap`
    minutes apart, and at most burst[0] in any burst[1] minutes. None when nothing limits them.

    Placing each call as early as the rules allow fits the most (an earlier call never blocks more)."""
    if maximum is None and gap <= 0 and burst is None:
        return None
    times: list[int] = []
    moment = 0
    while moment < window and (maximum is None or len(times) < maximum):
        times.append(moment)
        moment = times[-1] + gap
        if burst is not None and len(times) >= burst[0]:
            moment = max(moment, times[-burst[0]] + burst[1])
    return len(times)


def _positive(*values: Any) -> list[int]:
    return [int(value) for value in values if isinstance(value, int) and value > 0]


def _cxone(context: CheckContext) -> Iterator[Finding]:
    for skill in context.resources(Platform.CXONE, "Skill"):
        capped = caps(context.rules_of(skill))
        if not capped:
            continue
        spec = effective_spec(context, skill)
        general, retry = spec.get("general_settings") or {}, spec.get("retry_settings") or {}
        maxima = [
            value
            for value in (general.get("maximum_attempts"), retry.get("maximum_attempts"))
            if value is not None
        ]
        if not maxima:
            continue
        maximum = None if 0 in maxima else max(maxima)
        gaps = _positive(general.get("minimum_retry_minutes"), retry.get("minimum_retry_minutes"))
        gap = min(gaps) if gaps else 0
        restricted = _positive(
            retry.get("restricted_calling_max_attempts"), retry.get("restricted_calling_minutes")
        )
        burst = (restricted[0], restricted[1]) if len(restricted) == 2 else None
        for cap in capped:
            calls = most_calls(maximum, gap, burst, cap.days * DAY_MINUTES)
            if calls is None or calls > cap.calls:
                yield _cxone_finding(skill, calls, maximum, gap, burst, cap)


def _cxone_finding(
    skill: Resource,
    calls: int | None,
    maximum: int | None,
    gap: int,
    burst: tuple[int, int] | None,
    cap: Cap,
) -> Finding:
    how = [f"maximum_attempts {maximum}" if maximum is not None else "maximum_attempts 0 (no limit)"]
    how.append(f"at least {gap} minutes apart" if gap else "no minimum_retry_minutes")
    if burst is not None:
        how.append(f"at most {burst[0]} in any {burst[1]} minutes")
    allowed = "any number of" if calls is None else f"up to {calls}"
    message = (
        f"Skill '{skill.name}' lets one record be called {allowed} times {cap.span} ({', '.join(how)}). "
        f"{cap.rule()} Lower maximum_attempts or lengthen minimum_retry_minutes so that at most {cap.calls} "
        f"calls fit {cap.span}."
    )
    path = _cxone_path(skill)
    return finding(Code.RETRY_LIMIT, message, address=skill.address, source=skill.location_of(path))


def _cxone_path(skill: Resource) -> tuple[str, ...]:
    spec = skill.document.spec
    for block in ("retry_settings", "general_settings"):
        settings = getattr(spec, block)
        if settings is not None and settings.maximum_attempts is not None:
            return ("spec", block, "maximum_attempts")
    return ("spec",)
