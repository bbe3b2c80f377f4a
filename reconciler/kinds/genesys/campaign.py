"""The Genesys voice campaign (/api/v2/outbound/campaigns): created off, started afterwards."""

from __future__ import annotations

from reconciler.kinds.genesys import force_new, outbound
from reconciler.kinds.spec import RunStateSpec

SPECS = (
    outbound(
        "Campaign",
        "campaigns",
        run_state=RunStateSpec(
            field="campaign_status",
            api_field="campaignStatus",
            on="on",
            off="off",
            busy=frozenset({"on", "stopping", "forced_stopping"}),
            turn_on="start",
            turn_off="stop",
            locked=frozenset({"contact_list", "dialing_mode", "phone_columns"}),
            exported=True,
        ),
        delete_rank=2,
        references={
            "contact_list": "ContactList",
            "dnc_lists": "DncList",
            "callable_time_set": "CallableTimeSet",
            "call_analysis_response_set": "CallAnalysisResponseSet",
            "rule_sets": "RuleSet",
            "contact_list_filters": "ContactListFilter",
        },
        # dynamic_contact_queueing_settings (sort, filter) can only be set when the campaign is created:
        # ForceNew of both in MyPureCloud/terraform-provider-genesyscloud's genesyscloud_outbound_campaign
        # ("will cause the outbound campaign to be dropped and recreated"), issue #1661 there (the UI greys
        # the option out after creation); the API definition says nothing either way.
        replace_sources={
            "dynamic_contact_queueing_settings": force_new(
                "outbound_campaign", "its sort and filter; its issue #1661"
            )
        },
        set_like=frozenset({"dnc_lists", "rule_sets"}),
        paced=True,
        calls=True,
        export_defaults={"skip_preview_disabled": False, "always_running": False, "preview_auto_end": False},
        allow_empty_result=False,
        decimal_calls_per_agent=True,
    ),
)
