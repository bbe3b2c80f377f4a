"""`reconciler doctor` reads a target and reports where its answers differ from what the tool expects: the
emulated Genesys org matches, the emulated CXone tenant shows exactly the deviations other changes fix,
altered answers are reported (without the phone numbers they hold), and nothing is ever written."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from reconciler.doctor.report import DoctorReport
from reconciler.doctor.run import examine
from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.providers.auth import GenesysClientCredentials
from reconciler.providers.cxone.discovery import discover_api_base
from reconciler.providers.http import ApiClient
from reconciler.providers.rate_limit import RateLimiter
from reconciler.providers.session import demo_org_seed
from tests.apply.support import demo_repo
from tests.conftest import run_cli
from tests.providers.conftest import EMULATOR_URL, ID, SECRET
from tests.providers.cxone.support import grant

Change = Callable[[Any], Any]


class Altering(httpx.AsyncBaseTransport):
    """Answers GET requests whose path ends in `suffix` with `change` applied to the emulator's JSON."""

    def __init__(self, inner: httpx.AsyncBaseTransport, changes: dict[str, Change]) -> None:
        self.inner, self.changes = inner, changes

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        change = next((c for s, c in self.changes.items() if request.url.path.endswith(s)), None)
        if change is None or request.method != "GET" or response.status_code != 200:
            return response
        body = change(json.loads(await response.aread()))
        return httpx.Response(200, json=body, headers={"content-type": "application/json"})


def _doctor(emulator: Emulator, platform: str, changes: dict[str, Change] | None = None) -> DoctorReport:
    async def run() -> DoctorReport:
        transport = Altering(httpx.ASGITransport(app=create_app(emulator)), changes or {})
        async with httpx.AsyncClient(transport=transport, base_url=EMULATOR_URL) as http:
            if platform == "cxone":
                tokens: Any = grant()
                base = await discover_api_base(http, issuer=EMULATOR_URL, tokens=tokens)
            else:
                tokens = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET)
                base = EMULATOR_URL
            client = ApiClient(http=http, base_url=base, tokens=tokens, limiter=RateLimiter(100_000))
            return await examine("test", platform, client)

    return asyncio.run(run())


def _found(report: DoctorReport) -> set[tuple[str, str, str]]:
    return {(d.read, d.where, d.message) for d in report.differences}


def test_the_emulated_genesys_org_matches_and_doctor_exits_0(tmp_path: Path) -> None:
    done = run_cli("doctor", "--target", "local", cwd=demo_repo(tmp_path))
    assert done.code == 0, done.stdout + done.stderr
    assert "GET /api/v2/outbound/campaigns" in done.stdout
    assert "Every answer has the shape the tool expects." in done.stdout


def test_the_emulated_cxone_tenant_matches(tmp_path: Path) -> None:
    done = run_cli("doctor", "--target", "local-cxone", "--format", "json", cwd=demo_repo(tmp_path))
    assert done.code == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["differences"] == []
    assert "GET /skills/parameters" in report["reads"] and "GET /dnc-groups/6001/records" in report["reads"]


def test_altered_cxone_answers_are_reported_by_field() -> None:
    def rename_skill_names(answer: Any) -> Any:
        for skill in answer["skills"]:
            skill["name"] = skill.pop("skillName")
        return answer

    def group_ids_as_text(answer: Any) -> Any:
        for group in answer["resultSet"]["dncGroups"]:
            group["dncGroupId"] = str(group["dncGroupId"])
        return answer

    def no_envelope(answer: Any) -> Any:
        return {"routes": answer["outboundRoutes"]}

    changes = {
        "/skills": rename_skill_names,
        "/dnc-groups": group_ids_as_text,
        "/outbound-routes": no_envelope,
    }
    found = _found(_doctor(Emulator(seed=demo_org_seed()), "cxone", changes))
    assert found == {
        ("GET /skills", "skills[]", "item(s) without `skillName`, which the tool reads"),
        ("GET /dnc-groups", "resultSet/dncGroups/0/dncGroupId", "string where integer is expected"),
        (
            "GET /business-unit/outbound-routes",
            "outboundRoutes",
            "no `outboundRoutes`: the tool reads its items there",
        ),
    }


def test_an_altered_genesys_answer_is_reported_and_exits_non_zero() -> None:
    def caller_name_as_number(answer: Any) -> Any:
        answer["entities"][0]["callerName"] = 5
        return answer

    report = _doctor(
        Emulator(seed=demo_org_seed()), "genesys", {"/outbound/campaigns": caller_name_as_number}
    )
    assert _found(report) == {
        ("GET /api/v2/outbound/campaigns", "entities/0/callerName", "integer where string is expected")
    }


def test_a_phone_number_in_a_wrong_answer_is_never_shown() -> None:
    def numbers_as_objects(answer: Any) -> Any:
        for record in answer["resultSet"]["dncRecords"]:
            record["phoneNumber"] = {"digits": record["phoneNumber"]}
        return answer

    report = _doctor(Emulator(seed=demo_org_seed()), "cxone", {"/records": numbers_as_objects})
    shown = [d for d in report.differences if d.read.endswith("/records")]
    assert shown and all(d.message == "object where string is expected" for d in shown)
    assert "2125550121" not in json.dumps([d.__dict__ for d in report.differences])


def test_doctor_only_reads() -> None:
    emulator = Emulator(seed=demo_org_seed())
    before = json.dumps(emulator.state.cxone, sort_keys=True, default=str)
    _doctor(emulator, "cxone")
    _doctor(emulator, "genesys")
    assert {method for method, _ in emulator.requests} == {"GET"}
    assert json.dumps(emulator.state.cxone, sort_keys=True, default=str) == before


def test_an_unknown_target_is_an_error_with_exit_1(tmp_path: Path) -> None:
    done = run_cli("doctor", "--target", "nowhere", cwd=demo_repo(tmp_path))
    assert done.code == 1 and "nowhere" in done.stderr and "Traceback" not in done.stderr
