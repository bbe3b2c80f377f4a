"""Genesys rule sets (/api/v2/outbound/rulesets)."""

from __future__ import annotations

from reconciler.kinds.genesys import outbound

SPECS = (
    outbound(
        "RuleSet", "rulesets", run_state=None, delete_rank=3, references={"contact_list": "ContactList"}
    ),
)

LOOKUPS_WHEN_REFERRED = {"genesys": {"DataAction": "/api/v2/integrations/actions"}}
"""External kinds these kinds name, read only when a manifest names one: the data action of a dataActionCondition
or a dataActionBehavior action (DialerRule conditions and actions name it by id: IntegrationsApi
get_integrations_actions, purecloudplatformclientv2 269.0.0)."""
