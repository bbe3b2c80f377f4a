"""Genesys Cloud callable time sets and campaign / sequence schedules, reference CallableTimeSet, CampaignSchedule and
SequenceSchedule in purecloudplatformclientv2. Date-times stay strings (the API's own format); they are only checked to parse and to run
forwards."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from reconciler.manifest.models.base import SpecModel, declared_empty
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import ClockTime, GenesysName, IsoDay, TimeZoneId, ref

_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?")
_LOCAL_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?")


def parse_date_time(value: str) -> datetime:
    """An ISO-8601 date-time as the API writes it; a trailing Z means UTC."""
    return datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)


def _check_date_time(value: str) -> str:
    try:
        if not _DATE_TIME.fullmatch(value):
            raise ValueError
        parse_date_time(value)
    except ValueError:
        raise ValueError(f"'{value}' is not an ISO-8601 date-time such as 2026-07-01T13:00:00.000Z") from None
    return value


def _check_local_date_time(value: str) -> str:
    try:
        if not _LOCAL_DATE_TIME.fullmatch(value):
            raise ValueError
        parse_date_time(value)
    except ValueError:
        raise ValueError(
            f"'{value}' is not a local date-time YYYY-MM-DDThh:mm:ss (no offset; the zone is time_zone)"
        ) from None
    return value


DateTime = Annotated[str, AfterValidator(_check_date_time)]
"""An ISO-8601 date-time string, e.g. 2026-07-01T13:00:00.000Z."""

LocalDateTime = Annotated[str, AfterValidator(_check_local_date_time)]
"""A date-time without offset, "YYYY-MM-DDThh:mm:ss", read in the recurrence's time zone."""


def _check_runs_forwards(start: str, end: str, what: str) -> None:
    first, last = parse_date_time(start), parse_date_time(end)
    if (first.tzinfo is None) != (last.tzinfo is None):
        raise ValueError(f"{what}: start and end must both have a UTC offset or both have none")
    if last <= first:
        raise ValueError(f"{what}: end {end} must be after start {start}")


# --- CallableTimeSet -----------------------------------------------------------------------------


class CampaignTimeSlot(SpecModel):
    start_time: ClockTime = Field(description="HH:MM:SS, local to the callable time's time_zone_id")
    stop_time: ClockTime = Field(description="HH:MM:SS, after start_time")
    day: IsoDay

    @model_validator(mode="after")
    def _start_before_stop(self) -> CampaignTimeSlot:
        if self.stop_time <= self.start_time:  # zero-padded HH:MM:SS orders like the times it names
            raise ValueError(f"start_time {self.start_time} must be before stop_time {self.stop_time}")
        return self


class CallableTime(SpecModel):
    time_slots: list[CampaignTimeSlot] = Field(min_length=1)
    time_zone_id: TimeZoneId
    name: str | None = Field(default=None, min_length=1, description="A name for this group of slots")


class CallableTimeSetSpec(SpecModel):
    """Windows of the week in which dialing is allowed, each list of slots in its own time zone."""

    callable_times: list[CallableTime] = Field(min_length=1)


# --- Schedules -----------------------------------------------------------------------------------

Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class ScheduleInterval(SpecModel):
    start: DateTime = Field(description="ISO-8601, e.g. 2026-07-01T13:00:00.000Z")
    end: DateTime = Field(description="ISO-8601, after start")

    @model_validator(mode="after")
    def _forwards(self) -> ScheduleInterval:
        _check_runs_forwards(self.start, self.end, "interval")
        return self


class Pattern(SpecModel):
    type: Literal["Daily", "Weekly"]
    interval: int = Field(ge=1, description="Days (Daily) or weeks (Weekly) between occurrences")
    days_of_week: list[Weekday] | None = Field(default=None, description="Required for Weekly, e.g. [Monday]")

    @model_validator(mode="after")
    def _weekly_days(self) -> Pattern:
        if self.type == "Weekly" and not self.days_of_week:
            raise ValueError("a Weekly pattern needs days_of_week")
        return self


class Range(SpecModel):
    type: Literal["NoEnd", "EndDate", "Numbered"]
    end: DateTime | None = Field(default=None, description="Last occurrence (ISO-8601); required for EndDate")
    number_of_occurrences: int | None = Field(default=None, ge=1, description="Required for Numbered")

    @model_validator(mode="after")
    def _type_fields(self) -> Range:
        if self.type == "EndDate" and self.end is None:
            raise ValueError("range type EndDate needs end")
        if self.type == "Numbered" and self.number_of_occurrences is None:
            raise ValueError("range type Numbered needs number_of_occurrences")
        return self


class Alteration(SpecModel):
    type: Literal["Exclusion", "Inclusion"] | None = Field(
        default=None, description="Exclude a time from, or add a time to, the recurrence (inclusion wins)"
    )
    start: DateTime | None = None
    end: DateTime | None = None

    @model_validator(mode="after")
    def _forwards(self) -> Alteration:
        if self.start is not None and self.end is not None:
            _check_runs_forwards(self.start, self.end, "alteration")
        return self


class Reoccurrence(SpecModel):
    start: LocalDateTime = Field(description="Start of the first occurrence, YYYY-MM-DDThh:mm:ss")
    end: LocalDateTime = Field(description="End of the first occurrence, YYYY-MM-DDThh:mm:ss")
    time_zone: TimeZoneId | None = Field(
        default=None, description="Defaults to the schedule's time_zone, then UTC"
    )
    pattern: Pattern
    range: Range
    alterations: list[Alteration] | None = None

    @model_validator(mode="after")
    def _forwards(self) -> Reoccurrence:
        _check_runs_forwards(self.start, self.end, "recurrence")
        return self


class ScheduleSpec(SpecModel):
    """Fields shared by campaign and sequence schedules."""

    intervals: list[ScheduleInterval] = Field(
        default_factory=list,
        description="One-off run windows. The API requires the list; it may be left out only when "
        "recurrences are given, and is then sent empty.",
    )
    recurrences: list[Reoccurrence] | None = Field(default=None, description="Repeating run windows")
    time_zone: TimeZoneId | None = Field(
        default=None, description="IANA zone of the schedule (API default UTC)"
    )

    @model_validator(mode="before")
    @classmethod
    def _intervals_always_sent(cls, data: Any) -> Any:
        return declared_empty(data, "intervals")  # required by the API (CampaignSchedule.intervals)

    @model_validator(mode="after")
    def _has_windows(self) -> ScheduleSpec:
        if not self.intervals and not self.recurrences:
            raise ValueError("a schedule needs intervals, recurrences or both")
        return self


class CampaignScheduleSpec(ScheduleSpec):
    """When a campaign runs. One schedule per campaign; it is keyed by the campaign."""

    campaign: Annotated[GenesysName, ref("Campaign")]


class SequenceScheduleSpec(ScheduleSpec):
    """When a campaign sequence runs. One schedule per sequence; it is keyed by the sequence."""

    sequence: Annotated[GenesysName, ref("Sequence")]


PLATFORM = "genesys"
"""The platform of the kinds below (the manifest kinds are found by scanning this package)."""

KINDS = [
    KindDef(
        "CallableTimeSet",
        CallableTimeSetSpec,
        description="Callable time windows (/api/v2/outbound/callabletimesets).",
    ),
    KindDef(
        "CampaignSchedule",
        CampaignScheduleSpec,
        unique_by="campaign",
        description="A campaign's run schedule (/api/v2/outbound/schedules/campaigns/{campaignId}).",
    ),
    KindDef(
        "SequenceSchedule",
        SequenceScheduleSpec,
        unique_by="sequence",
        description="A sequence's run schedule (/api/v2/outbound/schedules/sequences/{sequenceId}).",
    ),
]
