"""CXone outbound Personal Connection skills (/skills/{id}, /skills/{id}/parameters/*), cxone-api.md §4.1-4.3.

In CXone the ACD skill is the dialing unit: one manifest document holds the skill's own fields
(PUT /skills/{id}) and its dialer parameter blocks, each written by its own PUT.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from reconciler.manifest.models.base import SpecModel
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import ClockMinute, Name, Percent, Text, external, ref

NumberText = Text
"""Text that YAML may have typed as a number (caller ids, phone numbers)."""

Count = Annotated[int, Field(ge=0)]
Minutes = Annotated[int, Field(ge=0)]
Seconds = Annotated[int, Field(ge=0)]
FineSeconds = Annotated[float, Field(ge=0)]

_UNCONFIRMED_PERCENT = "unconfirmed: whether CXone reads this as a percentage (0-100) or a fraction"


class GeneralSettings(SpecModel):
    """PUT /skills/{id}/parameters/general-settings `{"generalSettings": {...}}`."""

    maximum_ratio: float | None = Field(
        default=None,
        description="Maximum calls per available agent; 1 is taken to mean progressive dialing "
        "(unconfirmed: unit, range and whether this alone selects progressive vs predictive)",
    )
    aggressiveness: str | int | None = Field(
        default=None,
        description="Pacing aggressiveness (unconfirmed: the spec types it as string and as number; "
        'only "conservative" is seen in a NICE sample)',
    )
    abandon_rate_threshold: Percent | None = Field(
        default=None, description=f"Target abandon rate ({_UNCONFIRMED_PERCENT})"
    )
    abandon_rate_cutoff: Percent | None = Field(
        default=None, description=f"Abandon rate at which overdialing stops ({_UNCONFIRMED_PERCENT})"
    )
    begin_dampen_percentage: Percent | None = Field(
        default=None, description=f"Abandon rate at which pacing starts to slow ({_UNCONFIRMED_PERCENT})"
    )
    override_business_unit_abandon_rate: bool | None = Field(
        default=None, description="Use this skill's abandon-rate fields instead of the business unit's"
    )
    percentage_of_agents_before_overdial: Percent | None = None
    max_concurrent_calls_per_agent: Count | None = None
    max_wait_time_seconds: Seconds | None = None
    maximum_ringing_duration: Seconds | None = Field(
        default=None, description="How long a call may ring (unconfirmed: seconds)"
    )
    inactive_blender_timer: Count | None = Field(default=None, description="unconfirmed: unit")
    minimum_retry_minutes: Minutes | None = Field(
        default=None, description="Shared with retry_settings.minimum_retry_minutes (editing one edits both)"
    )
    maximum_attempts: Count | None = Field(
        default=None, description="Shared with retry_settings.maximum_attempts (editing one edits both)"
    )
    default_contact_expiration: Count | None = Field(default=None, description="unconfirmed: unit (minutes?)")
    load_callbacks: bool | None = None
    load_fresh: bool | None = None
    load_non_fresh: bool | None = None
    get_priority_contacts_on_contact_insertion: bool | None = None
    end_of_list_notifications_delay: Count | None = Field(default=None, description="unconfirmed: unit")
    notify_agents_when_list_is_empty: bool | None = None
    block_multiple_calls: bool | None = None
    consecutive_attempts_without_a_live_connect: Count | None = None
    enable_dialing_by_proficiency: bool | None = None
    proficiency_factor: float | None = Field(default=None, description="unconfirmed: range")
    wait_time_factor: bool | float | None = Field(
        default=None, description="unconfirmed: the spec types it as number and as boolean"
    )
    deliver_callbacks_on_dnc_holidays: bool | None = Field(
        default=None, serialization_alias="deliverCallbacksOnDNCHolidays"
    )
    deliver_priorities_on_dnc_holidays: bool | None = Field(
        default=None, serialization_alias="deliverPrioritiesOnDNCHolidays"
    )


class RetrySettings(SpecModel):
    """PUT /skills/{id}/parameters/retry-settings `{"retrySettings": {...}}`."""

    maximum_attempts: Count | None = None
    minimum_retry_minutes: Minutes | None = None
    finalize_when_exhausted: bool | None = None
    load_non_fresh: bool | None = None
    maximum_number_of_handled_calls: Count | None = None
    restricted_calling_minutes: Minutes | None = None
    restricted_calling_max_attempts: Count | None = None
    general_stale_minutes: Minutes | None = None
    callback_rest_minutes: Minutes | None = None
    callback_stale_minutes: Minutes | None = None
    maximum_number_of_callbacks: Count | None = None
    release_agent_specific_calls: bool | None = None


_DAY_TIME = "Time of day as HH:MM (the format MCP sends; unconfirmed whether HH:MM:SS is also accepted)"


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
        description="CXone time zone name as listed by GET /timezones (standardName); "
        "unconfirmed whether these are Windows names such as 'Eastern Standard Time'",
    )
    start_time: ClockMinute | None = Field(default=None, description=_DAY_TIME)
    end_time: ClockMinute | None = Field(default=None, description=_DAY_TIME)
    time_zone_active_to_call: bool | None = None
    override_time: bool | None = Field(default=None, description="Use start_time/end_time for this zone")

    @field_validator("standard_name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("standard_name must not be blank")
        return value


class CpaException(SpecModel):
    """A per-attempt override of answering-machine handling."""

    attempt_no: Count = Field(
        serialization_alias="attempt_No", description="Dial attempt the override applies to"
    )
    ans_machine_det_mode: int | None = Field(default=None, description="unconfirmed: meaning of the values")
    ans_machine_msg: str | None = None


class CpaSettings(SpecModel):
    """PUT /skills/{id}/parameters/cpa-management `{"cpaSettings": {...}}` (call progress analysis)."""

    abandon_timeout: Seconds | None = Field(default=None, description="unconfirmed: seconds")
    abandon_msg_mode: int | None = Field(default=None, description="unconfirmed: meaning of the values")
    abandon_message_path: str | None = None
    ans_machine_det_mode: int | None = Field(default=None, description="unconfirmed: meaning of the values")
    ans_machine_msg: str | None = None
    ans_machine_override_seconds: Seconds | None = None
    pre_connect_cpa_enabled: bool | None = Field(default=None, serialization_alias="preConnectCPAEnabled")
    treat_progress_as_ringing: bool | None = None
    exceptions: list[CpaException] | None = None
    utterance_minimum_seconds: FineSeconds | None = None
    customer_live_silence_seconds: FineSeconds | None = None
    machine_minimum_with_agent_seconds: FineSeconds | None = None
    machine_minimum_without_agent_seconds: FineSeconds | None = None
    machine_end_silence_seconds: FineSeconds | None = None
    machine_end_timeout_seconds: FineSeconds | None = None
    agent_response_utterance_minimum_seconds: FineSeconds | None = None
    agent_no_response_seconds: FineSeconds | None = None
    agent_voice_threshold: float | None = Field(default=None, description="unconfirmed: unit and range")
    customer_voice_threshold: float | None = Field(default=None, description="unconfirmed: unit and range")

    @field_validator("exceptions")
    @classmethod
    def _one_exception_per_attempt(cls, value: list[CpaException] | None) -> list[CpaException] | None:
        seen = [item.attempt_no for item in value or []]
        repeated = sorted({number for number in seen if seen.count(number) > 1})
        if repeated:
            raise ValueError(f"more than one exception for attempt {', '.join(map(str, repeated))}")
        return value


class DeliveryPreferences(SpecModel):
    """PUT /skills/{id}/parameters/delivery-preferences: preview and compliance-record delivery."""

    confirmation_required_disabled: bool | None = None
    confirmation_required_delivery_type: int | None = Field(
        default=None, description="unconfirmed: meaning of the values"
    )
    confirmation_required_timeout: Seconds | None = Field(default=None, description="unconfirmed: seconds")
    confirmation_required_timeout_subsequent: Seconds | None = Field(
        default=None, description="unconfirmed: seconds"
    )
    confirmation_required_default_accept: bool | None = None
    compliance_records_disabled: bool | None = None
    compliance_records_delivery_type: int | None = Field(
        default=None, description="unconfirmed: meaning of the values"
    )
    compliance_records_timeout: Seconds | None = Field(default=None, description="unconfirmed: seconds")
    compliance_records_timeout_subsequent: Seconds | None = Field(
        default=None, description="unconfirmed: seconds"
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


class SkillSpec(SpecModel):
    """An outbound phone skill (media type 4, isOutbound) with its Personal Connection dialer parameters.

    CXone has no dialing-mode field. The mode is expressed by `general_settings.maximum_ratio`:
    1 call per agent is progressive, more is predictive (with `aggressiveness` and the abandon-rate
    fields steering the overdial). This mapping is UNCONFIRMED (cxone-api.md §4.3, §10.1). Preview is
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
    script: Annotated[str, external("Script")] | None = Field(default=None, serialization_alias="scriptId")
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
    require_disposition: bool | None = None
    is_active: bool | None = Field(
        default=None, description="false deactivates the skill (CXone has no delete)"
    )
    notes: str | None = None
    general_settings: GeneralSettings | None = None
    retry_settings: RetrySettings | None = None
    schedule_settings: ScheduleSettings | None = None
    time_zones: list[TimeZoneWindow] | None = Field(default=None, serialization_alias="timeZoneSettings")
    cpa_settings: CpaSettings | None = None
    delivery_preferences: DeliveryPreferences | None = None

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


KINDS = [
    KindDef(
        "Skill",
        SkillSpec,
        names_ignore_case=True,
        compliance=True,
        description="An outbound Personal Connection skill with its dialer parameter blocks (/skills).",
    ),
]
