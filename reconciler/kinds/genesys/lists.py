"""Genesys contact lists, their filters, DNC lists and attempt limits."""

from __future__ import annotations

from reconciler.kinds.genesys import outbound

SPECS = (
    outbound(
        "ContactList",
        "contactlists",
        run_state=None,
        delete_rank=4,
        references={"attempt_limits": "AttemptLimits"},
        # changed only by replace (purecloudplatformclientv2; ForceNew in terraform-provider-genesyscloud)
        immutable=frozenset(
            {
                "column_names",
                "phone_columns",
                "email_columns",
                "whats_app_columns",
                "automatic_time_zone_mapping",
                "zip_code_column_name",
                "column_data_type_specifications",
            }
        ),
        export_defaults={"trim_whitespace": True, "automatic_time_zone_mapping": False},
    ),
    outbound(
        "ContactListFilter",
        "contactlistfilters",
        run_state=None,
        delete_rank=3,
        references={"contact_list": "ContactList", "contact_list_template": "ContactListTemplate"},
    ),
    outbound(
        "DncList",
        "dnclists",
        run_state=None,
        delete_rank=3,
        # custom_exclusion_column: "cannot be updated" (ForceNew of genesyscloud_outbound_dnclist in
        # MyPureCloud/terraform-provider-genesyscloud); the API definition says nothing either way.
        immutable=frozenset({"dnc_source_type", "custom_exclusion_column"}),
    ),
    outbound("AttemptLimits", "attemptlimits", run_state=None, delete_rank=5),
)
