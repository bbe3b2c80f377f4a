"""RETRY-LIMIT: a jurisdiction caps calls to a person per 24 hours (FL, OK, MD: 3) and the dialer's attempt
settings allow more (§6). "Per 24 hours" is read as any 24 hours in a row, not a calendar day.

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
A contact list without attempt limits caps nothing and is raised too.

CXone (skill general/retry settings; developer.niceincontact.com/API/AdminAPI). maximum_attempts is per record and for good
(0 is read as no limit). Calls are at least minimum_retry_minutes apart, and with
restricted_calling_max_attempts / restricted_calling_minutes at most that many fall within any stretch of
that many minutes. The most calls that fit within 24 hours is counted exactly by placing each call as
early as the rules allow. The two blocks share maximum_attempts and minimum_retry_minutes; if they
disagree, the larger maximum and the shorter gap count. Calling hours are not used to thin the count
(a skill may dial several zones). At plan time the live skill fills in what the manifest leaves out; a
skill whose maximum_attempts is known nowhere is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.exceptions import Location
from reconciler.manifest.resource import Resource, address_of
from reconciler.platform import Platform
from reconciler.policy.callable_tz import MISSING, referenced_field
from reconciler.policy.calling_hours_cxone import effective_spec
from reconciler.policy.context import CheckContext
from reconciler.policy.jurisdictions import Jurisdiction, applicable, attempts_cap

DAY_MINUTES = 24 * 60


def check(context: CheckContext) -> list[Finding]:
    return [*_genesys(context), *_cxone(context)]


@cache
def _cap(declared: tuple[str, ...]) -> tuple[int, Jurisdiction] | None:
    return attempts_cap(applicable(declared))


def _rule(cap: int, row: Jurisdiction) -> str:
    return f"{row.name} allows at most {cap} calls to a person within 24 hours. Rule: {row.cite()}."


# --- Genesys --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayCount:
    """The most calls to one person within 24 hours, and how the attempt limits allow them."""

    calls: int | None
    """None: nothing caps them."""
    how: str


def genesys_day_count(limits: Mapping[str, Any] | None, phone_numbers: int) -> DayCount:
    """The most calls to one contact within 24 hours under attempt limits (None: no attempt limits)."""
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
    if reset == "NEVER":
        return DayCount(limit, f"{how} (reset_period NEVER), and all of them can fall within 24 hours")
    when = (
        f"at midnight ({limits.get('time_zone_id') or 'its time zone'})"
        if reset == "TODAY"
        else f"every {reset.removeprefix('DAYS_')} days"
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
    cap: int
    row: Jurisdiction
    campaigns: list[str]
    anchor: Resource
    limits_name: str | None


def _genesys(context: CheckContext) -> Iterator[Finding]:
    limits_of: dict[str, Mapping[str, Any] | None] = {}
    excesses: dict[tuple[str, str, int, int], Excess] = {}
    for campaign in context.resources(Platform.GENESYS, "Campaign"):
        capped = _cap(context.jurisdictions_of(campaign))
        if capped is None:
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
        count = genesys_day_count(limits, len(spec.phone_columns))
        cap, row = capped
        if count.calls is not None and count.calls <= cap:
            continue
        key = (spec.contact_list, limits_name or "", cap, count.calls or 0)
        if key in excesses:
            excesses[key].campaigns.append(campaign.name)
        else:
            excesses[key] = Excess(count, cap, row, [campaign.name], campaign, limits_name)
    for excess in excesses.values():
        yield _genesys_finding(context, excess)


def _genesys_finding(context: CheckContext, excess: Excess) -> Finding:
    campaign, limits_name = excess.anchor, excess.limits_name
    list_name = campaign.document.spec.contact_list
    names = ", ".join(f"'{name}'" for name in excess.campaigns[:3])
    more = f" and {len(excess.campaigns) - 3} more" if len(excess.campaigns) > 3 else ""
    if excess.count.calls is None:
        summary = f"Contact list '{list_name}' lets one person be called any number of times within 24 hours"
    else:
        summary = (
            f"Attempt limits '{limits_name}' let one person be called up to {excess.count.calls} times "
            "within 24 hours"
        )
    dialed = f"campaign{'s' if len(excess.campaigns) > 1 else ''} {names}{more}"
    message = (
        f"{summary}: {excess.count.how}. {_rule(excess.cap, excess.row)} "
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
        capped = _cap(context.jurisdictions_of(skill))
        if capped is None:
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
        calls = most_calls(maximum, gap, burst)
        cap, row = capped
        if calls is not None and calls <= cap:
            continue
        yield _cxone_finding(skill, calls, maximum, gap, burst, cap, row)


def _cxone_finding(
    skill: Resource,
    calls: int | None,
    maximum: int | None,
    gap: int,
    burst: tuple[int, int] | None,
    cap: int,
    row: Jurisdiction,
) -> Finding:
    how = [f"maximum_attempts {maximum}" if maximum is not None else "maximum_attempts 0 (no limit)"]
    how.append(f"at least {gap} minutes apart" if gap else "no minimum_retry_minutes")
    if burst is not None:
        how.append(f"at most {burst[0]} in any {burst[1]} minutes")
    allowed = "any number of" if calls is None else f"up to {calls}"
    message = (
        f"Skill '{skill.name}' lets one record be called {allowed} times within 24 hours ({', '.join(how)}). "
        f"{_rule(cap, row)} Lower maximum_attempts or lengthen minimum_retry_minutes so that at most {cap} "
        "calls fit within 24 hours."
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
