"""How a weekly window reaches the called parties of its jurisdictions, and how a breach reads in a
CALLING-HOURS finding (shared by the Genesys and CXone parts of the check).

A window in a zone that keeps the clock of a zone where the jurisdiction's called parties live reaches the
parties of that zone, so its clock times are compared directly, day by day. A window in any other zone,
and an `unmapped` window, reaches every zone of the jurisdiction at the same instants: it is laid on every
date of the current year in its own zone and read in each called party's zone
(reconciler.policy.calling_windows).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from reconciler.diagnostics import Code, Finding, Severity, finding
from reconciler.manifest.resource import Resource
from reconciler.policy.calling_windows import (
    DAY_NAMES,
    Breach,
    Instants,
    Span,
    clock_breach,
    clock_text,
    instants_breach,
    same_clock,
    window_instants,
)
from reconciler.policy.jurisdictions import called_party_zones, rule, rule_codes

# --- Reaching the called party --------------------------------------------------------------------


@cache
def reach(
    spans: tuple[Span, ...],
    zone: str | None,
    declared: tuple[str, ...],
    year: int,
    anywhere: bool = False,
    calling: tuple[str, str] = ("sales", "live"),
) -> tuple[Breach, ...]:
    """Breaches of weekly `spans` given in `zone` (None: each called party's own clock) for the called
    parties of the `declared` jurisdictions, under the rules covering `calling` (purpose, technology);
    `anywhere`: the parties may be in any of their zones."""
    codes = rule_codes(declared, *calling)
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


def reach_instants(
    calls: Instants,
    zone: str,
    declared: tuple[str, ...],
    year: int,
    calling: tuple[str, str] = ("sales", "live"),
) -> tuple[Breach, ...]:
    """Breaches of calls at `calls` instants to parties in `zone` (or, when no called party lives in a
    zone with its clock, to parties in every zone of the jurisdictions), under the rules covering
    `calling` (purpose, technology)."""
    codes = rule_codes(declared, *calling)
    parties = called_party_zones(declared)
    own = not parties or any(same_clock(zone, party, year) for party in parties)
    targets = (zone,) if own else parties
    return tuple(filter(None, (instants_breach(calls, party, codes, year) for party in targets)))


# --- Messages -------------------------------------------------------------------------------------


def _names(codes: Sequence[str]) -> str:
    return " and ".join(rule(code).name for code in codes)


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
    return "Rule: " + "; ".join(rule(code).cite() for code in codes) + "."


def finding_message(subject: str, breaches: Sequence[Breach], context_text: str) -> str:
    return f"{subject} {describe(breaches[0], breaches[1:])}. {context_text} {citations(breaches)}"


def hours_finding(
    resource: Resource, path: tuple[str | int, ...], message: str, *, severity: Severity | None = None
) -> Finding:
    """A CALLING-HOURS finding on the field at `path` under the resource's spec."""
    return finding(
        Code.CALLING_HOURS,
        message,
        address=resource.address,
        source=resource.location_of(("spec", *path)),
        severity=severity,
    )


def daily(earliest: str | None, latest: str | None) -> tuple[Span, ...]:
    """A window open every day; a missing bound leaves that side open (midnight)."""
    return tuple(Span.of(day, earliest or "00:00", latest or "24:00") for day in range(1, 8))
