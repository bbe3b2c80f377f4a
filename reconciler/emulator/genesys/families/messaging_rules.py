"""The write rules of messaging campaigns and contact list templates (MessagingCampaign and ContactListTemplate,
purecloudplatformclientv2 269.0.0).

- A messaging campaign sends through one channel: smsConfig, emailConfig or whatsAppConfig, exactly one
  (400 `invalid.messaging.campaign.config`, the emulator's code).
- The SMS sender (smsConfig.senderSmsPhoneNumber.phoneNumber, an E.164 number, not an id) must be an SMS
  number of the org (RoutingApi /api/v2/routing/sms/phonenumbers): else 400 `sms.phone.number.not.found`
  (the emulator's code).
- campaignStatus: a client sets on or off, on create too (terraform-provider-genesyscloud creates a
  messaging campaign with the status it is given, genesyscloud_outbound_messagingcampaign); left out, a
  new campaign is off and an update keeps the current status; any other value is 400 `bad.request`.
  The status changes at once: the emulator does not send messages, so there is no `stopping` phase.
- A contact list template has at least one column and no duplicates, as a contact list
  (reconciler.emulator.genesys.checks.contact_list, which it reuses).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconciler.emulator.genesys.checks import contact_list, rule_error
from reconciler.emulator.state import JsonObject

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

CHANNELS = ("smsConfig", "emailConfig", "whatsAppConfig")
SETTABLE_STATUSES = ("on", "off")


def before_write(emulator: Emulator, body: JsonObject, current: JsonObject | None) -> None:
    channels = [channel for channel in CHANNELS if body.get(channel) is not None]
    if len(channels) != 1:
        raise rule_error(
            "invalid.messaging.campaign.config",
            "A messaging campaign needs exactly one of smsConfig, emailConfig and whatsAppConfig.",
            "smsConfig",
        )
    _check_sender(emulator, body)
    _settle_status(body, current)


def _check_sender(emulator: Emulator, body: JsonObject) -> None:
    sms = body.get("smsConfig")
    if sms is None:
        return
    number = (sms.get("senderSmsPhoneNumber") or {}).get("phoneNumber")
    numbers = emulator.state.lookups.get("phonenumbers", {})  # as every reference check reads lookups
    known = {entry.get("phoneNumber") for entry in numbers.values()}
    if number not in known:
        raise rule_error(
            "sms.phone.number.not.found",
            "The sender SMS phone number is not an SMS number of this organization.",
            "smsConfig.senderSmsPhoneNumber",
        )


def _settle_status(body: JsonObject, current: JsonObject | None) -> None:
    requested = body.get("campaignStatus")
    if requested is None:
        body["campaignStatus"] = "off" if current is None else current.get("campaignStatus", "off")
        return
    unchanged = current is not None and requested == current.get("campaignStatus")
    if requested not in SETTABLE_STATUSES and not unchanged:
        raise rule_error(
            "bad.request",
            f"A messaging campaign's campaignStatus can be set to on or off, not '{requested}'.",
            "campaignStatus",
        )


RULES = {"messagingcampaigns": before_write, "contactlisttemplates": contact_list}
"""The write rule of each collection of the messaging family (found by reconciler.emulator.genesys.families)."""
