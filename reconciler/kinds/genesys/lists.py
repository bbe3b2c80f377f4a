"""Genesys contact lists, their filters, DNC lists and attempt limits."""

from __future__ import annotations

from reconciler.kinds.genesys import force_new, outbound

_LIST = "outbound_contact_list"
_TIME_ZONE_MAPPING = force_new(_LIST, "Platform API error cannot.edit.automatic.time.zone.mapping.settings")

SPECS = (
    outbound(
        "ContactList",
        "contactlists",
        run_state=None,
        delete_rank=4,
        references={"attempt_limits": "AttemptLimits"},
        # the API definition (purecloudplatformclientv2 269.0.0) marks none of them; its error codes name three
        replace_sources={
            "column_names": force_new(_LIST, "Platform API error cannot.update.contact.column.names"),
            "phone_columns": force_new(_LIST, "Platform API error cannot.update.phone.columns"),
            "email_columns": force_new(_LIST),
            "whats_app_columns": force_new(_LIST),
            "automatic_time_zone_mapping": _TIME_ZONE_MAPPING,
            "zip_code_column_name": _TIME_ZONE_MAPPING,
            "column_data_type_specifications": force_new(_LIST),
        },
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
        # the API definition says nothing either way; the provider replaces the list
        replace_sources={
            "dnc_source_type": force_new("outbound_dnclist"),
            "custom_exclusion_column": force_new("outbound_dnclist", "its description: it cannot be updated"),
        },
    ),
    outbound("AttemptLimits", "attemptlimits", run_state=None, delete_rank=5),
)
