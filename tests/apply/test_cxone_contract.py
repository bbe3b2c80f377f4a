"""CXone traffic against the published Admin API specification (tests/cxone_contract.py): the demo's CXone
side applied to a FRESH emulated tenant (lookups only) keeps the request contract and leaves an empty plan;
and every emulator answer of a representative walk keeps the documented response schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reconciler.apply.results import Outcome
from reconciler.emulator.core import Emulator
from reconciler.providers.session import demo_org_seed
from tests.apply.test_cxone_apply import Org, _edit, _repo
from tests.conftest import run_cli

TARGET = "local-cxone"
LOOKUPS = ("outbound_routes", "scripts")


def _fresh_tenant() -> Emulator:
    """A new CXone tenant: the outbound routes and scripts the demo names exist, nothing the demo declares."""
    cxone = demo_org_seed()["cxone"]
    return Emulator(seed={"cxone": {name: cxone[name] for name in LOOKUPS}})


@pytest.fixture(scope="module")
def fresh_walk(tmp_path_factory: pytest.TempPathFactory) -> Org:
    """The demo applied to a fresh tenant, then planned again: every request and answer kept."""
    org = Org(root=_repo(tmp_path_factory.mktemp("fresh")), emulator=_fresh_tenant())
    applied = org.apply()
    assert {r.address: r.message for r in applied.report.results if r.outcome is not Outcome.APPLIED} == {}
    return org


@pytest.fixture(scope="module")
def update_walk(tmp_path_factory: pytest.TempPathFactory) -> Org:
    """The demo applied to the seeded demo org after edits that update a skill, its blocks and a group."""
    org = Org(root=_repo(tmp_path_factory.mktemp("update")), emulator=Emulator(seed=demo_org_seed()))
    skills = org.root / "campaigns" / "cxone" / "skills.yaml"
    _edit(skills, 'caller_id_override: "+15555550100"', 'caller_id_override: "+15555550109"')
    org.apply()
    return org


def test_every_demo_object_is_created_on_a_fresh_tenant_and_the_next_plan_is_empty(fresh_walk: Org) -> None:
    cxone = fresh_walk.emulator.state.cxone
    assert {s["skillName"] for s in cxone["skills"].values()} >= {
        "cx-renewals-outbound",
        "cx-collections-outbound",
    }
    assert fresh_walk.pending() == {}


def test_every_request_to_a_fresh_tenant_keeps_the_published_contract(fresh_walk: Org) -> None:
    sent = fresh_walk.contract.sent
    assert len(sent) > 10 and {method for method, _, _ in sent} >= {"GET", "POST", "PUT"}
    assert fresh_walk.contract.problems() == []


@pytest.mark.parametrize("walk", ["fresh_walk", "update_walk"])
def test_every_emulator_answer_keeps_the_documented_response_schema(
    walk: str, request: pytest.FixtureRequest
) -> None:
    org: Org = request.getfixturevalue(walk)
    assert len(org.answers.seen) > 10
    assert org.answers.problems() == []


def test_plan_detailed_exitcode_is_0_right_after_applying_the_demo_to_a_fresh_tenant(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / ".reconciler").mkdir()
    _fresh_tenant().state.save(root / ".reconciler" / f"{TARGET}.json")
    applied = run_cli("apply", "--target", TARGET, "--auto-approve", cwd=root, timeout=180)
    assert applied.code == 0, applied.stdout + applied.stderr
    planned = run_cli("plan", "--target", TARGET, "--detailed-exitcode", "--format", "json", cwd=root)
    assert planned.code == 0, planned.stdout + planned.stderr
    assert json.loads(planned.stdout)["summary"]["create"] == 0
