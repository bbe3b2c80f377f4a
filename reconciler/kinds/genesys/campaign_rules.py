"""Genesys campaign rules: created disabled, never edited or deleted while enabled."""

from __future__ import annotations

from reconciler.kinds.genesys import force_new, outbound
from reconciler.kinds.spec import RunStateSpec

SPECS = (
    outbound(
        "CampaignRule",
        "campaignrules",
        run_state=RunStateSpec(
            field="enabled",
            api_field="enabled",
            on=True,
            off=False,
            busy=frozenset({True}),
            turn_on="enable",
            turn_off="disable",
            locked=None,  # cannot.modify.enabled.campaign.rule
            # re-enabled when the edit it was disabled for fails (a campaign stopped for an edit stays
            # stopped: restarting it would dial again on the configuration the edit meant to change)
            restored_after_failed_edit=True,
        ),
        delete_rank=0,
        # the provider's action entities share that schema; they are not followed here: the table is per
        # top-level field, and an action is edited in place
        replace_sources={
            "campaign_rule_entities": force_new(
                "outbound_campaignrule",
                "its campaign_ids, sequence_ids, sms_campaign_ids, email_campaign_ids",
            )
        },
    ),
)
