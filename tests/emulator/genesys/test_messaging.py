"""Outbound messaging in the emulator: messaging campaigns and their schedules, digital rule sets and contact list
templates, at their real paths and with the rules the API models give them."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.emulator.core import Emulator
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of

SENDER, DOMAIN = s.SMS_SENDER, s.EMAIL_DOMAIN
sms_campaign, digital_rule_set = s.sms_campaign, s.digital_rule_set


@pytest.fixture
def contact_list(api: Api, org: Emulator) -> dict[str, Any]:
    return api.create("contactlists", s.contact_list())


def test_an_sms_campaign_is_created_read_and_listed_at_its_real_path(
    api: Api, contact_list: dict[str, Any]
) -> None:
    created = api.create("messagingcampaigns", sms_campaign(contact_list["id"]))
    assert created["campaignStatus"] == "off" and created["version"] == 1
    assert created["selfUri"] == f"{OUTBOUND}/messagingcampaigns/{created['id']}"
    listing = api.get(f"{OUTBOUND}/messagingcampaigns", contactListId=contact_list["id"]).json()
    assert [entity["name"] for entity in listing["entities"]] == ["renewal-texts"]


def test_a_messaging_campaign_may_be_created_on(api: Api, contact_list: dict[str, Any]) -> None:
    created = api.create("messagingcampaigns", sms_campaign(contact_list["id"], campaignStatus="on"))
    assert created["campaignStatus"] == "on"
    refused = api.put(
        f"{OUTBOUND}/messagingcampaigns/{created['id']}", {**created, "campaignStatus": "complete"}
    )
    assert (refused.status_code, code_of(refused)) == (400, "bad.request")


def test_the_sms_sender_must_be_an_sms_number_of_the_org(api: Api, contact_list: dict[str, Any]) -> None:
    body = sms_campaign(contact_list["id"])
    body["smsConfig"]["senderSmsPhoneNumber"] = {"phoneNumber": "+15555550199"}
    refused = api.post(f"{OUTBOUND}/messagingcampaigns", body)
    assert (refused.status_code, code_of(refused)) == (400, "sms.phone.number.not.found")


def test_a_messaging_campaign_sends_through_exactly_one_channel(
    api: Api, contact_list: dict[str, Any]
) -> None:
    body = {key: value for key, value in sms_campaign(contact_list["id"]).items() if key != "smsConfig"}
    refused = api.post(f"{OUTBOUND}/messagingcampaigns", body)
    assert (refused.status_code, code_of(refused)) == (400, "invalid.messaging.campaign.config")


def test_an_email_campaign_needs_a_known_outbound_domain(api: Api, contact_list: dict[str, Any]) -> None:
    email = {
        "emailColumns": ["AccountId"],
        "fromAddress": {"domain": {"id": DOMAIN}, "localPart": "renewals"},
    }
    body = {"name": "renewal-mail", "contactList": {"id": contact_list["id"]}, "messagesPerMinute": 5}
    assert api.create("messagingcampaigns", {**body, "emailConfig": email})["emailConfig"]["fromAddress"]
    unknown = {**email, "fromAddress": {"domain": {"id": "elsewhere.example.com"}}}
    refused = api.post(f"{OUTBOUND}/messagingcampaigns", {**body, "name": "other", "emailConfig": unknown})
    assert (refused.status_code, code_of(refused)) == (400, "email.domain.not.found")


def test_a_digital_rule_set_in_use_cannot_be_deleted(api: Api, contact_list: dict[str, Any]) -> None:
    rule_set = api.create("digitalrulesets", digital_rule_set())
    campaign = api.create(
        "messagingcampaigns", sms_campaign(contact_list["id"], ruleSets=[{"id": rule_set["id"]}])
    )
    in_use = api.delete(f"{OUTBOUND}/digitalrulesets/{rule_set['id']}")
    assert (in_use.status_code, code_of(in_use)) == (400, "referential.integrity.error")
    assert api.delete(f"{OUTBOUND}/messagingcampaigns/{campaign['id']}").status_code == 200
    assert api.delete(f"{OUTBOUND}/digitalrulesets/{rule_set['id']}").status_code == 200
    missing = api.post(
        f"{OUTBOUND}/messagingcampaigns", sms_campaign(contact_list["id"], ruleSets=[{"id": s.MISSING}])
    )
    assert (missing.status_code, code_of(missing)) == (400, "digital.rule.set.not.found")


def test_a_digital_rule_needs_its_required_fields(api: Api, org: Emulator) -> None:
    body = digital_rule_set()
    del body["rules"][0]["order"]
    refused = api.post(f"{OUTBOUND}/digitalrulesets", body)
    assert refused.status_code == 400 and "order" in refused.text


def test_a_contact_list_templates_columns_cannot_change(api: Api, org: Emulator) -> None:
    template = api.create("contactlisttemplates", {**s.contact_list("renewals-template")})
    changed = api.put(
        f"{OUTBOUND}/contactlisttemplates/{template['id']}", {**template, "columnNames": ["AccountId"]}
    )
    assert (changed.status_code, code_of(changed)) == (400, "invalid.update")
    renamed = api.update("contactlisttemplates", {**template, "previewModeAcceptedValues": ["GOLD"]})
    assert renamed["previewModeAcceptedValues"] == ["GOLD"] and renamed["version"] == 2
    assert api.delete(f"{OUTBOUND}/contactlisttemplates/{template['id']}").status_code == 204


def test_a_messaging_campaign_schedule_is_keyed_by_its_campaign_and_listed_in_pages(
    api: Api, contact_list: dict[str, Any]
) -> None:
    campaign = api.create("messagingcampaigns", sms_campaign(contact_list["id"]))
    path = f"{OUTBOUND}/schedules/messagingcampaigns/{campaign['id']}"
    body = s.messaging_campaign_schedule(campaign["id"])
    created = api.put(path, body)
    assert created.status_code == 200, created.text
    assert created.json()["id"] == campaign["id"]
    listing = api.get(f"{OUTBOUND}/schedules/messagingcampaigns").json()
    assert [entity["id"] for entity in listing["entities"]] == [campaign["id"]] and listing["total"] == 1
    missing = api.put(f"{OUTBOUND}/schedules/messagingcampaigns/{s.MISSING}", body)
    assert (missing.status_code, code_of(missing)) == (404, "messaging.campaign.not.found")


def test_sms_numbers_and_email_domains_are_looked_up_at_their_routing_paths(api: Api, org: Emulator) -> None:
    numbers = api.get("/api/v2/routing/sms/phonenumbers").json()["entities"]
    assert [entry["phoneNumber"] for entry in numbers] == [SENDER]
    domains = api.get("/api/v2/routing/email/outbound/domains").json()["entities"]
    assert [entry["id"] for entry in domains] == [DOMAIN]
