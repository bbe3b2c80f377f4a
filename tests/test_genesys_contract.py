"""The request-contract checker itself finds what breaks a contract (so the tests built on it can fail)."""

from __future__ import annotations

import json

import pytest

from tests.genesys_contract import request_problems

RULE = {
    "name": "stop",
    "campaignRuleEntities": {"campaigns": [{"id": "c1"}]},
    "campaignRuleConditions": [
        {"conditionType": "campaignProgress", "parameters": {"operator": "greaterThan"}}
    ],
    "campaignRuleActions": [{"actionType": "turnOffCampaign", "campaignRuleActionEntities": {}}],
}


def _problems(method: str, url: str, body: object = None) -> list[str]:
    return request_problems(method, url, json.dumps(body).encode() if body is not None else b"")


def test_a_request_that_keeps_the_contract_has_no_problems() -> None:
    assert _problems("POST", "https://api.example/api/v2/outbound/campaignrules", RULE) == []
    assert (
        _problems(
            "GET",
            "https://api.example/api/v2/outbound/dnclists?pageSize=100&pageNumber=2&allowEmptyResult=true",
        )
        == []
    )


def test_a_read_only_property_is_not_required_of_a_request() -> None:
    sequence = {"name": "collections", "campaigns": [{"id": "c1"}], "status": "off"}
    assert _problems("POST", "https://api.example/api/v2/outbound/sequences", sequence) == []
    assert any(
        "'campaigns' is a required property" in problem
        for problem in _problems("POST", "https://api.example/api/v2/outbound/sequences", {"status": "off"})
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"colour": "red"}, "Additional properties"),
        ({"enabled": "yes"}, "is not of type 'boolean'"),
        ({"campaignRuleActions": [{"actionType": "explode"}]}, "is not one of"),
        (
            {"campaignRuleConditions": [{"parameters": {"forDuration": {"seconds": 900}}}]},
            "is not of type 'string'",
        ),
    ],
)
def test_a_body_that_breaks_its_model_is_reported(change: dict[str, object], expected: str) -> None:
    problems = _problems("POST", "https://api.example/api/v2/outbound/campaignrules", {**RULE, **change})
    assert any(expected in problem for problem in problems), problems


def test_missing_required_fields_unknown_query_parameters_and_paths_are_reported() -> None:
    schedule = {"campaign": {"id": "c1"}, "recurrences": []}
    assert any(
        "'intervals' is a required property" in problem
        for problem in _problems(
            "PUT", "https://api.example/api/v2/outbound/schedules/campaigns/c1", schedule
        )
    )
    assert _problems("GET", "https://api.example/api/v2/outbound/schedules/campaigns?pageSize=100") == [
        "GET /api/v2/outbound/schedules/campaigns: query parameter 'pageSize' is not one the operation takes"
    ]
    assert _problems("GET", "https://api.example/api/v2/outbound/teleporters") == [
        "GET /api/v2/outbound/teleporters: no such operation in the API"
    ]
