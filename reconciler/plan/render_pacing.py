"""The `pacing` section of a plan change for the terminal and for a pull-request comment: predicted abandon
rate (interval, period), utilization and live connects per agent-hour, before and after."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from reconciler.pacing.predict import percent

SIDES = ("before", "after")


def _heading(pacing: Mapping[str, Any]) -> str:
    cap = pacing.get("cap_percent")
    bound = (
        f"; {pacing['jurisdiction']} cap {cap:g} %, measured {pacing['period']}"
        if cap is not None and pacing.get("period")
        else ""
    )
    return f"pacing predicted for {pacing['agents']} agents (information, not a finding{bound})"


def _abandon(figures: Mapping[str, Any]) -> str:
    low, high = figures["abandon_rate_ci"]
    days = figures["simulated_days"]
    interval = f" (95 % CI {percent(low)} to {percent(high)}, {days} simulated days)" if days else ""
    return f"{percent(figures['abandon_rate'])}{interval}"


def _side_text(pacing: Mapping[str, Any], side: str) -> str:
    figures = pacing.get(side)
    if figures is None:
        return f"{side}: {pacing.get(side + '_note') or 'no prediction'}"
    return (
        f"{side}: abandon {_abandon(figures)}, utilization {figures['utilization'] * 100:.0f} %, "
        f"{figures['connects_per_agent_hour']:.1f} live connects per agent-hour — {figures['settings']}"
    )


def pacing_lines(change: Mapping[str, Any]) -> list[str]:
    """Plain-text lines (no markup) for a change's pacing section; empty when it has none."""
    pacing = change.get("pacing")
    if not pacing:
        return []
    return [f"    {_heading(pacing)}:", *(f"      {_side_text(pacing, side)}" for side in SIDES)]


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def pacing_markdown(change: Mapping[str, Any]) -> str:
    """A table under a change's details block; empty when the change has no pacing section."""
    pacing = change.get("pacing")
    if not pacing:
        return ""
    rows = [  # the blank line ends the </details> HTML block, so the table renders as markdown
        f"\n**Pacing** `{change['address']}`: {_cell(_heading(pacing))}\n",
        "| | abandon rate | utilization | live connects per agent-hour | settings |",
        "|---|---:|---:|---:|---|",
    ]
    for side in SIDES:
        figures = pacing.get(side)
        if figures is None:
            note = pacing.get(side + "_note") or "no prediction"
            rows.append(f"| {side} | — | — | — | {_cell(note)} |")
            continue
        rows.append(
            f"| {side} | {_cell(_abandon(figures))} | {figures['utilization'] * 100:.0f} % | "
            f"{figures['connects_per_agent_hour']:.1f} | {_cell(figures['settings'])} |"
        )
    return "\n".join(rows) + "\n"
