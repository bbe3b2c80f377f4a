"""Manifest discovery follows one rule: `.yaml`/`.yml` in any case, hidden files and folders skipped, and
every skipped file that looks like a manifest named in a warning on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def _manifest(name: str) -> str:
    return (
        f"apiVersion: genesys/v1\nkind: DncList\nmetadata:\n  name: {name}\n"
        "spec:\n  dnc_source_type: rds\n  contact_method: Phone\n"
    )


def test_upper_and_mixed_case_extensions_are_read(tmp_path: Path) -> None:
    campaigns = tmp_path / "campaigns"
    campaigns.mkdir()
    (campaigns / "a.yaml").write_text(_manifest("list-a"))
    (campaigns / "B.YAML").write_text(_manifest("list-b"))
    (campaigns / "c.Yml").write_text(_manifest("list-b"))  # a duplicate: proves c.Yml was read
    done = run_cli("validate", "campaigns", cwd=tmp_path)
    assert done.code == 1 and "from 3 file(s)" in done.stdout
    assert "DUPLICATE" in done.stdout and "c.Yml" in done.stdout
    assert "warning" not in done.stderr


def test_hidden_and_other_extension_manifests_are_named_in_a_warning(tmp_path: Path) -> None:
    campaigns = tmp_path / "campaigns"
    (campaigns / ".drafts").mkdir(parents=True)
    (campaigns / "sub").mkdir()
    (campaigns / "read.yaml").write_text(_manifest("read"))
    (campaigns / ".drafts" / "draft.yaml").write_text(_manifest("draft"))
    (campaigns / ".hidden.yml").write_text(_manifest("hidden"))
    (campaigns / "sub" / "backup.yaml.bak").write_text(_manifest("bak"))
    (campaigns / "sub" / "list.json").write_text(
        json.dumps({"apiVersion": "genesys/v1", "kind": "DncList"}, indent=2)
    )
    (campaigns / "notes.txt").write_text("nothing to see: apiVersion is a word here\n")
    (campaigns / "numbers.csv").write_text("phone_number\n+15555550100\n")
    done = run_cli("validate", "campaigns", cwd=tmp_path)
    assert done.code == 0 and "from 1 file(s)" in done.stdout
    (warning,) = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert "4 file(s) that look like manifests were skipped" in warning
    for name in (".drafts/draft.yaml", ".hidden.yml", "sub/backup.yaml.bak", "sub/list.json"):
        assert f"campaigns/{name}" in warning
    assert "notes.txt" not in warning and "numbers.csv" not in warning


def test_no_warning_when_nothing_looks_skipped(tmp_path: Path) -> None:
    campaigns = tmp_path / "campaigns"
    campaigns.mkdir()
    (campaigns / "a.yml").write_text(_manifest("list-a"))
    (campaigns / "README.md").write_text("# lists\n")
    done = run_cli("validate", "campaigns", cwd=tmp_path)
    assert done.code == 0 and "warning" not in done.stderr


def test_a_named_hidden_file_is_read_and_warned_names_cannot_break_lines(tmp_path: Path) -> None:
    campaigns = tmp_path / "campaigns"
    campaigns.mkdir()
    (campaigns / ".named.yaml").write_text(_manifest("named"))
    assert run_cli("validate", "campaigns/.named.yaml", cwd=tmp_path).code == 0
    (campaigns / ".x\n::error::owned.yaml").write_text(_manifest("owned"))
    done = run_cli("validate", "campaigns", "--format", "github", cwd=tmp_path)
    assert "campaigns/.x\\n::error::owned.yaml" in done.stderr  # the newline is written as \n
    assert not any(line.startswith("::") for line in done.stderr.splitlines())
