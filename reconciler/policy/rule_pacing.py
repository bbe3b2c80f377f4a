"""The campaign settings a Genesys campaign rule leaves behind when it fires, for PACING-ABANDON.

`setCampaignDialingMode`, `setCampaignAbandonRate`, `setCampaignNumberOfLines` and
`setCampaignMaxCallsPerAgent` change the campaign fields of the same names (Genesys Cloud Platform API,
CampaignRuleParameters: dialingMode, abandonRate, outboundLineCount, maxCallsPerAgent), so the pacing
check runs the model again on the campaign as the rule leaves it. All the actions of one rule fire
together; the campaigns an action changes are read as ABANDON-RATE reads them
(reconciler.policy.rule_abandon.changed_campaigns). Only campaigns the manifests declare, with
`compliance.staffing`, can be modelled.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reconciler.manifest.resource import Resource
from reconciler.platform import Platform
from reconciler.policy.context import CheckContext, spec_of
from reconciler.policy.rule_abandon import changed_campaigns

PACING_ACTIONS: dict[str, str] = {
    "setCampaignDialingMode": "dialing_mode",
    "setCampaignAbandonRate": "abandon_rate",
    "setCampaignNumberOfLines": "outbound_line_count",
    "setCampaignMaxCallsPerAgent": "max_calls_per_agent",
}
"""Rule action -> the campaign field (and the action's parameter) it sets."""


@dataclass(frozen=True)
class RuleChange:
    """One campaign as one rule leaves it."""

    rule: Resource
    campaign: Resource
    spec: dict[str, Any]
    """The campaign's spec in manifest shape with the rule's settings over it."""
    changed: dict[str, Any]
    """Field -> the value the rule sets."""
    first_action: int
    """Index of the rule's first action that changes this campaign's pacing (where a finding points)."""

    @property
    def field_path(self) -> tuple[str | int, ...]:
        parameter = next(iter(self.changed))
        return ("spec", "campaign_rule_actions", self.first_action, "parameters", parameter)

    def text(self) -> str:
        return ", ".join(f"{name} {_shown(value)}" for name, value in self.changed.items())


def rule_changes(context: CheckContext) -> Iterator[RuleChange]:
    """Each declared campaign with staffing whose pacing settings a campaign rule changes."""
    for rule in context.resources(Platform.GENESYS, "CampaignRule"):
        actions = list(getattr(rule.document.spec, "campaign_rule_actions", None) or [])
        changes: dict[str, tuple[Resource, dict[str, Any], int]] = {}
        for index, action in enumerate(actions):
            field = PACING_ACTIONS.get(action.action_type)
            value = None if field is None or action.parameters is None else getattr(action.parameters, field)
            if field is None or value is None:
                continue
            for name, campaign in changed_campaigns(context, rule, action):
                if campaign.resource is None or _staffing(campaign.resource) is None:
                    continue
                _, changed, first = changes.setdefault(name, (campaign.resource, {}, index))
                changed[field] = value
        for owner, changed, first in changes.values():
            yield RuleChange(rule, owner, {**spec_of(owner), **changed}, changed, first)


def _shown(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _staffing(resource: Resource) -> Any:
    return getattr(getattr(resource.document, "compliance", None), "staffing", None)
