"""Every corpus configuration, applied through the CLI to a fresh emulated org, then planned again: the
apply succeeds, every request it sends keeps the platform's API contract, and the next plan has nothing
to do (docs/corpus.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reconciler.cli import cli
from reconciler.emulator.core import Emulator
from reconciler.providers import session
from reconciler.providers.session import STATE_DIR
from tests.cli.recorded_main import read_requests, recording_app
from tests.corpus.corpus import CORPUS, TARGET, configurations, fresh_org, platform_of, project_file
from tests.cxone_contract import CXONE
from tests.genesys_contract import GENESYS
from tests.request_log import RequestLog


def _cli(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--target", TARGET, "--config", str(root / "reconciler.yaml")])


def _repo(name: str, tmp_path: Path) -> Path:
    """A copy of the configuration as a config repo whose emulated target is a fresh org."""
    root = tmp_path / name
    shutil.copytree(CORPUS / name, root)
    if not (root / "reconciler.yaml").exists():
        (root / "reconciler.yaml").write_text(project_file(platform_of(root)), encoding="utf-8")
    fresh_org().state.save(root / STATE_DIR / f"{TARGET}.json")
    return root


@pytest.mark.parametrize("name", configurations())
def test_applies_to_a_fresh_org_and_the_next_plan_is_empty(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(name, tmp_path)
    requests = tmp_path / "requests.jsonl"

    def recorded(emulator: Emulator) -> object:
        return recording_app(emulator, log=requests)

    monkeypatch.setattr(session, "create_app", recorded)
    applied = _cli(root, "apply", "--auto-approve")
    assert applied.exit_code == 0, applied.output
    planned = _cli(root, "plan", "--detailed-exitcode", "--format", "json")
    assert planned.exit_code == 0, planned.output
    summary = json.loads(planned.stdout)["summary"]
    assert summary["create"] == summary["update"] == summary["delete"] == 0, summary
    contract = RequestLog((GENESYS, CXONE))
    for method, url, body in read_requests(requests):
        contract.record(method, url, body)
    assert any(method != "GET" for method, _, _ in contract.sent)  # the org was written to
    assert contract.problems() == []
