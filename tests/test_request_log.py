"""The shared request hook of the contract tests: it keeps only API requests and checks each against the
contract of the platform whose path it is."""

from __future__ import annotations

import asyncio

import httpx

from tests.cxone_contract import CXONE
from tests.genesys_contract import GENESYS
from tests.request_log import RequestLog

CXONE_SKILL = "http://emulator.local/inContactAPI/services/v33.0/skills/5001"
GENESYS_CAMPAIGN = "http://emulator.local/api/v2/outbound/campaigns/c-1"


def test_token_requests_are_not_kept_and_good_requests_keep_both_contracts() -> None:
    log = RequestLog((GENESYS, CXONE))
    log.record("POST", "http://emulator.local/auth/token", b"grant_type=password")
    log.record("PUT", CXONE_SKILL, b'{"skill":{"skillName":"cx-renewals-out"}}')
    log.record("GET", "http://emulator.local/api/v2/outbound/campaigns?pageSize=100", b"")
    assert [method for method, _, _ in log.sent] == ["PUT", "GET"]
    assert log.problems() == []


def test_a_body_field_the_operation_lacks_is_reported_for_each_platform() -> None:
    log = RequestLog((GENESYS, CXONE))
    log.record("PUT", CXONE_SKILL, b'{"skill":{"skillName":"x","nickname":"y"}}')
    log.record("PUT", GENESYS_CAMPAIGN, b'{"name":"x","nickname":"y"}')
    problems = log.problems()
    assert any(
        p.startswith("PUT /inContactAPI/services/v33.0/skills/5001") and "nickname" in p for p in problems
    )
    assert any(p.startswith("PUT /api/v2/outbound/campaigns/c-1") and "nickname" in p for p in problems)


def test_as_an_httpx_hook_it_keeps_what_the_client_sent() -> None:
    log = RequestLog((CXONE,))
    request = httpx.Request("PUT", CXONE_SKILL, json={"skill": {"skillName": "renamed"}})
    asyncio.run(log(request))
    assert log.sent == [("PUT", CXONE_SKILL, request.content)] and log.problems() == []
