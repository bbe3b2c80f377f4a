"""The documented 400s of callable time sets and attempt limits (SW18 x-inin-error-codes)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator.genesys import support as s
from tests.emulator.genesys.support import OUTBOUND, Api, code_of


def _time_set(**slot: Any) -> dict[str, Any]:
    body = s.callable_time_set()
    body["callableTimes"][0]["timeSlots"][0].update(slot)
    return body


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (_time_set(day=8), "invalid.day"),
        (_time_set(startTime="18:00:00", stopTime="09:00:00"), "invalid.start.time"),
        (_time_set(startTime="nine"), "invalid.start.time"),
        (
            {**s.callable_time_set(), "callableTimes": [{"timeZoneId": "Mars/Olympus", "timeSlots": []}]},
            "invalid.time.zone",
        ),
    ],
)
def test_callable_time_sets(api: Api, body: dict[str, Any], code: str) -> None:
    response = api.post(f"{OUTBOUND}/callabletimesets", body)
    assert (response.status_code, code_of(response)) == (400, code)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"maxAttemptsPerContact": 101}, "exceeded.max.attempts.per.contact"),
        ({"maxAttemptsPerNumber": 101}, "exceeded.max.attempts.per.number"),
        ({"maxAttemptsPerContact": None, "maxAttemptsPerNumber": None}, "incorrect.max.value"),
        ({"maxAttemptsPerContact": 0}, "incorrect.max.value"),
        ({"timeZoneId": "Central"}, "invalid.time.zone"),
    ],
)
def test_attempt_limits(api: Api, changes: dict[str, Any], code: str) -> None:
    body = {key: value for key, value in {**s.attempt_limits(), **changes}.items() if value is not None}
    response = api.post(f"{OUTBOUND}/attemptlimits", body)
    assert (response.status_code, code_of(response)) == (400, code)


def test_a_dnc_list_keeps_its_source_type(api: Api) -> None:
    created = api.create("dnclists", s.dnc_list())
    response = api.put(
        f"{OUTBOUND}/dnclists/{created['id']}", {**created, "dncSourceType": "gryphon", "licenseId": "L-1"}
    )
    assert (response.status_code, code_of(response)) == (400, "invalid.update")
