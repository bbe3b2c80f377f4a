"""The emulated collections of outbound messaging: messaging campaigns and their schedules, digital rule sets,
contact list templates, and the lookups they name (SMS numbers, outbound email domains). Paths, models and
listing parameters are OutboundApi and RoutingApi of purecloudplatformclientv2 269.0.0; immutable template
fields are ForceNew in terraform-provider-genesyscloud (genesyscloud_outbound_contact_list_template).

Not-found codes the SDK does not document are the emulator's choice, named like the documented ones
(`<type>.not.found`).
"""

from __future__ import annotations

from reconciler.emulator.genesys.collection import (
    OUTBOUND,
    Collection,
    Immutable,
    Lookup,
    Reference,
    ScheduleCollection,
)
from reconciler.emulator.genesys.families.content import REFERENCES_INTO as CONTENT_REFERENCES

_DIVISION = Reference("division", "divisions", "division.not.found", lookup=True)

COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        kind="MessagingCampaign",
        key="messagingcampaigns",
        path=f"{OUTBOUND}/messagingcampaigns",
        param="messagingCampaignId",
        noun="messaging campaign",
        references=(
            Reference("contactList", "contactlists", "contact.list.not.found"),
            Reference("dncLists[]", "dnclists", "dnc.list.not.found"),
            Reference("callableTimeSet", "callabletimesets", "callable.time.set.not.found"),
            Reference("ruleSets[]", "digitalrulesets", "digital.rule.set.not.found"),
            Reference("contactListFilters[]", "contactlistfilters", "contact.list.filter.not.found"),
            Reference("emailConfig.fromAddress.domain", "domains", "email.domain.not.found", lookup=True),
            _DIVISION,
            *CONTENT_REFERENCES["MessagingCampaign"],
        ),
        delete_returns_body=True,  # DELETE answers the MessagingCampaign (OutboundApi)
        list_filters=(
            ("contactListId", "contactList"),
            ("divisionId", "division"),
            ("campaignStatus", "campaignStatus"),
            ("ruleSetIds", "ruleSets[]"),
        ),
        bulk_id_filter=True,
    ),
    Collection(
        kind="DigitalRuleSet",
        key="digitalrulesets",
        path=f"{OUTBOUND}/digitalrulesets",
        param="digitalRuleSetId",
        noun="digital rule set",
        references=(
            Reference("contactList", "contactlists", "contact.list.not.found"),
            *CONTENT_REFERENCES["DigitalRuleSet"],
            *(
                Reference(
                    f"rules[].conditions[].{settings}.{channel}WrapupCodes[]",
                    "wrapupcodes",
                    "invalid.rule.condition",
                    lookup=True,
                )
                for settings in ("lastResultByColumnConditionSettings", "lastResultOverallConditionSettings")
                for channel in ("email", "sms", "whatsApp")
            ),
        ),
        bulk_id_filter=True,
    ),
    Collection(
        kind="ContactListTemplate",
        key="contactlisttemplates",
        path=f"{OUTBOUND}/contactlisttemplates",
        param="contactListTemplateId",
        noun="contact list template",
        references=(Reference("attemptLimits", "attemptlimits", "attempt.limits.not.found"),),
        immutable=(
            Immutable("columnNames", "invalid.update"),
            Immutable("phoneColumns", "invalid.update"),
            Immutable("emailColumns", "invalid.update"),
            Immutable("automaticTimeZoneMapping", "invalid.update"),
            Immutable("zipCodeColumnName", "invalid.update"),
            Immutable("columnDataTypeSpecifications", "invalid.update"),
        ),
        delete_status=204,  # DELETE answers no body (OutboundApi)
    ),
)

SCHEDULES: tuple[ScheduleCollection, ...] = (
    ScheduleCollection(
        kind="MessagingCampaignSchedule",
        key="messagingcampaignschedules",
        path=f"{OUTBOUND}/schedules/messagingcampaigns",
        param="messagingCampaignId",
        owner="messagingcampaigns",
        owner_field="messagingCampaign",
        not_found="messaging.campaign.not.found",
        paged=True,  # GET answers a MessagingCampaignScheduleEntityListing (OutboundApi)
    ),
)

CAMPAIGN_RULE_REFERENCES: tuple[Reference, ...] = tuple(
    Reference(f"{holder}.{field}[]", "messagingcampaigns", "messaging.campaign.not.found")
    for holder in ("campaignRuleEntities", "campaignRuleActions[].campaignRuleActionEntities")
    for field in ("smsCampaigns", "emailCampaigns")
)
"""The messaging campaigns a campaign rule watches or acts on (CampaignRuleEntities, CampaignRuleActionEntities)."""

FILTER_TEMPLATE_REFERENCE = Reference(
    "contactListTemplate", "contactlisttemplates", "contact.list.template.not.found"
)
"""A contact list filter on a template names it (ContactListFilter.contactListTemplate)."""

REFERENCES_INTO: dict[str, tuple[Reference, ...]] = {
    "ContactListFilter": (FILTER_TEMPLATE_REFERENCE,),
    "CampaignRule": CAMPAIGN_RULE_REFERENCES,
}
"""References of existing collections to this family's kinds."""

LOOKUPS: tuple[Lookup, ...] = (
    Lookup("phonenumbers", "/api/v2/routing/sms/phonenumbers"),
    Lookup("domains", "/api/v2/routing/email/outbound/domains"),
)
