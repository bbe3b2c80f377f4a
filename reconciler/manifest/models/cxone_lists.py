"""CXone DNC groups (/dnc-groups, developer.niceincontact.com/API/AdminAPI) and reporting campaigns (/campaigns)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import PureWindowsPath
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Discriminator, Field, Tag, field_validator

from reconciler.manifest.models.base import SpecModel
from reconciler.manifest.models.cxone_skill import NumberText
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import Name, NumbersMode, external, no_repeats, ref, repeated_items

SkillName = Annotated[Name, ref("Skill")]


def _date_as_text(value: Any) -> Any:
    """A YAML 1.1 reader turns 2026-01-31 into a date; the API wants the ISO text."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _check_iso_date(value: str) -> str:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not an ISO date (YYYY-MM-DD) or date-time") from None
    return value


def _check_csv_path(value: str) -> str:
    if value.startswith(("/", "\\")) or PureWindowsPath(value).drive:
        raise ValueError("records file must be a path relative to the manifest file")
    if not value.lower().endswith(".csv"):
        raise ValueError("records file must be a .csv file")
    return value


PhoneNumber = NumberText
"""Any text: DNC-ENTRY (reconciler.policy.dnc) judges it, as it does a Genesys DNC list's entries."""
IsoDate = Annotated[str, BeforeValidator(_date_as_text), AfterValidator(_check_iso_date)]
CsvPath = Annotated[str, Field(min_length=1), AfterValidator(_check_csv_path)]


class DncRecord(SpecModel):
    """One number of the group (POST /dnc-groups/{id}/records `{"dncGroupRecords": [...]}`)."""

    phone_number: PhoneNumber = Field(description='The number in E.164, e.g. "+12125550142"')
    expired_date: IsoDate | None = Field(
        default=None, description="When the number leaves the group (unconfirmed: date or date-time expected)"
    )


def _records_form(value: Any) -> str | None:
    if isinstance(value, str):
        return "csv"
    return "inline" if isinstance(value, (list, DncRecord)) else None


DncRecords = Annotated[
    Annotated[list[DncRecord], Tag("inline")] | Annotated[CsvPath, Tag("csv")],
    Discriminator(
        _records_form,
        custom_error_type="records_form",
        custom_error_message="records must be a list of phone_number entries or the path of a CSV file",
    ),
]


SkillNames = Annotated[list[SkillName], AfterValidator(no_repeats)]


class DncGroupSpec(SpecModel):
    """An internal DNC group. Name and description are written as query parameters of PUT /dnc-groups/{id}.

    Scrubbed skills never dial the group's numbers; contributing skills add numbers to it through DNC
    dispositions. The two are independent: a skill in both lists does both.
    """

    description: str | None = Field(
        default=None, serialization_alias="dncGroupDescription", description="Free text describing the group"
    )
    is_active: bool | None = Field(default=None, description="Whether the DNC group is active")
    scrubbed_skills: SkillNames | None = Field(
        default=None, description="Skills that must not dial numbers in this group"
    )
    contributing_skills: SkillNames | None = Field(
        default=None, description="Skills whose DNC dispositions add numbers to this group"
    )
    records: DncRecords | None = Field(
        default=None,
        serialization_alias="dncGroupRecords",
        description="The numbers: an inline list, or the path of a CSV file relative to this manifest file",
    )
    records_mode: NumbersMode | None = Field(
        default=None,
        description="Reconciler-only. additive (the default): live records that are not declared are kept "
        "and counted; exact: they are expired, a destructive change that needs --allow-delete",
    )

    @field_validator("records")
    @classmethod
    def _distinct_numbers(cls, value: list[DncRecord] | str | None) -> list[DncRecord] | str | None:
        if isinstance(value, list):
            repeated = repeated_items(record.phone_number for record in value)
            if repeated:
                raise ValueError(f"phone number listed more than once: {', '.join(repeated)}")
        return value


class CampaignSpec(SpecModel):
    """A CXone campaign: a reporting group of skills with no dialer settings of its own (v33.0 body)."""

    description: str | None = Field(default=None, description="Free text describing the campaign")
    notes: str | None = Field(default=None, description="Free-text notes")
    is_active: bool | None = Field(default=None, description="Whether the campaign is active")
    division: Annotated[str, external("Division")] | None = Field(
        default=None,
        serialization_alias="divisionId",
        description="Not supported: the v33.0 body takes a divisionId, but the Admin API lists no "
        "divisions to resolve a name to it; leave it out and set the division in CXone",
    )
    skills: SkillNames | None = Field(
        default=None,
        description="Skills assigned through POST /campaigns/{id}/skills; the same fact as a Skill's "
        "`campaign`, so prefer setting it there",
    )

    @field_validator("division")
    @classmethod
    def _no_division(cls, value: str | None) -> str | None:
        if value is not None:
            raise ValueError(
                "division is not supported on CXone: the v33.0 campaign body takes a numeric divisionId, "
                "but the Admin API publishes no division listing to find it by name; remove the field and "
                "set the campaign's division in CXone"
            )
        return value


PLATFORM = "cxone"
"""The platform of the kinds below (the manifest kinds are found by scanning this package)."""

KINDS = [
    KindDef(
        "DncGroup",
        DncGroupSpec,
        names_ignore_case=True,
        description="An internal do-not-call group with its scrubbed and contributing skills (/dnc-groups).",
    ),
    KindDef(
        "Campaign",
        CampaignSpec,
        names_ignore_case=True,
        description="A reporting campaign grouping skills (/campaigns); it carries no dialer settings.",
    ),
]
