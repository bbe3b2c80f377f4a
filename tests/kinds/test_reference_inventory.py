"""The reference inventory: every reference field of every manifest kind and what resolves it (issue #21).

A reference names another object; the API needs that object's id. Each one resolves through a managed kind
(declared in the same manifests, or found in the org by name), a lookup (an external kind read from the
org: queues, data actions, response templates ...), or is refused with a SCHEMA error saying why. A model
that gains a reference fails here until the table says how it resolves, and a Genesys model field the
published API definition types as an entity reference (DomainEntityRef) or an object id must be a
reference of the inventory.
"""

from __future__ import annotations

import pytest

from reconciler.emulator.genesys.api_data import definitions
from reconciler.emulator.genesys.kinds import LOOKUPS as EMULATED_LOOKUPS
from reconciler.kinds.registry import spec_of
from reconciler.manifest.kinds import KINDS
from reconciler.providers.cxone.kinds import LOOKUPS as CXONE_LOOKUPS
from reconciler.providers.genesys.kinds import LOOKUPS as GENESYS_LOOKUPS
from tests.kinds.reference_fields import ReferenceField, reference_fields, refused, walk_model

# fmt: off
RESOLVERS: dict[tuple[str, str, str], str] = {
    ("cxone", "Disposition", "classification"): "lookup:DispositionClassification",
    ("cxone", "Campaign", "division"): "refused",
    ("cxone", "Campaign", "skills"): "kind:Skill",
    ("cxone", "Skill", "outbound_telecom_route"): "lookup:OutboundRoute",
    ("cxone", "Skill", "script"): "lookup:Script",
    ("cxone", "Skill", "call_suppression_script"): "lookup:Script",
    ("cxone", "Skill", "campaign"): "kind:Campaign",
    ("cxone", "Skill", "dispositions.disposition"): "kind:Disposition",
    ("cxone", "DncGroup", "scrubbed_skills"): "kind:Skill",
    ("cxone", "DncGroup", "contributing_skills"): "kind:Skill",
    ("genesys", "ContactList", "attempt_limits"): "kind:AttemptLimits",
    ("genesys", "ContactList", "division"): "lookup:Division",
    ("genesys", "ContactListTemplate", "attempt_limits"): "kind:AttemptLimits",
    ("genesys", "ContactListFilter", "contact_list"): "kind:ContactList",
    ("genesys", "ContactListFilter", "contact_list_template"): "kind:ContactListTemplate",
    ("genesys", "DncList", "division"): "lookup:Division",
    ("genesys", "DigitalRuleSet", "contact_list"): "kind:ContactList",
    ("genesys", "DigitalRuleSet", "rules[].conditions[].data_action_condition_settings.data_action_id"): "id:DataAction",
    ("genesys", "DigitalRuleSet", "rules[].conditions[].last_result_by_column_condition_settings.email_wrapup_codes"): "id:WrapUpCode",
    ("genesys", "DigitalRuleSet", "rules[].conditions[].last_result_by_column_condition_settings.sms_wrapup_codes"): "id:WrapUpCode",
    ("genesys", "DigitalRuleSet", "rules[].conditions[].last_result_by_column_condition_settings.whats_app_wrapup_codes"): "id:WrapUpCode",
    ("genesys", "DigitalRuleSet", "rules[].conditions[].last_result_overall_condition_settings.email_wrapup_codes"): "id:WrapUpCode",
    ("genesys", "DigitalRuleSet", "rules[].conditions[].last_result_overall_condition_settings.sms_wrapup_codes"): "id:WrapUpCode",
    ("genesys", "DigitalRuleSet", "rules[].conditions[].last_result_overall_condition_settings.whats_app_wrapup_codes"): "id:WrapUpCode",
    ("genesys", "DigitalRuleSet", "rules[].actions[].set_content_template_action_settings.sms_content_template_id"): "id:ResponseTemplate",
    ("genesys", "DigitalRuleSet", "rules[].actions[].set_content_template_action_settings.email_content_template_id"): "id:ResponseTemplate",
    ("genesys", "DigitalRuleSet", "rules[].actions[].set_content_template_action_settings.whats_app_content_template_id"): "id:ResponseTemplate",
    ("genesys", "CallAnalysisResponseSet", "responses[].data"): "lookup:Flow",
    ("genesys", "RuleSet", "contact_list"): "kind:ContactList",
    ("genesys", "RuleSet", "queue"): "lookup:Queue",
    ("genesys", "RuleSet", "rules[].conditions[].codes"): "lookup:WrapUpCode",
    ("genesys", "RuleSet", "rules[].conditions[].data_action"): "lookup:DataAction",
    ("genesys", "RuleSet", "rules[].actions[].data_action"): "lookup:DataAction",
    ("genesys", "Campaign", "contact_list"): "kind:ContactList",
    ("genesys", "Campaign", "queue"): "lookup:Queue",
    ("genesys", "Campaign", "script"): "lookup:Script",
    ("genesys", "Campaign", "edge_group"): "lookup:EdgeGroup",
    ("genesys", "Campaign", "site"): "lookup:Site",
    ("genesys", "Campaign", "division"): "lookup:Division",
    ("genesys", "Campaign", "dnc_lists"): "kind:DncList",
    ("genesys", "Campaign", "callable_time_set"): "kind:CallableTimeSet",
    ("genesys", "Campaign", "call_analysis_response_set"): "kind:CallAnalysisResponseSet",
    ("genesys", "Campaign", "rule_sets"): "kind:RuleSet",
    ("genesys", "Campaign", "contact_list_filters"): "kind:ContactListFilter",
    ("genesys", "MessagingCampaign", "contact_list"): "kind:ContactList",
    ("genesys", "MessagingCampaign", "division"): "lookup:Division",
    ("genesys", "MessagingCampaign", "callable_time_set"): "kind:CallableTimeSet",
    ("genesys", "MessagingCampaign", "dnc_lists"): "kind:DncList",
    ("genesys", "MessagingCampaign", "rule_sets"): "kind:DigitalRuleSet",
    ("genesys", "MessagingCampaign", "contact_list_filters"): "kind:ContactListFilter",
    ("genesys", "MessagingCampaign", "sms_config.content_template"): "lookup:ResponseTemplate",
    ("genesys", "MessagingCampaign", "email_config.content_template"): "lookup:ResponseTemplate",
    ("genesys", "MessagingCampaign", "email_config.from_address.domain"): "lookup:EmailDomain",
    ("genesys", "MessagingCampaign", "email_config.reply_to_address.domain"): "refused",
    ("genesys", "MessagingCampaign", "email_config.reply_to_address.route"): "refused",
    ("genesys", "Sequence", "campaigns"): "kind:Campaign",
    ("genesys", "CampaignRule", "campaign_rule_entities.campaigns"): "kind:Campaign",
    ("genesys", "CampaignRule", "campaign_rule_entities.sequences"): "kind:Sequence",
    ("genesys", "CampaignRule", "campaign_rule_entities.email_campaigns"): "kind:MessagingCampaign",
    ("genesys", "CampaignRule", "campaign_rule_entities.sms_campaigns"): "kind:MessagingCampaign",
    ("genesys", "CampaignRule", "campaign_rule_conditions[].parameters.queue"): "lookup:Queue",
    ("genesys", "CampaignRule", "campaign_rule_conditions[].parameters.sms_content_template"): "lookup:ResponseTemplate",
    ("genesys", "CampaignRule", "campaign_rule_conditions[].parameters.email_content_template"): "lookup:ResponseTemplate",
    ("genesys", "CampaignRule", "campaign_rule_actions[].parameters.queue"): "lookup:Queue",
    ("genesys", "CampaignRule", "campaign_rule_actions[].parameters.sms_content_template"): "lookup:ResponseTemplate",
    ("genesys", "CampaignRule", "campaign_rule_actions[].parameters.email_content_template"): "lookup:ResponseTemplate",
    ("genesys", "CampaignRule", "campaign_rule_actions[].campaign_rule_action_entities.campaigns"): "kind:Campaign",
    ("genesys", "CampaignRule", "campaign_rule_actions[].campaign_rule_action_entities.sequences"): "kind:Sequence",
    ("genesys", "CampaignRule", "campaign_rule_actions[].campaign_rule_action_entities.email_campaigns"): "kind:MessagingCampaign",
    ("genesys", "CampaignRule", "campaign_rule_actions[].campaign_rule_action_entities.sms_campaigns"): "kind:MessagingCampaign",
    ("genesys", "CampaignRule", "condition_groups[].conditions[].parameters.queue"): "lookup:Queue",
    ("genesys", "CampaignRule", "condition_groups[].conditions[].parameters.sms_content_template"): "lookup:ResponseTemplate",
    ("genesys", "CampaignRule", "condition_groups[].conditions[].parameters.email_content_template"): "lookup:ResponseTemplate",
    ("genesys", "MessagingCampaignSchedule", "messaging_campaign"): "kind:MessagingCampaign",
    ("genesys", "CampaignSchedule", "campaign"): "kind:Campaign",
    ("genesys", "SequenceSchedule", "sequence"): "kind:Sequence",
    ("genesys", "WrapUpCodeMappings", "mapping"): "lookup:WrapUpCode",
}
# fmt: on
"""(platform, kind, manifest path) -> `kind:K` (a managed kind), `lookup:K` (an external kind found by name),
`id:K` (written as the id, checked against lookup K's ids) or `refused` (a SCHEMA error)."""

LOOKUP_PATHS = {
    "genesys": GENESYS_LOOKUPS,
    "cxone": {kind: listing.path for kind, listing in CXONE_LOOKUPS.items()},
}
FOUND = reference_fields()


def _resolver(field: ReferenceField) -> str:
    if field.refused:
        return "refused"
    prefix = "id" if field.target.by_id else "lookup" if field.target.external else "kind"
    return f"{prefix}:{field.target.kind}"


def test_every_reference_field_is_in_the_table_with_its_resolver() -> None:
    found = {(field.platform, field.kind, field.path): _resolver(field) for field in FOUND}
    unlisted = {key: value for key, value in found.items() if key not in RESOLVERS}
    assert not unlisted, (
        f"references the inventory does not list (add each with what resolves it): {unlisted}"
    )
    assert found == RESOLVERS


@pytest.mark.parametrize("field", FOUND, ids=lambda field: f"{field.platform}/{field.kind}/{field.path}")
def test_each_reference_has_a_resolver(field: ReferenceField) -> None:
    resolver = RESOLVERS[(field.platform, field.kind, field.path)]
    how, _, target = resolver.partition(":")
    if how == "kind":
        assert spec_of(field.platform, target) is not None, f"{target} is not a managed kind"
    elif how in ("lookup", "id"):
        assert target in LOOKUP_PATHS[field.platform], f"{target} has no lookup on {field.platform}"
        if field.platform == "genesys":
            served = {lookup.path for lookup in EMULATED_LOOKUPS}
            assert GENESYS_LOOKUPS[target] in served, f"the emulator does not serve the {target} lookup"
    else:
        assert how == "refused"


def test_refused_references_are_refused_by_the_model() -> None:
    for (platform, kind, path), resolver in RESOLVERS.items():
        if resolver != "refused":
            continue
        holder = next(h for p, _info, h in walk_model(KINDS[(platform, kind)].spec) if p == path)
        assert refused(holder, path.rsplit(".", 1)[-1]), f"{platform}/{kind} {path} is not refused"


NOT_REFERENCES = {
    "timeZoneId": "an IANA time zone name, not an object of the org",
    "loginId": "a DNC list's account at its provider (dnc.com), not an object of the org",
    "campaignId": "a DNC list's campaign at its provider (dnc.com), not an object of the org",
    "licenseId": "a DNC list's licence at its provider (Gryphon), not an object of the org",
}
"""API properties named like ids that name nothing in the org (DncList of purecloudplatformclientv2 269.0.0)."""


def _is_reference(schema: dict[str, object], name: str) -> bool:
    """An API property typed as an entity reference, or an id (list) of another object."""
    items = schema.get("items")
    target = schema.get("$ref") or (items.get("$ref") if isinstance(items, dict) else None)
    if target == "#/definitions/DomainEntityRef":
        return True
    if name in NOT_REFERENCES:
        return False
    ids = schema.get("type") == "string" or (isinstance(items, dict) and items.get("type") == "string")
    return ids and (name.endswith(("Id", "Ids")) or name.endswith("WrapupCodes"))


def test_every_api_reference_a_genesys_model_carries_is_in_the_inventory() -> None:
    """Fields the published API definition (purecloudplatformclientv2 269.0.0) types as DomainEntityRef or as
    object ids, in the manifest models mirroring its definitions, are references of the inventory."""
    api = definitions()
    listed = {(field.kind, field.path) for field in FOUND if field.platform == "genesys"}
    missing = []
    for (platform, kind), info in KINDS.items():
        if platform != "genesys":
            continue
        for path, field_info, holder in walk_model(info.spec):
            model_name = holder.__name__.removesuffix("Spec")
            definition = api.get(model_name) or (api.get(kind) if holder is info.spec else None)
            if not isinstance(definition, dict):
                continue
            alias = field_info.serialization_alias or _camel(path.rsplit(".", 1)[-1])
            schema = definition.get("properties", {}).get(alias)
            if isinstance(schema, dict) and _is_reference(schema, alias) and (kind, path) not in listed:
                missing.append(f"{kind} {path} ({model_name}.{alias})")
    assert not missing, f"API references the models carry as plain values: {missing}"


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
