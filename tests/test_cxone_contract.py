"""The CXone contract checker (tests/cxone_contract.py) finds what the published Admin API specification
forbids: unknown operations, query parameters and body fields, wrong types, missing required fields, and
answers that break the documented response schema."""

from __future__ import annotations

import json

from tests.cxone_contract import (
    LOOSENED,
    PATHS,
    operation_for,
    operations,
    request_problems,
    response_problems,
)

BASE = "https://api.example.test/inContactAPI/services/v33.0"


def _put(path: str, body: object) -> list[str]:
    return request_problems("PUT", f"{BASE}{path}", json.dumps(body).encode())


def test_every_mapped_operation_is_in_the_vendored_specification() -> None:
    keys = {operation.key for operation in operations()}
    assert keys == set(PATHS)


def test_a_literal_path_wins_over_a_templated_one() -> None:
    found = operation_for("GET", "/inContactAPI/services/v33.0/skills/parameters")
    assert found is not None and found.template == "/skills/parameters"


def test_an_operation_the_api_does_not_have_is_reported() -> None:
    assert request_problems("DELETE", f"{BASE}/skills/12", b"") == [
        "DELETE /inContactAPI/services/v33.0/skills/12: no such operation in the published Admin API"
    ]


def test_a_well_formed_block_update_keeps_the_contract() -> None:
    body = {"generalSettings": {"maximumRatio": 2, "maximumAttempts": 5, "aggressiveness": "conservative"}}
    assert _put("/skills/12/parameters/general-settings", body) == []


def test_an_unknown_body_field_is_reported_at_its_depth() -> None:
    problems = _put("/skills/12/parameters/general-settings", {"generalSettings": {"dialSpeed": 3}})
    assert len(problems) == 1
    assert (
        "generalSettings: Additional properties are not allowed ('dialSpeed' was unexpected)" in problems[0]
    )


def test_a_wrong_type_and_an_out_of_range_value_are_reported() -> None:
    problems = _put("/skills/12/parameters/general-settings", {"generalSettings": {"maximumRatio": 1.8}})
    assert problems and "maximumRatio: 1.8 is not of type 'integer'" in problems[0]
    problems = _put("/skills/12/parameters/retry-settings", {"retrySettings": {"generalStaleMinutes": 0}})
    assert problems and "generalStaleMinutes: 0 is less than the minimum of 10" in problems[0]


def test_a_missing_required_field_is_reported() -> None:
    problems = request_problems("POST", f"{BASE}/dnc-groups/6001/records", json.dumps({}).encode())
    assert problems and "'dncGroupRecords' is a required property" in problems[0]


def test_a_query_parameter_the_operation_does_not_take_is_reported() -> None:
    problems = request_problems("GET", f"{BASE}/skills?skip=0&top=100&color=red", b"")
    assert problems == [
        "GET /inContactAPI/services/v33.0/skills: query parameter 'color' is not one the operation takes"
    ]


def test_every_loosened_field_names_its_reason_and_exists_in_its_operation() -> None:
    for rule in LOOSENED:
        assert rule.reason and (rule.operation in PATHS)
        assert operation_for(rule.method, PATHS[rule.operation]) is not None


def test_an_answer_of_the_wrong_type_or_an_undocumented_status_is_reported() -> None:
    path = "/inContactAPI/services/v33.0/dnc-groups"
    assert response_problems("GET", path, 200, b"{}") == [
        f"GET {path} -> 200: (root): 'resultSet' is a required property"
    ]
    bad = json.dumps({"resultSet": {"totalGroups": "one"}}).encode()
    assert response_problems("GET", path, 200, bad) == [
        f"GET {path} -> 200: resultSet/totalGroups: 'one' is not of type 'integer'"
    ]
    assert response_problems("GET", path, 418, b"") == [
        f"GET {path} -> 418: status 418 is not documented for the operation"
    ]
