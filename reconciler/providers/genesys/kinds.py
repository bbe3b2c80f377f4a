"""Genesys Cloud kinds as data: where each lives, how it is listed, and how a live object is named.

listing: "paged" (entity listing, pageSize 100), "array" (bare JSON array: schedules, listed with no
query parameters, as their operations take none), "singleton".
owner: for schedules, the reference field that identifies the object (one schedule per campaign).
immutable: manifest fields whose change means replace (ContactList, purecloudplatformclientv2; ForceNew in terraform-provider-genesyscloud).
allow_empty_result: the listing takes `allowEmptyResult` ("Whether to return an empty page when there are
no results for that page"): sent as true, as the Terraform provider does (every outbound listing of
purecloudplatformclientv2 269.0.0 but campaigns takes it).
decimal_calls_per_agent: the kind's writes take `useMaxCallsPerAgentDecimal` (campaign POST/PUT, settings
PATCH in SDK 269): sent as true whenever the body carries maxCallsPerAgent or its decimal, as the
Terraform provider does for campaigns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

API = "/api/v2/outbound"


@dataclass(frozen=True)
class GenesysKind:
    kind: str
    path: str
    listing: str = "paged"
    owner: str | None = None
    immutable: frozenset[str] = frozenset()
    status_field: str | None = None
    allow_empty_result: bool = True
    decimal_calls_per_agent: bool = False

    def list_params(self) -> dict[str, str]:
        """Query parameters every listing of the kind carries (paging comes on top)."""
        return {"allowEmptyResult": "true"} if self.allow_empty_result and self.listing == "paged" else {}

    def write_params(self, body: dict[str, Any]) -> dict[str, str]:
        """Query parameters of a write of `body` (POST, PUT or PATCH) of the kind."""
        decimal = self.decimal_calls_per_agent and bool(DECIMAL_FIELDS & body.keys())
        return {"useMaxCallsPerAgentDecimal": "true"} if decimal else {}


DECIMAL_FIELDS = frozenset({"maxCallsPerAgent", "maxCallsPerAgentDecimal"})
"""Body fields whose precision `useMaxCallsPerAgentDecimal` decides."""

READ_ONLY_FIELDS = frozenset({"id", "selfUri", "dateCreated", "dateModified"})
"""Fields the API definition marks read-only on every outbound object. A PUT overlays the managed fields
onto the object as read, so it would carry them back; they are left out, as the Terraform provider's
bodies leave them out (`version` stays: the platform requires it on updates)."""


def without_read_only(body: dict[str, Any]) -> dict[str, Any]:
    """A PUT body without the read-only fields of READ_ONLY_FIELDS (top level: nested references keep ids)."""
    return {key: value for key, value in body.items() if key not in READ_ONLY_FIELDS}


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
        GenesysKind(
            "Campaign",
            f"{API}/campaigns",
            status_field="campaignStatus",
            allow_empty_result=False,
            decimal_calls_per_agent=True,
        ),
        GenesysKind("Sequence", f"{API}/sequences", status_field="status"),
        GenesysKind("CampaignRule", f"{API}/campaignrules", status_field="enabled"),
        GenesysKind("CampaignSchedule", f"{API}/schedules/campaigns", listing="array", owner="campaign"),
        GenesysKind("SequenceSchedule", f"{API}/schedules/sequences", listing="array", owner="sequence"),
        GenesysKind("OutboundSettings", f"{API}/settings", listing="singleton", decimal_calls_per_agent=True),
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
