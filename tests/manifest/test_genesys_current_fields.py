"""Manifest fields and values of the current Genesys API (purecloudplatformclientv2 269.0.0): accepted,
validated like the platform, in the JSON Schema; references that could not be sent as ids are refused."""

from __future__ import annotations

from typing import Any

from reconciler.manifest.kinds import KINDS
from reconciler.manifest.schema import kind_schema
from reconciler.validation import validate_paths
from tests.conftest import FIXTURES

INVALID = FIXTURES / "manifests" / "invalid" / "genesys"


def _messages(name: str) -> list[str]:
    return [f.message for f in validate_paths([INVALID / name]).findings if f.code == "SCHEMA"]


def _enum_of(schema: dict[str, Any], definition: str, field: str) -> list[str]:
    prop = schema["$defs"][definition]["properties"][field]
    options = prop.get("anyOf", [prop])
    return next(option["enum"] for option in options if "enum" in option)


def test_new_enum_values_and_fields_are_in_the_json_schema() -> None:
    rule = kind_schema(KINDS[("genesys", "CampaignRule")])
    assert "setCampaignReservation" in _enum_of(rule, "CampaignRuleAction", "action_type")
    lists = kind_schema(KINDS[("genesys", "ContactList")])
    assert "DATETIME" in _enum_of(lists, "ColumnDataTypeSpecification", "column_data_type")
    assert _enum_of(lists, "ContactListSpec", "retention_type") == ["Never", "Today", "RetentionDays"]
    phone = lists["$defs"]["ContactPhoneNumberColumn"]["properties"]
    assert {"callable_time_column", "callable_time_column_name"} <= set(phone)
    campaign = kind_schema(KINDS[("genesys", "Campaign")])["$defs"]["CampaignSpec"]["properties"]
    assert "precise_dialing_enabled" in campaign


def test_retention_days_and_type_are_checked_together() -> None:
    assert _messages("ContactList-retention-days-without-type.yaml") == [
        "spec.retention_days: retention_days applies only with retention_type RetentionDays (got 30)"
    ]
    assert _messages("OutboundSettings-retention-without-days.yaml") == [
        "spec: contact_list_default_retention_type RetentionDays requires contact_list_default_retention_days"
    ]


def test_references_to_kinds_without_a_lookup_are_refused_with_the_reason() -> None:
    messages = _messages("MessagingCampaign-reply-to-route.yaml")
    assert [message.split(":")[0] for message in messages] == [
        "spec.email_config.reply_to_address.domain",
        "spec.email_config.reply_to_address.route",
    ]
    assert all("the name cannot be sent as the id the API needs" in message for message in messages)


def test_templates_and_messaging_campaigns_are_references_now_that_they_are_managed() -> None:
    """The kinds added by issue #17 turned two refused references into managed ones (resolved by name)."""
    result = validate_paths([FIXTURES / "manifests" / "valid" / "genesys"])
    depends_on = result.graph.depends_on
    template = "genesys/ContactListTemplate/renewals-template"
    assert template in depends_on["genesys/ContactListFilter/template-filter"]
    assert "genesys/MessagingCampaign/renewal-texts" in depends_on["genesys/CampaignRule/sms-switch"]
