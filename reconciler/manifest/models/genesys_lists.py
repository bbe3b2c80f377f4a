"""Genesys Cloud contact list definitions, filters, DNC lists and attempt limits, reference DncList, ContactList,
ContactListFilter and AttemptLimits in purecloudplatformclientv2."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from reconciler.manifest.models.base import SpecModel
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import (
    GenesysName,
    NumbersMode,
    Text,
    TimeZoneId,
    external,
    ref,
)

FilterOperator = Literal[
    "EQUALS",
    "LESS_THAN",
    "LESS_THAN_EQUALS",
    "GREATER_THAN",
    "GREATER_THAN_EQUALS",
    "CONTAINS",
    "BEGINS_WITH",
    "ENDS_WITH",
    "BEFORE",
    "AFTER",
    "BETWEEN",
    "IN",
]
ResetPeriod = Literal[
    "NEVER", "TODAY", "DAYS_2", "DAYS_3", "DAYS_4", "DAYS_5", "DAYS_6", "DAYS_7", "DAYS_8", "DAYS_9",
    "DAYS_10", "DAYS_11", "DAYS_12", "DAYS_13", "DAYS_14", "DAYS_15", "DAYS_16", "DAYS_17", "DAYS_18",
    "DAYS_19", "DAYS_20", "DAYS_21", "DAYS_22", "DAYS_23", "DAYS_24", "DAYS_25", "DAYS_26", "DAYS_27",
    "DAYS_28", "DAYS_29", "DAYS_30",
]  # fmt: skip
RecallReason = Literal["busy", "noAnswer", "answeringMachine", "fax"]
RetentionType = Literal["Never", "Today", "RetentionDays"]
"""Valid values of ContactList.retentionType and OutboundSettings.contactListDefaultRetentionType."""


def days_need_their_type(days: int | None, info: ValidationInfo) -> int | None:
    """Field validator of `<prefix>retention_days`: the days apply only with retention type RetentionDays."""
    type_field = str(info.field_name).replace("_days", "_type")
    if days is not None and info.data.get(type_field) != "RetentionDays":
        raise ValueError(f"{info.field_name} applies only with {type_field} RetentionDays")
    return days


def type_needs_days(model: Any, *, prefix: str) -> None:
    """RetentionDays requires the number of days (the SDK's description of retentionDays)."""
    wanted = getattr(model, f"{prefix}retention_type") == "RetentionDays"
    if wanted and getattr(model, f"{prefix}retention_days") is None:
        raise ValueError(f"{prefix}retention_type RetentionDays requires {prefix}retention_days")


# --- ContactList ---------------------------------------------------------------------------------


class ContactPhoneNumberColumn(SpecModel):
    column_name: str = Field(min_length=1)
    type: str = Field(min_length=1, description="Phone column type, e.g. cell or home")
    callable_time_column: str | None = Field(
        default=None,
        description="Column holding the contact's time zone for callable-time checks; "
        "not allowed with automatic_time_zone_mapping (older field: callable_time_column_name is current)",
    )
    callable_time_column_name: str | None = Field(
        default=None,
        description="Name of the column holding the contact's time zone for callable-time checks",
    )


class EmailColumn(SpecModel):
    column_name: str = Field(min_length=1)
    type: str = Field(min_length=1, description="Email column type, e.g. work or personal")
    contactable_time_column: str | None = Field(
        default=None, description="Column holding the contact's time zone for contactable-time checks"
    )
    contactable_time_column_name: str | None = Field(
        default=None,
        description="Name of the column holding the contact's time zone for contactable-time checks",
    )


class WhatsAppColumn(SpecModel):
    column_name: str = Field(min_length=1)
    type: str = Field(min_length=1, description="WhatsApp column type, e.g. work or personal")
    contactable_time_column: str | None = Field(
        default=None, description="Column holding the contact's time zone for contactable-time checks"
    )
    contactable_time_column_name: str | None = Field(
        default=None,
        description="Name of the column holding the contact's time zone for contactable-time checks",
    )


class ColumnDataTypeSpecification(SpecModel):
    """Data type of a column used for dynamic contact queueing."""

    column_name: str | None = Field(default=None, min_length=1)
    column_data_type: Literal["NUMERIC", "TEXT", "TIMESTAMP", "DATETIME"] | None = None
    min: int | None = Field(default=None, description="Minimum length of a NUMERIC column")
    max: int | None = Field(default=None, description="Maximum length of a NUMERIC column")
    max_length: int | None = Field(default=None, ge=1, description="Maximum length of a TEXT column")


def _columns_named_by(value: Any) -> list[str]:
    """Column names a contact list field refers to (phone/email columns and their time-zone columns)."""
    if isinstance(value, str):
        return [value]
    names: list[str] = []
    for item in value or ():
        for attr in (
            "column_name",
            "callable_time_column",
            "callable_time_column_name",
            "contactable_time_column",
            "contactable_time_column_name",
        ):
            name = getattr(item, attr, None)
            if name is not None:
                names.append(name)
    return names


class ContactColumnsSpec(SpecModel):
    """The column definition a contact list and a contact list template share (ContactList and
    ContactListTemplate, purecloudplatformclientv2): columns and dialing settings, never contact rows.

    Column names, phone/email/WhatsApp columns, automatic time-zone mapping, the zip column and the
    column data types cannot change after creation: changing them replaces the object.
    """

    column_names: list[str] = Field(min_length=1, description="Names of the contact data columns")
    phone_columns: list[ContactPhoneNumberColumn] | None = None
    email_columns: list[EmailColumn] | None = None
    whats_app_columns: list[WhatsAppColumn] | None = None
    preview_mode_column_name: str | None = Field(
        default=None, description="Column that marks contacts to always dial in preview mode"
    )
    preview_mode_accepted_values: list[str] | None = Field(
        default=None, description="Values of preview_mode_column_name that mean 'dial in preview mode'"
    )
    attempt_limits: Annotated[GenesysName, ref("AttemptLimits")] | None = None
    automatic_time_zone_mapping: bool | None = Field(
        default=None, description="Map each contact's phone number / zip code to a time zone"
    )
    zip_code_column_name: str | None = Field(
        default=None, description="Zip code column for automatic time-zone mapping (only with it on)"
    )
    column_data_type_specifications: list[ColumnDataTypeSpecification] | None = Field(
        default=None, description="Data types of the columns selected for dynamic queueing"
    )
    trim_whitespace: bool | None = Field(
        default=None, description="Trim white space on CSV import (API default true)"
    )
    retention_type: RetentionType | None = Field(
        default=None, description="How long the list is kept: Never (deleted), Today or RetentionDays"
    )
    retention_days: int | None = Field(
        default=None, ge=1, description="Days to keep the list; required with retention_type RetentionDays"
    )
    time_zone: TimeZoneId | None = Field(default=None, description="IANA time zone of the contact list")

    _days_need_their_type = field_validator("retention_days")(days_need_their_type)

    @model_validator(mode="after")
    def _retention_type_needs_days(self) -> ContactColumnsSpec:
        type_needs_days(self, prefix="")
        return self

    @field_validator(
        "phone_columns",
        "email_columns",
        "whats_app_columns",
        "preview_mode_column_name",
        "zip_code_column_name",
        "column_data_type_specifications",
    )
    @classmethod
    def _columns_are_declared(cls, value: Any, info: ValidationInfo) -> Any:
        declared = info.data.get("column_names")  # absent when column_names itself is invalid
        if declared is not None:
            unknown = [name for name in _columns_named_by(value) if name not in declared]
            if unknown:
                raise ValueError(f"column(s) {', '.join(map(repr, unknown))} are not among column_names")
        return value

    @field_validator("zip_code_column_name")
    @classmethod
    def _zip_code_needs_mapping(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("automatic_time_zone_mapping") is not True:
            raise ValueError("zip_code_column_name is only allowed with automatic_time_zone_mapping: true")
        return value

    @model_validator(mode="after")
    def _no_callable_time_column_when_mapped(self) -> ContactColumnsSpec:
        if self.automatic_time_zone_mapping and any(c.callable_time_column for c in self.phone_columns or ()):
            raise ValueError(
                "phone_columns.callable_time_column is not allowed with automatic_time_zone_mapping"
            )
        return self


class ContactListSpec(ContactColumnsSpec):
    """A contact list's definition (columns and dialing settings), never its contact rows.

    Column names, phone/email/WhatsApp columns, automatic time-zone mapping, the zip column and the
    column data types cannot change after creation: changing them replaces the list.
    """

    division: Annotated[str, external("Division")] | None = Field(
        default=None, description="Division by name; left out means the org's home division"
    )


# --- ContactListFilter ---------------------------------------------------------------------------


FilterValue = Text


class ContactListFilterRange(SpecModel):
    min: FilterValue | None = Field(default=None, description="Lower bound; required for BETWEEN")
    max: FilterValue | None = Field(default=None, description="Upper bound; required for BETWEEN")
    min_inclusive: bool | None = None
    max_inclusive: bool | None = None
    in_set: list[FilterValue] | None = Field(default=None, description="Allowed values; required for IN")


class ContactListFilterPredicate(SpecModel):
    column: str | None = Field(
        default=None, min_length=1, description="A column of the filter's contact list"
    )
    column_type: Literal["numeric", "alphabetic"] | None = None
    operator: FilterOperator | None = None
    value: FilterValue | None = Field(
        default=None,
        description="Text, number, or relative time PxxDTyyHzzM (e.g. P01DT08H30M; '-' for the past)",
    )
    range: ContactListFilterRange | None = Field(default=None, description="Required for BETWEEN and IN")
    inverted: bool | None = None

    @model_validator(mode="after")
    def _range_for_between_and_in(self) -> ContactListFilterPredicate:
        if self.operator in ("BETWEEN", "IN") and self.range is None:
            raise ValueError(f"operator {self.operator} needs a range")
        return self


class ContactListFilterClause(SpecModel):
    filter_type: Literal["AND", "OR"] | None = Field(default=None, description="How predicates are joined")
    predicates: list[ContactListFilterPredicate] | None = None


class ContactListFilterSpec(SpecModel):
    """A contact filter on a contact list (or on a contact list template)."""

    contact_list: Annotated[GenesysName, ref("ContactList")] | None = Field(
        default=None, description="Required when source_type is ContactList (the default)"
    )
    contact_list_template: Annotated[GenesysName, ref("ContactListTemplate")] | None = Field(
        default=None, description="Required when source_type is ContactListTemplate"
    )
    source_type: Literal["ContactList", "ContactListTemplate"] | None = None
    clauses: list[ContactListFilterClause] | None = None
    filter_type: Literal["AND", "OR"] | None = Field(default=None, description="How clauses are joined")

    @model_validator(mode="after")
    def _source_present(self) -> ContactListFilterSpec:
        if self.source_type == "ContactListTemplate":
            if self.contact_list_template is None:
                raise ValueError("source_type ContactListTemplate needs contact_list_template")
        elif self.contact_list is None:
            raise ValueError("contact_list is required (unless source_type is ContactListTemplate)")
        return self


# --- DncList -------------------------------------------------------------------------------------

DncSourceType = Literal["rds", "rds_custom", "dnc.com", "gryphon"]


PhoneNumber = Text

_REQUIRED_BY_SOURCE: dict[str, tuple[str, ...]] = {
    "rds": ("contact_method",),
    "rds_custom": ("custom_exclusion_column",),
    "dnc.com": ("login_id", "dnc_codes"),
    "gryphon": ("license_id",),
}


class DncListSpec(SpecModel):
    """A do-not-call list. `entries` is reconciler-only: the numbers of an internal (rds) list."""

    dnc_source_type: DncSourceType = Field(
        description="rds = internal list; dnc.com and gryphon = external services"
    )
    contact_method: Literal["Email", "Phone", "Any", "WhatsApp"] | None = Field(
        default=None, description="Required for rds"
    )
    login_id: str | None = Field(default=None, description="dnc.com login id (required for dnc.com)")
    campaign_id: str | None = Field(default=None, description="dnc.com campaign id (optional, dnc.com only)")
    dnc_codes: list[str] | None = Field(
        default=None, description="dnc.com codes treated as DNC (required for dnc.com)"
    )
    license_id: str | None = Field(default=None, description="Gryphon license number (required for gryphon)")
    division: Annotated[str, external("Division")] | None = Field(
        default=None, description="Division by name; left out means the org's home division"
    )
    custom_exclusion_column: str | None = Field(
        default=None, description="Column to evaluate exclusion against (required for rds_custom)"
    )
    entries: list[PhoneNumber] | str | None = Field(
        default=None,
        description="Reconciler-only, rds lists only: phone numbers inline, or the path of a CSV file "
        "(relative to this manifest file) whose first column holds them. Not part of the DncList body.",
    )
    entries_mode: NumbersMode | None = Field(
        default=None,
        description="Reconciler-only. additive (the default): live numbers that are not declared are kept "
        "and counted; exact: they are removed, a destructive change that needs --allow-delete",
    )

    @field_validator("entries")
    @classmethod
    def _entries_on_internal_lists(cls, value: list[str] | str | None, info: ValidationInfo) -> Any:
        source = info.data.get("dnc_source_type")
        if value is not None and source is not None and source != "rds":
            raise ValueError(
                f"entries are only allowed on internal lists (dnc_source_type rds), not {source}: "
                "external DNC services keep their own numbers"
            )
        if isinstance(value, str) and not value.strip():
            raise ValueError(
                "entries must be a list of phone numbers or a CSV file path, not an empty string"
            )
        if isinstance(value, list) and any(not item.strip() for item in value):
            raise ValueError("entries must not contain empty phone numbers")
        return value

    @model_validator(mode="after")
    def _source_type_fields(self) -> DncListSpec:
        missing = [name for name in _REQUIRED_BY_SOURCE[self.dnc_source_type] if getattr(self, name) is None]
        if missing:
            raise ValueError(f"dnc_source_type {self.dnc_source_type} requires {', '.join(missing)}")
        return self


# --- AttemptLimits -------------------------------------------------------------------------------


class RecallEntry(SpecModel):
    nbr_attempts: int | None = Field(default=None, ge=1, description="Recall attempts for this call result")
    minutes_between_attempts: int | None = Field(default=None, ge=5, description="At least 5 minutes")


class AttemptLimitsSpec(SpecModel):
    """How often a contact / number may be dialled within a reset period."""

    max_attempts_per_contact: int | None = Field(
        default=None, ge=1, description="Per contact within reset_period; this or max_attempts_per_number"
    )
    max_attempts_per_number: int | None = Field(
        default=None, ge=1, le=100, description="Per phone number within reset_period (at most 100)"
    )
    time_zone_id: TimeZoneId | None = Field(default=None, description="Zone in which TODAY is counted")
    reset_period: ResetPeriod | None = Field(
        default=None, description="When counts go back to 0 (API default NEVER)"
    )
    recall_entries: dict[RecallReason, RecallEntry] | None = Field(
        default=None, description="Recall settings by call result: busy, noAnswer, answeringMachine, fax"
    )

    @model_validator(mode="after")
    def _limits(self) -> AttemptLimitsSpec:
        if self.max_attempts_per_contact is None and self.max_attempts_per_number is None:
            raise ValueError("set max_attempts_per_contact, max_attempts_per_number or both")
        if self.reset_period == "TODAY" and self.time_zone_id is None:
            raise ValueError("reset_period TODAY requires time_zone_id")
        return self


PLATFORM = "genesys"
"""The platform of the kinds below (the manifest kinds are found by scanning this package)."""

KINDS = [
    KindDef(
        "ContactList",
        ContactListSpec,
        description="A contact list definition (/api/v2/outbound/contactlists), not its contact rows.",
    ),
    KindDef(
        "ContactListFilter",
        ContactListFilterSpec,
        description="A contact list filter (/api/v2/outbound/contactlistfilters).",
    ),
    KindDef(
        "DncList",
        DncListSpec,
        description="A do-not-call list (/api/v2/outbound/dnclists), optionally with its entries.",
    ),
    KindDef(
        "AttemptLimits",
        AttemptLimitsSpec,
        description="Dialing attempt limits (/api/v2/outbound/attemptlimits).",
    ),
]
