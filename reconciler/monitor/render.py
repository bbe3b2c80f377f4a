"""The monitor report as text (a terminal) and markdown (the workflow's issue): one row per object per cap,
each day of a daily cap folded into its worst day and a count of days over and near; JSON has every window."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reconciler.diagnostics import Summary
from reconciler.monitor.caps import CapMeasure, CapRule, Standing
from reconciler.monitor.run import MonitorRun, ObjectMeasures
from reconciler.monitor.windows import Period
from reconciler.render.findings import finding_line, masked_findings

SHOWN = {
    Standing.OVER: "OVER the cap",
    Standing.NEAR: "near the cap",
    Standing.WITHIN: "within",
    Standing.NO_LIVE_CALLS: "no live-answered calls",
}
PERIOD_TEXT = {
    Period.ROLLING_30_DAYS: "30 days (rolling)",
    Period.CALENDAR_DAY: "calendar day",
    Period.CALENDAR_MONTH: "calendar month",
}
MARKDOWN_LIMIT = 65_000
"""GitHub refuses an issue body over 65,536 characters."""


@dataclass(frozen=True)
class Row:
    address: str
    cap: str
    window: str
    counts: str
    rate: str
    standing: str


def _worst(measures: Sequence[CapMeasure]) -> CapMeasure:
    order = [Standing.OVER, Standing.NEAR, Standing.WITHIN, Standing.NO_LIVE_CALLS]
    return min(
        measures,
        key=lambda item: (order.index(item.standing), -(item.counts.rate or 0), item.counts.window.first),
    )


def _row(address: str, rule: CapRule, measures: Sequence[CapMeasure]) -> Row:
    worst = _worst(measures)
    counts = worst.counts
    window = counts.window.label()
    standing = SHOWN[worst.standing]
    if rule.period == Period.CALENDAR_DAY:
        over = sum(1 for item in measures if item.standing == Standing.OVER)
        near = sum(1 for item in measures if item.standing == Standing.NEAR)
        window = f"worst of {len(measures)} days: {window}"
        standing = f"{standing} ({over} day(s) over, {near} near)"
    return Row(
        address=address,
        cap=f"{rule.jurisdiction} {rule.percent:g} % per {PERIOD_TEXT[rule.period]}",
        window=window,
        counts=f"{counts.abandoned:,} / {counts.connected:,}",
        rate="-" if counts.rate is None else f"{counts.rate * 100:.2f} %",
        standing=standing,
    )


def rows(item: ObjectMeasures) -> Iterator[Row]:
    """One row per cap rule of one object (a daily rule's days folded into one row)."""
    if not item.found_live:
        yield Row(item.target.address, "-", "-", "-", "-", "not found in the live org: nothing measured")
        return
    if not item.measures:
        yield Row(item.target.address, "-", "-", "-", "-", "no jurisdiction with an abandonment cap")
        return
    grouped: dict[CapRule, list[CapMeasure]] = {}
    for measure in item.measures:
        grouped.setdefault(measure.rule, []).append(measure)
    for rule, measures in grouped.items():
        yield _row(item.target.address, rule, measures)


def heading(run: MonitorRun) -> str:
    return (
        f"Abandonment measured on target {run.target_name} ({run.platform}) up to {run.as_of} "
        f"(days in {run.time_zone})"
    )


def summary_text(run: MonitorRun) -> str:
    counts = Summary.of(run.findings).counts
    verdict = "a window is over its cap" if run.over_cap else "every window is within its cap"
    return f"{verdict}: {counts['error']} error(s), {counts['warning']} warning(s)"


def _table(cells: Sequence[tuple[str, ...]]) -> list[str]:
    """Columns padded to their widest cell, two spaces apart."""
    widths = [max(len(row[column]) for row in cells) for column in range(len(cells[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]


def render_text(run: MonitorRun, *, note: str) -> str:
    lines = [heading(run), note, ""]
    for item in run.objects:
        lines.append(f"{item.target.address} ({', '.join(item.target.jurisdictions)})")
        measured = [row for row in rows(item) if row.cap != "-"]
        if measured:
            cells = [(row.cap, row.window, row.counts, row.rate, row.standing) for row in measured]
            lines.extend(f"  {line}" for line in _table(cells))
        else:  # not found live, or no capped jurisdiction: the reason alone
            lines.extend(f"  {row.standing}" for row in rows(item))
    if not run.objects:
        lines.append(f"no managed {run.platform} campaign or skill in the manifests")
    findings = masked_findings(run.findings)
    if findings:
        lines.append("")
        lines.extend(finding_line(found) for found in findings)
    lines.extend(["", summary_text(run)])
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(run: MonitorRun, *, note: str) -> str:
    lines = [f"## {heading(run)}", "", f"**{summary_text(run)}**", "", f"_{note}._", ""]
    lines += [
        "| object | cap | window | abandoned / live-answered | rate | standing |",
        "|---|---|---|---|---|---|",
    ]
    for item in run.objects:
        lines.extend(
            "| "
            + " | ".join(_cell(text) for text in (r.address, r.cap, r.window, r.counts, r.rate, r.standing))
            + " |"
            for r in rows(item)
        )
    findings = masked_findings(run.findings)
    if findings:
        lines += ["", "### Findings", ""]
        lines.extend(f"- {_cell(finding_line(found))}" for found in findings)
    text = "\n".join(lines)
    if len(text) > MARKDOWN_LIMIT:
        text = text[:MARKDOWN_LIMIT] + "\n\n_(cut to fit an issue; the JSON report (--out) has everything)_"
    return text
