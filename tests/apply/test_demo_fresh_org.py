"""The demo applied to a FRESH emulated Genesys org (lookups only), not to the seeded demo org: every object
is accepted, every request keeps the API's contract (the model data generated from the official SDK),
and the next plan is empty — what a customer's first apply to a new org does."""

from __future__ import annotations

import json
from pathlib import Path

from reconciler.emulator.core import Emulator
from reconciler.emulator.manifest_seed import with_lookup_ids
from reconciler.emulator.server import default_seed
from tests.apply.support import Harness, demo_repo
from tests.conftest import run_cli
from tests.genesys_contract import request_log


def _fresh_org() -> Emulator:
    emulator = Emulator(seed={"lookups": with_lookup_ids(default_seed()["lookups"])})
    emulator.settings.campaign_stop_seconds = 0.2
    emulator.settings.settings_apply_seconds = 0
    return emulator


def test_every_demo_object_is_accepted_and_every_request_keeps_the_contract(tmp_path: Path) -> None:
    log = request_log()
    harness = Harness(root=demo_repo(tmp_path), emulator=_fresh_org(), request_hook=log)
    run = harness.apply()
    failed = {result.address: result.message for result in run.report.results if not result.ok}
    assert failed == {}
    assert harness.pending() == {}
    assert len(log.sent) > 40 and log.problems() == []


def test_plan_detailed_exitcode_is_0_right_after_applying_to_a_fresh_org(tmp_path: Path) -> None:
    root = demo_repo(tmp_path)
    (root / ".reconciler").mkdir()
    _fresh_org().state.save(root / ".reconciler" / "local.json")
    applied = run_cli("apply", "--target", "local", "--auto-approve", cwd=root, timeout=180)
    assert applied.code == 0, applied.stdout + applied.stderr
    planned = run_cli("plan", "--target", "local", "--detailed-exitcode", "--format", "json", cwd=root)
    assert planned.code == 0, planned.stdout + planned.stderr
    assert json.loads(planned.stdout)["summary"]["create"] == 0
