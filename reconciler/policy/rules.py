"""RULE-ORDER and RULE-CONFLICT (ARCHITECTURE.md §6) over Genesys rule sets and campaign rules.

RULE-ORDER: two rules of one category (pre-call or wrap-up) in one rule set share an `order`, so the
order they run in is undefined. Rules without an order are left to the platform.

RULE-CONFLICT: two rules can be true at the same time and their actions contradict on one target
(the table in reconciler.rules.actions). "At the same time" is decided exactly by reconciler.policy.
constraints over the rules' conditions; a condition it cannot express (a contact property, a data
action, a specific date …) is assumed to hold, and the message says so.
- Rule sets: two rules of one category of one rule set (pre-call rules run together before a call,
  wrap-up rules after it). The platform's execution order does not make such a pair benign — the later
  rule silently overwrites the earlier one's caller id, column or callback, so the pair is reported.
- Campaign rules: two *enabled* rules (`enabled: true`), each triggered by one entity it watches, whose
  actions reach a common campaign or sequence. Metrics are per triggering entity, time is shared (see
  reconciler.rules.campaign_conditions); rules that share no target never conflict.
The finding sits on the second rule (in file order) and names both rules, both actions and a witness:
values that make both rules' conditions true. Phone numbers in messages are masked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import cast

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.models.genesys_campaign_rules import CampaignRuleSpec
from reconciler.manifest.models.genesys_rule_sets import DialerRule, RuleSetSpec
from reconciler.manifest.resource import Resource
from reconciler.plan.masking import mask_text
from reconciler.platform import Platform
from reconciler.policy.constraints import All, AnyOf, Witness, solve
from reconciler.policy.context import CheckContext
from reconciler.rules import campaign_conditions, conditions
from reconciler.rules.actions import Claim, campaign_claims, contradicts, dialer_claims
from reconciler.rules.campaign_conditions import Entity
from reconciler.rules.clock import frames_for

CATEGORY = {"DIALER_PRECALL": "pre-call", "DIALER_WRAPUP": "wrap-up"}


def check_rule_order(context: CheckContext) -> list[Finding]:
    found = []
    for resource in context.resources(Platform.GENESYS, "RuleSet"):
        spec = cast(RuleSetSpec, resource.document.spec)
        first: dict[tuple[str, int], int] = {}
        for index, rule in enumerate(spec.rules):
            if rule.order is None:
                continue
            earlier = first.setdefault((rule.category, rule.order), index)
            if earlier == index:
                continue
            other = spec.rules[earlier]
            where = resource.location_of(("spec", "rules", earlier)).line
            kind = CATEGORY[rule.category]
            message = (
                f"rule set '{resource.name}': {kind} rules '{other.name}' (line {where}) and '{rule.name}' "
                f"both have order {rule.order}, so which one runs first is undefined; give each {kind} rule "
                "of the rule set its own order"
            )
            location = resource.location_of(("spec", "rules", index, "order"))
            found.append(finding(Code.RULE_ORDER, message, address=resource.address, source=location))
    return found


def check_rule_conflict(context: CheckContext) -> list[Finding]:
    found = []
    for resource in context.resources(Platform.GENESYS, "RuleSet"):
        found += _rule_set_conflicts(resource)
    enabled = [
        item for item in context.resources(Platform.GENESYS, "CampaignRule") if _spec(item).enabled is True
    ]
    found += _campaign_rule_conflicts(sorted(enabled, key=lambda item: (item.source.file, item.source.line)))
    return found


def _example(witness: Witness) -> str:
    shown = f"for example, when {witness.text()}" if witness.values else "whatever the values"
    if witness.unknowns:
        shown += (
            f" (assuming {' and '.join(witness.unknowns)} can hold then too: this check cannot decide such "
            "conditions)"
        )
    return shown


# --- rule sets ---------------------------------------------------------------------------------------


def _claims(rule: DialerRule) -> list[Claim]:
    return [claim for action in rule.actions or [] for claim in dialer_claims(action)]


def _both_true(first: DialerRule, second: DialerRule) -> Witness | None:
    frames = frames_for(conditions.rule_zones(first) | conditions.rule_zones(second))
    return solve(
        AnyOf(
            tuple(
                All(
                    (
                        conditions.rule_formula(first, frame=frame),
                        conditions.rule_formula(second, frame=frame),
                    )
                )
                for frame in frames
            )
        )
    )


def _rule_set_conflicts(resource: Resource) -> list[Finding]:
    spec = cast(RuleSetSpec, resource.document.spec)
    claims = [_claims(rule) for rule in spec.rules]
    found = []
    for j, later in enumerate(spec.rules):
        for i, earlier in enumerate(spec.rules[:j]):
            if earlier.category != later.category:
                continue
            clashes = [(a, b) for a in claims[i] for b in claims[j] if contradicts(a, b)]
            witness = _both_true(earlier, later) if clashes else None
            if witness is None:
                continue
            (a, b), more = clashes[0], len(clashes) - 1
            where = resource.location_of(("spec", "rules", i)).line
            also = f" (and {more} more contradicting action(s))" if more else ""
            message = (
                f"rule set '{resource.name}': {CATEGORY[later.category]} rules '{earlier.name}' (line {where}) "
                f"and '{later.name}' can apply to the same call and their actions contradict: "
                f"'{earlier.name}' {a.text}, '{later.name}' {b.text}{also}. Both apply, {_example(witness)}. "
                "Which value is used then depends on which rule runs last; make their conditions exclusive "
                "or merge the two rules"
            )
            location = resource.location_of(("spec", "rules", j))
            found.append(
                finding(Code.RULE_CONFLICT, mask_text(message), address=resource.address, source=location)
            )
    return found


# --- campaign rules ----------------------------------------------------------------------------------


def _spec(resource: Resource) -> CampaignRuleSpec:
    return cast(CampaignRuleSpec, resource.document.spec)


@dataclass(frozen=True)
class _Claimed:
    rule: int
    trigger: Entity
    target: Entity
    claim: Claim


def _claimed(rules: list[Resource]) -> Iterable[_Claimed]:
    for index, resource in enumerate(rules):
        spec = _spec(resource)
        for trigger in campaign_conditions.watched(spec):
            for action in spec.campaign_rule_actions:
                for target in campaign_conditions.targets(action, trigger):
                    for claim in campaign_claims(action):
                        yield _Claimed(index, trigger, target, claim)


def _campaign_rule_conflicts(rules: list[Resource]) -> list[Finding]:
    by_slot: dict[tuple[Entity, str], list[_Claimed]] = defaultdict(list)
    for item in _claimed(rules):
        by_slot[(item.target, item.claim.slot)].append(item)
    candidates: dict[tuple[int, int], list[tuple[_Claimed, _Claimed]]] = defaultdict(list)
    for group in by_slot.values():
        for x, y in combinations(group, 2):
            if x.rule != y.rule and contradicts(x.claim, y.claim):
                first, second = (x, y) if x.rule < y.rule else (y, x)
                candidates[(first.rule, second.rule)].append((first, second))
    found = []
    for (i, j), pairs in sorted(candidates.items()):
        solved: dict[tuple[Entity, Entity], Witness | None] = {}
        for first, second in pairs:
            key = (first.trigger, second.trigger)
            if key not in solved:
                solved[key] = _campaign_rules_both_true(rules[i], first.trigger, rules[j], second.trigger)
            witness = solved[key]
            if witness is not None:
                found.append(_campaign_finding(rules[i], rules[j], first, second, witness))
                break
    return found


def _campaign_rules_both_true(
    a: Resource, trigger_a: Entity, b: Resource, trigger_b: Entity
) -> Witness | None:
    spec_a, spec_b = _spec(a), _spec(b)
    frames = frames_for((spec_a.time_zone_id, spec_b.time_zone_id))
    return solve(
        AnyOf(
            tuple(
                All(
                    (
                        campaign_conditions.rule_formula(spec_a, rule=a.name, trigger=trigger_a, frame=frame),
                        campaign_conditions.rule_formula(spec_b, rule=b.name, trigger=trigger_b, frame=frame),
                    )
                )
                for frame in frames
            )
        )
    )


def _campaign_finding(
    a: Resource, b: Resource, first: _Claimed, second: _Claimed, witness: Witness
) -> Finding:
    where = a.location_of(("metadata", "name"))
    triggers = (
        f"both triggered by {first.trigger}"
        if first.trigger == second.trigger
        else f"'{a.name}' triggered by {first.trigger}, '{b.name}' by {second.trigger}"
    )
    message = (
        f"campaign rules '{a.name}' ({where.file}:{where.line}) and '{b.name}' can fire at the same time with "
        f"contradicting actions on {first.target}: '{a.name}' {first.claim.text}, '{b.name}' "
        f"{second.claim.text}. Both rules' conditions hold ({triggers}), {_example(witness)}. Whichever rule "
        "runs last wins; make their conditions exclusive or drop one of the actions"
    )
    location = b.location_of(("metadata", "name"))
    return finding(Code.RULE_CONFLICT, mask_text(message), address=b.address, source=location)
