"""Genesys Cloud call analysis response sets, campaign sequences and the org singletons (outbound settings,
wrap-up code mappings), reference CampaignSequence, ResponseSet, OutboundSettings, AttemptLimits and WrapUpCodeMapping in purecloudplatformclientv2."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator, model_validator

from reconciler.manifest.models.base import SpecModel
from reconciler.manifest.models.genesys_lists import RetentionType, days_need_their_type, type_needs_days
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import ClockMinute, GenesysName, TimeZoneId, external, ref

# --- CallAnalysisResponseSet ---------------------------------------------------------------------

Disposition = Literal[
    "disposition.classification.callable.lineconnected",
    "disposition.classification.callable.person",
    "disposition.classification.callable.busy",
    "disposition.classification.callable.noanswer",
    "disposition.classification.callable.fax",
    "disposition.classification.callable.disconnect",
    "disposition.classification.callable.machine",
    "disposition.classification.callable.sit",
    "disposition.classification.uncallable.sit",
    "disposition.classification.uncallable.notfound",
]


class Reaction(SpecModel):
    reaction_type: Literal["hangup", "transfer", "transfer_flow", "play_file"]
    data: Annotated[str, external("Flow")] | None = Field(
        default=None, description="transfer_flow: the outbound flow's name (sent as its id)"
    )
    name: str | None = Field(default=None, description="Name of the parameter (transfer_flow: the flow name)")

    @model_validator(mode="after")
    def _flow_named(self) -> Reaction:
        if self.reaction_type == "transfer_flow" and self.data is None:
            raise ValueError("reaction_type transfer_flow needs data (the outbound flow's name)")
        return self


class CallAnalysisResponseSetSpec(SpecModel):
    """What the dialer does with each call analysis result (answering machine handling)."""

    responses: dict[Disposition, Reaction] = Field(
        description="Reaction by call analysis result, e.g. disposition.classification.callable.person"
    )
    beep_detection_enabled: bool | None = Field(default=None, description="Answering machine beep detection")
    amd_speech_distinguish_enabled: bool | None = Field(
        default=None, description="Answering machine detection"
    )
    live_speaker_detection_mode: Literal["Disabled", "Low", "Medium", "High"] | None = Field(
        default=None, description="Live speaker detection level, based on ringbacks"
    )


# --- Sequence ------------------------------------------------------------------------------------


class SequenceSpec(SpecModel):
    """Campaigns run one after another. Status and campaign list change in separate updates."""

    campaigns: list[Annotated[GenesysName, ref("Campaign")]] = Field(min_length=1, description="In run order")
    # Optional: status of genesyscloud_outbound_sequence (MyPureCloud/terraform-provider-genesyscloud) is
    # Optional, 'off' by default; a sequence is created off and turned on separately.
    status: Literal["on", "off"] | None = Field(
        default=None,
        description="Only on and off can be set; complete belongs to the platform. Left out: created off, "
        "then not managed",
    )
    repeat: bool | None = Field(
        default=None, description="Start again after the last campaign (default false)"
    )


# --- OutboundSettings ----------------------------------------------------------------------------


class AtzmTimeSlot(SpecModel):
    earliest_callable_time: ClockMinute | None = Field(default=None, description="HH:MM")
    latest_callable_time: ClockMinute | None = Field(default=None, description="HH:MM")


class AtzmTimeSlotWithTimeZone(AtzmTimeSlot):
    time_zone_id: TimeZoneId | None = Field(
        default=None, description="Zone for contacts that cannot be mapped"
    )


class CallableWindow(SpecModel):
    mapped: AtzmTimeSlot | None = Field(default=None, description="Window for contacts mapped to a time zone")
    unmapped: AtzmTimeSlotWithTimeZone | None = Field(
        default=None, description="Window and zone for contacts that cannot be mapped"
    )


class AutomaticTimeZoneMappingSettings(SpecModel):
    callable_windows: list[CallableWindow] | None = None
    supported_countries: list[str] | None = None


class OutboundSettingsSpec(SpecModel):
    """Org-wide dialer settings; only the declared fields are patched."""

    max_calls_per_agent: int | None = Field(default=None, ge=1, le=15)
    max_calls_per_agent_decimal: float | None = Field(default=None, ge=1, le=15)
    max_line_utilization: float | None = Field(
        default=None, ge=0.01, le=1, description="Share of lines usable for outbound, 0.01 to 1 (2 decimals)"
    )
    abandon_seconds: float | None = Field(
        default=None,
        ge=1,
        le=300,
        description="Seconds after which an unanswered connected call is abandoned",
    )
    compliance_abandon_rate_denominator: Literal["ALL_CALLS", "CALLS_THAT_REACHED_QUEUE"] | None = None
    automatic_time_zone_mapping: AutomaticTimeZoneMappingSettings | None = Field(
        default=None, description="Applies to voice and messaging campaigns"
    )
    reschedule_time_zone_skipped_contacts: bool | None = None
    contact_list_default_retention_type: RetentionType | None = Field(
        default=None, description="Retention of newly created contact lists and templates"
    )
    contact_list_default_retention_days: int | None = Field(
        default=None, ge=1, description="Days new lists are kept; required with RetentionDays"
    )
    time_zone: TimeZoneId | None = Field(
        default=None, description="IANA zone in which retention Today of new lists ends"
    )

    _days_need_their_type = field_validator("contact_list_default_retention_days")(days_need_their_type)

    @model_validator(mode="after")
    def _retention_type_needs_days(self) -> OutboundSettingsSpec:
        type_needs_days(self, prefix="contact_list_default_")
        return self

    @field_validator("max_line_utilization")
    @classmethod
    def _two_decimals(cls, value: float | None) -> float | None:
        if value is not None and round(value, 2) != value:
            raise ValueError("max_line_utilization takes at most 2 decimals")
        return value


# --- WrapUpCodeMappings --------------------------------------------------------------------------

_UpperFlag = Literal[
    "CONTACT_UNCALLABLE",
    "NUMBER_UNCALLABLE",
    "RIGHT_PARTY_CONTACT",
    "BUSINESS_FAILURE",
    "BUSINESS_NEUTRAL",
    "BUSINESS_SUCCESS",
]
WRAP_UP_FLAGS: tuple[str, ...] = get_args(_UpperFlag)
_FLAGS_TEXT = "A flag is one of " + ", ".join(WRAP_UP_FLAGS) + " in any letter case, sent upper case."


def _any_case(word: str) -> str:
    """A regex matching `word` in any letter case: RIGHT_PARTY_CONTACT, Right_Party_Contact ..."""
    return "".join(f"[{char.upper()}{char.lower()}]" if char.isalpha() else char for char in word)


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


# Any letter case, stored upper case: the flags are compared case-insensitively by WrapUpCodeMapping's
# users (MyPureCloud/terraform-provider-genesyscloud validates them ignoring case, and its examples write
# Right_Party_Contact); the API definition lists them upper case (WrapUpCodeMapping.defaultSet) and the
# body carries them so.
WrapUpFlag = Annotated[
    _UpperFlag,
    BeforeValidator(_upper),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^(" + "|".join(_any_case(flag) for flag in WRAP_UP_FLAGS) + ")$",
            "description": _FLAGS_TEXT,
        }
    ),
]


class WrapUpCodeMappingsSpec(SpecModel):
    """How wrap-up codes count for the dialer (uncallable, right party, business outcome)."""

    default_set: list[WrapUpFlag] | None = Field(
        default=None, description=f"Flags of codes not in mapping. {_FLAGS_TEXT}"
    )
    mapping: dict[Annotated[str, external("WrapUpCode")], list[WrapUpFlag]] | None = Field(
        default=None, description=f"Flags by wrap-up code NAME (sent keyed by the code's id). {_FLAGS_TEXT}"
    )


PLATFORM = "genesys"
"""The platform of the kinds below (the manifest kinds are found by scanning this package)."""

KINDS = [
    KindDef(
        "CallAnalysisResponseSet",
        CallAnalysisResponseSetSpec,
        description="Call analysis responses (/api/v2/outbound/callanalysisresponsesets).",
    ),
    KindDef(
        "Sequence",
        SequenceSpec,
        description="A campaign sequence (/api/v2/outbound/sequences).",
    ),
    KindDef(
        "OutboundSettings",
        OutboundSettingsSpec,
        singleton=True,
        description="The org's outbound settings (/api/v2/outbound/settings), an org singleton.",
    ),
    KindDef(
        "WrapUpCodeMappings",
        WrapUpCodeMappingsSpec,
        singleton=True,
        description="The org's wrap-up code mappings (/api/v2/outbound/wrapupcodemappings), a singleton.",
    ),
]
