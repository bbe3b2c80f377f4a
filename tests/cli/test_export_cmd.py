from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT, copy_demo, run_cli


def test_export_then_plan_shows_no_changes(tmp_path: Path) -> None:
    copy_demo(tmp_path)
    result = run_cli("export", "--target", "local", "--out", "exported", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert (tmp_path / "exported" / "genesys" / "campaign.yaml").is_file()
    project = tmp_path / "reconciler.yaml"
    project.write_text(project.read_text().replace("manifests: campaigns/", "manifests: exported/"))
    assert run_cli("validate", cwd=tmp_path).code == 0
    plan = run_cli("plan", "--detailed-exitcode", cwd=tmp_path)
    assert plan.code == 0, plan.stdout
    assert "0 to create, 0 to update, 0 to replace, 0 to delete" in plan.stdout


def test_unknown_kind_is_refused(tmp_path: Path) -> None:
    shutil.copy(ROOT / "reconciler.yaml", tmp_path / "reconciler.yaml")
    result = run_cli("export", "--target", "local", "--out", "x", "--kind", "Campain", cwd=tmp_path)
    assert result.code == 1 and "unknown kind(s) for genesys: Campain" in result.stderr


def test_cxone_export_then_plan_shows_no_changes(tmp_path: Path) -> None:
    copy_demo(tmp_path)
    result = run_cli("export", "--target", "local-cxone", "--out", "exported", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert "skills:" not in (tmp_path / "exported" / "cxone" / "campaign.yaml").read_text()
    project = tmp_path / "reconciler.yaml"
    project.write_text(project.read_text().replace("manifests: campaigns/", "manifests: exported/"))
    plan = run_cli("plan", "--target", "local-cxone", "--detailed-exitcode", cwd=tmp_path)
    assert plan.code == 0, plan.stdout
    assert (
        "0 to create, 0 to update, 0 to replace, 0 to delete, 0 DNC number(s) to remove, 3 unchanged"
        in plan.stdout
    )
