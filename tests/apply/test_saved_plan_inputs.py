"""Saved plans pin every file the plan read: an edited DNC CSV, an added or removed manifest or an edited
reconciler.yaml makes `apply plan.json` refuse, naming the file, and an untouched plan still applies."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from reconciler.apply.run import ApplyOptions
from reconciler.apply.saved_plan import load_saved_plan
from reconciler.exceptions import ApplyRefused, UsageError
from tests.apply.support import FAST, Harness, demo_repo
from tests.conftest import run_cli

CSV = "campaigns/genesys/internal-dnc.csv"


def _live_dnc_numbers(root: Path) -> set[str]:
    """Every number on the local emulator's Genesys DNC lists, as kept in its state file."""
    state = json.loads((root / ".reconciler" / "local.json").read_text())
    return {number for numbers in state["dnc_numbers"].values() for number in numbers}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_dnc_csv_edited_after_the_plan_is_refused_and_the_reviewed_plan_still_applies(
    tmp_path: Path,
) -> None:
    repo = demo_repo(tmp_path)
    assert run_cli("apply", "--auto-approve", cwd=repo).code == 0
    csv, campaigns = repo / CSV, repo / "campaigns" / "genesys" / "campaigns.yaml"
    _edit(csv, "+12125550112", "+12125550195")
    _edit(campaigns, '"+15555550100"', '"+15555560100"')
    assert run_cli("plan", "--out", "plan.json", cwd=repo).code == 0
    live_before = _live_dnc_numbers(repo)
    assert "+12125550195" not in live_before

    _edit(csv, "+12125550195", "+12135550195")  # same last four: the masked plan could not tell
    refused = run_cli("apply", "plan.json", cwd=repo)
    assert refused.code == 1
    assert f"{CSV} (edited)" in refused.stderr and "nothing was changed" in refused.stderr
    assert _live_dnc_numbers(repo) == live_before

    _edit(csv, "+12135550195", "+12125550195")  # back to what was reviewed
    applied = run_cli("apply", "plan.json", cwd=repo)  # a new process, a new masking key
    assert applied.code == 0, applied.stderr
    assert "2 applied" in applied.stdout
    assert "+12125550195" in _live_dnc_numbers(repo) and "+12135550195" not in _live_dnc_numbers(repo)


def _refusal(harness: Harness, saved: dict) -> str:
    with pytest.raises(ApplyRefused) as refused:
        harness.apply(options=ApplyOptions(saved_plan=saved, settings=FAST))
    return str(refused.value)


def test_the_plan_pins_manifests_csv_files_and_the_project_file(harness: Harness) -> None:
    digests = harness.plan().plan.to_dict()["input_digests"]
    assert "reconciler.yaml" in digests and CSV in digests and "campaigns/cxone/skills.yaml" in digests
    assert (
        len([name for name in digests if name.endswith(".yaml")]) == 15
    )  # 14 manifest files + the project file
    assert digests[CSV] == "sha256:" + hashlib.sha256((harness.root / CSV).read_bytes()).hexdigest()
    assert all("\\" not in name and not name.startswith("/") for name in digests)


def test_a_manifest_removed_after_the_plan_is_refused_even_when_no_object_changes(harness: Harness) -> None:
    saved = harness.saved_plan()
    pending = harness.pending()
    (harness.root / "campaigns" / "cxone" / "campaigns.yaml").unlink()  # another platform: not planned here
    message = _refusal(harness, saved)
    assert "campaigns/cxone/campaigns.yaml (removed)" in message
    assert harness.pending() == pending  # nothing was written


def test_a_manifest_added_after_the_plan_is_refused(harness: Harness) -> None:
    saved = harness.saved_plan()
    extra = harness.root / "campaigns" / "genesys" / "extra-dnc.yaml"
    extra.write_text(
        "apiVersion: genesys/v1\nkind: DncList\nmetadata:\n  name: extra-dnc\n"
        "spec:\n  dnc_source_type: rds\n  contact_method: Phone\n"
    )
    assert "campaigns/genesys/extra-dnc.yaml (added)" in _refusal(harness, saved)


def test_an_edited_project_file_is_refused(harness: Harness) -> None:
    saved = harness.saved_plan()
    _edit(harness.root / "reconciler.yaml", "policy: {}", "policy: {PACING-ABANDON: off}")
    assert "reconciler.yaml (edited)" in _refusal(harness, saved)


def test_a_plan_without_input_digests_is_not_a_plan_apply_can_check(harness: Harness) -> None:
    document = harness.plan().plan.to_dict()
    del document["input_digests"]
    path = harness.root / "old.json"
    path.write_text(json.dumps(document))
    with pytest.raises(UsageError, match="input_digests is missing"):
        load_saved_plan(path)
