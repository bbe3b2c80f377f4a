"""Genesys Cloud campaign rules (conditions on campaign progress and time, actions on campaigns), reference CampaignRule, purecloudplatformclientv2."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from reconciler.manifest.models.base import SpecModel, declared_empty
from reconciler.manifest.models.genesys_campaign import DialingMode
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import (
    GenesysName,
    IsoDay,
    Percent,
    Text,
    TimeZoneId,
    external,
    ref,
    require_fields,
    scalar_as_text,
)

# fmt: off
RuleOperator = Literal[
    "equals", "greaterThan", "greaterThanEqualTo", "lessThan", "lessThanEqualTo", "before", "after", "between",
    "in",
]
RuleConditionType = Literal[
    "campaignProgress", "campaignAgents", "campaignRecordsAttempted", "campaignContactsMessaged",
    "campaignBusinessSuccess", "campaignBusinessFailure", "campaignBusinessNeutral", "campaignValidAttempts",
    "campaignRightPartyContacts", "timeOfDay", "dayOfWeek", "dayOfMonth", "weekDayOfMonth", "specificDate",
    "campaignRunTime", "campaignWaitTime",
]
RuleActionType = Literal[
    "turnOnCampaign", "turnOffCampaign", "turnOnSequence", "turnOffSequence", "setCampaignPriority",
    "recycleCampaign", "setCampaignDialingMode", "setCampaignAbandonRate", "setCampaignNumberOfLines",
    "setCampaignWeight", "setCampaignMaxCallsPerAgent", "setCampaignMessagesPerMinute", "changeCampaignQueue",
    "changeCampaignTemplate", "setCampaignReservation",
]
# fmt: on
_DAY_OF_MONTH = r"^([1-9]|[12][0-9]|3[01]|LAST_DAY|EVEN_DAY|ODD_DAY)$"
_HH_MM_SS = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,3})?)?$"
TimeOfDay = Annotated[str, Field(pattern=_HH_MM_SS, description="HH:mm:ss.SSS, no time zone")]
MonthDay = Annotated[
    str, Field(pattern=r"^([0-9]{4}-)?[0-9]{2}-[0-9]{2}$", description="yyyy-MM-dd or MM-dd")
]
_DURATION = re.compile(r"-?P(?!$)([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?")

CampaignName = Annotated[GenesysName, ref("Campaign")]
SequenceName = Annotated[GenesysName, ref("Sequence")]
QueueName = Annotated[str, external("Queue")]
MessagingCampaignName = Annotated[GenesysName, ref("MessagingCampaign")]
ResponseTemplateName = Annotated[str, external("ResponseTemplate")]
"""A response management response, by name (the ResponseTemplate lookup, listed per library)."""


def _check_duration(value: str) -> str:
    if not _DURATION.fullmatch(value):
        raise ValueError(f"'{value}' is not an ISO-8601 duration such as PT15M or P1DT2H")
    return value


IsoDuration = Annotated[str, AfterValidator(_check_duration)]

Priority = Annotated[
    Literal["1", "2", "3", "4", "5"],
    BeforeValidator(scalar_as_text, json_schema_input_type=Literal["1", "2", "3", "4", "5", 1, 2, 3, 4, 5]),
]
"""A campaign priority as the API's text "1".."5"; YAML 1..5 is accepted."""

DayOfMonth = Annotated[
    str,
    BeforeValidator(
        scalar_as_text,
        json_schema_input_type=Annotated[str, Field(pattern=_DAY_OF_MONTH)]
        | Annotated[int, Field(ge=1, le=31)],
    ),
    Field(pattern=_DAY_OF_MONTH),
]
"""A day of month 1-31, or LAST_DAY / EVEN_DAY / ODD_DAY where the API allows them."""


# --- CampaignRule --------------------------------------------------------------------------------


class CampaignRuleEntities(SpecModel):
    campaigns: list[CampaignName] | None = None
    sequences: list[SequenceName] | None = None
    email_campaigns: list[MessagingCampaignName] | None = None
    sms_campaigns: list[MessagingCampaignName] | None = None


class CampaignRuleActionEntities(CampaignRuleEntities):
    use_triggering_entity: bool | None = Field(default=None, description="Act on the triggering entity")


class CampaignRuleParameters(SpecModel):
    operator: RuleOperator | None = Field(default=None, description="Required for conditions")
    value: Text | None = Field(default=None, description="Value compared with; required for conditions")
    priority: Priority | None = Field(default=None, description="setCampaignPriority: 1 lowest ... 5 highest")
    dialing_mode: DialingMode | None = Field(default=None, description="setCampaignDialingMode")
    abandon_rate: Percent | None = Field(default=None, description="setCampaignAbandonRate, in percent")
    # 0 allowed: outboundLineCount is an int of CampaignRuleParameters (purecloudplatformclientv2 269.0.0);
    # MyPureCloud/terraform-provider-genesyscloud's campaign rule accepts any non-negative integer.
    outbound_line_count: int | None = Field(default=None, ge=0, description="setCampaignNumberOfLines")
    relative_weight: int | None = Field(default=None, ge=0, le=100, description="setCampaignWeight")
    max_calls_per_agent: float | None = Field(
        default=None, ge=1, le=15, description="setCampaignMaxCallsPerAgent"
    )
    queue: QueueName | None = Field(default=None, description="changeCampaignQueue")
    messages_per_minute: int | None = Field(default=None, ge=1)
    sms_messages_per_minute: int | None = Field(default=None, ge=1)
    email_messages_per_minute: int | None = Field(default=None, ge=1)
    sms_content_template: ResponseTemplateName | None = None
    email_content_template: ResponseTemplateName | None = None
    for_duration: IsoDuration | None = Field(default=None, description="How long the condition must hold")


class TimeOfDayInterval(SpecModel):
    min: TimeOfDay | None = None
    max: TimeOfDay | None = None


class TimeOfDayParameters(SpecModel):
    interval: TimeOfDayInterval | None = Field(default=None, description="Operand of between")
    threshold_value: TimeOfDay | None = None


class DayOfWeekInterval(SpecModel):
    min: IsoDay | None = None
    max: IsoDay | None = None


class DayOfWeekParameters(SpecModel):
    in_set: list[IsoDay] | None = Field(default=None, description="Operand of in")
    interval: DayOfWeekInterval | None = Field(default=None, description="Operand of between")


class DayOfMonthInterval(SpecModel):
    min: DayOfMonth | None = Field(default=None, description="1-31")
    max: DayOfMonth | None = Field(default=None, description="1-31 or LAST_DAY")


class DayOfMonthParameters(SpecModel):
    threshold_value: DayOfMonth | None = Field(default=None, description="1-31 or LAST_DAY")
    in_set: list[DayOfMonth] | None = Field(default=None, description="1-31, LAST_DAY, EVEN_DAY or ODD_DAY")
    interval: DayOfMonthInterval | None = None


class SpecificDateInterval(SpecModel):
    min: MonthDay | None = None
    max: MonthDay | None = None


class SpecificDateParameters(SpecModel):
    include_year: bool | None = Field(default=None, description="Compare the year too (API default true)")
    threshold_value: MonthDay | None = None
    interval: SpecificDateInterval | None = None


class WeekDayOfMonth(SpecModel):
    day_of_week: IsoDay
    month: int | None = Field(default=None, ge=1, le=12)
    occurrence: Literal[1, 2, 3, 4, -1] | None = Field(default=None, description="1-4, or -1 for the last")


class WeekDayOfMonthInterval(SpecModel):
    min: WeekDayOfMonth
    max: WeekDayOfMonth


class WeekDayOfMonthParameters(SpecModel):
    threshold_value: WeekDayOfMonth | None = None
    interval: WeekDayOfMonthInterval | None = None


class CampaignRuleDateTimeConditionParameters(SpecModel):
    """Operands of the timeOfDay, dayOfWeek, dayOfMonth, weekDayOfMonth and specificDate conditions."""

    inverted: bool | None = None
    time_of_day: TimeOfDayParameters | None = None
    day_of_week: DayOfWeekParameters | None = None
    day_of_month: DayOfMonthParameters | None = None
    specific_date: SpecificDateParameters | None = None
    week_day_of_month: WeekDayOfMonthParameters | None = None


class CampaignRunTimeSettings(SpecModel):
    include_waiting_time: bool | None = Field(default=None, description="Count waiting time (default true)")


class CampaignWaitTimeSettings(SpecModel):
    wait_type: Literal["WaitingForAgents", "WaitingForContacts", "WaitingForLines"]


class CampaignRuleCondition(SpecModel):
    parameters: CampaignRuleParameters
    condition_type: RuleConditionType
    date_time_parameters: CampaignRuleDateTimeConditionParameters | None = None
    campaign_run_time_settings: CampaignRunTimeSettings | None = None
    campaign_wait_time_settings: CampaignWaitTimeSettings | None = None


_ACTION_NEEDS: dict[str, tuple[str, ...]] = {
    "setCampaignPriority": ("priority",),
    "setCampaignDialingMode": ("dialing_mode",),
    "setCampaignAbandonRate": ("abandon_rate",),
    "setCampaignNumberOfLines": ("outbound_line_count",),
    "setCampaignWeight": ("relative_weight",),
    "setCampaignMaxCallsPerAgent": ("max_calls_per_agent",),
    "changeCampaignQueue": ("queue",),
}


class CampaignRuleAction(SpecModel):
    parameters: CampaignRuleParameters | None = Field(default=None, description="Needed by set* actions")
    action_type: RuleActionType
    campaign_rule_action_entities: CampaignRuleActionEntities

    @model_validator(mode="after")
    def _parameters_for_action(self) -> CampaignRuleAction:
        if self.action_type in _ACTION_NEEDS:
            if self.parameters is None:
                raise ValueError(f"{self.action_type} requires parameters")
            require_fields(self.parameters, self.action_type, _ACTION_NEEDS)
        return self


class CampaignRuleConditionGroup(SpecModel):
    match_any_conditions: bool = Field(
        description="true: the rule acts when any condition holds; false: only when all of them hold"
    )
    conditions: list[CampaignRuleCondition] = Field(min_length=1)


class CampaignRuleExecutionSettings(SpecModel):
    frequency: Literal["onEachTrigger", "oncePerDay"]
    time_zone_id: TimeZoneId | None = Field(default=None, description="Day boundary for oncePerDay")


class CampaignRuleSpec(SpecModel):
    """Conditions on campaigns / sequences that trigger actions. Created disabled, then enabled."""

    campaign_rule_entities: CampaignRuleEntities = Field(description="What the rule watches")
    campaign_rule_conditions: list[CampaignRuleCondition] = Field(
        default_factory=list,
        description="Required unless condition_groups are used (then left out and sent empty)",
    )
    campaign_rule_actions: list[CampaignRuleAction] = Field(min_length=1)
    match_any_conditions: bool | None = Field(
        default=None,
        description="true: the rule acts when any condition holds; false: only when all of them hold",
    )
    enabled: bool | None = Field(default=None, description="Cannot be modified or deleted while enabled")
    campaign_rule_processing: Literal["v2"] | None = None
    condition_groups: list[CampaignRuleConditionGroup] | None = Field(
        default=None,
        description="Grouped conditions, instead of campaign_rule_conditions; needs processing v2",
    )
    execution_settings: CampaignRuleExecutionSettings | None = None
    time_zone_id: TimeZoneId | None = Field(default=None, description="Time zone of date-time conditions")

    @model_validator(mode="before")
    @classmethod
    def _conditions_always_sent(cls, data: Any) -> Any:
        return declared_empty(data, "campaign_rule_conditions")  # required by the API, even with groups

    @model_validator(mode="after")
    def _conditions_or_groups(self) -> CampaignRuleSpec:
        if self.campaign_rule_conditions and self.condition_groups:
            raise ValueError("campaign_rule_conditions and condition_groups are exclusive: use one")
        if not self.campaign_rule_conditions and not self.condition_groups:
            raise ValueError("a campaign rule needs campaign_rule_conditions or condition_groups")
        if self.condition_groups and self.campaign_rule_processing != "v2":
            raise ValueError('condition_groups require campaign_rule_processing: "v2"')
        return self


PLATFORM = "genesys"
"""The platform of the kinds below (the manifest kinds are found by scanning this package)."""

KINDS = [
    KindDef(
        "CampaignRule",
        CampaignRuleSpec,
        description="A campaign rule (/api/v2/outbound/campaignrules).",
    ),
]
