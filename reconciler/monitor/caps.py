"""Measured abandonment against each cap an object's jurisdictions set, window by window."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from reconciler.manifest.models.call_purpose import SALES_LIVE, Calling
from reconciler.monitor.counts import DayCounts
from reconciler.monitor.windows import Period, WindowCounts, sum_window, windows_of
from reconciler.policy.jurisdictions import applicable, covering


@dataclass(frozen=True)
class CapRule:
    """One jurisdiction's abandonment cap and the period it is measured over, with its citation."""

    jurisdiction: str
    percent: float
    period: Period
    citation: str


class Standing(StrEnum):
    OVER = "over"
    NEAR = "near"
    WITHIN = "within"
    NO_LIVE_CALLS = "no-live-calls"


@dataclass(frozen=True)
class CapMeasure:
    """One window's counts compared with one cap."""

    rule: CapRule
    counts: WindowCounts
    standing: Standing


def cap_rules(jurisdictions: Iterable[str], calling: Calling = SALES_LIVE) -> tuple[CapRule, ...]:
    """The caps that bind for these jurisdiction codes (a state brings its parent's), as data says them,
    of the rules that cover calls of this (purpose, technology)."""
    return tuple(
        CapRule(
            jurisdiction=row.code,
            percent=float(row.abandon_cap_percent),
            period=Period(row.abandon_period),
            citation=row.cite(),
        )
        for row in covering(applicable(tuple(jurisdictions)), *calling)
        if row.abandon_cap_percent is not None and row.abandon_period is not None
    )


def standing_of(counts: WindowCounts, *, cap_percent: float, warn_at_percent_of_cap: float) -> Standing:
    """Over when abandoned / connected exceeds the cap; near at or above the warning share of it (exact
    arithmetic: 30 of 1,000 is at a 3 % cap, not over it)."""
    if counts.connected == 0:
        return Standing.NO_LIVE_CALLS
    rate = Fraction(counts.abandoned, counts.connected) * 100
    cap = Fraction(str(cap_percent))
    if rate > cap:
        return Standing.OVER
    if rate >= cap * Fraction(str(warn_at_percent_of_cap)) / 100:
        return Standing.NEAR
    return Standing.WITHIN


def measure_caps(
    rules: Sequence[CapRule], days: Sequence[DayCounts], *, as_of: date, warn_at_percent_of_cap: float
) -> tuple[CapMeasure, ...]:
    """Every window of every rule, summed from `days` (one object's) and compared with its cap."""
    measures = []
    for rule in rules:
        for window in windows_of(rule.period, as_of):
            counts = sum_window(window, days)
            standing = standing_of(
                counts, cap_percent=rule.percent, warn_at_percent_of_cap=warn_at_percent_of_cap
            )
            measures.append(CapMeasure(rule=rule, counts=counts, standing=standing))
    return tuple(measures)
