"""Genesys Cloud outbound messaging: SMS and email campaigns, their schedules, digital rule sets and contact list
templates, reference MessagingCampaign, MessagingCampaignSchedule, DigitalRuleSet and ContactListTemplate in
purecloudplatformclientv2 269.0.0."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from reconciler.manifest.models.base import SpecModel
from reconciler.manifest.models.genesys_campaign import ContactSort, DynamicContactQueueingSettings
from reconciler.manifest.models.genesys_lists import ContactColumnsSpec
from reconciler.manifest.models.genesys_time import ScheduleSpec
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import (
    GenesysName,
    Text,
    external,
    external_id,
    not_looked_up,
    ref,
    repeated_items,
)

PLATFORM = "genesys"

ContentTemplateName = Annotated[str, external("ResponseTemplate")]
"""A response used as a message template, by name (/api/v2/responsemanagement/responses, listed per library:
the ResponseTemplate lookup)."""

ResponseId = Annotated[str, external_id("ResponseTemplate")]
"""A response management response by id, as a digital rule's set-content-template action writes it."""
WrapUpCodeId = Annotated[str, external_id("WrapUpCode")]
"""A wrap-up code by id, as a digital rule's last-result conditions write it."""

# --- MessagingCampaign ------------------------------------------------------------------------------


class SmsPhoneNumberRef(SpecModel):
    phone_number: Text = Field(
        min_length=1, description="A number provisioned for SMS in the org, in E.164 (e.g. +13175550100)"
    )


class SmsConfig(SpecModel):
    phone_column: str = Field(min_length=1, description="The contact list column holding the number to text")
    message_column: str | None = Field(
        default=None,
        min_length=1,
        description="The contact list column holding the message (or content_template)",
    )
    sender_sms_phone_number: SmsPhoneNumberRef = Field(description="The org's SMS number messages come from")
    content_template: ContentTemplateName | None = Field(
        default=None, description="Response management response used as the message (or message_column)"
    )

    @model_validator(mode="after")
    def _message_source(self) -> SmsConfig:
        if self.message_column is None and self.content_template is None:
            raise ValueError("set message_column or content_template: an SMS needs its text from somewhere")
        return self


class FromEmailAddress(SpecModel):
    domain: Annotated[str, external("EmailDomain")] = Field(description="An outbound email domain of the org")
    friendly_name: str | None = None
    local_part: str | None = Field(default=None, description="The part before @")


InboundEmailDomainName = Annotated[
    str, external("InboundEmailDomain"), not_looked_up("inbound email domains")
]
InboundEmailRouteName = Annotated[str, external("InboundEmailRoute"), not_looked_up("inbound email routes")]
"""Refused: routes are listed per domain (/api/v2/routing/email/domains/{domainName}/routes) and the reconciler
has no lookup for either, so a name here would reach the API where it needs an id."""


class ReplyToEmailAddress(SpecModel):
    domain: InboundEmailDomainName = Field(description="An inbound email domain")
    route: InboundEmailRouteName = Field(description="An inbound route of that domain")


class EmailConfig(SpecModel):
    email_columns: list[str] = Field(min_length=1, description="The contact list columns holding addresses")
    content_template: ContentTemplateName | None = None
    from_address: FromEmailAddress
    reply_to_address: ReplyToEmailAddress | None = None


class MessagingCampaignSpec(SpecModel):
    """An outbound SMS or email campaign. It sends through sms_config or email_config, exactly one."""

    contact_list: Annotated[GenesysName, ref("ContactList")]
    messages_per_minute: int = Field(ge=1, description="How many messages the campaign sends per minute")
    division: Annotated[str, external("Division")] | None = Field(
        default=None, description="Division by name; left out means the org's home division"
    )
    campaign_status: Literal["on", "off"] | None = Field(
        default=None, description="Only on and off can be set; other states belong to the platform"
    )
    callable_time_set: Annotated[GenesysName, ref("CallableTimeSet")] | None = Field(
        default=None, description="When messages may be sent, in the contact's time zone"
    )
    dnc_lists: list[Annotated[GenesysName, ref("DncList")]] | None = None
    always_running: bool | None = None
    contact_sorts: list[ContactSort] | None = Field(default=None, max_length=4)
    rule_sets: list[Annotated[GenesysName, ref("DigitalRuleSet")]] | None = None
    contact_list_filters: list[Annotated[GenesysName, ref("ContactListFilter")]] | None = None
    dynamic_contact_queueing_settings: DynamicContactQueueingSettings | None = None
    sms_config: SmsConfig | None = None
    email_config: EmailConfig | None = None

    @model_validator(mode="after")
    def _one_channel(self) -> MessagingCampaignSpec:
        if (self.sms_config is None) == (self.email_config is None):
            raise ValueError("set exactly one of sms_config and email_config")
        return self

    @property
    def channel(self) -> Literal["sms", "email"]:
        return "sms" if self.sms_config is not None else "email"


class MessagingCampaignScheduleSpec(ScheduleSpec):
    """When a messaging campaign runs. One schedule per messaging campaign; it is keyed by the campaign."""

    messaging_campaign: Annotated[GenesysName, ref("MessagingCampaign")]


# --- DigitalRuleSet ---------------------------------------------------------------------------------

# fmt: off
AddressOperator = Literal["Equals", "Contains", "BeginsWith", "EndsWith"]
ColumnOperator = Literal[
    "Equals", "LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals", "Contains", "BeginsWith",
    "EndsWith", "Before", "After",
]
MediaType = Literal["Email", "Sms", "WhatsApp"]
# fmt: on


class AddressConditionSettings(SpecModel):
    operator: AddressOperator
    value: Text


class ContactColumnConditionSettings(SpecModel):
    column_name: str = Field(min_length=1)
    operator: ColumnOperator
    value: Text
    value_type: Literal["DateTime", "Numeric", "Period", "String"]


class ColumnFieldMapping(SpecModel):
    contact_column_name: str = Field(min_length=1)
    data_action_field: str = Field(min_length=1)


class DataActionPredicate(SpecModel):
    output_field: str = Field(min_length=1)
    output_operator: ColumnOperator
    comparison_value: Text
    inverted: bool
    output_field_missing_resolution: bool


class DataActionConditionSettings(SpecModel):
    data_action_id: Annotated[str, external_id("DataAction")] = Field(
        min_length=1, description="The data action's id"
    )
    data_not_found_resolution: bool
    contact_id_field: str | None = None
    contact_column_to_data_action_field_mappings: list[ColumnFieldMapping] | None = None
    predicates: list[DataActionPredicate] | None = None


class LastAttemptByColumnConditionSettings(SpecModel):
    operator: Literal["Before", "After"]
    value: str = Field(min_length=1, description="An ISO-8601 period, e.g. P1D")
    email_column_name: str | None = None
    sms_column_name: str | None = None
    whats_app_column_name: str | None = None


class LastAttemptOverallConditionSettings(SpecModel):
    media_types: list[MediaType] = Field(min_length=1)
    operator: Literal["Before", "After"]
    value: str = Field(min_length=1, description="An ISO-8601 period, e.g. P1D")


class LastResultByColumnConditionSettings(SpecModel):
    email_column_name: str | None = None
    email_wrapup_codes: list[WrapUpCodeId] | None = Field(default=None, description="Wrap-up code ids")
    sms_column_name: str | None = None
    sms_wrapup_codes: list[WrapUpCodeId] | None = Field(default=None, description="Wrap-up code ids")
    whats_app_column_name: str | None = None
    whats_app_wrapup_codes: list[WrapUpCodeId] | None = Field(default=None, description="Wrap-up code ids")


class LastResultOverallConditionSettings(SpecModel):
    email_wrapup_codes: list[WrapUpCodeId] | None = Field(default=None, description="Wrap-up code ids")
    sms_wrapup_codes: list[WrapUpCodeId] | None = Field(default=None, description="Wrap-up code ids")
    whats_app_wrapup_codes: list[WrapUpCodeId] | None = Field(default=None, description="Wrap-up code ids")


_CONDITION_SETTINGS = (
    "contact_address_condition_settings",
    "contact_address_type_condition_settings",
    "contact_column_condition_settings",
    "data_action_condition_settings",
    "last_attempt_by_column_condition_settings",
    "last_attempt_overall_condition_settings",
    "last_result_by_column_condition_settings",
    "last_result_overall_condition_settings",
)


class DigitalCondition(SpecModel):
    """One condition: `inverted` and exactly one of the settings blocks."""

    inverted: bool | None = None
    contact_address_condition_settings: AddressConditionSettings | None = None
    contact_address_type_condition_settings: AddressConditionSettings | None = None
    contact_column_condition_settings: ContactColumnConditionSettings | None = None
    data_action_condition_settings: DataActionConditionSettings | None = None
    last_attempt_by_column_condition_settings: LastAttemptByColumnConditionSettings | None = None
    last_attempt_overall_condition_settings: LastAttemptOverallConditionSettings | None = None
    last_result_by_column_condition_settings: LastResultByColumnConditionSettings | None = None
    last_result_overall_condition_settings: LastResultOverallConditionSettings | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> DigitalCondition:
        _exactly_one(self, _CONDITION_SETTINGS, "a condition")
        return self


class AppendToDncActionSettings(SpecModel):
    expire: bool
    expiration_duration: str | None = Field(default=None, description="ISO-8601 duration, with expire")
    list_type: Literal["Rds", "RdsCustom"] | None = None


class MarkContactUncontactableActionSettings(SpecModel):
    media_types: list[MediaType] = Field(min_length=1)


class SetContentTemplateActionSettings(SpecModel):
    sms_content_template_id: ResponseId = Field(description="Response id for SMS")
    email_content_template_id: ResponseId = Field(description="Response id for email")
    whats_app_content_template_id: ResponseId = Field(description="Response id for WhatsApp")


class SetSmsPhoneNumberActionSettings(SpecModel):
    sender_sms_phone_number: Text = Field(min_length=1, description="An SMS number of the org, in E.164")


class UpdateContactColumnActionSettings(SpecModel):
    properties: dict[str, Text] = Field(description="Contact column -> new value")
    update_option: Literal["Set", "Increment", "Decrement", "CurrentTime"]


class EmptySettings(SpecModel):
    """An action that takes no settings: written as an empty mapping ({})."""


_ACTION_SETTINGS = (
    "append_to_dnc_action_settings",
    "do_not_send_action_settings",
    "mark_contact_address_uncontactable_action_settings",
    "mark_contact_uncontactable_action_settings",
    "set_content_template_action_settings",
    "set_sms_phone_number_action_settings",
    "update_contact_column_action_settings",
)


class DigitalAction(SpecModel):
    """One action: exactly one of the settings blocks."""

    append_to_dnc_action_settings: AppendToDncActionSettings | None = None
    do_not_send_action_settings: EmptySettings | None = None
    mark_contact_address_uncontactable_action_settings: EmptySettings | None = None
    mark_contact_uncontactable_action_settings: MarkContactUncontactableActionSettings | None = None
    set_content_template_action_settings: SetContentTemplateActionSettings | None = None
    set_sms_phone_number_action_settings: SetSmsPhoneNumberActionSettings | None = None
    update_contact_column_action_settings: UpdateContactColumnActionSettings | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> DigitalAction:
        _exactly_one(self, _ACTION_SETTINGS, "an action")
        return self


def _exactly_one(model: SpecModel, fields: tuple[str, ...], what: str) -> None:
    present = [name for name in fields if getattr(model, name) is not None]
    if len(present) != 1:
        found = ", ".join(present) or "none"
        raise ValueError(f"{what} takes exactly one of {', '.join(fields)} (found {found})")


class DigitalRule(SpecModel):
    name: str = Field(min_length=1)
    order: int = Field(ge=0, description="Rules run from the lowest order up")
    category: Literal["PreContact", "PostContact"]
    conditions: list[DigitalCondition] = Field(description="All must be true for the actions to run")
    actions: list[DigitalAction] = Field(min_length=1)


class DigitalRuleSetSpec(SpecModel):
    """Pre-contact and post-contact rules of messaging campaigns (the counterpart of a voice RuleSet)."""

    contact_list: Annotated[GenesysName, ref("ContactList")] | None = Field(
        default=None, description="UI hint for column suggestions"
    )
    rules: list[DigitalRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_rule_names(self) -> DigitalRuleSetSpec:
        repeated = repeated_items(rule.name for rule in self.rules)
        if repeated:
            raise ValueError(f"rule names must be unique in a digital rule set: {', '.join(repeated)}")
        return self


# --- ContactListTemplate ----------------------------------------------------------------------------


class ContactListTemplateSpec(ContactColumnsSpec):
    """A template contact lists are created from: the columns and settings of a contact list, without
    its division. The same fields as a list's cannot change after creation (ForceNew in
    terraform-provider-genesyscloud's genesyscloud_outbound_contact_list_template)."""

    @model_validator(mode="after")
    def _has_address_columns(self) -> ContactListTemplateSpec:
        if not (self.phone_columns or self.email_columns or self.whats_app_columns):
            raise ValueError(
                "a contact list template needs phone_columns, email_columns or whats_app_columns"
            )
        return self


KINDS = [
    KindDef(
        "MessagingCampaign",
        MessagingCampaignSpec,
        compliance=True,
        description="An outbound SMS or email campaign (/api/v2/outbound/messagingcampaigns).",
    ),
    KindDef(
        "MessagingCampaignSchedule",
        MessagingCampaignScheduleSpec,
        unique_by="messaging_campaign",
        description="A messaging campaign's run schedule "
        "(/api/v2/outbound/schedules/messagingcampaigns/{messagingCampaignId}).",
    ),
    KindDef(
        "DigitalRuleSet",
        DigitalRuleSetSpec,
        description="Pre- and post-contact rules of messaging campaigns (/api/v2/outbound/digitalrulesets).",
    ),
    KindDef(
        "ContactListTemplate",
        ContactListTemplateSpec,
        description="A contact list template (/api/v2/outbound/contactlisttemplates).",
    ),
]
