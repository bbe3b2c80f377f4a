"""Which kind-specific rules run on a write or a delete, by collection (after the rules common to all)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconciler.emulator.genesys import campaign_rules, campaigns, checks
from reconciler.emulator.genesys.families import rules
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

WriteRule = Callable[["Emulator", JsonObject, JsonObject | None], None]
DeleteRule = Callable[["Emulator", JsonObject], None]


def _no_write_rule(emulator: Emulator, body: JsonObject, current: JsonObject | None) -> None:
    return None


def _no_delete_rule(emulator: Emulator, current: JsonObject) -> None:
    return None


@dataclass(frozen=True)
class Rules:
    """before_write may adjust the body (server-owned status fields); both raise GenesysError to refuse."""

    before_write: WriteRule = _no_write_rule
    before_delete: DeleteRule = _no_delete_rule


_RULES: dict[str, Rules] = {
    "campaigns": Rules(campaigns.before_write, campaigns.before_delete),
    "campaignrules": Rules(campaign_rules.before_write, campaign_rules.before_delete),
    "contactlists": Rules(checks.contact_list),
    "contactlistfilters": Rules(checks.contact_list_filter),
    "callabletimesets": Rules(checks.callable_time_set),
    "attemptlimits": Rules(checks.attempt_limits),
    "dnclists": Rules(checks.dnc_list),
    "sequences": Rules(checks.sequence, checks.sequence_delete),
    **{key: Rules(rule) for key, rule in rules().items()},
}


def rules_of(key: str) -> Rules:
    return _RULES.get(key, Rules())
