"""Export quotes every string the YAML 1.2 reader would read as another type, so export then plan is empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reconciler.export import render_documents
from reconciler.manifest.yaml_reader import read_yaml_documents
from tests.conftest import run_cli

TRICKY = ["1e5", "true", "null", "0x1F", "12", "2026-01-01", "-.5", ".inf", "0o17", "~", "False", "1e-3"]


def _contact_list(name: str) -> str:
    columns = json.dumps([*TRICKY, "Phone"])
    return (
        f"apiVersion: genesys/v1\nkind: ContactList\nmetadata:\n  name: {json.dumps(name)}\nspec:\n"
        f"  column_names: {columns}\n  phone_columns:\n    - column_name: Phone\n      type: cell\n"
        f"  preview_mode_column_name: {json.dumps(TRICKY[0])}\n"
        f"  preview_mode_accepted_values: {json.dumps(TRICKY[1:4])}\n"
    )


@pytest.mark.parametrize("value", TRICKY)
def test_a_rendered_string_reads_back_as_the_same_string(value: str) -> None:
    document = {"metadata": {"name": value}, "spec": {value: [value], "plain": "renewals"}}
    text = render_documents([document])
    (read,) = read_yaml_documents(text, file="export.yaml")
    assert read.data == document
    assert "plain: renewals" in text  # ordinary strings stay unquoted


def test_export_then_plan_is_empty_for_live_strings_that_look_like_other_types(tmp_path: Path) -> None:
    (tmp_path / "campaigns").mkdir()
    (tmp_path / "campaigns" / "lists.yaml").write_text(_contact_list("12"))
    project = "default_target: local\ntargets:\n  local: {platform: genesys, emulator: true}\n"
    (tmp_path / "reconciler.yaml").write_text("manifests: campaigns/\n" + project)
    applied = run_cli("apply", "--auto-approve", cwd=tmp_path)
    assert applied.code == 0, applied.stdout + applied.stderr

    exported = run_cli(
        "export", "--target", "local", "--out", "exported", "--kind", "ContactList", cwd=tmp_path
    )
    assert exported.code == 0, exported.stderr
    text = (tmp_path / "exported" / "genesys" / "contact-list.yaml").read_text()
    assert "name: '12'" in text and "- '1e5'" in text and "- 'true'" in text

    (tmp_path / "reconciler.yaml").write_text("manifests: exported/\n" + project)
    plan = run_cli("plan", "--detailed-exitcode", cwd=tmp_path)
    assert plan.code == 0, plan.stdout + plan.stderr
    assert "0 to create, 0 to update, 0 to replace, 0 to delete" in plan.stdout
