"""The plan for a terminal: whether it can be applied, the risk summary, one block per changed object
(deletes and replaces, then updates, then creates), then findings, then the summary line.

With `color=True` the text carries rich markup (print it with a rich Console, reconciler.cli.terminal);
values are escaped. Without it the text is plain: no markup at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.markup import escape

from reconciler.plan.models import Plan
from reconciler.plan.rename_hints import rename_hint
from reconciler.plan.render_pacing import pacing_lines
from reconciler.plan.render_values import (
    SYMBOLS,
    category,
    changes_computed,
    display_order,
    drift_lines,
    location_text,
    selection_lines,
    shown_lines,
    steps_text,
    summary_text,
    unmanaged_line,
)
from reconciler.plan.risk import risk_line

_STYLES = {"create": "green", "update": "yellow", "replace": "magenta", "delete": "red", "no-op": "dim"}


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def text(self, value: str) -> str:
        return escape(value) if self.color else value

    def paint(self, value: str, style: str) -> str:
        return f"[{style}]{escape(value)}[/{style}]" if self.color else value


def render_text(plan: Plan, *, color: bool = False) -> str:
    document = plan.to_dict()
    painter = _Painter(color)
    title = "Drift" if document["command"] == "drift" else "Plan"
    target = document["target"]
    lines = [painter.text(f"{title} for target {target['name']} ({target['platform']})"), ""]
    if selected := selection_lines(document):
        lines.extend([*(painter.text(line) for line in selected), ""])
    if document["command"] != "drift":  # drift reports; only a plan is applied
        lines.extend(_blocked_block(document.get("apply_blocked"), painter))
        lines.extend(_risk_block(document["risk"], painter))
    for change in display_order(document["resource_changes"]):
        if category(change) != "no-op":
            lines.extend(_change_block(change, painter))
    for entry in document["resource_drift"]:
        lines.extend(_drift_block(entry, painter))
    if document["unmanaged_numbers"]:
        lines.append(painter.text("DNC numbers kept:"))
        lines.extend(painter.text(f"  {unmanaged_line(item)}") for item in document["unmanaged_numbers"])
        lines.append("")
    changed = any(category(change) != "no-op" for change in document["resource_changes"])
    if not changed and not document["resource_drift"] and changes_computed(document):
        lines.extend([painter.text("No changes: the live org matches the manifests."), ""])
    lines.extend(_findings_block(document["findings"], painter))
    lines.append(painter.text(summary_text(document["summary"])))
    return "\n".join(lines) + "\n"


def _blocked_block(blocked: Mapping[str, Any] | None, painter: _Painter) -> list[str]:
    if blocked is None:
        return []
    return [painter.paint(f"✗ {blocked['message']}", "bold red"), ""]


def _risk_block(risk: Mapping[str, Any], painter: _Painter) -> list[str]:
    items = [item for item in risk["items"] if item["address"] is not None]
    style = "bold red" if risk["items"] else "green"
    lines = [painter.paint(f"Risk: {risk_line(risk['counts'])}", style)]
    for item in items:
        lines.append(painter.text(f"  {item['category']:<10} {item['address']}: {item['detail']}"))
    lines.append("")
    return lines


def _change_block(change: Mapping[str, Any], painter: _Painter) -> list[str]:
    kind = category(change)
    style = _STYLES[kind]
    header = f"{SYMBOLS[kind]} {change['address']}"
    detail = kind if change["action_reason"] is None else f"{kind}: {change['action_reason']}"
    lines = [f"{painter.paint(header, style)}  {painter.text('(' + detail + ')')}"]
    if hint := rename_hint(change):
        lines.append(painter.paint(f"    {hint}", "yellow"))
    if change["steps"] and list(change["steps"]) != [_plain_step(kind)]:
        lines.append(painter.text(f"    steps: {steps_text(change)}"))
    shown, hidden = shown_lines(change)
    for line in shown:
        if line.before is None:
            lines.append(painter.paint(f"    + {line.path}: {line.after}{line.set_in}", "green"))
        elif line.after is None:
            lines.append(painter.paint(f"    - {line.path}: {line.before}{line.set_in}", "red"))
        else:
            lines.append(painter.text(f"    ~ {line.path}: {line.before} → {line.after}{line.set_in}"))
    if hidden:
        lines.append(painter.text(f"    … {hidden} more field(s): see the JSON plan"))
    lines.extend(painter.text(line) for line in pacing_lines(change))
    lines.append("")
    return lines


def _plain_step(kind: str) -> str:
    return {"create": "create", "update": "update", "delete": "delete"}.get(kind, "")


def _drift_block(entry: Mapping[str, Any], painter: _Painter) -> list[str]:
    header = painter.paint(f"! {entry['address']}", "yellow")
    lines = [f"{header}  {painter.text('(drift: ' + entry['status'] + ')')}"]
    if entry.get("reason"):
        lines.append(painter.text(f"    {entry['reason']}"))
    for line in drift_lines(entry):
        lines.append(painter.text(f"    {line.path}: git {line.before}, live {line.after}"))
    lines.append("")
    return lines


def _findings_block(findings: list[dict[str, Any]], painter: _Painter) -> list[str]:
    if not findings:
        return []
    lines = [painter.text("Findings:")]
    for item in findings:
        where = location_text(item["source"])
        prefix = f"{where}: " if where else ""
        style = "red" if item["severity"] == "error" else "yellow"
        allowed = f" [allowed: {item['suppressed']}]" if item.get("suppressed") else ""
        code = painter.paint(f"{item['code']} ({item['severity']})", style)
        lines.append(f"  {painter.text(prefix)}{code} {painter.text(item['message'] + allowed)}")
    lines.append("")
    return lines
