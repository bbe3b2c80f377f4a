"""ABANDON-MEASURED and PACING-CALIBRATION (ARCHITECTURE.md §6): what a measured window says about a cap and
about the declared staffing, each naming the campaign, the window, the counts and what they are compared with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reconciler.diagnostics import Code, Finding, Severity, finding
from reconciler.exceptions import Location
from reconciler.manifest.models.base import Staffing
from reconciler.manifest.models.call_purpose import SALES_LIVE, Calling
from reconciler.monitor.caps import CapMeasure, Standing
from reconciler.monitor.windows import WindowCounts

DENOMINATOR = "live-answered (connected) calls"
"""What every rate the monitor gives is a share of: the calls 47 CFR 64.1200(a)(7) and 16 CFR
310.4(b)(4)(i) measure against (answered by a live person)."""


@dataclass(frozen=True)
class Monitored:
    """A managed Genesys campaign or CXone outbound skill, as its manifest declares it."""

    platform: str
    kind: str
    name: str
    address: str
    jurisdictions: tuple[str, ...]
    staffing: Staffing | None
    source: Location | None
    calling: Calling = SALES_LIVE
    """Why and how it calls (purpose, technology): only the caps of rules covering them are measured."""


def percent_text(share: float) -> str:
    return f"{share * 100:.2f} %"


def _counts_text(counts: WindowCounts) -> str:
    return f"{counts.abandoned:,} abandoned / {counts.connected:,} {DENOMINATOR}"


def abandon_findings(
    target: Monitored, measures: Sequence[CapMeasure], *, warn_at_percent_of_cap: float
) -> list[Finding]:
    """One finding per window over its cap (error) or at the warning share of it (warning)."""
    found = []
    for measure in measures:
        rule, counts, rate = measure.rule, measure.counts, measure.counts.rate
        if measure.standing not in (Standing.OVER, Standing.NEAR) or rate is None:
            continue
        if measure.standing == Standing.OVER:
            verdict, severity = f"over the {rule.percent:g} % cap", Severity.ERROR
        else:
            verdict = (
                f"at {rate * 10_000 / rule.percent:.0f} % of the {rule.percent:g} % cap "
                f"(monitor.warn_at_percent_of_cap: {warn_at_percent_of_cap:g})"
            )
            severity = Severity.WARNING
        found.append(
            finding(
                Code.ABANDON_MEASURED,
                f"{target.kind} '{target.name}': {_counts_text(counts)}, {percent_text(rate)}, over the "
                f"{counts.window.label()}, {verdict} of {rule.jurisdiction} ({rule.citation})",
                address=target.address,
                source=target.source,
                severity=severity,
            )
        )
    return found


def calibration_findings(
    target: Monitored, counts: WindowCounts, *, tolerance_percent: float
) -> list[Finding]:
    """PACING-CALIBRATION when the measured live-answer rate or handle time strays from `compliance.staffing`
    by more than the tolerance (a share of the declared value), with the measured values to paste in."""
    staffing = target.staffing
    if staffing is None or counts.attempted == 0:
        return []
    differing: list[str] = []
    paste: list[str] = []
    live_rate = counts.connected / counts.attempted
    if _strays(live_rate, staffing.live_rate, tolerance_percent):
        differing.append(
            f"live-answer rate {percent_text(live_rate)} ({counts.connected:,} connected / "
            f"{counts.attempted:,} attempted) where live_rate declares {staffing.live_rate:g}"
        )
        paste.append(f"live_rate: {live_rate:.3f}")
    if counts.handled and counts.handle_seconds is not None:
        handle = counts.handle_seconds / counts.handled
        if _strays(handle, staffing.handle_seconds, tolerance_percent):
            differing.append(
                f"handle time {handle:.0f} s ({counts.handled:,} handled calls) where handle_seconds "
                f"declares {staffing.handle_seconds:g}"
            )
            paste.append(f"handle_seconds: {handle:.0f}")
    if not differing:
        return []
    return [
        finding(
            Code.PACING_CALIBRATION,
            f"{target.kind} '{target.name}': {'; '.join(differing)}, measured over the "
            f"{counts.window.label()}, more than {tolerance_percent:g} % apart "
            f"(monitor.calibration_tolerance_percent); the pacing checks use the declared figures - "
            f"measured values for compliance.staffing: {', '.join(paste)}",
            address=target.address,
            source=target.source,
        )
    ]


def _strays(measured: float, declared: float, tolerance_percent: float) -> bool:
    return abs(measured - declared) > declared * tolerance_percent / 100
