"""CXone outbound Personal Connection skills (/skills/{id}, /skills/{id}/parameters/*) of the Admin API.

In CXone the ACD skill is the dialing unit: one manifest document holds the skill's own fields
(PUT /skills/{id}) and its dialer parameter blocks, each written by its own PUT.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from reconciler.manifest.models.base import SpecModel
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import ClockMinute, Name, Text, external, ref

NumberText = Text
"""Text that YAML may have typed as a number (caller ids, phone numbers)."""

Count = Annotated[int, Field(ge=0)]
Seconds = Annotated[int, Field(ge=0)]


class GeneralSettings(SpecModel):
    """PUT /skills/{id}/parameters/general-settings `{"generalSettings": {...}}`; ranges as the Admin API
    documents them (UpdateSkillGenral)."""

    maximum_ratio: int | None = Field(
        ge=1,
        le=3,
        default=None,
        description="Calls Personal Connection places per available agent, an integer 1-3; 1 is "
        "progressive (one call per agent), 2 or 3 predictive",
    )
    aggressiveness: Count | None = Field(
        default=None,
        description="Pacing aggressiveness as the integer the parameters read returns; the PUT takes it "
        "as text (the values are not documented)",
    )
    abandon_rate_threshold: float | None = Field(
        ge=0,
        le=99.9,
        default=None,
        description="Maximum percent of abandoned calls allowed (0-99.9); used only with "
        "override_business_unit_abandon_rate and when the business unit allows skill-level abandon rates",
    )
    abandon_rate_cutoff: float | None = Field(
        ge=0,
        le=100,
        default=None,
        description="Percentage points subtracted from abandon_rate_threshold: when the abandon rate "
        "reaches threshold - cutoff, Personal Connection limits calling to 1:1 (one call per agent)",
    )
    begin_dampen_percentage: int | None = Field(
        ge=0,
        le=100,
        default=None,
        description="Abandon rate (percent, integer) at which the skill starts to throttle",
    )
    override_business_unit_abandon_rate: bool | None = Field(
        default=None, description="Use this skill's abandon-rate fields instead of the business unit's"
    )
    percentage_of_agents_before_overdial: int | None = Field(default=None, ge=0, le=100)
    max_concurrent_calls_per_agent: int | None = Field(default=None, ge=1, le=10)
    max_wait_time_seconds: int | None = Field(default=None, ge=0, le=999)
    maximum_ringing_duration: int | None = Field(
        ge=1, le=60, default=None, description="Seconds a call may ring (1-60)"
    )
    inactive_blender_timer: int | None = Field(ge=15, le=999, default=None, description="Seconds (15-999)")
    minimum_retry_minutes: int | None = Field(
        ge=1,
        le=50000,
        default=None,
        description="Shared with retry_settings.minimum_retry_minutes (editing one edits both)",
    )
    maximum_attempts: int | None = Field(
        ge=1,
        le=300,
        default=None,
        description="Shared with retry_settings.maximum_attempts (editing one edits both)",
    )
    default_contact_expiration: int | None = Field(
        ge=1, le=527039, default=None, description="Minutes (1-527039, i.e. under 366 days)"
    )
    load_callbacks: bool | None = None
    load_fresh: bool | None = None
    load_non_fresh: bool | None = None
    get_priority_contacts_on_contact_insertion: bool | None = None
    end_of_list_notifications_delay: int | None = Field(default=None, ge=0, le=3600)
    notify_agents_when_list_is_empty: bool | None = None
    block_multiple_calls: bool | None = None
    consecutive_attempts_without_a_live_connect: int | None = Field(default=None, ge=1, le=999)
    enable_dialing_by_proficiency: bool | None = None
    proficiency_factor: float | None = Field(default=None, ge=0, le=999)
    wait_time_factor: float | None = Field(
        ge=0,
        le=999,
        default=None,
        description="0-999 as the PUT takes it (the parameters read types it as a boolean)",
    )
    deliver_callbacks_on_dnc_holidays: bool | None = Field(
        default=None, serialization_alias="deliverCallbacksOnDNCHolidays"
    )
    deliver_priorities_on_dnc_holidays: bool | None = Field(
        default=None, serialization_alias="deliverPrioritiesOnDNCHolidays"
    )


class RetrySettings(SpecModel):
    """PUT /skills/{id}/parameters/retry-settings `{"retrySettings": {...}}` with its documented ranges."""

    maximum_attempts: int | None = Field(
        default=None, ge=1, le=300, description="Dial attempts before a record is exhausted (1-300)"
    )
    minimum_retry_minutes: int | None = Field(
        default=None, ge=1, le=50000, description="Minutes before a record is dialed again (1-50000)"
    )
    finalize_when_exhausted: bool | None = None
    load_non_fresh: bool | None = None
    maximum_number_of_handled_calls: int | None = Field(default=None, ge=1, le=300)
    restricted_calling_minutes: int | None = Field(default=None, ge=0, le=9999)
    restricted_calling_max_attempts: int | None = Field(default=None, ge=0, le=10)
    general_stale_minutes: int | None = Field(default=None, ge=10, le=1440)
    callback_rest_minutes: int | None = Field(default=None, ge=1, le=129600)
    callback_stale_minutes: int | None = Field(default=None, ge=10, le=1440)
    maximum_number_of_callbacks: int | None = Field(default=None, ge=1, le=300)
    release_agent_specific_calls: bool | None = None


_DAY_TIME = 'Time of day as HH:MM (the Admin API\'s examples: "08:00", "21:00")'


def _day_time() -> Any:
    return Field(default=None, description=_DAY_TIME)


class ScheduleSettings(SpecModel):
    """PUT /skills/{id}/parameters/schedule-settings: the weekly window in which the skill runs."""

    is_scheduled: bool | None = None
    sunday_start_time: ClockMinute | None = _day_time()
    sunday_end_time: ClockMinute | None = _day_time()
    sunday_is_active: bool | None = None
    monday_start_time: ClockMinute | None = _day_time()
    monday_end_time: ClockMinute | None = _day_time()
    monday_is_active: bool | None = None
    tuesday_start_time: ClockMinute | None = _day_time()
    tuesday_end_time: ClockMinute | None = _day_time()
    tuesday_is_active: bool | None = None
    wednesday_start_time: ClockMinute | None = _day_time()
    wednesday_end_time: ClockMinute | None = _day_time()
    wednesday_is_active: bool | None = None
    thursday_start_time: ClockMinute | None = _day_time()
    thursday_end_time: ClockMinute | None = _day_time()
    thursday_is_active: bool | None = None
    friday_start_time: ClockMinute | None = _day_time()
    friday_end_time: ClockMinute | None = _day_time()
    friday_is_active: bool | None = None
    saturday_start_time: ClockMinute | None = _day_time()
    saturday_end_time: ClockMinute | None = _day_time()
    saturday_is_active: bool | None = None


class TimeZoneWindow(SpecModel):
    """One entry of PUT /skills/{id}/parameters/time-zones `{"timeZoneSettings": [...]}`."""

    standard_name: str = Field(
        min_length=1,
        description="Windows time zone id as GET /timezones lists it, e.g. 'Eastern Standard Time' "
        "(standardName in the PUT, name in the parameters read)",
    )
    start_time: ClockMinute | None = Field(default=None, description=_DAY_TIME)
    end_time: ClockMinute | None = Field(default=None, description=_DAY_TIME)
    time_zone_active_to_call: bool | None = Field(
        default=None,
        description="false is the same as leaving the zone out: the time-zones PUT deactivates every zone "
        "it does not list, and only active zones are compared",
    )
    override_time: bool | None = Field(default=None, description="Use start_time/end_time for this zone")

    @field_validator("standard_name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("standard_name must not be blank")
        return value


_DETECTION = "2 end call and disposition, 3 play message, 4 custom script with agent, 5 without agent (0-9)"


def active_windows(windows: list[Any]) -> list[Any]:
    """Declared windows (manifest shape) without those marked inactive: not listing a zone deactivates it."""
    return [w for w in windows if not (isinstance(w, dict) and w.get("time_zone_active_to_call") is False)]


class CpaException(SpecModel):
    """A per-attempt override of answering-machine handling."""

    attempt_no: int = Field(
        ge=1, le=6, serialization_alias="attempt_No", description="Dial attempt the override applies to (1-6)"
    )
    ans_machine_det_mode: int | None = Field(default=None, ge=0, le=9, description=_DETECTION)
    ans_machine_msg: str | None = None


class CpaSettings(SpecModel):
    """PUT /skills/{id}/parameters/cpa-management `{"cpaSettings": {...}}` (call progress analysis), with
    the documented ranges and units (seconds)."""

    abandon_timeout: int | None = Field(
        default=None,
        ge=0,
        le=60,
        description="Seconds after the greeting before an unconnected call is abandoned",
    )
    abandon_msg_mode: Literal[0, 1, 2] | None = Field(
        default=None, description="0 none, 1 play message, 2 execute custom script"
    )
    abandon_message_path: str | None = None
    ans_machine_det_mode: int | None = Field(default=None, ge=0, le=9, description=_DETECTION)
    ans_machine_msg: str | None = None
    ans_machine_override_seconds: int | None = Field(default=None, ge=0, le=20)
    pre_connect_cpa_enabled: bool | None = Field(default=None, serialization_alias="preConnectCPAEnabled")
    treat_progress_as_ringing: bool | None = None
    exceptions: list[CpaException] | None = None
    utterance_minimum_seconds: float | None = Field(default=None, ge=0.1, le=0.5)
    customer_live_silence_seconds: float | None = Field(default=None, ge=0.5, le=2)
    machine_minimum_with_agent_seconds: float | None = Field(default=None, ge=2, le=10)
    machine_minimum_without_agent_seconds: float | None = Field(default=None, ge=2, le=10)
    machine_end_silence_seconds: float | None = Field(default=None, ge=1, le=5)
    machine_end_timeout_seconds: float | None = Field(default=None, ge=5, le=60)
    agent_response_utterance_minimum_seconds: float | None = Field(default=None, ge=0.1, le=4)
    agent_no_response_seconds: float | None = Field(default=None, ge=0.5, le=4)
    agent_voice_threshold: float | None = Field(default=None, ge=100, le=100000)
    customer_voice_threshold: float | None = Field(default=None, ge=100, le=100000)

    @field_validator("exceptions")
    @classmethod
    def _one_exception_per_attempt(cls, value: list[CpaException] | None) -> list[CpaException] | None:
        seen = [item.attempt_no for item in value or []]
        repeated = sorted({number for number in seen if seen.count(number) > 1})
        if repeated:
            raise ValueError(f"more than one exception for attempt {', '.join(map(str, repeated))}")
        return value


_DELIVERY_TYPE = "0-5: 1 click to call, 2 manual dial on keyboard, 3 manual dial with auto correct ..."
_DELIVERY_TIMEOUT = "Seconds (1-300)"


class DeliveryPreferences(SpecModel):
    """PUT /skills/{id}/parameters/delivery-preferences: preview and compliance-record delivery."""

    confirmation_required_disabled: bool | None = None
    confirmation_required_delivery_type: int | None = Field(
        default=None, ge=0, le=5, description=_DELIVERY_TYPE
    )
    confirmation_required_timeout: int | None = Field(
        default=None, ge=1, le=300, description=_DELIVERY_TIMEOUT
    )
    confirmation_required_timeout_subsequent: int | None = Field(
        default=None, ge=1, le=300, description=_DELIVERY_TIMEOUT
    )
    confirmation_required_default_accept: bool | None = None
    compliance_records_disabled: bool | None = None
    compliance_records_delivery_type: int | None = Field(default=None, ge=0, le=5, description=_DELIVERY_TYPE)
    compliance_records_timeout: int | None = Field(default=None, ge=1, le=300, description=_DELIVERY_TIMEOUT)
    compliance_records_timeout_subsequent: int | None = Field(
        default=None, ge=1, le=300, description=_DELIVERY_TIMEOUT
    )
    compliance_records_default_accept: bool | None = None
    show_compliance_button_reschedule: bool | None = None
    show_compliance_button_requeue: bool | None = None
    show_compliance_button_snooze: bool | None = None
    show_compliance_button_disposition: bool | None = None
    show_preview_button_reschedule: bool | None = None
    show_preview_button_requeue: bool | None = None
    show_preview_button_snooze: bool | None = None
    show_preview_button_disposition: bool | None = None


class SkillDisposition(SpecModel):
    """One disposition the skill offers: `dispositions[{dispositionId, priority}]` of PUT /skills/{id}."""

    disposition: Annotated[Name, ref("Disposition")] = Field(serialization_alias="dispositionId")
    priority: int = Field(ge=1, description="Display order for the agent (1 is shown first)")


def _distinct_dispositions(value: list[SkillDisposition] | None) -> list[SkillDisposition] | None:
    names = [item.disposition.casefold() for item in value or []]
    repeated = sorted(
        {item.disposition for item in value or [] if names.count(item.disposition.casefold()) > 1}
    )
    if repeated:
        raise ValueError(f"disposition listed more than once: {', '.join(repeated)}")
    return value


class SkillSpec(SpecModel):
    """An outbound phone skill (media type 4, isOutbound) with its Personal Connection dialer parameters.

    CXone has no dialing-mode field. The mode is expressed by `general_settings.maximum_ratio`, an
    integer 1-3: 1 call per agent is progressive, 2 or 3 predictive (with `aggressiveness` and the
    abandon-rate fields steering the overdial); only "1 call per agent" is documented as such. Preview is
    an overlay set by `delivery_preferences.confirmation_required_*`.
    Running state (start/stop) is operational and never part of the manifest.
    """

    outbound_strategy: Literal["Personal Connection", "Manual"] | None = Field(
        default=None,
        description="Sent when the skill is created (POST /skills); the PUT body has no such field",
    )
    caller_id_override: NumberText | None = Field(
        default=None, description="Caller id shown to called parties"
    )
    outbound_telecom_route: Annotated[str, external("OutboundRoute")] | None = Field(
        default=None,
        serialization_alias="outboundTelecomRouteId",
        description="Outbound route by name (GET /business-unit/outbound-routes)",
    )
    script: Annotated[str, external("Script")] | None = Field(
        default=None, serialization_alias="scriptId", description="The skill's script, by name"
    )
    call_suppression_script: Annotated[str, external("Script")] | None = Field(
        default=None, serialization_alias="callSuppressionScriptId"
    )
    campaign: Annotated[Name, ref("Campaign")] | None = Field(
        default=None,
        serialization_alias="campaignId",
        description="The CXone reporting campaign the skill belongs to (needed in practice to create it)",
    )
    priority_blending: bool | None = None
    deliver_multiple_numbers_serially: bool | None = None
    initial_priority: Count | None = None
    acceleration: Count | None = Field(default=None, description="Priority gained per minute in queue")
    max_priority: Count | None = None
    service_level_threshold: Seconds | None = None
    service_level_goal: Annotated[int, Field(ge=0, le=100)] | None = Field(
        default=None, description="Percent of contacts handled within service_level_threshold"
    )
    require_disposition: bool | None = Field(
        default=None, description="After-call work: the agent must choose a disposition"
    )
    allow_secondary_disposition: bool | None = Field(
        default=None, description="After-call work: the agent may choose a second disposition"
    )
    acw_type_id: int | None = Field(
        default=None,
        ge=0,
        serialization_alias="acwTypeId",
        description="After-call work type as the Admin API numbers it (the values are not documented: read "
        "them from a skill set up in CXone)",
    )
    max_seconds_acw: Seconds | None = Field(
        default=None,
        serialization_alias="maxSecondsACW",
        description="After-call work: seconds before the agent leaves ACW",
    )
    dispositions: Annotated[list[SkillDisposition], AfterValidator(_distinct_dispositions)] | None = Field(
        default=None,
        description="The dispositions agents choose from on this skill, each with its display priority; "
        "the list replaces the skill's whole set",
    )
    agent_rest_time: Seconds | None = Field(
        default=None, description="Seconds forced between two Personal Connection calls of an agent"
    )
    agentless: bool | None = Field(
        default=None, description="Proactive agentless: calls are handled by a script, not by agents"
    )
    agentless_ports: int | None = Field(
        default=None, ge=1, le=10, description="Ports an agentless skill dials on (1-10)"
    )
    enable_short_abandon: bool | None = Field(
        default=None, description="Count abandons under short_abandon_threshold seconds as short abandons"
    )
    short_abandon_threshold: int | None = Field(
        default=None, ge=0, le=300, description="Seconds under which an abandon counts as short (0-300)"
    )
    count_short_abandons: bool | None = Field(
        default=None, description="Whether short abandons count in the skill's abandon statistics"
    )
    is_active: bool | None = Field(
        default=None, description="false deactivates the skill (CXone has no delete)"
    )
    notes: str | None = Field(default=None, description="Free-text notes")
    general_settings: GeneralSettings | None = Field(
        default=None, description="Parameter block /skills/{skillId}/parameters/general-settings"
    )
    retry_settings: RetrySettings | None = Field(
        default=None, description="Parameter block /skills/{skillId}/parameters/retry-settings"
    )
    schedule_settings: ScheduleSettings | None = Field(
        default=None, description="Parameter block /skills/{skillId}/parameters/schedule-settings"
    )
    time_zones: list[TimeZoneWindow] | None = Field(
        default=None,
        serialization_alias="timeZoneSettings",
        description="Calling window per time zone: parameter block /skills/{skillId}/parameters/time-zones",
    )
    cpa_settings: CpaSettings | None = Field(
        default=None,
        description="Call progress analysis: parameter block /skills/{skillId}/parameters/cpa-management",
    )
    delivery_preferences: DeliveryPreferences | None = Field(
        default=None, description="Parameter block /skills/{skillId}/parameters/delivery-preferences"
    )

    @field_validator("time_zones")
    @classmethod
    def _one_window_per_zone(cls, value: list[TimeZoneWindow] | None) -> list[TimeZoneWindow] | None:
        names = [window.standard_name for window in value or []]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"time zone listed more than once: {', '.join(repeated)}")
        return value

    @model_validator(mode="after")
    def _priority_order(self) -> SkillSpec:
        if (
            self.initial_priority is not None
            and self.max_priority is not None
            and self.initial_priority > self.max_priority
        ):
            raise ValueError("initial_priority must not exceed max_priority")
        return self


PLATFORM = "cxone"
"""The platform of the kinds below (the manifest kinds are found by scanning this package)."""

KINDS = [
    KindDef(
        "Skill",
        SkillSpec,
        names_ignore_case=True,
        compliance=True,
        description="An outbound Personal Connection skill with its dialer parameter blocks (/skills).",
    ),
]
