"""`reconciler check-plan plan.json`: exit 0 while the reviewed plan still applies, 1 naming what moved."""

from __future__ import annotations

import json
from pathlib import Path

from tests.apply.support import demo_repo
from tests.conftest import run_cli


def test_a_fresh_plan_still_applies_and_checking_changes_nothing(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    assert run_cli("plan", "--out", "plan.json", cwd=repo).code == 0
    checked = run_cli("check-plan", "plan.json", cwd=repo)
    assert checked.code == 0, checked.stderr
    changes = sum(
        1
        for item in json.loads((repo / "plan.json").read_text())["resource_changes"]
        if item["actions"] != ["no-op"]
    )
    assert f"plan.json still applies as reviewed: {changes} change(s) for target 'local'" in checked.stdout
    assert run_cli("check-plan", "plan.json", cwd=repo).code == 0  # had it applied, the plan would be spent


def test_a_plan_the_org_moved_past_is_refused_naming_the_objects(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    assert run_cli("plan", "--out", "plan.json", cwd=repo).code == 0
    assert run_cli("apply", "--auto-approve", cwd=repo).code == 0  # someone applied outside the review
    checked = run_cli("check-plan", "plan.json", cwd=repo)
    assert checked.code == 1
    assert "plan.json no longer applies as reviewed" in checked.stderr
    assert "the org changed since the plan" in checked.stderr and "genesys/" in checked.stderr
    assert "Traceback" not in checked.stderr


def test_an_edited_manifest_is_refused_naming_the_file(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    assert run_cli("plan", "--out", "plan.json", cwd=repo).code == 0
    (repo / "campaigns" / "added.yaml").write_text(
        "apiVersion: genesys/v1\nkind: DncList\nmetadata: {name: extra-dnc}\nspec: {dnc_source_type: rds}\n"
    )
    checked = run_cli("check-plan", "plan.json", cwd=repo)
    assert checked.code == 1
    assert "campaigns/added.yaml" in checked.stderr and "manifests changed" in checked.stderr


def test_a_file_that_is_not_a_plan_gets_a_clear_error(tmp_path: Path) -> None:
    repo = demo_repo(tmp_path)
    (repo / "plan.json").write_text("[]")
    checked = run_cli("check-plan", "plan.json", cwd=repo)
    assert checked.code == 1
    assert "not a plan written by `reconciler plan --out`" in checked.stderr
