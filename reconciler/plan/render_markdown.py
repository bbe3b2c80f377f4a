"""The plan as a pull-request comment: title, summary table, findings table, one `<details>` per object.

GitHub refuses comments over 65,536 characters, so the comment is kept under MARKDOWN_LIMIT: when the
next object would not fit, rendering stops and an explicit note says how many objects were left out
(the JSON plan artifact has them all).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from reconciler.plan.models import DNC_REMOVE, SUMMARY_KEYS, Plan
from reconciler.plan.render_values import (
    SYMBOLS,
    FieldLine,
    category,
    display_order,
    drift_lines,
    location_text,
    selection_lines,
    shown_lines,
    steps_text,
    unmanaged_line,
)

MARKDOWN_LIMIT = 65_000
_FINDINGS_SHARE = 25_000
"""Findings may use at most this much of the comment, so changes always get room."""
_NOTE_ROOM = 400


def render_markdown(plan: Plan, *, limit: int = MARKDOWN_LIMIT) -> str:
    document = plan.to_dict()
    head = [
        _title(document),
        "".join(f"> {_cell(line)}\n" for line in selection_lines(document)),
        _summary_table(document["summary"]),
        _findings_section(document["findings"]),
        _unmanaged_section(document["unmanaged_numbers"]),
    ]
    changed = [
        change for change in display_order(document["resource_changes"]) if category(change) != "no-op"
    ]
    sections = [_change_section(change) for change in changed]
    sections += [_drift_section(entry) for entry in document["resource_drift"]]
    if sections:
        head.append("### Changes\n" if changed else "### Drift\n")
    else:
        head.append("No changes: the live org matches the manifests.\n")
    parts = [part for part in head if part]
    used = sum(len(part) + 1 for part in parts)
    for index, section in enumerate(sections):
        if used + len(section) + 1 + _NOTE_ROOM > limit:
            parts.append(_truncation_note(len(sections) - index, len(sections)))
            break
        parts.append(section)
        used += len(section) + 1
    return "\n".join(parts)


def _title(document: Mapping[str, Any]) -> str:
    target = document["target"]
    title = "Drift" if document["command"] == "drift" else "Plan"
    return f"## Reconciler {title.lower()}: `{target['name']}` ({target['platform']})\n"


def _unmanaged_section(items: list[dict[str, Any]]) -> str:
    if not items:
        return ""
    return "### DNC numbers kept\n\n" + "\n".join(f"- {_cell(unmanaged_line(item))}" for item in items) + "\n"


def _summary_table(summary: Mapping[str, int]) -> str:
    keys = [*SUMMARY_KEYS, DNC_REMOVE, "error", "warning"]
    header = "| " + " | ".join(keys) + " |"
    rule = "|" + "---:|" * len(keys)
    values = "| " + " | ".join(str(summary[key]) for key in keys) + " |"
    return f"{header}\n{rule}\n{values}\n"


def _findings_section(findings: list[dict[str, Any]]) -> str:
    if not findings:
        return ""
    rows = ["### Findings\n", "| severity | code | object | location | message |", "|---|---|---|---|---|"]
    used = sum(len(row) for row in rows)
    for index, item in enumerate(findings):
        allowed = f" (allowed: {item['suppressed']})" if item.get("suppressed") else ""
        row = (
            f"| {item['severity']} | `{item['code']}` | {_cell(item['address'] or '')} | "
            f"{_cell(location_text(item['source']))} | {_cell(item['message'] + allowed)} |"
        )
        if used + len(row) > _FINDINGS_SHARE:
            rows.append(
                f"\n… {len(findings) - index} more finding(s) left out: see the JSON or SARIF artifact."
            )
            break
        rows.append(row)
        used += len(row) + 1
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    """Table-safe text: no pipes or line breaks, HTML escaped."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def _change_section(change: Mapping[str, Any]) -> str:
    kind = category(change)
    detail = kind if change["action_reason"] is None else f"{kind}: {change['action_reason']}"
    steps = f" — steps: {steps_text(change)}" if len(change["steps"]) > 1 else ""
    summary = f"<code>{html.escape(SYMBOLS[kind] + ' ' + change['address'], quote=False)}</code> {html.escape(detail + steps, quote=False)}"
    shown, hidden = shown_lines(change)
    body = [line for item in shown for line in _diff_lines(item)]
    if hidden:
        body.append(f"# … {hidden} more field(s): see the JSON plan")
    return _details(summary, body)


def _drift_section(entry: Mapping[str, Any]) -> str:
    detail = entry["status"] + (f": {entry['reason']}" if entry.get("reason") else "")
    summary = f"<code>! {html.escape(entry['address'], quote=False)}</code> drift: {html.escape(detail, quote=False)}"
    body = [f"{line.path}: git {line.before}, live {line.after}" for line in drift_lines(entry)]
    return _details(summary, body)


def _diff_lines(line: FieldLine) -> list[str]:
    lines = []
    if line.before is not None:
        lines.append(f"- {line.path}: {line.before}")
    if line.after is not None:
        lines.append(f"+ {line.path}: {line.after}")
    return lines


def _details(summary: str, body: list[str]) -> str:
    text = "\n".join(body) if body else "(no field details)"
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return f"<details><summary>{summary}</summary>\n\n{fence}diff\n{text}\n{fence}\n</details>\n"


def _truncation_note(left_out: int, total: int) -> str:
    return (
        f"> **Truncated:** {left_out} of {total} object(s) left out to keep this comment under "
        f"{MARKDOWN_LIMIT:,} characters. See the JSON plan artifact for the complete plan.\n"
    )
