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
from dataclasses import replace
from functools import cache

from reconciler.diagnostics import Code, Finding, Severity, finding
from reconciler.manifest.models.call_purpose import SALES_LIVE, Calling
from reconciler.manifest.resource import Resource
from reconciler.policy.called_parties import listed, zone_codes
from reconciler.policy.calling_windows import (
    DAY_NAMES,
    Breach,
    Instants,
    Span,
    clock_breach,
    clock_text,
    fixed_clocks,
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
    calling: Calling = SALES_LIVE,
) -> tuple[Breach, ...]:
    """Breaches of weekly `spans` given in `zone` (None: each called party's own clock) for the called
    parties of the `declared` jurisdictions, under the rules covering `calling` (purpose, technology);
    `anywhere`: the parties may be in any of their zones. In each party's zone only the rules of that
    zone bind (reconciler.policy.called_parties)."""
    parties = called_party_zones(declared)
    if zone is None or not parties:
        codes = rule_codes(declared, *calling)
        first = next(filter(None, (_clock(span, codes) for span in spans)), None)
        if first is None and parties and set(fixed_clocks(codes)) != {None}:
            # clock times cannot see an hour a fixed clock (Mississippi's CST) moves: each party's real dates
            return tuple(filter(None, (_direct(spans, declared, party, year, calling) for party in parties)))
        return () if first is None else (first,)
    if not anywhere and any(same_clock(zone, party, year) for party in parties):
        return tuple(filter(None, (_direct(spans, declared, zone, year, calling),)))
    calls = window_instants(spans, zone, year)
    found: list[Breach] = []
    for party in parties:
        breach = (
            _direct(spans, declared, party, year, calling)
            if same_clock(zone, party, year)
            else _instants(calls, party, declared, year, calling)
        )
        if breach is not None:
            found.append(breach)
    return tuple(found)


def reach_instants(
    calls: Instants, zone: str, declared: tuple[str, ...], year: int, calling: Calling = SALES_LIVE
) -> tuple[Breach, ...]:
    """Breaches of calls at `calls` instants to parties in `zone` (or, when no called party lives in a
    zone with its clock, to parties in every zone of the jurisdictions), under the rules covering
    `calling` (purpose, technology)."""
    parties = called_party_zones(declared)
    own = not parties or any(same_clock(zone, party, year) for party in parties)
    targets = (zone,) if own else parties
    return tuple(filter(None, (_instants(calls, party, declared, year, calling) for party in targets)))


def _clock(span: Span, codes: tuple[str, ...]) -> Breach | None:
    """`clock_breach` of `span` under `codes`, with the states whose own hours it breaks."""
    breach = clock_breach(span, codes)
    if breach is None:
        return None
    return replace(breach, broken=tuple(code for code in _states(codes) if clock_breach(span, (code,))))


def _direct(
    spans: tuple[Span, ...], declared: tuple[str, ...], party: str, year: int, calling: Calling
) -> Breach | None:
    """The first breach of `spans`, read as the clock of `party`, of the rules that bind in `party`."""
    codes = zone_codes(declared, party, year, calling)
    if set(fixed_clocks(codes)) != {None}:  # hours fixed in another clock (Mississippi): on real dates
        return _instants(window_instants(spans, party, year), party, declared, year, calling)
    return next(filter(None, (_clock(span, codes) for span in spans)), None)


def _instants(
    calls: Instants, party: str, declared: tuple[str, ...], year: int, calling: Calling
) -> Breach | None:
    """`instants_breach` of `calls` to `party` under the rules that bind there, naming the states broken."""
    codes = zone_codes(declared, party, year, calling)
    breach = instants_breach(calls, party, codes, year)
    if breach is None:
        return None
    broken = tuple(code for code in _states(codes) if instants_breach(calls, party, (code,), year))
    return replace(breach, broken=broken)


def _states(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The subdivision rows among `codes` that fix hours of their own."""
    return tuple(code for code in codes if rule(code).parent is not None and rule(code).hours is not None)


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
        clock = (
            "local time"
            if breach.clock is None
            else f"in {breach.clock} (a fixed clock, no daylight saving time)"
        )
        rule = (
            f"{_names(breach.setters)}{together} {verb} calls only {breach.allowed.text()} {clock} on {day}s"
        )
    rule += _residents(breach)
    if breach.zone is None or breach.calls is None or breach.date is None:
        return f"allows calls at {outside} local time on {day}, but {rule}"
    season = "daylight saving time" if breach.summer_time else "standard time"
    seen = f"{clock_text(breach.calls[0])}-{clock_text(breach.calls[1])}"
    text = (
        f"reaches called parties in {breach.zone} at {seen} their local time "
        f"(first on {day} {breach.date.isoformat()}, {season}), "
        f"so calls at {outside} are outside hours: {rule}"
    )
    also = [_zone_states(other) for other in others if other.zone]
    return text + (f" (also outside hours in {', '.join(also)})" if also else "")


def _residents(breach: Breach) -> str:
    """The states whose own hours the calls break, when they are more than the rule named."""
    if not set(breach.broken) - set(breach.setters):
        return ""
    where = " there" if breach.zone is not None else ""
    names = listed(sorted(set(map(_place, breach.broken))))
    return f"; the window reaches residents of {names}{where}, and breaks each of their states' hours"


def _place(code: str) -> str:
    """The state a rule belongs to (US-FL/collection: Florida)."""
    return rule(code.split("/", 1)[0]).name


def _zone_states(breach: Breach) -> str:
    names = sorted(set(map(_place, breach.broken)))
    return f"{breach.zone} ({listed(names)} residents)" if names else f"{breach.zone}"


def citations(breaches: Iterable[Breach]) -> str:
    codes = dict.fromkeys(code for breach in breaches for code in (*breach.setters, *breach.broken))
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
