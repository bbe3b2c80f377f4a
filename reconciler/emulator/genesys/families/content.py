"""Data actions and response management responses: the lookups rule sets, campaign rules and messaging
campaigns name by id (IntegrationsApi get_integrations_actions, ResponseManagementApi
get_responsemanagement_libraries / get_responsemanagement_responses, purecloudplatformclientv2 269.0.0).

The not-found codes are not published; they are the emulator's choice, named like the documented ones.
"""

from __future__ import annotations

from reconciler.emulator.genesys.collection import Lookup, Reference

LOOKUPS: tuple[Lookup, ...] = (
    Lookup("actions", "/api/v2/integrations/actions"),
    Lookup("libraries", "/api/v2/responsemanagement/libraries"),
    # listed one library at a time: libraryId is required (get_responsemanagement_responses)
    Lookup(
        "responses", "/api/v2/responsemanagement/responses", scope=("libraryId", "libraries", "libraries")
    ),
)

_DATA_ACTION = "data.action.not.found"
_RESPONSE = "response.not.found"

REFERENCES_INTO: dict[str, tuple[Reference, ...]] = {
    "RuleSet": (
        Reference("rules[].conditions[].dataAction", "actions", _DATA_ACTION, lookup=True),
        Reference("rules[].actions[].dataAction", "actions", _DATA_ACTION, lookup=True),
    ),
    "CampaignRule": tuple(
        Reference(f"campaignRuleActions[].parameters.{field}", "responses", _RESPONSE, lookup=True)
        for field in ("smsContentTemplate", "emailContentTemplate")
    ),
    "MessagingCampaign": (
        Reference("smsConfig.contentTemplate", "responses", _RESPONSE, lookup=True),
        Reference("emailConfig.contentTemplate", "responses", _RESPONSE, lookup=True),
    ),
    "DigitalRuleSet": (
        Reference(
            "rules[].conditions[].dataActionConditionSettings.dataActionId",
            "actions",
            _DATA_ACTION,
            lookup=True,
        ),
        *(
            Reference(
                f"rules[].actions[].setContentTemplateActionSettings.{field}",
                "responses",
                _RESPONSE,
                lookup=True,
            )
            for field in ("smsContentTemplateId", "emailContentTemplateId", "whatsAppContentTemplateId")
        ),
    ),
}
"""The references to these lookups of the collections that name them (DialerRule Condition / DialerAction
`dataAction`, CampaignRuleParameters `smsContentTemplate` / `emailContentTemplate`, SmsConfig and EmailConfig
`contentTemplate`: DomainEntityRef; DataActionConditionSettings `dataActionId` and
SetContentTemplateActionSettings `*ContentTemplateId`: plain ids)."""
