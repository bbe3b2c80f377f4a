"""A rule set's pre-call rules compiled once and evaluated on contacts (`reconciler rules test`).

Execution order is `order` (lowest first), then declaration; rules without an order run after the
ordered ones, in declaration order. Every matching rule runs. What happens to the call: NOT DIALED if
any matching rule does not dial (DO_NOT_DIAL, CONTACT_UNCALLABLE, NUMBER_UNCALLABLE — the first such
action in execution order wins), else PREVIEW if one switches to preview, else DIALED. Values set by
several matching rules (caller id, skills, a column) end with the last rule that sets them, except
increments and decrements, which add up. Two matching rules whose actions contradict (the
RULE-CONFLICT table) are listed as evidence with the contacts that matched both.

The number dialed (for phone number and phone type conditions) is the contact's first non-empty phone
column, in the order the rule set's contact list declares them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from reconciler.manifest.models.genesys_rule_sets import DialerRule, RuleSetSpec
from reconciler.rules.actions import Claim, DialEffect, contradicts, dial_effect, dialer_claims
from reconciler.rules.clock import LOCAL
from reconciler.rules.conditions import rule_formula
from reconciler.rules.predicates import Match, Row, compile_matcher

DIALED = "dialed"
EVIDENCE_LINES = 20
"""Contacts listed per conflicting pair (all are counted)."""


@dataclass(frozen=True)
class CompiledRule:
    name: str
    order: int | None
    skipped: str | None
    """Why the rule cannot be evaluated on a contact row (it then never matches)."""
    effects: tuple[tuple[str, DialEffect], ...]
    claims: tuple[Claim, ...]
    columns: tuple[str, ...]


@dataclass(frozen=True)
class CompiledRuleSet:
    name: str
    rules: tuple[CompiledRule, ...]
    """Pre-call rules in execution order."""
    match: Match
    phone_columns: tuple[tuple[str, str], ...] = ()
    needs_phone: bool = False
    conflicting: frozenset[tuple[int, int]] = frozenset()
    """Pairs of rules (indices, in execution order) whose actions contradict."""

    def columns(self) -> dict[str, list[str]]:
        """Column -> the rules that read it."""
        found: dict[str, list[str]] = {}
        for rule in self.rules:
            for column in rule.columns:
                found.setdefault(column, []).append(rule.name)
        return found


def execution_order(rules: Sequence[DialerRule]) -> list[DialerRule]:
    ranked = sorted(enumerate(rules), key=lambda item: (item[1].order is None, item[1].order or 0, item[0]))
    return [rule for _, rule in ranked]


def compile_rule_set(
    spec: RuleSetSpec, *, name: str, at: dt.datetime, phone_columns: Sequence[tuple[str, str]] = ()
) -> CompiledRuleSet:
    """The rule set's DIALER_PRECALL rules, compiled once (time conditions decided at `at`)."""
    pre_call = execution_order([rule for rule in spec.rules if rule.category == "DIALER_PRECALL"])
    matcher = compile_matcher([rule_formula(rule, frame=LOCAL) for rule in pre_call], at=at, name=name)
    compiled = tuple(
        CompiledRule(
            name=rule.name,
            order=rule.order,
            skipped=matcher.skipped.get(index),
            effects=tuple(
                (a.action_type_name, e) for a in rule.actions or [] if (e := dial_effect(a)) is not None
            ),
            claims=tuple(claim for action in rule.actions or [] for claim in dialer_claims(action)),
            columns=matcher.columns.get(index, ()),
        )
        for index, rule in enumerate(pre_call)
    )
    conflicting = frozenset(
        (i, j)
        for i, j in combinations(range(len(compiled)), 2)
        if any(contradicts(a, b) for a in compiled[i].claims for b in compiled[j].claims)
    )
    return CompiledRuleSet(
        name, compiled, matcher.match, tuple(phone_columns), matcher.uses_phone, conflicting
    )


# --- evaluating contacts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What the matching rules do to one contact's call."""

    matched: tuple[int, ...]
    dial: str
    decided_by: tuple[str, str] | None
    """(action, rule) that decided `dial`, if a rule did."""
    settings: tuple[tuple[str, str], ...]
    """(what is set, by which rule), the value each slot ends with."""
    conflicts: tuple[tuple[int, int], ...]


class ContactResult(NamedTuple):
    line: int
    phone: str | None
    outcome: Outcome


@dataclass
class Preview:
    """Per contact its line, number dialed and matching rules (a bit mask); outcomes per distinct mask."""

    rule_set: CompiledRuleSet
    lines: list[int] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    masks: list[int] = field(default_factory=list)
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    matches: list[int] = field(default_factory=list)
    """Contacts matched, per rule (execution order)."""
    evidence: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    """Conflicting pair -> lines of the first contacts that matched both."""
    evidence_counts: dict[tuple[int, int], int] = field(default_factory=dict)

    @property
    def contacts(self) -> list[ContactResult]:
        outcomes = self.outcomes
        return [
            ContactResult(line, phone or None, outcomes[mask])
            for line, phone, mask in zip(self.lines, self.phones, self.masks, strict=True)
        ]


def outcome_of(rule_set: CompiledRuleSet, mask: int) -> Outcome:
    matched = tuple(index for index in range(len(rule_set.rules)) if mask >> index & 1)
    dial, decided_by = DIALED, None
    slots: dict[str, list[tuple[Claim, str]]] = {}
    for index in matched:
        rule = rule_set.rules[index]
        for action, effect in rule.effects:
            stronger = effect == DialEffect.NOT_DIALED and dial != DialEffect.NOT_DIALED
            if stronger or (effect == DialEffect.PREVIEW and dial == DIALED):
                dial, decided_by = str(effect), (action, rule.name)
        for claim in rule.claims:
            held = slots.setdefault(claim.slot, [])
            if not all(claim.commutes and other.commutes for other, _ in held):
                held.clear()
            held.append((claim, rule.name))
    settings = tuple((claim.text, name) for held in slots.values() for claim, name in held)
    conflicts = tuple(pair for pair in combinations(matched, 2) if pair in rule_set.conflicting)
    return Outcome(matched, dial, decided_by, settings, conflicts)


def evaluate(rule_set: CompiledRuleSet, contacts: Iterable[tuple[int, Row]]) -> Preview:
    """Every contact (CSV line, row) through the compiled rules, then the outcome of each distinct
    combination of matching rules, the matches per rule and the conflict evidence."""
    match, phones = rule_set.match, rule_set.phone_columns
    preview = Preview(rule_set)
    lines, numbers, masks = preview.lines, preview.phones, preview.masks
    for line, row in contacts:
        phone, kind = "", ""
        for column, column_kind in phones:
            if row.get(column):
                phone, kind = row[column], column_kind
                break
        masks.append(match(row, phone, kind))
        lines.append(line)
        numbers.append(phone)
    tally = Counter(masks)
    preview.outcomes = {mask: outcome_of(rule_set, mask) for mask in tally}
    preview.matches = [
        sum(n for mask, n in tally.items() if mask >> index & 1) for index in range(len(rule_set.rules))
    ]
    for mask, n in tally.items():
        for pair in preview.outcomes[mask].conflicts:
            preview.evidence_counts[pair] = preview.evidence_counts.get(pair, 0) + n
            preview.evidence.setdefault(pair, [])
    for pair, found in preview.evidence.items():
        both = 1 << pair[0] | 1 << pair[1]
        for line, mask in zip(lines, masks, strict=True):
            if mask & both == both:
                found.append(line)
                if len(found) == EVIDENCE_LINES:
                    break
    return preview
