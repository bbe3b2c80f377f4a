"""Genesys Cloud voice campaigns (/api/v2/outbound/campaigns), reference Campaign, purecloudplatformclientv2."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from reconciler.manifest.models.base import SpecModel
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import GenesysName, Percent, Text, external, ref

DialingMode = Literal["agentless", "preview", "power", "predictive", "progressive", "external"]


class PhoneColumn(SpecModel):
    column_name: str = Field(min_length=1)
    # Optional: PhoneColumn of purecloudplatformclientv2 269.0.0 has no check on it, and
    # MyPureCloud/terraform-provider-genesyscloud's campaign phone_columns block has column_name only.
    type: str | None = Field(default=None, min_length=1, description="Phone column type, e.g. cell or home")


class ContactSort(SpecModel):
    field_name: str = Field(min_length=1, description="The contact list column to sort by")
    direction: Literal["ASC", "DESC"] = "ASC"
    numeric: bool = False


class DynamicContactQueueingSettings(SpecModel):
    sort: bool | None = None
    filter: bool | None = None


class DynamicLineBalancingSettings(SpecModel):
    enabled: bool | None = None
    relative_weight: int | None = Field(default=None, ge=0, le=100)


class DiagnosticsSettings(SpecModel):
    report_low_max_calls_per_agent_alert: bool | None = None


class CampaignSpec(SpecModel):
    """A voice dialer campaign. Created off by the reconciler and switched on afterwards."""

    contact_list: Annotated[GenesysName, ref("ContactList")]
    dialing_mode: DialingMode
    phone_columns: list[PhoneColumn] = Field(min_length=1)
    # Optional for external campaigns only: MyPureCloud/terraform-provider-genesyscloud leaves callerName out
    # when caller_name is unset, and its TestAccResourceOutboundCampaignBasic creates an external-mode
    # campaign without one; the other modes get 400 missing.caller.id.name (POST/PUT
    # /api/v2/outbound/campaigns). 47 CFR 64.1601(e) asks for the telemarketer's name only "when available"
    # from the carrier, so no compliance check requires it beyond that.
    caller_name: str | None = Field(
        default=None,
        min_length=1,
        description="The caller id name to be displayed on the outbound call. Required unless dialing_mode "
        "is external",
    )
    caller_address: Text = Field(min_length=1, description="Caller id number shown to the called party")
    queue: Annotated[str, external("Queue")] | None = Field(
        default=None, description="Routing queue by name (all modes except agentless)"
    )
    script: Annotated[str, external("Script")] | None = None
    edge_group: Annotated[str, external("EdgeGroup")] | None = None
    site: Annotated[str, external("Site")] | None = None
    division: Annotated[str, external("Division")] | None = Field(
        default=None, description="Division by name; left out means the org's home division"
    )
    campaign_status: Literal["on", "off"] | None = Field(
        default=None, description="Only on and off can be set; other states belong to the platform"
    )
    abandon_rate: Percent | None = Field(default=None, description="Target abandon rate in percent")
    dnc_lists: list[Annotated[GenesysName, ref("DncList")]] | None = None
    callable_time_set: Annotated[GenesysName, ref("CallableTimeSet")] | None = None
    call_analysis_response_set: Annotated[GenesysName, ref("CallAnalysisResponseSet")] | None = None
    outbound_line_count: int | None = Field(default=None, ge=1)
    rule_sets: list[Annotated[GenesysName, ref("RuleSet")]] | None = None
    skip_preview_disabled: bool | None = None
    preview_time_out_seconds: int | None = Field(default=None, ge=0, le=1200)
    always_running: bool | None = None
    contact_sort: ContactSort | None = None
    contact_sorts: list[ContactSort] | None = Field(default=None, max_length=4)
    no_answer_timeout: int | None = Field(
        default=None, ge=1, description="Seconds before an unanswered call ends"
    )
    call_analysis_language: str | None = None
    priority: int | None = Field(default=None, ge=1, le=5, description="1 lowest ... 5 highest")
    contact_list_filters: list[Annotated[GenesysName, ref("ContactListFilter")]] | None = Field(
        default=None, max_length=1
    )
    agent_owned_column: str | None = None
    dynamic_contact_queueing_settings: DynamicContactQueueingSettings | None = None
    skill_columns: list[str] | None = None
    preview_auto_end: bool | None = None
    max_calls_per_agent: int | None = Field(default=None, ge=1, le=15)
    max_calls_per_agent_decimal: float | None = Field(default=None, ge=1, le=15)
    callback_auto_answer: bool | None = None
    dynamic_line_balancing_settings: DynamicLineBalancingSettings | None = None
    diagnostics_settings: DiagnosticsSettings | None = None
    precise_dialing_enabled: bool | None = Field(default=None, description="Precise dialing")

    @model_validator(mode="after")
    def _caller_name_unless_external(self) -> CampaignSpec:
        if self.caller_name is None and self.dialing_mode != "external":
            raise ValueError(
                f"caller_name is required for a {self.dialing_mode} campaign (missing.caller.id.name); "
                "only an external campaign may leave it out"
            )
        return self

    @model_validator(mode="after")
    def _edge_group_or_site(self) -> CampaignSpec:
        if self.edge_group is not None and self.site is not None:
            raise ValueError("set edge_group or site, not both (site.and.edge.group.cannot.be.configured)")
        return self


PLATFORM = "genesys"
"""The platform of the kinds below (the manifest kinds are found by scanning this package)."""

KINDS = [
    KindDef(
        "Campaign",
        CampaignSpec,
        compliance=True,
        description="A voice dialer campaign (/api/v2/outbound/campaigns).",
    ),
]
