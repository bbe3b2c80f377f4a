"""The table of every emulated Genesys collection: paths, name rules, references, immutable fields and
error codes. Data, not code; the facts are from purecloudplatformclientv2 269.0.0 (models and OutboundApi), terraform-provider-genesyscloud and the 2018 Swagger
`x-inin-error-codes` (SW18). Body and listing models come from the API data (api_data.py) by path.
The records are in collection.py; a family of kinds keeps its rows in a module of its own under
families/ (messaging.py), found and joined here.
"""

from __future__ import annotations

from reconciler.emulator.genesys.collection import (
    OUTBOUND,
    Collection,
    Immutable,
    Lookup,
    Reference,
    ScheduleCollection,
    Singleton,
)
from reconciler.emulator.genesys.families import joined, references_into

NAME_MAX_LENGTH = 64
PAGE_SIZE_DEFAULT = 25
PAGE_SIZE_MAX = 100
BULK_IDS_MAX = 100

_DIVISION = Reference("division", "divisions", "division.not.found", lookup=True)

COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        kind="Campaign",
        key="campaigns",
        path=f"{OUTBOUND}/campaigns",
        param="campaignId",
        noun="dialer campaign",
        references=(
            Reference("contactList", "contactlists", "contact.list.not.found"),
            Reference("queue", "queues", "queue.not.found", lookup=True),
            Reference("script", "scripts", "script.not.found", lookup=True),
            Reference("edgeGroup", "edgegroups", "edge.group.not.found", lookup=True),
            Reference("site", "sites", "site.not.found", lookup=True),
            Reference("dncLists[]", "dnclists", "dnc.list.not.found"),
            Reference("callableTimeSet", "callabletimesets", "callable.time.set.not.found"),
            Reference(
                "callAnalysisResponseSet", "callanalysisresponsesets", "call.analysis.response.set.not.found"
            ),
            Reference("ruleSets[]", "rulesets", "rule.set.not.found"),
            Reference("contactListFilters[]", "contactlistfilters", "contact.list.filter.not.found"),
            _DIVISION,
        ),
        # sort and filter are set at creation only (ForceNew in terraform-provider-genesyscloud, its
        # issue #1661); the real code is not published
        immutable=(Immutable("dynamicContactQueueingSettings", "invalid.update"),),
        delete_returns_body=True,
        list_filters=(
            ("contactListId", "contactList"),
            ("dncListIds", "dncLists[]"),
            ("dncListId", "dncLists[]"),
            ("distributionQueueId", "queue"),
            ("edgeGroupId", "edgeGroup"),
            ("callAnalysisResponseSetId", "callAnalysisResponseSet"),
            ("divisionId", "division"),
        ),
        bulk_id_filter=True,
    ),
    Collection(
        kind="ContactList",
        key="contactlists",
        path=f"{OUTBOUND}/contactlists",
        param="contactListId",
        noun="dialer contact list",
        not_found="contact.list.not.found",
        references=(Reference("attemptLimits", "attemptlimits", "attempt.limits.not.found"), _DIVISION),
        immutable=(
            Immutable("columnNames", "cannot.update.contact.column.names"),
            Immutable("phoneColumns", "cannot.update.phone.columns"),
            Immutable("automaticTimeZoneMapping", "cannot.edit.automatic.time.zone.mapping.settings"),
            Immutable("zipCodeColumnName", "cannot.edit.automatic.time.zone.mapping.settings"),
            Immutable("emailColumns", "invalid.update"),
            Immutable("whatsAppColumns", "invalid.update"),
            Immutable("columnDataTypeSpecifications", "invalid.update"),
        ),
        in_use="contact.list.in.use",
        list_filters=(("divisionId", "division"),),
        bulk_id_filter=True,
    ),
    Collection(
        kind="ContactListFilter",
        key="contactlistfilters",
        path=f"{OUTBOUND}/contactlistfilters",
        param="contactListFilterId",
        noun="contact list filter",
        references=(
            Reference("contactList", "contactlists", "contact.list.not.found"),
            *references_into("ContactListFilter"),
        ),
        delete_status=204,  # SW18: "204 Contact list filter deleted"
        list_filters=(("contactListId", "contactList"),),
    ),
    Collection(
        kind="DncList",
        key="dnclists",
        path=f"{OUTBOUND}/dnclists",
        param="dncListId",
        noun="dialer DNC list",
        not_found="dnc.list.not.found",
        references=(_DIVISION,),
        # set at creation only (ForceNew in terraform-provider-genesyscloud); the real code is not published
        immutable=(
            Immutable("dncSourceType", "invalid.update"),
            Immutable("customExclusionColumn", "invalid.update"),
        ),
        in_use="dnc.list.in.use",
        list_filters=(("divisionId", "division"), ("dncSourceType", "dncSourceType")),
    ),
    Collection(
        kind="CallableTimeSet",
        key="callabletimesets",
        path=f"{OUTBOUND}/callabletimesets",
        param="callableTimeSetId",
        noun="callable time set",
        in_use="callable.time.set.in.use",
    ),
    Collection(
        kind="CallAnalysisResponseSet",
        key="callanalysisresponsesets",
        path=f"{OUTBOUND}/callanalysisresponsesets",
        param="callAnalysisSetId",
        noun="call analysis response set",
        references=(
            Reference(
                "responses.*",
                "flows",
                "invalid.flow",
                lookup=True,
                id_key="data",
                when=("reactionType", "transfer_flow"),
            ),
        ),
        in_use="call.analysis.response.set.in.use",
    ),
    Collection(
        kind="AttemptLimits",
        key="attemptlimits",
        path=f"{OUTBOUND}/attemptlimits",
        param="attemptLimitsId",
        noun="attempt limits",
    ),
    Collection(
        kind="RuleSet",
        key="rulesets",
        path=f"{OUTBOUND}/rulesets",
        param="ruleSetId",
        noun="rule set",
        references=(
            Reference("contactList", "contactlists", "contact.list.not.found"),
            Reference("queue", "queues", "queue.not.found", lookup=True),
            Reference("rules[].conditions[].codes[]", "wrapupcodes", "invalid.rule.condition", lookup=True),
            *references_into("RuleSet"),
        ),
    ),
    Collection(
        kind="CampaignRule",
        key="campaignrules",
        path=f"{OUTBOUND}/campaignrules",
        param="campaignRuleId",
        noun="campaign rule",
        references=(
            Reference("campaignRuleEntities.campaigns[]", "campaigns", "campaign.not.found"),
            Reference("campaignRuleEntities.sequences[]", "sequences", "campaign.sequence.not.found"),
            Reference(
                "campaignRuleActions[].campaignRuleActionEntities.campaigns[]",
                "campaigns",
                "campaign.not.found",
            ),
            Reference(
                "campaignRuleActions[].campaignRuleActionEntities.sequences[]",
                "sequences",
                "campaign.sequence.not.found",
            ),
            Reference("campaignRuleActions[].parameters.queue", "queues", "queue.not.found", lookup=True),
            *references_into("CampaignRule"),
        ),
        # the watched ids are set at creation only (ForceNew in terraform-provider-genesyscloud's
        # outbound_campaignrule); the real code is not published
        immutable=(Immutable("campaignRuleEntities", "invalid.update"),),
    ),
    Collection(
        kind="Sequence",
        key="sequences",
        path=f"{OUTBOUND}/sequences",
        param="sequenceId",
        noun="campaign sequence",
        references=(Reference("campaigns[]", "campaigns", "campaign.sequence.invalid.campaign"),),
        in_use="campaign.sequence.in.use",
    ),
    *joined("COLLECTIONS"),
)


SCHEDULES: tuple[ScheduleCollection, ...] = (
    ScheduleCollection(
        kind="CampaignSchedule",
        key="campaignschedules",
        path=f"{OUTBOUND}/schedules/campaigns",
        param="campaignId",
        owner="campaigns",
        owner_field="campaign",
        not_found="campaign.not.found",
    ),
    ScheduleCollection(
        kind="SequenceSchedule",
        key="sequenceschedules",
        path=f"{OUTBOUND}/schedules/sequences",
        param="sequenceId",
        owner="sequences",
        owner_field="sequence",
        not_found="campaign.sequence.not.found",
    ),
    *joined("SCHEDULES"),
)


SINGLETONS: tuple[Singleton, ...] = (
    Singleton(
        kind="OutboundSettings",
        key="settings",
        path=f"{OUTBOUND}/settings",
        write_method="PATCH",
        name="Outbound Settings",
        stale_version_message="outbound settings version does not match expected",
    ),
    Singleton(
        kind="WrapUpCodeMappings",
        key="wrapupcodemappings",
        path=f"{OUTBOUND}/wrapupcodemappings",
        write_method="PUT",
        name="Wrap Up Code Mapping",
        stale_version_message="Wrap up code mapping version does not match expected",
    ),
)


LOOKUPS: tuple[Lookup, ...] = (
    Lookup("queues", "/api/v2/routing/queues"),
    Lookup("scripts", "/api/v2/scripts"),
    Lookup("edgegroups", "/api/v2/telephony/providers/edges/edgegroups"),
    Lookup("sites", "/api/v2/telephony/providers/edges/sites"),
    Lookup("wrapupcodes", "/api/v2/routing/wrapupcodes"),
    Lookup("divisions", "/api/v2/authorization/divisions"),
    Lookup("flows", "/api/v2/flows"),
    *joined("LOOKUPS"),
)

# Wrap-up flags a mapping may use (WrapUpCodeMapping, purecloudplatformclientv2; terraform-provider-genesyscloud validation).
WRAPUP_FLAGS = frozenset(
    {
        "CONTACT_UNCALLABLE",
        "NUMBER_UNCALLABLE",
        "RIGHT_PARTY_CONTACT",
        "BUSINESS_FAILURE",
        "BUSINESS_NEUTRAL",
        "BUSINESS_SUCCESS",
    }
)

BY_KEY: dict[str, Collection] = {collection.key: collection for collection in COLLECTIONS}
SCHEDULES_BY_KEY: dict[str, ScheduleCollection] = {schedule.key: schedule for schedule in SCHEDULES}
SINGLETONS_BY_KEY: dict[str, Singleton] = {singleton.key: singleton for singleton in SINGLETONS}
LOOKUPS_BY_KEY: dict[str, Lookup] = {lookup.key: lookup for lookup in LOOKUPS}


def referrers(target: str) -> list[tuple[str, Reference]]:
    """(collection key, reference) of every field, schedules included, that can name an object of `target`."""
    found = [
        (collection.key, reference)
        for collection in COLLECTIONS
        for reference in collection.references
        if reference.target == target and not reference.lookup
    ]
    found += [(schedule.key, schedule.owner_reference) for schedule in SCHEDULES if schedule.owner == target]
    return found


def self_uri(key: str, object_id: str) -> str:
    """The selfUri of an object of any collection, schedule or lookup."""
    if key in BY_KEY:
        return f"{BY_KEY[key].path}/{object_id}"
    if key in SCHEDULES_BY_KEY:
        return f"{SCHEDULES_BY_KEY[key].path}/{object_id}"
    if key in SINGLETONS_BY_KEY:
        return SINGLETONS_BY_KEY[key].path
    return f"{LOOKUPS_BY_KEY[key].path}/{object_id}"
