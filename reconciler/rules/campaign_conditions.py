"""Campaign-rule conditions as constraint formulas, and the entities a rule watches and acts on (CampaignRule, purecloudplatformclientv2).

How a campaign rule is read here:
- it watches the entities of `campaign_rule_entities`; each watched entity triggers the rule on its own,
  and the rule's conditions are evaluated on that one entity (the *triggering entity*);
- campaign metrics (progress, agents, records attempted, run time, wait time per wait type …) are
  variables of the triggering entity: two rules triggered by the same campaign constrain the same
  variables, rules triggered by different campaigns constrain unrelated ones (independent events);
- time of day, day of week and day of month are shared by every rule (see reconciler.rules.clock),
  in the rule's `time_zone_id`;
- `match_any_conditions` makes the conditions a disjunction; with processing v2 each condition group
  combines its conditions by its own `match_any_conditions`, and the groups are combined by the rule's
  (all groups must hold unless it is true);
- weekDayOfMonth, specificDate, LAST_DAY and unparseable values are Unknown.
An action acts on its listed entities, plus the triggering entity when `use_triggering_entity` is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reconciler.manifest.models.genesys_campaign_rules import (
    CampaignRuleAction,
    CampaignRuleCondition,
    CampaignRuleEntities,
    CampaignRuleSpec,
    DayOfMonthParameters,
)
from reconciler.policy.constraints import (
    INF,
    All,
    AnyOf,
    Atom,
    Formula,
    Interval,
    IntervalSet,
    Not,
    Unknown,
    number_var,
    one_of,
    within,
)
from reconciler.rules.clock import Frame, day_numbers, days_of_week, shifted, time_of_day
from reconciler.rules.conditions import number_set


class Entity(NamedTuple):
    kind: str
    name: str

    def __str__(self) -> str:
        return f"{self.kind} '{self.name}'"


_ENTITY_FIELDS = (
    ("campaigns", "campaign"),
    ("sequences", "sequence"),
    ("email_campaigns", "email campaign"),
    ("sms_campaigns", "SMS campaign"),
)

PERCENT = IntervalSet.of(Interval(0, 100))
COUNT = IntervalSet.of(Interval(0, INF, True, False))
# condition type -> (how a message names it, universe, whole numbers only)
METRICS: dict[str, tuple[str, IntervalSet, bool]] = {
    "campaignProgress": ("progress (%)", PERCENT, False),
    "campaignAgents": ("agents logged in", COUNT, True),
    "campaignRecordsAttempted": ("records attempted", COUNT, False),
    "campaignContactsMessaged": ("contacts messaged", COUNT, False),
    "campaignBusinessSuccess": ("business successes", COUNT, False),
    "campaignBusinessFailure": ("business failures", COUNT, False),
    "campaignBusinessNeutral": ("business neutral outcomes", COUNT, False),
    "campaignValidAttempts": ("valid attempts", COUNT, False),
    "campaignRightPartyContacts": ("right-party contacts", COUNT, False),
    "campaignRunTime": ("run time", COUNT, False),
    "campaignWaitTime": ("wait time", COUNT, False),
}
_OPERATORS = {
    "equals": "=",
    "greaterThan": ">",
    "greaterThanEqualTo": ">=",
    "lessThan": "<",
    "lessThanEqualTo": "<=",
    "between": "between",
    "in": "in",
}


def entities(block: CampaignRuleEntities | None) -> list[Entity]:
    if block is None:
        return []
    return [Entity(kind, name) for attr, kind in _ENTITY_FIELDS for name in getattr(block, attr) or []]


def watched(spec: CampaignRuleSpec) -> list[Entity]:
    return entities(spec.campaign_rule_entities)


def targets(action: CampaignRuleAction, trigger: Entity) -> list[Entity]:
    listed = entities(action.campaign_rule_action_entities)
    if action.campaign_rule_action_entities.use_triggering_entity and trigger not in listed:
        listed.append(trigger)
    return listed


def rule_formula(spec: CampaignRuleSpec, *, rule: str, trigger: Entity, frame: Frame) -> Formula:
    """The rule's conditions, evaluated on `trigger`."""

    def combine(any_of: bool | None, conditions: Sequence[CampaignRuleCondition]) -> Formula:
        parts = tuple(
            condition_formula(item, rule=rule, trigger=trigger, zone=spec.time_zone_id, frame=frame)
            for item in conditions
        )
        return AnyOf(parts) if any_of else All(parts)

    if spec.condition_groups:
        groups = tuple(
            combine(group.match_any_conditions, group.conditions) for group in spec.condition_groups
        )
        return AnyOf(groups) if spec.match_any_conditions else All(groups)
    return combine(spec.match_any_conditions, spec.campaign_rule_conditions)


def condition_formula(
    condition: CampaignRuleCondition, *, rule: str, trigger: Entity, zone: str | None, frame: Frame
) -> Formula:
    kind = condition.condition_type
    found: Formula | None
    if kind in METRICS:
        found = _metric(condition, trigger)
    else:
        found = _date_time(condition, zone=zone, frame=frame)
        inverted = condition.date_time_parameters is not None and condition.date_time_parameters.inverted
        if found is not None and inverted:
            found = Not(found)
    return found if found is not None else Unknown(f"the {kind} condition of rule '{rule}'")


def _metric(condition: CampaignRuleCondition, trigger: Entity) -> Formula | None:
    label, universe, integral = METRICS[condition.condition_type]
    qualifier: str | None = None
    if condition.campaign_wait_time_settings is not None:
        qualifier = condition.campaign_wait_time_settings.wait_type
        label = f"{label} ({qualifier})"
    elif condition.campaign_run_time_settings is not None:
        waiting = condition.campaign_run_time_settings.include_waiting_time
        qualifier = "without waiting" if waiting is False else None
        label = f"{label} ({qualifier})" if qualifier else label
    var = number_var(
        ("metric", condition.condition_type, trigger.kind, trigger.name, qualifier),
        f"{label} of {trigger}",
        universe=universe,
        integral=integral,
    )
    symbol = _OPERATORS.get(condition.parameters.operator or "")
    value = condition.parameters.value
    numbers = number_set(symbol, value) if symbol is not None and value is not None else None
    return None if numbers is None else within(var, numbers)


def _date_time(condition: CampaignRuleCondition, *, zone: str | None, frame: Frame) -> Formula | None:
    operator = condition.parameters.operator or ""
    params = condition.date_time_parameters
    if params is None:
        return None
    kind = condition.condition_type
    if kind == "timeOfDay" and params.time_of_day is not None:
        block = params.time_of_day
        span = block.interval
        found = time_of_day(
            operator,
            threshold=block.threshold_value,
            low=span.min if span else None,
            high=span.max if span else None,
        )
        week, shift = frame.week(zone)
        return None if found is None else Atom(week, shifted(found, shift))
    if kind == "dayOfWeek" and params.day_of_week is not None:
        days_block = params.day_of_week
        interval = days_block.interval
        days = day_numbers(
            "in" if operator in ("in", "equals") else operator,
            threshold=None,
            low=interval.min if interval else None,
            high=interval.max if interval else None,
            members=days_block.in_set or [],
            last=7,
        )
        if days is None:
            return None
        week, shift = frame.week(zone)
        return Atom(week, shifted(days_of_week(days), shift))
    if kind == "dayOfMonth" and params.day_of_month is not None:
        return _day_of_month(operator, params.day_of_month, zone=zone, frame=frame)
    return None


def _day_of_month(
    operator: str, block: DayOfMonthParameters, *, zone: str | None, frame: Frame
) -> Formula | None:
    threshold, interval = block.threshold_value, block.interval
    members: list[int] = []
    for member in block.in_set or []:
        if member in ("ODD_DAY", "EVEN_DAY"):
            members += range(1 if member == "ODD_DAY" else 2, 32, 2)
        elif member.isdigit():
            members.append(int(member))
        else:
            return None
    bounds = [threshold, interval.min if interval else None, interval.max if interval else None]
    if any(item is not None and not item.isdigit() for item in bounds):
        return None
    numbers = [int(item) if item is not None else None for item in bounds]
    days = day_numbers(
        operator, threshold=numbers[0], low=numbers[1], high=numbers[2], members=members, last=31
    )
    return None if days is None else one_of(frame.day_of_month(zone), (str(day) for day in days))
