"""ABANDON-RATE for Genesys campaign-rule actions: a rule that changes a campaign's pacing is checked
like the campaign field it changes.

`setCampaignAbandonRate` sets the campaign's `abandon_rate` (percent): above the lowest cap of the
campaign's jurisdictions it is the same breach as writing it in the campaign. `setCampaignDialingMode`
to power or predictive paces the campaign to its `abandon_rate`: a campaign with none (and no action of
the same rule that sets one for it) would pace to the platform's own default. The campaigns an action changes
are its `campaign_rule_action_entities.campaigns`, or with `use_triggering_entity` the rule's own
campaigns (Genesys Cloud Platform API, CampaignRuleActionEntities). A campaign neither the manifests
nor the org hold is left to REF-MISSING; sequences are not followed.
"""

from __future__ import annotations

from collections.abc import Iterator

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.resource import Resource
from reconciler.platform import Platform
from reconciler.policy.context import CheckContext, Declared
from reconciler.policy.jurisdictions import lowest_cap

PACED_MODES = frozenset({"power", "predictive"})


def rule_abandon_rates(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for rule in context.resources(Platform.GENESYS, "CampaignRule"):
        actions = list(getattr(rule.document.spec, "campaign_rule_actions", None) or [])
        rate_set = {
            name
            for action in actions
            if action.action_type == "setCampaignAbandonRate"
            for name, _ in changed_campaigns(context, rule, action)
        }
        for index, action in enumerate(actions):
            parameters = action.parameters
            if parameters is None:
                continue
            for name, campaign in changed_campaigns(context, rule, action):
                if action.action_type == "setCampaignAbandonRate" and parameters.abandon_rate is not None:
                    found.extend(
                        _rate_above_cap(context, rule, index, name, campaign, parameters.abandon_rate)
                    )
                if (
                    action.action_type == "setCampaignDialingMode"
                    and parameters.dialing_mode in PACED_MODES
                    and name not in rate_set
                    and campaign.spec.get("abandon_rate") is None
                ):
                    found.append(
                        finding(
                            Code.ABANDON_RATE,
                            f"CampaignRule '{rule.name}' switches campaign '{name}' to "
                            f"{parameters.dialing_mode} mode, but the campaign has no abandon_rate: set the "
                            "target abandon rate (percent) on the campaign, or in this rule with "
                            "setCampaignAbandonRate, at or below the legal cap.",
                            address=rule.address,
                            source=rule.location_of(
                                ("spec", "campaign_rule_actions", index, "parameters", "dialing_mode")
                            ),
                        )
                    )
    return found


def changed_campaigns(
    context: CheckContext, rule: Resource, action: object
) -> Iterator[tuple[str, Declared]]:
    """(name, campaign) for each campaign the action changes that the manifests or the org hold."""
    entities = getattr(action, "campaign_rule_action_entities", None)
    names = list(getattr(entities, "campaigns", None) or [])
    if getattr(entities, "use_triggering_entity", False):
        watched = getattr(rule.document.spec, "campaign_rule_entities", None)
        names.extend(getattr(watched, "campaigns", None) or [])
    for name in dict.fromkeys(names):
        campaign = context.lookup(Platform.GENESYS, "Campaign", name)
        if campaign is not None:
            yield name, campaign


def _rate_above_cap(
    context: CheckContext, rule: Resource, index: int, name: str, campaign: Declared, rate: float
) -> list[Finding]:
    capped = lowest_cap(context.rules_of(campaign.resource))
    if capped is None or float(rate) <= capped[0]:
        return []
    cap, row = capped
    return [
        finding(
            Code.ABANDON_RATE,
            f"CampaignRule '{rule.name}' sets campaign '{name}' to an abandon rate of {float(rate):g} %, above "
            f"the {cap:g} % cap of {row.cite()} ({row.abandon_window}).",
            address=rule.address,
            source=rule.location_of(("spec", "campaign_rule_actions", index, "parameters", "abandon_rate")),
        )
    ]
