"""The monitor's JSON report (schemas/monitor-report.schema.json): every count used, where it came from, and
what each rate is a share of - the document to keep in the compliance record."""

from __future__ import annotations

from typing import Any

from reconciler import __version__
from reconciler.diagnostics import Code, Summary
from reconciler.monitor.caps import CapMeasure, Standing
from reconciler.monitor.counts import DayCounts, Denominator
from reconciler.monitor.findings import DENOMINATOR
from reconciler.monitor.run import MonitorRun, ObjectMeasures
from reconciler.monitor.windows import Window, WindowCounts
from reconciler.render.findings import masked_findings

ORG_DENOMINATOR = {
    Denominator.ALL_CALLS: "all calls",
    Denominator.CALLS_THAT_REACHED_QUEUE: "calls that reached the queue",
    Denominator.UNKNOWN: "not read",
}
"""The org's own setting (Genesys OutboundSettings complianceAbandonRateDenominator), in words."""


def denominator_note(run: MonitorRun) -> str:
    """Which calls every rate is a share of, and which calls the platform's own abandon rate counts."""
    own = run.measured.denominator
    if own == Denominator.UNKNOWN:
        return f"rates are abandoned / {DENOMINATOR}; which calls the platform's own abandon rate counts was not read"
    return (
        f"rates are abandoned / {DENOMINATOR}; the platform's own compliance abandon rate counts "
        f"{ORG_DENOMINATOR[own]} ({own})"
    )


def _window(window: Window) -> dict[str, Any]:
    return {
        "period": str(window.period),
        "first": window.first.isoformat(),
        "last": window.last.isoformat(),
        "label": window.label(),
    }


def _counts(counts: WindowCounts) -> dict[str, Any]:
    return {
        "window": _window(counts.window),
        "attempted": counts.attempted,
        "connected": counts.connected,
        "abandoned": counts.abandoned,
        "handled": counts.handled,
        "handle_seconds": counts.handle_seconds,
        "rate_percent": None if counts.rate is None else round(counts.rate * 100, 4),
        "days_with_counts": counts.days_with_counts,
        "sources": list(counts.sources),
    }


def _measure(measure: CapMeasure) -> dict[str, Any]:
    rule = measure.rule
    return {
        "jurisdiction": rule.jurisdiction,
        "cap_percent": rule.percent,
        "citation": rule.citation,
        "standing": str(measure.standing),
        **_counts(measure.counts),
    }


def _day(day: DayCounts) -> dict[str, Any]:
    return {
        "date": day.day.isoformat(),
        "attempted": day.attempted,
        "connected": day.connected,
        "abandoned": day.abandoned,
        "handled": day.handled,
        "handle_seconds": day.handle_seconds,
        "source": day.source,
    }


def _object(item: ObjectMeasures) -> dict[str, Any]:
    target = item.target
    staffing = target.staffing
    return {
        "address": target.address,
        "kind": target.kind,
        "name": target.name,
        "jurisdictions": list(target.jurisdictions),
        "found_live": item.found_live,
        "windows": [_measure(measure) for measure in item.measures],
        "lookback": _counts(item.lookback),
        "declared_staffing": None
        if staffing is None
        else {"live_rate": staffing.live_rate, "handle_seconds": staffing.handle_seconds},
        "days": [_day(day) for day in item.days],
    }


def standings(run: MonitorRun) -> dict[str, int]:
    """How many windows stand over, near and within their caps, and how many had no live-answered call."""
    counted = {str(standing): 0 for standing in Standing}
    for item in run.objects:
        for measure in item.measures:
            counted[str(measure.standing)] += 1
    return counted


def report_document(run: MonitorRun) -> dict[str, Any]:
    """The full report: per object per window the counts, rate, cap and citation; the days they sum."""
    findings = masked_findings(run.findings)
    counts = Summary.of(findings).counts
    return {
        "format_version": "1",
        "tool_version": __version__,
        "command": "monitor",
        "target": {"name": run.target_name, "platform": run.platform},
        "as_of": run.as_of.isoformat(),
        "time_zone": run.time_zone,
        "warn_at_percent_of_cap": run.warn_at_percent_of_cap,
        "denominator": {
            "rates": f"abandoned / {DENOMINATOR}",
            "org_setting": str(run.measured.denominator),
            "note": denominator_note(run),
        },
        "requests": run.measured.requests,
        "objects": [_object(item) for item in run.objects],
        "findings": [item.to_dict() for item in findings],
        "summary": {
            "error": counts["error"],
            "warning": counts["warning"],
            "over_cap": run.over_cap,
            "windows": standings(run),
            "breaches": sum(1 for item in findings if item.code == Code.ABANDON_MEASURED),
        },
    }
