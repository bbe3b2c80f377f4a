"""`reconciler plan`, `drift` and `apply` after a crash left a replaced contact list renamed aside."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from reconciler.apply.run import ApplyOptions
from reconciler.cli import cli
from reconciler.emulator.core import Emulator
from reconciler.emulator.genesys.store import objects
from reconciler.exceptions import ApplyRefused
from reconciler.providers.session import STATE_DIR, demo_org_seed
from tests.apply.support import FAST, Harness, Killed, demo_repo

LIST = "genesys/ContactList/collections-list"


def renamed_aside(request: httpx.Request) -> bool:
    return request.method == "PUT" and b"~replaced-" in request.content


@pytest.fixture
def crashed(tmp_path: Path) -> tuple[Path, str]:
    """A demo repo whose emulated org (the one the CLI reads) holds a contact list renamed aside by a
    replace that died right after the rename; returns the repo and the leftover's address."""
    root = demo_repo(tmp_path)
    emulator = Emulator(state_path=root / STATE_DIR / "local.json", seed=demo_org_seed())
    harness = Harness(root=root, emulator=emulator)
    assert harness.apply().report.ok
    manifest = root / "campaigns" / "genesys" / "contact-lists.yaml"
    manifest.write_text(
        manifest.read_text().replace("days_past_due, state, phone]", "days_past_due, state, zip, phone]")
    )
    with pytest.raises(Killed):
        harness.apply(
            options=ApplyOptions(auto_approve=True, allow_delete=True, settings=FAST), crash=renamed_aside
        )
    return root, f"genesys/ContactList/{_aside_names(emulator)[0]}"


def _aside_names(emulator: Emulator) -> list[str]:
    names = (str(item["name"]) for item in objects(emulator, "contactlists").values())
    return [name for name in names if "~replaced-" in name]


def _cli(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--config", str(root / "reconciler.yaml")])


def test_plan_apply_and_drift_finish_an_interrupted_replace(crashed: tuple[Path, str]) -> None:
    root, leftover = crashed
    plan = _cli(root, "plan", "--detailed-exitcode")
    assert plan.exit_code == 2, plan.output
    assert f"- {leftover}  (delete: left over by an interrupted replace of {LIST}" in plan.output
    assert "steps: repoint → delete" in plan.output
    assert f"+ {LIST}  (create: finishes an interrupted replace" in plan.output
    document = json.loads(_cli(root, "plan", "--format", "json").stdout)
    assert document["summary"]["delete"] == 1
    markdown = _cli(root, "plan", "--format", "markdown").output
    assert leftover in markdown and "interrupted replace" in markdown

    drift = _cli(root, "drift")
    assert drift.exit_code == 2
    assert f"! {leftover}  (drift: leftover)" in drift.output
    assert f"renamed aside by an interrupted replace of {LIST}" in drift.output
    assert f"{leftover}  (drift: unmanaged)" not in drift.output

    refused = _cli(root, "apply", "--auto-approve")
    assert isinstance(refused.exception, ApplyRefused)  # the console entry point prints it, exit 1
    assert "--allow-delete" in str(refused.exception) and leftover in str(refused.exception)
    assert _cli(root, "plan", "--detailed-exitcode").exit_code == 2  # the refusal changed nothing

    applied = _cli(root, "apply", "--auto-approve", "--allow-delete")
    assert applied.exit_code == 0, applied.output
    after = _cli(root, "plan", "--detailed-exitcode")
    assert after.exit_code == 0, after.output
    assert "No changes" in after.output
    assert "~replaced-" not in _cli(root, "drift").output
    org = Emulator(state_path=root / STATE_DIR / "local.json")
    assert _aside_names(org) == []
    names = [str(item["name"]) for item in objects(org, "contactlists").values()]
    assert names.count("collections-list") == 1
