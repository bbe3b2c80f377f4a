"""Realistic Genesys request bodies, known lookup ids and a small HTTP helper for the emulator tests.
Phone numbers are in the fictional +1 555 555 01xx range."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

OUTBOUND = "/api/v2/outbound"

QUEUE = "0f2c1a55-1d0e-4c1e-9a55-000000000001"
SCRIPT = "0f2c1a55-1d0e-4c1e-9a55-000000000002"
EDGE_GROUP = "0f2c1a55-1d0e-4c1e-9a55-000000000003"
SITE = "0f2c1a55-1d0e-4c1e-9a55-000000000004"
WRAPUP_DNC = "0f2c1a55-1d0e-4c1e-9a55-000000000005"
WRAPUP_SALE = "0f2c1a55-1d0e-4c1e-9a55-000000000006"
DIVISION = "0f2c1a55-1d0e-4c1e-9a55-000000000007"
FLOW = "0f2c1a55-1d0e-4c1e-9a55-000000000008"
DATA_ACTION = "0f2c1a55-1d0e-4c1e-9a55-000000000009"
LIBRARY = "0f2c1a55-1d0e-4c1e-9a55-00000000000a"
RESPONSE = "0f2c1a55-1d0e-4c1e-9a55-00000000000b"
MISSING = "9e9e9e9e-0000-4000-8000-000000000000"
SMS_SENDER = "+15555550150"
EMAIL_DOMAIN = "notices.example.com"

LOOKUP_SEED: dict[str, Any] = {
    "lookups": {
        "queues": [
            {"id": QUEUE, "name": "Renewals"},
            {"name": "Collections"},
            {"name": "Retention Specialists"},
        ],
        "scripts": [{"id": SCRIPT, "name": "Default Outbound Script"}],
        "edgegroups": [{"id": EDGE_GROUP, "name": "US East Edges"}],
        "sites": [{"id": SITE, "name": "US East"}],
        "wrapupcodes": [{"id": WRAPUP_DNC, "name": "Do Not Call"}, {"id": WRAPUP_SALE, "name": "Sale"}],
        "divisions": [{"id": DIVISION, "name": "Home"}],
        "flows": [{"id": FLOW, "name": "Renewals Voicemail Drop"}],
        "phonenumbers": [{"name": "Renewals SMS", "phoneNumber": SMS_SENDER}],
        "domains": [{"id": EMAIL_DOMAIN, "name": EMAIL_DOMAIN}],
        "actions": [{"id": DATA_ACTION, "name": "Look up account balance"}],
        "libraries": [{"id": LIBRARY, "name": "Renewals"}],
        "responses": [{"id": RESPONSE, "name": "Renewal reminder", "libraries": [{"id": LIBRARY}]}],
    }
}


class Api:
    """Real HTTP calls with a Genesys token; `create` and `update` assert success and return the object."""

    def __init__(self, client: TestClient, headers: dict[str, str]) -> None:
        self.client, self.headers = client, headers

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, headers=self.headers, params=params)

    def post(self, path: str, body: Any = None, **params: Any) -> Any:
        return self.client.post(path, headers=self.headers, json=body, params=params)

    def put(self, path: str, body: Any) -> Any:
        return self.client.put(path, headers=self.headers, json=body)

    def patch(self, path: str, body: Any) -> Any:
        return self.client.patch(path, headers=self.headers, json=body)

    def delete(self, path: str, **params: Any) -> Any:
        return self.client.delete(path, headers=self.headers, params=params)

    def create(self, collection: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.post(f"{OUTBOUND}/{collection}", body)
        assert response.status_code == 200, response.text
        created: dict[str, Any] = response.json()
        return created

    def update(self, collection: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.put(f"{OUTBOUND}/{collection}/{body['id']}", body)
        assert response.status_code == 200, response.text
        updated: dict[str, Any] = response.json()
        return updated

    def fetch(self, collection: str, object_id: str) -> dict[str, Any]:
        response = self.get(f"{OUTBOUND}/{collection}/{object_id}")
        assert response.status_code == 200, response.text
        found: dict[str, Any] = response.json()
        return found


def code_of(response: Any) -> str:
    code: str = response.json()["code"]
    return code


def ref(object_id: str) -> dict[str, str]:
    return {"id": object_id}


def contact_list(name: str = "renewals-list", **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "columnNames": [
            "AccountId",
            "FirstName",
            "LastName",
            "CellPhone",
            "HomePhone",
            "ZipCode",
            "TimeZone",
        ],
        "phoneColumns": [
            {"columnName": "CellPhone", "type": "cell", "callableTimeColumn": "TimeZone"},
            {"columnName": "HomePhone", "type": "home"},
        ],
        "previewModeColumnName": "AccountId",
        "previewModeAcceptedValues": ["VIP"],
        **extra,
    }


def campaign(contact_list_id: str, name: str = "q3-renewals", **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "contactList": ref(contact_list_id),
        "queue": ref(QUEUE),
        "script": ref(SCRIPT),
        "edgeGroup": ref(EDGE_GROUP),
        "dialingMode": "predictive",
        "campaignStatus": "off",
        "phoneColumns": [{"columnName": "CellPhone", "type": "cell"}],
        "abandonRate": 3,
        "callerName": "Acme Renewals",
        "callerAddress": "+15555550100",
        "outboundLineCount": 10,
        "noAnswerTimeout": 30,
        "priority": 3,
        "contactSorts": [{"fieldName": "AccountId", "direction": "ASC", "numeric": False}],
        **extra,
    }


def dnc_list(name: str = "internal-dnc", **extra: Any) -> dict[str, Any]:
    return {"name": name, "dncSourceType": "rds", "contactMethod": "Phone", **extra}


def callable_time_set(name: str = "us-business-hours") -> dict[str, Any]:
    slots = [{"startTime": "09:00:00", "stopTime": "20:00:00", "day": day} for day in range(1, 6)]
    return {"name": name, "callableTimes": [{"timeZoneId": "America/New_York", "timeSlots": slots}]}


def response_set(name: str = "standard-amd") -> dict[str, Any]:
    return {
        "name": name,
        "responses": {
            "disposition.classification.callable.person": {"reactionType": "transfer"},
            "disposition.classification.callable.machine": {"reactionType": "transfer_flow", "data": FLOW},
            "disposition.classification.callable.fax": {"reactionType": "hangup"},
        },
        "beepDetectionEnabled": False,
    }


def attempt_limits(name: str = "three-tries") -> dict[str, Any]:
    return {
        "name": name,
        "maxAttemptsPerContact": 3,
        "maxAttemptsPerNumber": 2,
        "timeZoneId": "America/Chicago",
        "resetPeriod": "TODAY",
        "recallEntries": {"busy": {"nbrAttempts": 2, "minutesBetweenAttempts": 10}},
    }


def rule_set(name: str = "wrapup-dnc", contact_list_id: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": name,
        "queue": ref(QUEUE),
        "rules": [
            {
                "name": "do not call on request",
                "order": 0,
                "category": "DIALER_WRAPUP",
                "conditions": [{"type": "wrapupCondition", "codes": [WRAPUP_DNC], "inverted": False}],
                "actions": [{"type": "Action", "actionTypeName": "CONTACT_UNCALLABLE"}],
            }
        ],
    }
    if contact_list_id:
        body["contactList"] = ref(contact_list_id)
    return body


def contact_list_filter(contact_list_id: str, name: str = "florida-zips") -> dict[str, Any]:
    predicate = {"column": "ZipCode", "columnType": "alphabetic", "operator": "BEGINS_WITH", "value": "33"}
    return {
        "name": name,
        "contactList": ref(contact_list_id),
        "filterType": "AND",
        "clauses": [{"filterType": "AND", "predicates": [{**predicate, "inverted": False}]}],
    }


def sequence(campaign_ids: list[str], name: str = "renewals-sequence") -> dict[str, Any]:
    return {
        "name": name,
        "campaigns": [ref(campaign_id) for campaign_id in campaign_ids],
        "currentCampaign": 0,
        "status": "off",
        "repeat": False,
    }


def campaign_rule(
    campaign_id: str, name: str = "stop-at-90-percent", enabled: bool = False, sequence_id: str | None = None
) -> dict[str, Any]:
    entities: dict[str, Any] = {"campaigns": [ref(campaign_id)]}
    if sequence_id:
        entities["sequences"] = [ref(sequence_id)]
    return {
        "name": name,
        "campaignRuleEntities": entities,
        "campaignRuleConditions": [
            {"conditionType": "campaignProgress", "parameters": {"operator": "greaterThan", "value": "0.9"}}
        ],
        "campaignRuleActions": [
            {
                "actionType": "turnOffCampaign",
                "campaignRuleActionEntities": {"campaigns": [ref(campaign_id)], "useTriggeringEntity": False},
            }
        ],
        "matchAnyConditions": False,
        "enabled": enabled,
    }


def campaign_schedule(campaign_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "campaign": ref(campaign_id),
        "timeZone": "America/New_York",
        "intervals": [{"start": "2026-07-01T09:00:00.000Z", "end": "2026-07-01T17:00:00.000Z"}],
        **extra,
    }


def messaging_campaign_schedule(campaign_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "messagingCampaign": ref(campaign_id),
        "intervals": [{"start": "2026-07-01T13:00:00.000Z", "end": "2026-07-01T20:00:00.000Z"}],
        **extra,
    }


def sequence_schedule(sequence_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "sequence": ref(sequence_id),
        "timeZone": "America/Chicago",
        "intervals": [{"start": "2026-07-02T08:00:00.000Z", "end": "2026-07-02T12:00:00.000Z"}],
        **extra,
    }


def full_org(api: Api) -> dict[str, dict[str, Any]]:
    """One object of every collection, wired together the way a real org is."""
    made: dict[str, dict[str, Any]] = {}
    made["attemptlimits"] = api.create("attemptlimits", attempt_limits())
    made["contactlists"] = api.create(
        "contactlists", contact_list(attemptLimits=ref(made["attemptlimits"]["id"]))
    )
    list_id = made["contactlists"]["id"]
    made["contactlistfilters"] = api.create("contactlistfilters", contact_list_filter(list_id))
    made["dnclists"] = api.create("dnclists", dnc_list())
    made["callabletimesets"] = api.create("callabletimesets", callable_time_set())
    made["callanalysisresponsesets"] = api.create("callanalysisresponsesets", response_set())
    made["rulesets"] = api.create("rulesets", rule_set(contact_list_id=list_id))
    made["campaigns"] = api.create(
        "campaigns",
        campaign(
            list_id,
            dncLists=[ref(made["dnclists"]["id"])],
            callableTimeSet=ref(made["callabletimesets"]["id"]),
            callAnalysisResponseSet=ref(made["callanalysisresponsesets"]["id"]),
            ruleSets=[ref(made["rulesets"]["id"])],
            contactListFilters=[ref(made["contactlistfilters"]["id"])],
        ),
    )
    made["sequences"] = api.create("sequences", sequence([made["campaigns"]["id"]]))
    rule = campaign_rule(made["campaigns"]["id"], sequence_id=made["sequences"]["id"])
    made["campaignrules"] = api.create("campaignrules", rule)
    made["digitalrulesets"] = api.create("digitalrulesets", digital_rule_set())
    made["messagingcampaigns"] = api.create(
        "messagingcampaigns",
        sms_campaign(
            list_id,
            dncLists=[ref(made["dnclists"]["id"])],
            callableTimeSet=ref(made["callabletimesets"]["id"]),
            ruleSets=[ref(made["digitalrulesets"]["id"])],
        ),
    )
    made["contactlisttemplates"] = api.create("contactlisttemplates", contact_list("renewals-template"))
    return made


def sms_campaign(contact_list_id: str, name: str = "renewal-texts", **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "contactList": {"id": contact_list_id},
        "messagesPerMinute": 20,
        "smsConfig": {
            "phoneColumn": "CellPhone",
            "messageColumn": "FirstName",
            "senderSmsPhoneNumber": {"phoneNumber": SMS_SENDER},
        },
        **extra,
    }


def digital_rule_set(name: str = "stop-words") -> dict[str, Any]:
    condition = {"columnName": "FirstName", "operator": "Equals", "value": "STOP", "valueType": "String"}
    rule = {
        "name": "opted-out",
        "order": 0,
        "category": "PreContact",
        "conditions": [{"contactColumnConditionSettings": condition}],
        "actions": [{"doNotSendActionSettings": {}}],
    }
    return {"name": name, "rules": [rule]}
