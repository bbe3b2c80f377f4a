"""Genesys Cloud dialer rule sets (pre-call and wrap-up rules), reference RuleSet, purecloudplatformclientv2."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from reconciler.manifest.models.base import SpecModel
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import GenesysName, Text, TimeZoneId, external, ref, require_fields

# fmt: off
Operator = Literal[
    "EQUALS", "LESS_THAN", "LESS_THAN_EQUALS", "GREATER_THAN", "GREATER_THAN_EQUALS", "CONTAINS",
    "BEGINS_WITH", "ENDS_WITH", "BEFORE", "AFTER", "IN", "BETWEEN",
]
OutputOperator = Literal[
    "EQUALS", "LESS_THAN", "LESS_THAN_EQUALS", "GREATER_THAN", "GREATER_THAN_EQUALS", "CONTAINS",
    "BEGINS_WITH", "ENDS_WITH", "BEFORE", "AFTER",
]
ConditionType = Literal[
    "wrapupCondition", "systemDispositionCondition", "contactAttributeCondition", "phoneNumberCondition",
    "phoneNumberTypeCondition", "callAnalysisCondition", "contactPropertyCondition", "dataActionCondition",
    "timeAndDateCondition",
]
PropertyType = Literal[
    "LAST_ATTEMPT_BY_COLUMN", "LAST_ATTEMPT_OVERALL", "LAST_WRAPUP_BY_COLUMN", "LAST_WRAPUP_OVERALL",
]
ActionTypeName = Literal[
    "DO_NOT_DIAL", "MODIFY_CONTACT_ATTRIBUTE", "SWITCH_TO_PREVIEW", "APPEND_NUMBER_TO_DNC_LIST",
    "APPEND_CUSTOM_ENTRY_TO_DNC_LIST", "SCHEDULE_CALLBACK", "CONTACT_UNCALLABLE", "NUMBER_UNCALLABLE",
    "SET_CALLER_ID", "SET_SKILLS", "DATA_ACTION",
]
# fmt: on

ContactListName = Annotated[GenesysName, ref("ContactList")]
QueueName = Annotated[str, external("Queue")]
WrapUpCodeName = Annotated[str, external("WrapUpCode")]
DataActionName = Annotated[str, external("DataAction")]


# --- RuleSet -------------------------------------------------------------------------------------


class ContactColumnToDataActionFieldMapping(SpecModel):
    contact_column_name: str = Field(min_length=1)
    data_action_field: str = Field(min_length=1, description="Input field of the data action")


class DataActionConditionPredicate(SpecModel):
    output_field: str = Field(min_length=1, description="Output field of the data action")
    output_operator: OutputOperator
    comparison_value: Text
    inverted: bool
    output_field_missing_resolution: bool = Field(description="Result when the output field is missing")


class TimeAndDateSubConditionRange(SpecModel):
    min: str | None = Field(default=None, description="Lower bound for BETWEEN, in the type's format")
    max: str | None = Field(default=None, description="Upper bound for BETWEEN")
    in_set: list[str] | None = Field(default=None, description="Values for IN")


class TimeAndDateSubCondition(SpecModel):
    type: Literal["timeOfDay", "dayOfWeek", "dayOfMonth", "specificDate"] | None = None
    operator: Operator | None = None
    inverted: bool | None = None
    include_year: bool | None = Field(default=None, description="specificDate: compare the year (default)")
    threshold_value: Text | None = Field(
        default=None,
        description="For BEFORE/AFTER. timeOfDay HH:mm, dayOfWeek 1-7, dayOfMonth 1-31 or LAST_DAY/ODD_DAY/"
        "EVEN_DAY, specificDate yyyy-MM-dd (MM-dd without year)",
    )
    range: TimeAndDateSubConditionRange | None = Field(default=None, description="For BETWEEN and IN")


_CONDITION_NEEDS: dict[str, tuple[str, ...]] = {
    "wrapupCondition": ("codes",),
    "contactAttributeCondition": ("attribute_name",),
    "contactPropertyCondition": ("property", "property_type"),
    "dataActionCondition": ("data_action", "data_not_found_resolution", "predicates"),
    "timeAndDateCondition": ("sub_conditions", "time_zone_id"),
}


class Condition(SpecModel):
    """One dialer rule condition; which fields apply depends on `type`."""

    type: ConditionType | None = None
    inverted: bool | None = None
    attribute_name: str | None = Field(default=None, description="Contact column (contactAttributeCondition)")
    value: Text | None = Field(default=None, description="Text, number or relative time to compare with")
    value_type: Literal["STRING", "NUMERIC", "DATETIME", "PERIOD"] | None = None
    operator: Operator | None = None
    codes: list[WrapUpCodeName] | None = Field(default=None, description="wrapupCondition: code names")
    property: str | None = Field(default=None, description="contactPropertyCondition value")
    property_type: PropertyType | None = None
    data_action: DataActionName | None = Field(default=None, description="dataActionCondition")
    data_not_found_resolution: bool | None = Field(default=None, description="Result if no data found")
    contact_id_field: str | None = None
    call_analysis_result_field: str | None = None
    agent_wrapup_field: str | None = None
    contact_column_to_data_action_field_mappings: list[ContactColumnToDataActionFieldMapping] | None = None
    predicates: list[DataActionConditionPredicate] | None = None
    sub_conditions: list[TimeAndDateSubCondition] | None = None
    match_any_conditions: bool | None = Field(default=None, description="One sub-condition suffices")
    time_zone_id: TimeZoneId | None = Field(default=None, description="timeAndDateCondition time zone")

    @model_validator(mode="after")
    def _type_fields(self) -> Condition:
        if self.type is not None:
            require_fields(self, self.type, _CONDITION_NEEDS)
        return self


class DialerAction(SpecModel):
    type: Literal["Action", "modifyContactAttribute", "dataActionBehavior"]
    action_type_name: ActionTypeName
    update_option: Literal["SET", "INCREMENT", "DECREMENT", "CURRENT_TIME"] | None = Field(
        default=None, description="Required for MODIFY_CONTACT_ATTRIBUTE"
    )
    properties: dict[str, Text] | None = Field(
        default=None,
        description="SCHEDULE_CALLBACK: callbackOffset (minutes); SET_CALLER_ID: callerAddress, callerName "
        "(a value may be contact.<Column>); SET_SKILLS: skills (a JSON array string); "
        "MODIFY_CONTACT_ATTRIBUTE: column -> value",
    )
    data_action: DataActionName | None = Field(default=None, description="dataActionBehavior")
    contact_column_to_data_action_field_mappings: list[ContactColumnToDataActionFieldMapping] | None = None
    contact_id_field: str | None = None
    call_analysis_result_field: str | None = None
    agent_wrapup_field: str | None = None

    @model_validator(mode="after")
    def _type_fields(self) -> DialerAction:
        require_fields(self, self.action_type_name, {"MODIFY_CONTACT_ATTRIBUTE": ("update_option",)})
        require_fields(self, self.type, {"dataActionBehavior": ("data_action",)})
        return self


class DialerRule(SpecModel):
    name: str = Field(min_length=1)
    order: int | None = Field(default=None, ge=0, description="Rules run from the lowest order up")
    category: Literal["DIALER_PRECALL", "DIALER_WRAPUP"]
    conditions: list[Condition] = Field(description="All must be true for the actions to run")
    actions: list[DialerAction] | None = None


class RuleSetSpec(SpecModel):
    """Dialer pre-call / wrap-up rules used by campaigns."""

    contact_list: ContactListName | None = Field(default=None, description="UI hint for column suggestions")
    queue: QueueName | None = Field(default=None, description="UI hint for wrap-up code suggestions")
    # May be empty: rules of genesyscloud_outbound_ruleset (MyPureCloud/terraform-provider-genesyscloud) is
    # Optional and sent as an empty list; RuleSet of purecloudplatformclientv2 269.0.0 has no minimum.
    rules: list[DialerRule] = Field(description="The rules; an empty list is a rule set with no rules yet")

    @model_validator(mode="after")
    def _unique_rule_names(self) -> RuleSetSpec:
        names = [rule.name for rule in self.rules]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"rule names must be unique in a rule set: {', '.join(duplicates)}")
        return self


PLATFORM = "genesys"
"""The platform of the kinds below (the manifest kinds are found by scanning this package)."""

KINDS = [
    KindDef(
        "RuleSet",
        RuleSetSpec,
        description="Dialer pre-call and wrap-up rules (/api/v2/outbound/rulesets).",
    ),
]
