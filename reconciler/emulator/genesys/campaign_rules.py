"""Campaign rule rules (CampaignRule, purecloudplatformclientv2, SW18): a rule cannot be created enabled, modified while enabled, or deleted
while enabled. Flipping `enabled` alone is how a rule is turned on and off, so a PUT on an enabled rule
whose only change is `enabled` is allowed ("modified" is read as: any other writable field differs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.kinds import BY_KEY
from reconciler.emulator.genesys.schema import read_only_fields
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator


def _rule_content(rule: JsonObject) -> JsonObject:
    owned = read_only_fields(BY_KEY["campaignrules"].update_definition) | {"version", "enabled"}
    return {key: value for key, value in rule.items() if key not in owned}


def before_write(emulator: Emulator, body: JsonObject, current: JsonObject | None) -> None:
    if not body.get("campaignRuleConditions") and not body.get("conditionGroups"):
        raise GenesysError(400, "missing.campaign.rule.conditions", "Campaign rule must have a condition.")
    if not body.get("campaignRuleActions"):
        raise GenesysError(400, "missing.campaign.rule.actions", "Campaign rule must have an action.")
    if current is None:
        if body.get("enabled"):
            raise GenesysError(
                400, "cannot.create.enabled.campaign.rule", "Cannot create a rule that is enabled."
            )
        body.setdefault("enabled", False)
        return
    if "enabled" not in body:
        raise GenesysError(400, "invalid.update", "The field 'enabled' is required on updates.")
    if current.get("enabled") and _rule_content(body) != _rule_content(current):
        raise GenesysError(
            400, "cannot.modify.enabled.campaign.rule", "Cannot modify a rule that is enabled."
        )


def before_delete(emulator: Emulator, current: JsonObject) -> None:
    if current.get("enabled"):
        raise GenesysError(
            400, "cannot.delete.enabled.campaign.rule", "Cannot delete a rule that is enabled."
        )
