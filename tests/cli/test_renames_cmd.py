"""metadata.previous_names through the CLI: a renamed manifest renames the live object in place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliResult, copy_demo, run_cli

GENESYS = Path("campaigns") / "genesys"
CXONE = Path("campaigns") / "cxone"

pytestmark = pytest.mark.usefixtures("request_contract")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy_demo(tmp_path)
    return tmp_path


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, f"{old!r} not in {path}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _rename_q3(repo: Path) -> None:
    """q3-renewals becomes renewals-2029; its schedule and rule name the new name."""
    _edit(
        repo / GENESYS / "campaigns.yaml",
        ("  name: q3-renewals\n", "  name: renewals-2029\n  previous_names: [q3-renewals]\n"),
    )
    _edit(repo / GENESYS / "schedules.yaml", ("campaign: q3-renewals\n", "campaign: renewals-2029\n"))
    _edit(repo / GENESYS / "campaign-rules.yaml", ("campaigns: [q3-renewals]", "campaigns: [renewals-2029]"))


def _plan(repo: Path, *args: str) -> dict[str, Any]:
    result = run_cli("plan", "--format", "json", *args, cwd=repo)
    assert result.code == 0, result.stdout + result.stderr
    return dict(json.loads(result.stdout))


def _by_address(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {change["address"]: change for change in plan["resource_changes"]}


def _ok(result: CliResult) -> None:
    assert result.code == 0, result.stdout + result.stderr


def test_a_renamed_campaign_is_an_update_in_place_not_a_create(repo: Path) -> None:
    original = _by_address(_plan(repo))["genesys/Campaign/q3-renewals"]["platform_id"]
    _rename_q3(repo)
    changes = _by_address(_plan(repo))
    renamed = changes["genesys/Campaign/renewals-2029"]
    assert renamed["actions"] == ["update"] and renamed["platform_id"] == original
    assert {"path": "metadata.name", "before": "q3-renewals", "after": "renewals-2029"} in renamed["changes"]
    assert "renamed from 'q3-renewals'" in renamed["action_reason"]
    assert "genesys/Campaign/q3-renewals" not in changes  # no leftover, no delete
    # What refers to it by its new name is unchanged: the live reference reads as the new name.
    assert changes["genesys/CampaignSchedule/q3-renewals-schedule"]["actions"] == ["no-op"]
    assert changes["genesys/CampaignRule/renewals-stop-when-worked"]["actions"] == ["no-op"]
    drifted = run_cli("drift", "--format", "json", cwd=repo)
    entry = next(e for e in json.loads(drifted.stdout)["resource_drift"] if "renewals-2029" in e["address"])
    assert {"path": "metadata.name", "git": "renewals-2029", "live": "q3-renewals"} in entry["fields"]

    _ok(run_cli("apply", "--auto-approve", cwd=repo, timeout=180))
    after = _by_address(_plan(repo, "--detailed-exitcode"))
    assert after["genesys/Campaign/renewals-2029"]["actions"] == ["no-op"]
    assert after["genesys/Campaign/renewals-2029"]["platform_id"] == original


def test_a_renamed_cxone_skill_group_and_campaign_are_renamed_in_place(repo: Path) -> None:
    renames = {
        "retention-reporting": "retention-reports",
        "cx-internal-dnc": "cx-dnc-internal",
        "cx-renewals-outbound": "cx-renewals-out",
    }
    for path in (repo / CXONE).glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for old, new in renames.items():
            text = text.replace(f"  name: {old}\n", f"  name: {new}\n  previous_names: [{old}]\n")
            text = text.replace(f"campaign: {old}\n", f"campaign: {new}\n")
            text = text.replace(f"[{old}, ", f"[{new}, ")
        path.write_text(text, encoding="utf-8")
    changes = _by_address(_plan(repo, "--target", "local-cxone"))
    for new in renames.values():
        found = [c for address, c in changes.items() if address.endswith(f"/{new}")]
        assert [c["actions"] for c in found] == [["update"]], new
        assert any(change["path"] == "metadata.name" for change in found[0]["changes"])
    _ok(run_cli("apply", "--target", "local-cxone", "--auto-approve", cwd=repo, timeout=180))
    after = _plan(repo, "--target", "local-cxone", "--detailed-exitcode")
    assert after["summary"]["create"] == after["summary"]["update"] == 0
