"""Jurisdictions as data: calling windows, caps and citations, loaded from data/jurisdictions.yaml.

A campaign's (or skill's) jurisdictions are its `compliance.jurisdictions`, else the project's
`compliance.jurisdictions`; a state row (US-FL) brings its parent's rules (US) with it, and every
rule that applies binds: the narrowest window, the lowest cap. A subdivision code always brings its
country's rules, even without a row of its own (US-NY: the federal rules); a code without a row is an
error where it is written (reconciler.policy.jurisdiction_codes, reconciler.config). The windows' arithmetic on real dates
and zones is in reconciler.policy.calling_windows.

A row's own fields are one rule (a state's: its telephone-solicitation statute); `rules` adds the rules
the jurisdiction has for other purposes or technologies, each with its own citation. Every rule says what
it covers (`covers`: purposes and technologies, default sales by any technology), and a campaign is held
only to the rules that cover its purpose and technology (`covering`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from reconciler.manifest.models.call_purpose import (
    DEFAULT_PURPOSE,
    DEFAULT_TECHNOLOGY,
    PURPOSES,
    TECHNOLOGIES,
)

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Window:
    """Allowed local clock times [start, end) in minutes after midnight; end may be 24*60."""

    start: int
    end: int

    def text(self) -> str:
        return f"{_clock(self.start)}-{_clock(self.end)}"


@dataclass(frozen=True)
class Covers:
    """The purposes and technologies of the calls a rule is written for."""

    purposes: frozenset[str] = frozenset({DEFAULT_PURPOSE})
    technologies: frozenset[str] = frozenset(TECHNOLOGIES)

    def includes(self, purpose: str, technology: str) -> bool:
        return purpose in self.purposes and technology in self.technologies


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    citation: str
    effective: dt.date
    verify: bool
    parent: str | None = None
    hours: Mapping[int, Window | None] | None = None
    """ISO weekday (1 = Monday) -> window, None = closed that day; the mapping itself None: no window."""
    hours_clock: str | None = None
    """The zone the hours are read in when the rule fixes one clock (Mississippi: Etc/GMT+6, Central
    Standard Time all year); None: the called party's local time."""
    holidays: str | None = None
    """The holiday calendar on whose days no calls may be placed ("US-UT": federal and Utah legal
    holidays, reconciler.policy.holiday_calendars); None: no holiday ban."""
    max_attempts_per_24h: int | None = None
    abandon_cap_percent: float | None = None
    abandon_window: str | None = None
    abandon_period: str | None = None
    """How the monitor measures the window: rolling-30-days, calendar-day or calendar-month."""
    min_ring_seconds: float | None = None
    amd_false_positives_counted: bool = False
    """The regulator counts AMD false positives as abandoned calls and expects an estimate of them."""
    zones: tuple[str, ...] = ()
    """IANA zones its called parties live in (empty: those of its parent)."""
    max_calls_per_7_days: int | None = None
    """Cap on calls to one person about one matter within seven consecutive days (Regulation F)."""
    covers: Covers = Covers()
    rules: tuple[Jurisdiction, ...] = ()
    """The jurisdiction's rules for other purposes or technologies; code `<row code>/<rule id>`."""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def cite(self) -> str:
        note = " (rule marked [verify] in the reference)" if self.verify else ""
        return f"{self.name}: {self.citation}{note}"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(text: str) -> int:
    hours, minutes = text.strip().split(":")
    return int(hours) * 60 + int(minutes)


def _window(text: str) -> Window | None:
    if text.strip() == "closed":
        return None
    start, end = text.split("-")
    return Window(_minutes(start), _minutes(end))


def _hours(data: Mapping[str, str] | None) -> dict[int, Window | None] | None:
    if data is None:
        return None
    every = data.get("all")
    hours: dict[int, Window | None] = {}
    for number, day in enumerate(DAYS, start=1):
        text = data.get(day, every)
        hours[number] = None if text is None else _window(text)
    return hours


def _names(data: Any, known: tuple[str, ...], where: str) -> frozenset[str]:
    """A `covers` list: names from `known`, or `all`."""
    if data == "all":
        return frozenset(known)
    names = frozenset(str(item) for item in data)
    wrong = sorted(names - set(known))
    if wrong or not names:
        raise ValueError(
            f"{where}: {', '.join(wrong) or 'nothing'} is not one of {', '.join(known)} or 'all'"
        )
    return names


def _covers(data: Mapping[str, Any] | None, where: str) -> Covers:
    """A rule's `covers` (purposes, technologies); each left out: sales, every technology."""
    data = data or {}
    return Covers(
        purposes=_names(data.get("purposes", [DEFAULT_PURPOSE]), PURPOSES, f"{where} covers.purposes"),
        technologies=_names(data.get("technologies", "all"), TECHNOLOGIES, f"{where} covers.technologies"),
    )


def _rule(code: str, row: Mapping[str, Any]) -> Jurisdiction:
    """One rule: a row's own fields, or one of its `rules` (code `<row>/<id>`)."""
    return Jurisdiction(
        code=code,
        name=str(row["name"]),
        citation=str(row["citation"]),
        effective=dt.date.fromisoformat(str(row["effective"])),
        verify=bool(row.get("verify", False)),
        parent=row.get("parent"),
        hours=_hours(row.get("hours")),
        hours_clock=row.get("hours_clock"),
        holidays=row.get("holidays"),
        max_attempts_per_24h=row.get("max_attempts_per_24h"),
        abandon_cap_percent=row.get("abandon_cap_percent"),
        abandon_window=row.get("abandon_window"),
        abandon_period=row.get("abandon_period"),
        min_ring_seconds=row.get("min_ring_seconds"),
        amd_false_positives_counted=bool(row.get("amd_false_positives_counted", False)),
        zones=tuple(row.get("zones", ())),
        max_calls_per_7_days=row.get("max_calls_per_7_days"),
        covers=_covers(row.get("covers"), code),
        rules=tuple(
            _rule(
                f"{code}/{extra['id']}", {"parent": row.get("parent"), "zones": row.get("zones", ()), **extra}
            )
            for extra in row.get("rules", ())
        ),
    )


@cache
def table() -> dict[str, Jurisdiction]:
    """The jurisdictions by code, each with its own rule and its further `rules`."""
    text = (
        resources.files("reconciler.policy.data").joinpath("jurisdictions.yaml").read_text(encoding="utf-8")
    )
    rows: dict[str, dict[str, Any]] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {code: _rule(code, row) for code, row in rows.items()}


@cache
def rules_by_code() -> dict[str, Jurisdiction]:
    """Every rule by its code: each jurisdiction's own (US-FL) and its further rules (US-FL/collection)."""
    found: dict[str, Jurisdiction] = {}
    for row in table().values():
        found[row.code] = row
        found.update((rule.code, rule) for rule in row.rules)
    return found


def rule(code: str) -> Jurisdiction:
    """The rule `code` names (a jurisdiction's own, or one of its further rules)."""
    return rules_by_code()[code]


def covering(rows: Iterable[Jurisdiction], purpose: str, technology: str) -> list[Jurisdiction]:
    """The rules of `rows` (as `applicable` gives them) that cover calls of this purpose and technology:
    each row's own rule when it covers them, then each of its further rules that does. The one place the
    checks choose rules by purpose and technology."""
    found: list[Jurisdiction] = []
    for row in rows:
        found.extend(item for item in (row, *row.rules) if item.covers.includes(purpose, technology))
    return found


def known(code: str) -> bool:
    return code in table()


def country_of(code: str) -> str:
    """The country part of a code: US for US-NY (ISO 3166-2 subdivision codes), the code itself else."""
    return code.split("-", 1)[0]


def applicable(codes: Iterable[str]) -> list[Jurisdiction]:
    """The rows that bind for these codes: each known code and its parents, then its country's row and
    parents (a US-xx code always brings the federal rules, with or without a row), once each, in order.
    A code without a row adds only its country's rules: `unknown` lists it, and it is an error where
    it is written."""
    rows = table()
    result: list[Jurisdiction] = []
    for code in codes:
        for start in dict.fromkeys((code, country_of(code))):
            current: str | None = start
            while current is not None and current in rows:
                row = rows[current]
                if row not in result:
                    result.append(row)
                current = row.parent
    return result


def unknown(codes: Iterable[str]) -> list[str]:
    return [code for code in codes if code not in table()]


def unknown_problem(code: str) -> str:
    """What to say about a code without a data row: which ones exist, and what is still checked."""
    country = country_of(code)
    still = (
        f" (only the rules of {country}, {table()[country].name}, are checked for it)"
        if country != code and country in table()
        else ""
    )
    return (
        f"jurisdiction '{code}' has no rules in the jurisdiction data{still}; "
        f"known jurisdictions: {', '.join(sorted(table()))}"
    )


@cache
def rule_codes(
    declared: tuple[str, ...], purpose: str = DEFAULT_PURPOSE, technology: str = DEFAULT_TECHNOLOGY
) -> tuple[str, ...]:
    """The codes of the rules that bind calls of this purpose and technology for `declared` (each known
    code and its parents, `covering` them)."""
    return tuple(row.code for row in covering(applicable(declared), purpose, technology))


def zones_of(row: Jurisdiction) -> tuple[str, ...]:
    """The zones a row's called parties live in: its own, else its nearest parent's."""
    rows = table()
    current: Jurisdiction | None = row
    while current is not None and not current.zones:
        current = rows.get(current.parent) if current.parent is not None else None
    return current.zones if current is not None else ()


def called_party_zones(codes: Iterable[str]) -> tuple[str, ...]:
    """Where the called parties of these jurisdictions live: each code's zones, else its nearest
    parent's; once each, in order. A code without a row adds its country's zones (none if unknown)."""
    rows = table()
    found: list[str] = []
    for code in codes:
        row = rows.get(code) or rows.get(country_of(code))
        if row is not None:
            found.extend(zone for zone in zones_of(row) if zone not in found)
    return tuple(found)


def lowest_cap(rows: Iterable[Jurisdiction]) -> tuple[float, Jurisdiction] | None:
    """The lowest abandon cap among `rows`, with the row that sets it."""
    capped = [(row.abandon_cap_percent, row) for row in rows if row.abandon_cap_percent is not None]
    if not capped:
        return None
    return min(capped, key=lambda item: item[0])


def longest_ring(rows: Iterable[Jurisdiction]) -> tuple[float, Jurisdiction] | None:
    """The longest minimum ring time among `rows` (the strictest), with the row that sets it."""
    timed = [(row.min_ring_seconds, row) for row in rows if row.min_ring_seconds is not None]
    if not timed:
        return None
    return max(timed, key=lambda item: item[0])


def attempts_cap(rows: Iterable[Jurisdiction]) -> tuple[int, Jurisdiction] | None:
    capped = [(row.max_attempts_per_24h, row) for row in rows if row.max_attempts_per_24h is not None]
    if not capped:
        return None
    return min(capped, key=lambda item: item[0])
