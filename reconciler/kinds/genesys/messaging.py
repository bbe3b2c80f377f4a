"""Genesys outbound messaging: SMS and email campaigns and their schedules, digital rule sets and contact list
templates (OutboundApi, purecloudplatformclientv2 269.0.0; ForceNew of terraform-provider-genesyscloud)."""

from __future__ import annotations

from reconciler.kinds.genesys import force_new, outbound
from reconciler.kinds.spec import RunStateSpec

SPECS = (
    outbound(
        "MessagingCampaign",
        "messagingcampaigns",
        run_state=RunStateSpec(
            field="campaign_status",
            api_field="campaignStatus",
            on="on",
            off="off",
            busy=frozenset({"on", "stopping", "forced_stopping"}),
            turn_on="start",
            turn_off="stop",
            locked=frozenset(),  # no documented field a running messaging campaign refuses to change
            exported=True,
        ),
        calls="sms_config",  # an SMS campaign: a text is a call under the TCPA
        delete_rank=2,
        references={
            "contact_list": "ContactList",
            "dnc_lists": "DncList",
            "callable_time_set": "CallableTimeSet",
            "rule_sets": "DigitalRuleSet",
            "contact_list_filters": "ContactListFilter",
        },
        set_like=frozenset({"dnc_lists", "rule_sets"}),
        export_defaults={"always_running": False},
        allow_empty_result=False,  # the listing takes no allowEmptyResult
    ),
    outbound(
        "MessagingCampaignSchedule",
        "schedules/messagingcampaigns",
        run_state=None,
        delete_rank=0,
        emulator_key="messagingcampaignschedules",
        listing="array",  # listed with no query parameters; answers a MessagingCampaignScheduleEntityListing
        allow_empty_result=False,
        owner="messaging_campaign",
        schedule=True,
        references={"messaging_campaign": "MessagingCampaign"},
    ),
    outbound(
        "DigitalRuleSet",
        "digitalrulesets",
        run_state=None,
        delete_rank=3,
        references={"contact_list": "ContactList"},
        allow_empty_result=False,
    ),
    outbound(
        "ContactListTemplate",
        "contactlisttemplates",
        run_state=None,
        delete_rank=4,
        references={"attempt_limits": "AttemptLimits"},
        replace_sources=dict.fromkeys(
            (
                "column_names",
                "phone_columns",
                "email_columns",
                "automatic_time_zone_mapping",
                "zip_code_column_name",
                "column_data_type_specifications",
            ),
            force_new("outbound_contact_list_template"),
        ),
    ),
)

LOOKUPS = {"genesys": {"EmailDomain": "/api/v2/routing/email/outbound/domains"}}
"""External kinds these kinds name: an email campaign's sender domain (RoutingApi, purecloudplatformclientv2
269.0.0)."""

LOOKUPS_WHEN_REFERRED = {
    "genesys": {
        "ResponseLibrary": "/api/v2/responsemanagement/libraries",
        "ResponseTemplate": "/api/v2/responsemanagement/responses",
    }
}
"""External kinds read only when a manifest names one: the response management responses an SMS or email
config, or a campaign rule's set*ContentTemplate parameters, use as the message (DomainEntityRef ids;
ResponseManagementApi, purecloudplatformclientv2 269.0.0), and the libraries they are listed by."""

LOOKUP_SCOPES = {"genesys": {"ResponseTemplate": ("ResponseLibrary", "libraryId")}}
"""A lookup listed per object of another (kind -> (scope kind, query parameter)): responses are listed one
library at a time, `libraryId` being required (get_responsemanagement_responses)."""
