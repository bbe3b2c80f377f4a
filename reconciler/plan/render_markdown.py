"""The plan as a pull-request comment: title, whether it can be applied, the risk summary, the summary
table, findings, then one `<details>` per changed object (deletes and replaces, updates, creates).

GitHub refuses comments over 65,536 characters, so the comment is kept under MARKDOWN_LIMIT. It is
shortened from the least risky end: the "DNC numbers kept" detail goes first, then creates and updates
lose their field detail (one line each), then are left out (counted, with a note). The risk summary
lists every delete, replace, DNC removal, run-state change and restart, and is never cut; their own
sections come first and keep their detail while it fits. A value too long to show inline is shown
whole behind its own `<details>`, never cut.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reconciler.plan.models import DNC_REMOVE, SUMMARY_KEYS, Plan
from reconciler.plan.rename_hints import rename_hint
from reconciler.plan.render_pacing import pacing_markdown
from reconciler.plan.render_values import (
    SYMBOLS,
    VALUE_LIMIT,
    FieldLine,
    category,
    changes_computed,
    display_order,
    drift_lines,
    location_text,
    selection_lines,
    shown_lines,
    steps_text,
    unmanaged_line,
)
from reconciler.plan.risk import is_risky, risk_line

MARKDOWN_LIMIT = 65_000
_FINDINGS_SHARE = 25_000
"""Findings may use at most this much of the comment, so changes always get room."""
_NOTE_ROOM = 600
_RISK_RESERVE = 15_000
"""Room the risk summary always leaves for the rest of the comment."""


@dataclass(frozen=True)
class _Section:
    """One changed object: its full `<details>`, its one-line form, and whether it is risky."""

    full: str
    line: str
    risky: bool
    group: str


def render_markdown(plan: Plan, *, limit: int = MARKDOWN_LIMIT) -> str:
    document = plan.to_dict()
    is_drift = document["command"] == "drift"
    head = [
        _title(document),
        "".join(f"> {_cell(line)}\n" for line in selection_lines(document)),
        "" if is_drift else _blocked_note(document.get("apply_blocked")),  # drift reports; a plan is applied
        "" if is_drift else _risk_section(document["risk"], limit - _RISK_RESERVE),
        _summary_table(document["summary"]),
        _findings_section(document["findings"]),
    ]
    changed = [c for c in display_order(document["resource_changes"]) if category(c) != "no-op"]
    sections = [_change_section(change) for change in changed]
    sections += [_drift_section(entry) for entry in document["resource_drift"]]
    if sections:
        header = "### Changes\n" if changed else "### Drift\n"
    else:
        header = "No changes: the live org matches the manifests.\n" if changes_computed(document) else ""
    parts = [part for part in head if part]
    room = limit - sum(len(part) + 1 for part in parts) - len(header) - _NOTE_ROOM
    kept = _unmanaged_section(document["unmanaged_numbers"])
    body, note = _fit(sections, room - len(kept) - 1)
    if note and kept:  # unchanged detail goes before any change loses its own
        body, note = _fit(sections, room)
        kept, note = "", note + " The live DNC numbers kept (additive mode) are in the JSON plan too."
    parts.extend(part for part in (kept, header, *body) if part)
    if note:
        parts.append(f"> **Shortened:** {note}\n")
    return "\n".join(parts)


def _fit(sections: list[_Section], room: int) -> tuple[list[str], str]:
    """Each section whole, as one line, or left out, to fit `room`: risky objects get their detail
    first (the risk summary above names every one of them whatever happens here), in reading order."""
    forms: list[str | None] = [None] * len(sections)
    used = 0
    for risky in (True, False):
        for index, section in enumerate(sections):
            if section.risky == risky and used + len(section.full) + 1 <= room:
                forms[index], used = section.full, used + len(section.full) + 1
    for index, section in enumerate(sections):
        if forms[index] is None and used + len(section.line) + 1 <= room:
            forms[index], used = section.line, used + len(section.line) + 1
    return [form for form in forms if form is not None], _shortened_note(sections, forms)


def _shortened_note(sections: list[_Section], forms: list[str | None]) -> str:
    brief = [s.group for s, form in zip(sections, forms, strict=True) if form is not None and form == s.line]
    left = [s.group for s, form in zip(sections, forms, strict=True) if form is None]
    if not brief and not left:
        return ""
    parts = []
    if brief:
        parts.append(f"{len(brief)} object(s) shown without field detail ({_counted(brief)})")
    if left:
        parts.append(f"{len(left)} object(s) left out ({_counted(left)})")
    return (
        f"{'; '.join(parts)} to keep this comment under {MARKDOWN_LIMIT:,} characters. Every delete, "
        "replace, DNC removal and run-state change is listed under Risk above. See the JSON plan "
        "artifact for the complete plan."
    )


def _counted(groups: list[str]) -> str:
    found: dict[str, int] = {}
    for group in groups:
        found[group] = found.get(group, 0) + 1
    return ", ".join(f"{count} {group}" for group, count in found.items())


def _title(document: Mapping[str, Any]) -> str:
    target = document["target"]
    title = "Drift" if document["command"] == "drift" else "Plan"
    return f"## Reconciler {title.lower()}: `{target['name']}` ({target['platform']})\n"


def _blocked_note(blocked: Mapping[str, Any] | None) -> str:
    if blocked is None:
        return ""
    return f"> [!CAUTION]\n> **{_cell(blocked['message'])}**\n"


def _risk_section(risk: Mapping[str, Any], share: int) -> str:
    """Every risky item, those with one detail on one row: `- **run-state** started: `a`, `b``."""
    rows = [f"### Risk: {risk_line(risk['counts'])}\n"]
    grouped: dict[tuple[str, str], list[str]] = {}
    for item in risk["items"]:
        addresses = grouped.setdefault((item["category"], item["detail"]), [])
        if item["address"]:
            addresses.append(f"`{item['address']}`")
    used = len(rows[0])
    for index, ((kind, detail), addresses) in enumerate(grouped.items()):
        row = f"- **{kind}** {_cell(detail)}" + (f": {', '.join(addresses)}" if addresses else "")
        if used + len(row) + 1 > share:  # only a plan of thousands of risky changes gets here
            rows.append(f"- … {len(grouped) - index} more risk row(s): see the JSON plan artifact (`risk`).")
            break
        rows.append(row)
        used += len(row) + 1
    return "\n".join(rows) + "\n"


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


def _change_section(change: Mapping[str, Any]) -> _Section:
    kind = category(change)
    detail = kind if change["action_reason"] is None else f"{kind}: {change['action_reason']}"
    steps = f" — steps: {steps_text(change)}" if len(change["steps"]) > 1 else ""
    address = html.escape(SYMBOLS[kind] + " " + change["address"], quote=False)
    summary = f"<code>{address}</code> {html.escape(detail + steps, quote=False)}"
    shown, hidden = shown_lines(change)
    body = [line for item in shown for line in _diff_lines(item)]
    if hidden:
        body.append(f"# … {hidden} more field(s): see the JSON plan")
    full = _details(summary, body, _long_values(shown)) + pacing_markdown(change)
    line = f"- {summary}\n"
    if hint := rename_hint(change):  # the blank line ends the </details> HTML block: markdown again
        full += f"\n> **Rename?** {html.escape(hint, quote=False)}\n"
        line = f"- {summary}: {html.escape(hint, quote=False)}\n"
    group = {"update": "update(s)", "create": "create(s)"}.get(kind, f"{kind}(s)")
    return _Section(full=full, line=line, risky=is_risky(change), group=group)


def _drift_section(entry: Mapping[str, Any]) -> _Section:
    detail = entry["status"] + (f": {entry['reason']}" if entry.get("reason") else "")
    summary = f"<code>! {html.escape(entry['address'], quote=False)}</code> drift: {html.escape(detail, quote=False)}"
    lines = drift_lines(entry)
    body = [f"{line.path}: git {_inline(line.before)}, live {_inline(line.after)}" for line in lines]
    full = _details(summary, body, _long_values(lines))
    return _Section(full=full, line=f"- {summary}\n", risky=False, group="drifted object(s)")


def _inline(value: str | None) -> str | None:
    """A value short enough to show in the diff line, else a pointer to its whole form below."""
    if value is None or len(value) <= VALUE_LIMIT:
        return value
    return f"({len(value):,} characters: shown whole under “Full values”)"


def _diff_lines(line: FieldLine) -> list[str]:
    lines = []
    if line.before is not None:
        lines.append(f"- {line.path}: {_inline(line.before)}")
    if line.after is not None:
        lines.append(f"+ {line.path}: {_inline(line.after)}{line.set_in}")
    return lines


def _long_values(lines: list[FieldLine]) -> str:
    """The values too long to show inline, whole and pretty-printed, behind one `<details>`."""
    blocks = []
    for line in lines:
        for side, value in (("before", line.before), ("after", line.after)):
            if value is not None and len(value) > VALUE_LIMIT:
                blocks.append(f"{line.path} ({side}):\n{_pretty(value)}")
    if not blocks:
        return ""
    text = "\n\n".join(blocks)
    fence = _fence(text)
    return f"<details><summary>Full values</summary>\n\n{fence}json\n{text}\n{fence}\n</details>\n"


def _pretty(value: str) -> str:
    try:
        return json.dumps(json.loads(value), indent=2, ensure_ascii=False)
    except ValueError:
        return value


def _fence(text: str) -> str:
    runs = [len(run) for run in re.findall(r"`+", text)]
    return "`" * max(3, max(runs, default=0) + 1)


def _details(summary: str, body: list[str], extra: str = "") -> str:
    text = "\n".join(body) if body else "(no field details)"
    fence = _fence(text)
    return f"<details><summary>{summary}</summary>\n\n{fence}diff\n{text}\n{fence}\n{extra}</details>\n"
