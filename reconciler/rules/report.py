"""The rule preview as text or JSON. Every phone number is masked (last four digits, per-run fingerprint).

Masking runs once per distinct piece of text — a rule set's header and footer, each combination of
matching rules' outcome, each contact's number — not over the whole output, so 100,000 contacts print
in seconds; every printed string still passes through reconciler.plan.masking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from reconciler import __version__
from reconciler.plan.masking import mask_text, mask_value
from reconciler.rules.actions import contradicts
from reconciler.rules.preview import Outcome, Preview


def _pair_actions(preview: Preview, pair: tuple[int, int]) -> tuple[str, str]:
    first, second = (preview.rule_set.rules[index] for index in pair)
    a, b = next((a, b) for a in first.claims for b in second.claims if contradicts(a, b))
    return mask_text(a.text), mask_text(b.text)


def _outcome_text(preview: Preview, outcome: Outcome) -> str:
    names = [preview.rule_set.rules[index].name for index in outcome.matched]
    text = f"{', '.join(names) or '(no rule)'} -> {outcome.dial}"
    if outcome.decided_by is not None:
        text += f" ({outcome.decided_by[0]} of '{outcome.decided_by[1]}' wins)"
    if outcome.settings:
        text += "; kept: " + "; ".join(f"'{rule}' {what}" for what, rule in outcome.settings)
    return mask_text(text)


def _phone(number: str) -> str:
    shown: str = mask_value(number)
    return shown


def _contact_lines(preview: Preview) -> Iterator[str]:
    outcomes = {mask: _outcome_text(preview, outcome) for mask, outcome in preview.outcomes.items()}
    for line, phone, mask in zip(preview.lines, preview.phones, preview.masks, strict=True):
        shown = f"  {_phone(phone)}" if phone else ""
        yield f"  line {line}{shown}: {outcomes[mask]}"


def _summary_lines(preview: Preview) -> Iterator[str]:
    rules = preview.rule_set.rules
    yield "Matches per rule (execution order):"
    width = max((len(rule.name) for rule in rules), default=0)
    for rule, count in zip(rules, preview.matches, strict=True):
        order = "-" if rule.order is None else str(rule.order)
        tail = f"not evaluated: {rule.skipped}" if rule.skipped else str(count)
        yield f"  order {order:>3}  {rule.name:<{width}}  {tail}"
    if not preview.evidence:
        yield "No contact matched two conflicting rules."
        return
    yield "Contacts matched by two conflicting rules:"
    for pair, lines in sorted(preview.evidence.items()):
        first, second = (rules[index].name for index in pair)
        action_a, action_b = _pair_actions(preview, pair)
        count = preview.evidence_counts[pair]
        more = f" and {count - len(lines)} more" if count > len(lines) else ""
        yield (
            f"  '{first}' {action_a}, '{second}' {action_b}: {count} contact(s), lines "
            f"{', '.join(map(str, lines))}{more}; '{second}' runs later, so its value is kept"
        )


def render_text(previews: Sequence[Preview], *, contacts_file: str, at: dt.datetime) -> Iterator[str]:
    """The preview line by line."""
    for number, preview in enumerate(previews):
        if number:
            yield ""
        yield mask_text(
            f"Rule set '{preview.rule_set.name}': {len(preview.rule_set.rules)} pre-call rule(s), "
            f"{len(preview.lines)} contact(s) from {contacts_file}; time conditions evaluated at "
            f"{at.isoformat(timespec='minutes')}"
        )
        yield "Contacts (matching rules in execution order -> outcome):"
        yield from _contact_lines(preview)
        yield from (mask_text(line) for line in _summary_lines(preview))


def render_json(previews: Sequence[Preview], *, contacts_file: str, at: dt.datetime) -> dict[str, Any]:
    return {
        "format_version": "1",
        "tool_version": __version__,
        "command": "rules test",
        "contacts_file": mask_text(contacts_file),
        "at": at.isoformat(),
        "rule_sets": [_rule_set_json(preview) for preview in previews],
    }


def _outcome_json(preview: Preview, outcome: Outcome) -> dict[str, Any]:
    rules = preview.rule_set.rules
    decided = outcome.decided_by
    shown: dict[str, Any] = mask_value(
        {
            "matched": [rules[index].name for index in outcome.matched],
            "dial": outcome.dial,
            "wins": None if decided is None else {"action": decided[0], "rule": decided[1]},
            "settings": [{"sets": what, "rule": rule} for what, rule in outcome.settings],
        }
    )
    return shown


def _rule_set_json(preview: Preview) -> dict[str, Any]:
    rules = preview.rule_set.rules
    outcomes = {mask: _outcome_json(preview, outcome) for mask, outcome in preview.outcomes.items()}
    head: dict[str, Any] = mask_value(
        {
            "name": preview.rule_set.name,
            "rules": [
                {"name": rule.name, "order": rule.order, "matches": count, "not_evaluated": rule.skipped}
                for rule, count in zip(rules, preview.matches, strict=True)
            ],
        }
    )
    contacts = [
        {"line": line, "phone": _phone(phone) if phone else None, **outcomes[mask]}
        for line, phone, mask in zip(preview.lines, preview.phones, preview.masks, strict=True)
    ]
    conflicts: list[dict[str, Any]] = mask_value(
        [
            {
                "rules": [rules[i].name, rules[j].name],
                "actions": list(_pair_actions(preview, (i, j))),
                "contacts": preview.evidence_counts[(i, j)],
                "lines": lines,
            }
            for (i, j), lines in sorted(preview.evidence.items())
        ]
    )
    return {**head, "contacts": contacts, "conflicts": conflicts}
