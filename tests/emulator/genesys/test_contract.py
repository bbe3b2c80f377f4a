"""Contract tests against the API data (models.json, generated from the official SDK 269.0.0; no network,
no SDK): every response of a representative walk validates against its operation's response model, with
unknown properties an error (the emulator invents nothing) and required properties present; errors are
ErrorBody. Request bodies that break the operation's body model are refused with 400."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import httpx
import pytest
from jsonschema import Draft4Validator, FormatChecker
from starlette.routing import Match, Route

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.api_data import body_model, operation
from reconciler.emulator.genesys.kinds import BY_KEY, COLLECTIONS
from reconciler.emulator.genesys.schema import definitions as request_definitions
from reconciler.emulator.genesys.schema import writable_fields
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api
from tests.genesys_contract import closed_definitions, schema_of

_FORMATS = FormatChecker()
_ROUTES = [route for route in create_app(Emulator()).router.routes if isinstance(route, Route)]


@_FORMATS.checks("date-time")
def _is_genesys_date(value: object) -> bool:
    """Genesys dates: yyyy-MM-ddTHH:mm:ss.SSSZ (G§4.1 invalid.date)."""
    return (
        not isinstance(value, str)
        or re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", value) is not None
    )


@cache
def _validator(sdk_type: str) -> Draft4Validator:
    schema = {"definitions": closed_definitions(), **schema_of(sdk_type)}
    return Draft4Validator(schema, format_checker=_FORMATS)


def contract_errors(sdk_type: str, instance: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator(sdk_type).iter_errors(instance)]


def _template(method: str, path: str) -> str:
    scope = {"type": "http", "path": path, "method": method}
    route = next(route for route in _ROUTES if route.matches(scope)[0] == Match.FULL)
    return route.path


def check_response(response: httpx.Response) -> str:
    """What is wrong with `response` against its operation's contract ("" when nothing is)."""
    method, path = response.request.method, response.request.url.path
    if response.status_code >= 400:
        errors = contract_errors("ErrorBody", response.json())
        return f"{method} {path} {response.status_code}: {errors}" if errors else ""
    expected = operation(method, _template(method, path)).response
    if expected is None:
        return "" if response.content == b"" else f"{method} {path}: a body where the API answers none"
    errors = contract_errors(expected, response.json())
    return f"{method} {path} as {expected}: {errors}" if errors else ""


@pytest.fixture
def checked(api: Api) -> Iterator[list[httpx.Response]]:
    """Every API response `api` receives during the test, checked against the contract at the end."""
    seen: list[httpx.Response] = []

    def record(response: httpx.Response) -> None:
        if response.request.url.path.startswith("/api/v2/"):
            response.read()
            seen.append(response)

    api.client.event_hooks["response"].append(record)
    yield seen
    api.client.event_hooks["response"].remove(record)
    problems = [problem for problem in map(check_response, seen) if problem]
    assert not problems, "\n".join(problems)


def _walk_collections(api: Api, made: dict[str, dict[str, Any]]) -> None:
    for collection in COLLECTIONS:
        current = api.fetch(collection.key, made[collection.key]["id"])
        api.update(collection.key, current)
        api.get(f"{OUTBOUND}/{collection.key}", pageSize=1, includeSize="true")
        api.get(f"{OUTBOUND}/{collection.key}/{current['id']}", includeSize="true")
    for key in ("campaigns", "contactlists", "dnclists"):
        api.get(f"{OUTBOUND}/{key}/divisionviews")
        api.get(f"{OUTBOUND}/{key}/divisionviews/{made[key]['id']}", includeSize="true")


def _walk_schedules_and_singletons(api: Api, made: dict[str, dict[str, Any]]) -> None:
    campaign_id, sequence_id = made["campaigns"]["id"], made["sequences"]["id"]
    messaging_id = made["messagingcampaigns"]["id"]
    for path, body in (
        (f"schedules/campaigns/{campaign_id}", s.campaign_schedule(campaign_id)),
        (f"schedules/sequences/{sequence_id}", s.sequence_schedule(sequence_id)),
        (f"schedules/messagingcampaigns/{messaging_id}", s.messaging_campaign_schedule(messaging_id)),
    ):
        created = api.put(f"{OUTBOUND}/{path}", body).json()
        api.put(f"{OUTBOUND}/{path}", created)
        api.get(f"{OUTBOUND}/{path}")
        api.get(f"{OUTBOUND}/{path.rsplit('/', 1)[0]}")
    settings = api.get(f"{OUTBOUND}/settings").json()
    api.patch(f"{OUTBOUND}/settings", {"version": settings["version"], "maxCallsPerAgent": 3})
    mappings = api.get(f"{OUTBOUND}/wrapupcodemappings").json()
    api.put(f"{OUTBOUND}/wrapupcodemappings", {**mappings, "mapping": {s.WRAPUP_DNC: ["CONTACT_UNCALLABLE"]}})


def _walk_dnc_and_lookups(api: Api, made: dict[str, dict[str, Any]]) -> None:
    numbers = f"{OUTBOUND}/dnclists/{made['dnclists']['id']}/phonenumbers"
    api.post(numbers, ["+15555550101", "+15555550102"])
    api.patch(numbers, {"action": "Remove", "phoneNumbers": ["+15555550102"]})
    api.post(f"{OUTBOUND}/dnclists/{made['dnclists']['id']}/export")
    api.get(f"{OUTBOUND}/dnclists/{made['dnclists']['id']}/export")
    api.delete(numbers, expiredOnly="true")
    for lookup in ("routing/queues", "scripts", "telephony/providers/edges/edgegroups",
                   "telephony/providers/edges/sites", "routing/wrapupcodes", "authorization/divisions",
                   "flows", "routing/sms/phonenumbers", "routing/email/outbound/domains"):  # fmt: skip
        listing = api.get(f"/api/v2/{lookup}", pageSize=2).json()
        api.get(f"/api/v2/{lookup}/{listing['entities'][0]['id']}")


def _walk_errors(api: Api, made: dict[str, dict[str, Any]]) -> None:
    api.get(f"{OUTBOUND}/campaigns/{s.MISSING}")
    api.post(f"{OUTBOUND}/dnclists", {})
    api.post(f"{OUTBOUND}/campaigns", {**s.campaign(made["contactlists"]["id"]), "dialingMode": "telepathic"})
    api.put(
        f"{OUTBOUND}/attemptlimits/{made['attemptlimits']['id']}", {**made["attemptlimits"], "version": 1}
    )
    api.delete(f"{OUTBOUND}/contactlists/{made['contactlists']['id']}")
    api.get(f"{OUTBOUND}/campaigns/all")
    api.client.get(f"{OUTBOUND}/campaigns", headers={"Authorization": "Bearer not-a-token"})


def _walk_campaign_state(api: Api, made: dict[str, dict[str, Any]]) -> None:
    campaign = f"{OUTBOUND}/campaigns/{made['campaigns']['id']}"
    api.patch(campaign, {"abandonRate": 2.5, "outboundLineCount": 4})
    for state in ("off", "on"):
        current = api.fetch("campaigns", made["campaigns"]["id"])
        api.update("campaigns", {**current, "campaignStatus": state})
        api.get(f"{campaign}/stats")
        api.get(f"{campaign}/progress")
    api.post(f"{OUTBOUND}/campaigns/progress", [made["campaigns"]["id"]])
    api.delete(f"{campaign}/progress")


def _walk_deletes(api: Api, made: dict[str, dict[str, Any]]) -> None:
    api.post(f"{OUTBOUND}/campaigns/{made['campaigns']['id']}/start")
    api.post(f"{OUTBOUND}/campaigns/{made['campaigns']['id']}/stop")
    for path in (
        f"schedules/campaigns/{made['campaigns']['id']}",
        f"schedules/sequences/{made['sequences']['id']}",
        f"campaignrules/{made['campaignrules']['id']}",
        f"sequences/{made['sequences']['id']}",
        f"contactlistfilters/{made['contactlistfilters']['id']}",
    ):
        api.delete(f"{OUTBOUND}/{path}")


def test_every_response_of_a_walk_matches_its_operation(
    api: Api, org: Emulator, checked: list[httpx.Response]
) -> None:
    org.settings.campaign_stop_seconds = 0
    made = s.full_org(api)
    _walk_collections(api, made)
    _walk_schedules_and_singletons(api, made)
    _walk_dnc_and_lookups(api, made)
    _walk_errors(api, made)
    _walk_campaign_state(api, made)
    _walk_deletes(api, made)
    api.delete(f"{OUTBOUND}/campaigns/{made['campaigns']['id']}")
    statuses = {response.status_code for response in checked}
    assert {200, 204, 400, 401, 404, 409} <= statuses
    assert len(checked) > 90


def test_a_rate_limited_answer_matches_error_body(
    api: Api, org: Emulator, checked: list[httpx.Response]
) -> None:
    org.settings.faults.storm_requests = 1
    assert api.get(f"{OUTBOUND}/campaigns").status_code == 429


def test_the_contract_catches_an_invented_property() -> None:
    assert contract_errors("DomainEntityRef", {"id": "x", "colour": "teal"})
    assert contract_errors(
        "CampaignSequence", {"status": "on"}
    )  # campaigns missing (currentCampaign is read-only)
    assert not contract_errors("list[DomainEntityRef]", [{"id": "x", "name": "y", "selfUri": "/z"}])


# --- request bodies ----------------------------------------------------------------------------------
_WRONG = {
    "string": 12345,
    "integer": "not-a-number",
    "number": "not-a-number",
    "boolean": "yes",
    "array": "not-a-list",
}


def _wrong_value(spec: dict[str, Any]) -> Any:
    if "$ref" in spec:
        return "not-an-object"
    return _WRONG.get(spec.get("type", ""))


def _requests(made: dict[str, dict[str, Any]]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(method, path, body model, a valid body) for every write the emulator takes a model body on."""
    requests = []
    for collection in COLLECTIONS:
        current = made[collection.key]
        body = {k: v for k, v in current.items() if k not in ("id", "selfUri", "dateCreated", "dateModified")}
        requests.append(
            ("POST", collection.path, collection.create_definition, {**body, "name": "contract-copy"})
        )
        item = collection.item_path.replace(f"{{{collection.param}}}", current["id"])
        requests.append(("PUT", item, collection.update_definition, body))
    campaign_id = made["campaigns"]["id"]
    schedule = f"{OUTBOUND}/schedules/campaigns/{{campaignId}}"
    requests.append(
        (
            "PUT",
            schedule.replace("{campaignId}", campaign_id),
            body_model("PUT", schedule),
            s.campaign_schedule(campaign_id),
        )
    )
    settings = f"{OUTBOUND}/settings"
    requests.append(("PATCH", settings, body_model("PATCH", settings), {"version": 1, "maxCallsPerAgent": 3}))
    mappings = f"{OUTBOUND}/wrapupcodemappings"
    requests.append(
        ("PUT", mappings, body_model("PUT", mappings), {"version": 1, "defaultSet": [], "mapping": {}})
    )
    return requests


def test_bodies_that_break_the_body_model_are_refused(
    api: Api, org: Emulator, made_org: dict[str, dict[str, Any]]
) -> None:
    """A wrong type for every writable field, and each missing required one, of every body model."""
    org.settings.rate_limit_per_minute = (
        100_000  # the walk sends more than a minute's budget; the clock stands
    )
    checked = 0
    for method, path, model, body in _requests(made_org):
        ok = api.client.request(method, path, headers=api.headers, json=body)
        assert ok.status_code in (200, 204), (method, path, ok.text)
        if method == "PUT" and "version" in body:
            body = {**body, "version": ok.json()["version"]}
        properties = request_definitions()[model]["properties"]
        for name in sorted(writable_fields(model)):
            wrong = _wrong_value(properties[name])
            if wrong is None:
                continue  # typed `object`: any value is one
            response = api.client.request(method, path, headers=api.headers, json={**body, name: wrong})
            assert response.status_code == 400, (method, path, name, response.text)
            assert response.json()["details"][0]["fieldName"] == name
            checked += 1
        for name in request_definitions()[model].get("required", []):
            missing = {key: value for key, value in body.items() if key != name}
            response = api.client.request(method, path, headers=api.headers, json=missing)
            assert response.status_code == 400, (method, path, name, response.text)
            checked += 1
    assert checked > 250


@pytest.fixture
def made_org(api: Api) -> dict[str, dict[str, Any]]:
    made = s.full_org(api)
    assert set(made) == set(BY_KEY)
    return made
