"""Contract tests against the real 2018 Swagger extract (tests/fixtures/genesys-outbound-openapi.json,
a copy of reference/genesys-outbound-openapi.json): every outbound path and method it lists is served,
every response validates against its definition (newer extra properties allowed), and request bodies
that break a definition are refused with 400."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker
from starlette.routing import Match, Route

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.schema import definitions as current_definitions
from tests.conftest import FIXTURES
from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api

SWAGGER: dict[str, Any] = json.loads((FIXTURES / "genesys-outbound-openapi.json").read_text(encoding="utf-8"))
DEFINITIONS: dict[str, Any] = SWAGGER["definitions"]

# SW18 operations outside the configuration the reconciler manages (statistics, contact rows, imports).
NOT_EMULATED = {
    ("post", "/api/v2/outbound/campaigns/progress"),
    ("get", "/api/v2/outbound/campaigns/{campaignId}/progress"),
    ("delete", "/api/v2/outbound/campaigns/{campaignId}/progress"),
    ("get", "/api/v2/outbound/campaigns/{campaignId}/stats"),
    ("post", "/api/v2/outbound/contactlistfilters/preview"),
    ("delete", "/api/v2/outbound/contactlists"),
    ("get", "/api/v2/outbound/contactlists/{contactListId}/export"),
    ("post", "/api/v2/outbound/contactlists/{contactListId}/export"),
    ("get", "/api/v2/outbound/contactlists/{contactListId}/importstatus"),
    ("get", "/api/v2/outbound/dnclists/{dncListId}/importstatus"),
}

# collection -> (item definition, listing definition)
COLLECTIONS = {
    "campaigns": ("Campaign", "CampaignEntityListing"),
    "contactlists": ("ContactList", "ContactListEntityListing"),
    "contactlistfilters": ("ContactListFilter", "ContactListFilterEntityListing"),
    "dnclists": ("DncList", "DncListEntityListing"),
    "callabletimesets": ("CallableTimeSet", "CallableTimeSetEntityListing"),
    "callanalysisresponsesets": ("ResponseSet", "ResponseSetEntityListing"),
    "attemptlimits": ("AttemptLimits", "AttemptLimitsEntityListing"),
    "rulesets": ("RuleSet", "RuleSetEntityListing"),
    "campaignrules": ("CampaignRule", "CampaignRuleEntityListing"),
    "sequences": ("CampaignSequence", "CampaignSequenceEntityListing"),
}

_FORMATS = FormatChecker()


@_FORMATS.checks("date-time")
def _is_genesys_date(value: object) -> bool:
    """Genesys dates: yyyy-MM-ddTHH:mm:ss.SSSZ (G§4.1 invalid.date)."""
    return (
        not isinstance(value, str)
        or re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", value) is not None
    )


@cache
def _validator(definition: str) -> Draft4Validator:
    """A Swagger 2.0 definition as draft-4 JSON Schema; additional properties stay allowed."""
    return Draft4Validator(
        {"definitions": DEFINITIONS, "$ref": f"#/definitions/{definition}"}, format_checker=_FORMATS
    )


def assert_conforms(definition: str, instance: Any) -> None:
    errors = [
        f"{list(error.absolute_path)}: {error.message}"
        for error in _validator(definition).iter_errors(instance)
    ]
    assert not errors, f"{definition}: {errors}"


def _body_definition(method: str, path: str) -> str:
    for parameter in SWAGGER["paths"][path][method]["parameters"]:
        if parameter["in"] == "body":
            ref: str = parameter["schema"]["$ref"]
            return ref.rsplit("/", 1)[1]
    raise AssertionError(f"{method} {path} takes no body")


def _operations() -> list[tuple[str, str]]:
    return sorted(
        (method, path)
        for path, operations in SWAGGER["paths"].items()
        for method in operations
        if (method, path) not in NOT_EMULATED
    )


@pytest.mark.parametrize(("method", "path"), _operations())
def test_every_documented_operation_is_routed(method: str, path: str) -> None:
    concrete = re.sub(r"\{[^}]+\}", "3f2a61d4-0000-4000-8000-000000000000", path)
    scope = {"type": "http", "path": concrete, "method": method.upper()}
    app = create_app(Emulator())
    served = [
        route
        for route in app.router.routes
        if isinstance(route, Route)
        and route.path != "/api/v2/{rest:path}"
        and route.matches(scope)[0] == Match.FULL
    ]
    assert served, f"{method.upper()} {path} is not emulated"


@pytest.fixture
def made(api: Api) -> dict[str, dict[str, Any]]:
    made = s.full_org(api)
    campaign_id, sequence_id = made["campaigns"]["id"], made["sequences"]["id"]
    api.put(f"{OUTBOUND}/schedules/campaigns/{campaign_id}", s.campaign_schedule(campaign_id))
    api.put(f"{OUTBOUND}/schedules/sequences/{sequence_id}", s.sequence_schedule(sequence_id))
    return made


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_responses_validate_against_the_2018_definitions(
    api: Api, made: dict[str, dict[str, Any]], collection: str
) -> None:
    item, listing = COLLECTIONS[collection]
    assert_conforms(item, made[collection])
    assert_conforms(item, api.fetch(collection, made[collection]["id"]))
    assert_conforms(item, api.update(collection, api.fetch(collection, made[collection]["id"])))
    assert_conforms(listing, api.get(f"{OUTBOUND}/{collection}", pageSize=1, includeSize="true").json())


def test_singletons_schedules_and_extras_validate(api: Api, made: dict[str, dict[str, Any]]) -> None:
    for path, definition in (("campaigns", "CampaignSchedule"), ("sequences", "SequenceSchedule")):
        listing = api.get(f"{OUTBOUND}/schedules/{path}").json()
        assert isinstance(listing, list) and listing
        for schedule in listing:
            assert_conforms(definition, schedule)
            assert_conforms(definition, api.get(f"{OUTBOUND}/schedules/{path}/{schedule['id']}").json())
    assert_conforms("OutboundSettings", api.get(f"{OUTBOUND}/settings").json())
    mappings = api.get(f"{OUTBOUND}/wrapupcodemappings").json()
    assert_conforms("WrapUpCodeMapping", mappings)
    assert_conforms("WrapUpCodeMapping", api.put(f"{OUTBOUND}/wrapupcodemappings", mappings).json())
    dnc_id = made["dnclists"]["id"]
    assert_conforms("UriReference", api.post(f"{OUTBOUND}/dnclists/{dnc_id}/export").json())
    assert_conforms("ExportUri", api.get(f"{OUTBOUND}/dnclists/{dnc_id}/export").json())
    assert_conforms("ErrorBody", api.get(f"{OUTBOUND}/campaigns/{s.MISSING}").json())
    assert_conforms("ErrorBody", api.post(f"{OUTBOUND}/dnclists", {}).json())
    for path in (
        f"campaignrules/{made['campaignrules']['id']}",
        f"schedules/campaigns/{made['campaigns']['id']}",
        f"schedules/sequences/{made['sequences']['id']}",
        f"sequences/{made['sequences']['id']}",
    ):
        assert api.delete(f"{OUTBOUND}/{path}").status_code == 200
    assert_conforms("Campaign", api.delete(f"{OUTBOUND}/campaigns/{made['campaigns']['id']}").json())


_WRONG = {
    "string": 12345,
    "integer": "not-a-number",
    "number": "not-a-number",
    "boolean": "yes",
    "array": "not-a-list",
}


def _wrong_value(spec: dict[str, Any]) -> Any:
    return _WRONG.get(spec.get("type", "object"), "not-an-object")


def _writable(definition: str) -> dict[str, Any]:
    properties: dict[str, Any] = DEFINITIONS[definition]["properties"]
    return {name: spec for name, spec in properties.items() if not spec.get("readOnly")}


def _requests(made: dict[str, dict[str, Any]]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(method, path, body definition, a valid body) for every body-taking SW18 operation."""
    requests = []
    for collection in COLLECTIONS:
        current = made[collection]
        body = {
            key: value
            for key, value in current.items()
            if key not in ("id", "selfUri", "dateCreated", "dateModified")
        }
        post_path = f"{OUTBOUND}/{collection}"
        put_path = next(path for path in SWAGGER["paths"] if re.fullmatch(rf"{post_path}/\{{\w+\}}", path))
        requests.append(
            ("post", post_path, _body_definition("post", post_path), {**body, "name": "contract-copy"})
        )
        concrete = re.sub(r"\{\w+\}", current["id"], put_path)
        requests.append(("put", concrete, _body_definition("put", put_path), body))
    campaign_id = made["campaigns"]["id"]
    schedule_path = f"{OUTBOUND}/schedules/campaigns/{{campaignId}}"
    requests.append(
        (
            "put",
            schedule_path.replace("{campaignId}", campaign_id),
            "CampaignSchedule",
            s.campaign_schedule(campaign_id, version=1),
        )
    )
    requests.append(
        ("patch", f"{OUTBOUND}/settings", "OutboundSettings", {"version": 1, "maxCallsPerAgent": 3})
    )
    requests.append(
        (
            "put",
            f"{OUTBOUND}/wrapupcodemappings",
            "WrapUpCodeMapping",
            {"version": 1, "defaultSet": [], "mapping": {}},
        )
    )
    return requests


def test_bodies_that_break_a_definition_are_refused(api: Api, made: dict[str, dict[str, Any]]) -> None:
    """Wrong types for every writable field, and each missing required field. Fields 2018 required but the
    current model made optional (ContactList.phoneColumns, schedules' timeZone) may be left out now."""
    checked = 0
    for method, path, definition, body in _requests(made):
        ok = api.client.request(method.upper(), path, headers=api.headers, json=body)
        assert ok.status_code in (200, 204), (method, path, ok.text)
        if method == "put" and "version" in body:
            body = {**body, "version": body["version"] + 1}  # the valid write above moved the version on
        for name, spec in _writable(definition).items():
            broken = {**body, name: _wrong_value(spec)}
            response = api.client.request(method.upper(), path, headers=api.headers, json=broken)
            assert response.status_code == 400, (method, path, name, response.text)
            assert response.json()["details"][0]["fieldName"] == name
            checked += 1
        for name in DEFINITIONS[definition].get("required", []):
            if name in _writable(definition) and name in current_definitions()[definition].get(
                "required", []
            ):
                missing = {key: value for key, value in body.items() if key != name}
                response = api.client.request(method.upper(), path, headers=api.headers, json=missing)
                assert response.status_code == 400, (method, path, name, response.text)
                checked += 1
    assert checked > 150
