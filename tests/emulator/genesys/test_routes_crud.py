"""Create/read/replace/delete of every Genesys collection at its real path, with the rules common to all:
server ids, versions (G§2), names (G§1), references and referential integrity (G§4.1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from reconciler.emulator.clock import ManualClock
from reconciler.emulator.core import Emulator
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of

# collection -> a body builder that needs nothing else to exist
STANDALONE: dict[str, Callable[[], dict[str, Any]]] = {
    "contactlists": s.contact_list,
    "dnclists": s.dnc_list,
    "callabletimesets": s.callable_time_set,
    "callanalysisresponsesets": s.response_set,
    "attemptlimits": s.attempt_limits,
    "rulesets": s.rule_set,
}

# collection -> the path parameter the platform names (G§6)
NOT_FOUND_CODES = {
    "campaigns": "not.found",
    "contactlists": "contact.list.not.found",
    "dnclists": "dnc.list.not.found",
    "contactlistfilters": "not.found",
    "callabletimesets": "not.found",
    "callanalysisresponsesets": "not.found",
    "attemptlimits": "not.found",
    "rulesets": "not.found",
    "campaignrules": "not.found",
    "sequences": "not.found",
    "messagingcampaigns": "not.found",
    "digitalrulesets": "not.found",
    "contactlisttemplates": "not.found",
}


@pytest.mark.parametrize("collection", sorted(STANDALONE))
def test_create_assigns_server_fields_and_ignores_client_ones(api: Api, collection: str) -> None:
    body = {**STANDALONE[collection](), "id": "client-chosen", "version": 7, "selfUri": "/elsewhere"}
    created = api.create(collection, body)
    assert created["id"] != "client-chosen"
    assert created["version"] == 1
    assert created["selfUri"] == f"{OUTBOUND}/{collection}/{created['id']}"
    assert created["dateCreated"] == created["dateModified"]
    assert created["dateCreated"].endswith("Z")
    assert api.fetch(collection, created["id"]) == created


def test_every_collection_round_trips_and_deletes(api: Api) -> None:
    made = s.full_org(api)
    delete_order = [
        "campaignrules", "sequences", "campaigns", "messagingcampaigns", "digitalrulesets", "rulesets",
        "callanalysisresponsesets", "callabletimesets", "dnclists", "contactlistfilters", "contactlists",
        "contactlisttemplates", "attemptlimits",
    ]  # fmt: skip
    assert sorted(delete_order) == sorted(made)
    for collection in delete_order:
        obj = made[collection]
        assert api.fetch(collection, obj["id"])["name"] == obj["name"]
        response = api.delete(f"{OUTBOUND}/{collection}/{obj['id']}")
        # SW18: 200 "Operation was successful."; filters and templates answer 204; DELETE campaign returns
        # the Campaign, DELETE messaging campaign the MessagingCampaign (OutboundApi).
        no_content = collection in ("contactlistfilters", "contactlisttemplates")
        assert response.status_code == (204 if no_content else 200), response.text
        if collection in ("campaigns", "messagingcampaigns"):
            assert response.json()["id"] == obj["id"]
        else:
            assert response.content == b""
        missing = api.get(f"{OUTBOUND}/{collection}/{obj['id']}")
        assert missing.status_code == 404
        assert code_of(missing) == NOT_FOUND_CODES[collection]


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_unknown_ids_are_404_with_the_collection_code(api: Api, method: str) -> None:
    for collection, code in NOT_FOUND_CODES.items():
        path = f"{OUTBOUND}/{collection}/{s.MISSING}"
        response = (
            api.put(path, {"name": "x", "version": 1}) if method == "put" else getattr(api, method)(path)
        )
        assert response.status_code == 404, (collection, response.text)
        assert code_of(response) == code
        assert response.json()["status"] == 404


def test_put_increments_version_and_keeps_identity(api: Api, clock: ManualClock) -> None:
    created = api.create("callabletimesets", s.callable_time_set())
    clock.advance(60)
    updated = api.update("callabletimesets", {**created, "name": "us-extended-hours"})
    assert (updated["id"], updated["dateCreated"]) == (created["id"], created["dateCreated"])
    assert updated["version"] == 2
    assert updated["dateModified"] > created["dateModified"]
    assert api.update("callabletimesets", updated)["version"] == 3


def test_stale_version_is_409_and_missing_version_is_400(api: Api) -> None:
    created = api.create("attemptlimits", s.attempt_limits())
    api.update("attemptlimits", created)
    stale = api.put(f"{OUTBOUND}/attemptlimits/{created['id']}", created)
    assert stale.status_code == 409
    assert code_of(stale) == "invalid.update.wrong.version"
    assert "does not match the current version" in stale.json()["message"]
    unversioned = {key: value for key, value in created.items() if key != "version"}
    missing = api.put(f"{OUTBOUND}/attemptlimits/{created['id']}", unversioned)
    assert (missing.status_code, code_of(missing)) == (400, "invalid.update")
    assert api.fetch("attemptlimits", created["id"])["version"] == 2


def test_put_replaces_the_whole_object(api: Api) -> None:
    created = api.create("contactlists", s.contact_list())
    body = {
        key: value
        for key, value in created.items()
        if key not in ("previewModeColumnName", "previewModeAcceptedValues")
    }
    updated = api.update("contactlists", body)
    assert "previewModeColumnName" not in updated and "previewModeAcceptedValues" not in updated


def test_names_are_unique_per_collection_only(api: Api) -> None:
    first = api.create("dnclists", s.dnc_list("shared-name"))
    duplicate = api.post(f"{OUTBOUND}/dnclists", s.dnc_list("shared-name"))
    assert (duplicate.status_code, code_of(duplicate)) == (400, "duplicate.name")
    assert duplicate.json()["entityId"] == first["id"]
    api.create("callabletimesets", s.callable_time_set("shared-name"))
    other = api.create("dnclists", s.dnc_list("other-name"))
    renamed = api.put(f"{OUTBOUND}/dnclists/{other['id']}", {**other, "name": "shared-name"})
    assert (renamed.status_code, code_of(renamed)) == (400, "duplicate.name")
    assert api.update("dnclists", first)["name"] == "shared-name"  # keeping its own name is no duplicate


def test_names_are_at_most_64_characters(api: Api) -> None:
    assert api.create("rulesets", s.rule_set("r" * 64))["name"] == "r" * 64
    too_long = api.post(f"{OUTBOUND}/rulesets", s.rule_set("r" * 65))
    assert (too_long.status_code, code_of(too_long)) == (400, "name.length.exceeded")


@pytest.mark.parametrize("name", [None, "", "   "])
def test_blank_names_are_refused(api: Api, name: str | None) -> None:
    body = s.dnc_list()
    body.pop("name")
    if name is not None:
        body["name"] = name
    response = api.post(f"{OUTBOUND}/dnclists", body)
    assert (response.status_code, code_of(response)) == (400, "name.cannot.be.blank")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("queue", s.ref(s.MISSING), "queue.not.found"),
        ("script", s.ref(s.MISSING), "script.not.found"),
        ("edgeGroup", s.ref(s.MISSING), "edge.group.not.found"),
        ("dncLists", [s.ref(s.MISSING)], "dnc.list.not.found"),
        ("callableTimeSet", s.ref(s.MISSING), "callable.time.set.not.found"),
        ("callAnalysisResponseSet", s.ref(s.MISSING), "call.analysis.response.set.not.found"),
        ("ruleSets", [s.ref(s.MISSING)], "rule.set.not.found"),
        ("contactListFilters", [s.ref(s.MISSING)], "contact.list.filter.not.found"),
        ("contactList", s.ref(s.MISSING), "contact.list.not.found"),
        ("division", s.ref(s.MISSING), "division.not.found"),
    ],
)
def test_campaign_references_must_exist(api: Api, field: str, value: Any, code: str) -> None:
    list_id = api.create("contactlists", s.contact_list())["id"]
    response = api.post(f"{OUTBOUND}/campaigns", s.campaign(list_id, **{field: value}))
    assert (response.status_code, code_of(response)) == (400, code)
    assert response.json()["details"][0]["entityId"] == s.MISSING


@pytest.mark.parametrize(
    ("collection", "body", "code"),
    [
        ("contactlists", s.contact_list(attemptLimits=s.ref(s.MISSING)), "attempt.limits.not.found"),
        ("contactlistfilters", s.contact_list_filter(s.MISSING), "contact.list.not.found"),
        ("rulesets", s.rule_set(contact_list_id=s.MISSING), "contact.list.not.found"),
        ("sequences", s.sequence([s.MISSING]), "campaign.sequence.invalid.campaign"),
        ("campaignrules", s.campaign_rule(s.MISSING), "campaign.not.found"),
    ],
)
def test_other_references_must_exist(api: Api, collection: str, body: dict[str, Any], code: str) -> None:
    response = api.post(f"{OUTBOUND}/{collection}", body)
    assert (response.status_code, code_of(response)) == (400, code)


def test_nested_lookup_references_are_checked(api: Api) -> None:
    rules = s.rule_set()
    rules["rules"][0]["conditions"][0]["codes"] = [s.MISSING]
    response = api.post(f"{OUTBOUND}/rulesets", rules)
    assert (response.status_code, code_of(response)) == (400, "invalid.rule.condition")
    responses = s.response_set()
    responses["responses"]["disposition.classification.callable.machine"]["data"] = s.MISSING
    response = api.post(f"{OUTBOUND}/callanalysisresponsesets", responses)
    assert (response.status_code, code_of(response)) == (400, "invalid.flow")


def test_references_come_back_with_the_current_name_and_self_uri(api: Api) -> None:
    contact_list = api.create("contactlists", s.contact_list())
    list_id = contact_list["id"]
    created = api.create("campaigns", s.campaign(list_id, contactList={"id": list_id, "name": "stale name"}))
    self_uri = f"{OUTBOUND}/contactlists/{list_id}"
    assert created["contactList"] == {"id": list_id, "name": "renewals-list", "selfUri": self_uri}
    assert created["queue"] == {
        "id": s.QUEUE,
        "name": "Renewals",
        "selfUri": f"/api/v2/routing/queues/{s.QUEUE}",
    }
    api.update("contactlists", {**contact_list, "name": "renewals-list-2026"})
    assert api.fetch("campaigns", created["id"])["contactList"]["name"] == "renewals-list-2026"
    assert api.update("campaigns", api.fetch("campaigns", created["id"]))["version"] == 2


@pytest.mark.parametrize(
    ("collection", "code"),
    [
        ("contactlists", "contact.list.in.use"),
        ("dnclists", "dnc.list.in.use"),
        ("callabletimesets", "callable.time.set.in.use"),
        ("callanalysisresponsesets", "call.analysis.response.set.in.use"),
        ("rulesets", "referential.integrity.error"),
        ("contactlistfilters", "referential.integrity.error"),
        ("attemptlimits", "referential.integrity.error"),
        ("campaigns", "referential.integrity.error"),
        ("sequences", "campaign.sequence.in.use"),
    ],
)
def test_deleting_a_referenced_object_fails(api: Api, collection: str, code: str) -> None:
    made = s.full_org(api)
    response = api.delete(f"{OUTBOUND}/{collection}/{made[collection]['id']}")
    assert (response.status_code, code_of(response)) == (400, code)
    assert response.json()["details"][0]["entityId"]
    assert api.fetch(collection, made[collection]["id"])["version"] == 1


def test_a_delete_succeeds_once_the_referrer_is_gone(api: Api) -> None:
    made = s.full_org(api)
    rule_path = f"{OUTBOUND}/campaignrules/{made['campaignrules']['id']}"
    sequence_path = f"{OUTBOUND}/sequences/{made['sequences']['id']}"
    assert api.delete(sequence_path).status_code == 400  # the campaign rule monitors it
    assert api.delete(rule_path).status_code == 200
    assert api.delete(sequence_path).status_code == 200
    assert api.delete(f"{OUTBOUND}/campaigns/{made['campaigns']['id']}").status_code == 200


def test_sequence_rules(api: Api) -> None:
    list_id = api.create("contactlists", s.contact_list())["id"]
    first = api.create("campaigns", s.campaign(list_id))["id"]
    second = api.create("campaigns", s.campaign(list_id, name="q3-renewals-retry"))["id"]
    created = api.create("sequences", {**s.sequence([first]), "currentCampaign": 5})
    assert created["currentCampaign"] == 0  # server-owned (read-only in SW18)
    both = api.put(
        f"{OUTBOUND}/sequences/{created['id']}", {**created, "status": "on", "campaigns": [s.ref(second)]}
    )
    assert (both.status_code, code_of(both)) == (
        400,
        "campaign.sequence.cannot.change.both.status.and.campaigns",
    )
    running = api.update("sequences", {**created, "status": "on"})
    in_use = api.delete(f"{OUTBOUND}/sequences/{created['id']}")
    assert (in_use.status_code, code_of(in_use)) == (400, "campaign.sequence.in.use")
    api.update("sequences", {**running, "status": "off"})
    assert api.delete(f"{OUTBOUND}/sequences/{created['id']}").status_code == 200
    empty = api.post(f"{OUTBOUND}/sequences", s.sequence([]))
    assert (empty.status_code, code_of(empty)) == (400, "campaign.sequence.is.empty")


def test_reads_lag_behind_writes_when_the_fault_is_on(api: Api, org: Emulator, clock: ManualClock) -> None:
    created = api.create("dnclists", s.dnc_list())
    org.settings.faults.read_after_write_lag_ms = 2000
    updated = api.update("dnclists", {**created, "name": "internal-dnc-renamed"})
    assert api.fetch("dnclists", created["id"])["version"] == 1
    assert api.get(f"{OUTBOUND}/dnclists").json()["entities"][0]["name"] == "internal-dnc"
    fresh = api.post(f"{OUTBOUND}/dnclists", s.dnc_list("brand-new")).json()
    assert api.get(f"{OUTBOUND}/dnclists/{fresh['id']}").status_code == 404
    clock.advance(2.5)
    assert api.fetch("dnclists", created["id"]) == updated
    assert api.get(f"{OUTBOUND}/dnclists").json()["total"] == 2


def test_unknown_api_paths_answer_a_genesys_404(api: Api) -> None:
    response = api.get(f"{OUTBOUND}/filespecificationtemplates")
    assert (response.status_code, code_of(response)) == (404, "not.found")
