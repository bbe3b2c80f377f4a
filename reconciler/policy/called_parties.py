"""Where the called parties are: `compliance.reach` added to the jurisdictions, and the rules that bind in one zone.

`reach` (on a campaign or skill, else the project's or target's default) names the states whose residents
a campaign calls besides its jurisdictions: `nationwide` is every subdivision row of the jurisdictions'
countries (every state, DC and territory in the data for US), a list names them (`[US-FL, US-MD]`).
The reached codes are added to the jurisdictions, so every check reads them like declared ones, and a
state brings its country's rules with it. A state's (or territory's) rules bind only the called parties
in its own zones: `rows_in_zone` is the one place that selection is made, from a list of rows, so it can
be fed rows already chosen by another criterion.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from reconciler.manifest.models.call_purpose import SALES_LIVE, Calling
from reconciler.policy.calling_windows import same_clock
from reconciler.policy.jurisdictions import (
    Jurisdiction,
    applicable,
    country_of,
    covering,
    table,
    zones_of,
)

NATIONWIDE = "nationwide"
Reach = str | tuple[str, ...]
"""`nationwide`, or the reached subdivision codes (empty: nothing beyond the jurisdictions)."""


def as_reach(value: str | Iterable[str]) -> Reach:
    """A `compliance.reach` as written (`nationwide` or a list of codes) as a Reach."""
    return value if isinstance(value, str) else tuple(value)


def reached(jurisdictions: Sequence[str], reach: Reach) -> tuple[str, ...]:
    """The jurisdictions and the codes `reach` adds (nationwide: every subdivision row of their
    countries), once each, in order."""
    if reach == NATIONWIDE:
        countries = {country_of(code) for code in jurisdictions}
        added: Iterable[str] = (
            code for code in table() if code != country_of(code) and country_of(code) in countries
        )
    else:
        added = reach
    return tuple(dict.fromkeys((*jurisdictions, *added)))


def rows_in_zone(rows: Sequence[Jurisdiction], zone: str, year: int) -> list[Jurisdiction]:
    """The rows of `rows` that bind a called party in `zone`: each row one of whose zones keeps the same
    clock as `zone` all `year` (America/Detroit is in America/New_York's), and the parents of those rows
    (a state brings its country's rules); in the order of `rows`. A zone no row lists (a window read in
    the party's own clock with no zone data) is bound by every row."""
    covering = [row for row in rows if any(same_clock(zone, own, year) for own in zones_of(row))]
    if not covering:
        return list(rows)
    chosen = {row.code for row in covering}
    for row in covering:
        parent = row.parent
        while parent is not None and parent not in chosen:
            chosen.add(parent)
            parent = table()[parent].parent if parent in table() else None
    return [row for row in rows if row.code in chosen]


@cache
def zone_codes(
    declared: tuple[str, ...], zone: str, year: int, calling: Calling = SALES_LIVE
) -> tuple[str, ...]:
    """The codes of the rules that bind a called party in `zone` under `declared` (jurisdictions and
    reach) for calls of `calling` (purpose, technology): chosen by purpose first, then by zone."""
    return tuple(row.code for row in rows_in_zone(covering(applicable(declared), *calling), zone, year))


def codes_text(codes: Sequence[str]) -> str:
    """The codes for a message: a country's whole set of subdivisions reads as `every state (nationwide)`."""
    shown: list[str] = []
    for country in dict.fromkeys(country_of(code) for code in codes):
        every = [code for code in table() if code != country and country_of(code) == country]
        mine = [code for code in codes if country_of(code) == country]
        if len(every) > 1 and set(every) <= set(mine):
            rest = [code for code in mine if code not in every]
            shown.extend([*rest, f"every {country} state and territory in the data (reach: nationwide)"])
        else:
            shown.extend(mine)
    return ", ".join(shown)


def listed(names: Sequence[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
