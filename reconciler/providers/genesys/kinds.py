"""Genesys Cloud kinds as data: where each lives, how it is listed, and how a live object is named.

listing: "paged" (entity listing, pageSize 100), "array" (bare JSON array: schedules), "singleton".
owner: for schedules, the reference field that identifies the object (one schedule per campaign).
immutable: manifest fields whose change means replace (genesys-api.md §6.9).
"""

from __future__ import annotations

from dataclasses import dataclass

API = "/api/v2/outbound"


@dataclass(frozen=True)
class GenesysKind:
    kind: str
    path: str
    listing: str = "paged"
    owner: str | None = None
    immutable: frozenset[str] = frozenset()
    status_field: str | None = None


KINDS: dict[str, GenesysKind] = {
    spec.kind: spec
    for spec in (
        GenesysKind("AttemptLimits", f"{API}/attemptlimits"),
        GenesysKind(
            "ContactList",
            f"{API}/contactlists",
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
        ),
        GenesysKind("ContactListFilter", f"{API}/contactlistfilters"),
        GenesysKind("DncList", f"{API}/dnclists", immutable=frozenset({"dnc_source_type"})),
        GenesysKind("CallableTimeSet", f"{API}/callabletimesets"),
        GenesysKind("CallAnalysisResponseSet", f"{API}/callanalysisresponsesets"),
        GenesysKind("RuleSet", f"{API}/rulesets"),
        GenesysKind("Campaign", f"{API}/campaigns", status_field="campaignStatus"),
        GenesysKind("Sequence", f"{API}/sequences", status_field="status"),
        GenesysKind("CampaignRule", f"{API}/campaignrules", status_field="enabled"),
        GenesysKind("CampaignSchedule", f"{API}/schedules/campaigns", listing="array", owner="campaign"),
        GenesysKind("SequenceSchedule", f"{API}/schedules/sequences", listing="array", owner="sequence"),
        GenesysKind("OutboundSettings", f"{API}/settings", listing="singleton"),
        GenesysKind("WrapUpCodeMappings", f"{API}/wrapupcodemappings", listing="singleton"),
    )
}

LOOKUPS: dict[str, str] = {
    "Queue": "/api/v2/routing/queues",
    "Script": "/api/v2/scripts",
    "EdgeGroup": "/api/v2/telephony/providers/edges/edgegroups",
    "Site": "/api/v2/telephony/providers/edges/sites",
    "WrapUpCode": "/api/v2/routing/wrapupcodes",
    "Division": "/api/v2/authorization/divisions",
    "Flow": "/api/v2/flows",
}
"""External kinds: objects references may name that the reconciler never manages."""

SINGLETON_NAMES = {"OutboundSettings": "settings", "WrapUpCodeMappings": "wrapupcodemappings"}
