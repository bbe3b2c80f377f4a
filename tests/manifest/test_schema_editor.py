"""The committed schemas work in an editor or a schema checker from any directory, and accept what the
tool accepts: checked with check-jsonschema (the CLI pre-commit and CI users run) and the tool itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reconciler.manifest.yaml_reader import read_yaml_documents
from tests.conftest import ROOT, run_cli

SCHEMAS = ROOT / "schemas"
CHECKER = Path(sys.executable).parent / "check-jsonschema"
DEMO = sorted((ROOT / "campaigns").rglob("*.yaml"))


def _check(schema: Path, files: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECKER), "--schemafile", str(schema), *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _single_documents(tmp_path: Path) -> list[Path]:
    """Every demo document in a file of its own (check-jsonschema reads one document per file)."""
    files = []
    for path in DEMO:
        for index, document in enumerate(read_yaml_documents(path.read_text(), file=path.name)):
            target = tmp_path / "docs" / f"{path.stem}-{index}.json"
            target.parent.mkdir(exist_ok=True)
            target.write_text(json.dumps(document.data))
            files.append(target)
    return files


def test_no_schema_has_a_relative_id() -> None:
    for path in SCHEMAS.glob("*.json"):
        if path.name != "plan.schema.json":
            assert "$id" not in json.loads(path.read_text()), path.name


def test_check_jsonschema_resolves_the_kind_schemas_from_another_directory(tmp_path: Path) -> None:
    files = _single_documents(tmp_path)
    assert len(files) > 20
    done = _check(SCHEMAS / "index.json", files, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


def test_a_wrong_document_is_still_caught_from_another_directory(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        "apiVersion: genesys/v1\nkind: Campaign\nmetadata: {name: a}\nspec: {dialing_mode: fast}\n"
    )
    done = _check(SCHEMAS / "index.json", [wrong], cwd=tmp_path)
    assert done.returncode == 1 and "dialing_mode" in done.stdout


@pytest.mark.parametrize(
    ("kind_file", "document"),
    [
        (
            "genesys",
            "apiVersion: genesys/v1\nkind: DncList\nmetadata: {name: internal}\n"
            "spec:\n  dnc_source_type: rds\n  contact_method: Phone\n  entries: [+15555550100, 15555550101]\n",
        ),
        (
            "cxone",
            "apiVersion: cxone/v1\nkind: DncGroup\nmetadata: {name: internal}\n"
            "spec:\n  records:\n    - phone_number: +15555550100\n",
        ),
    ],
    ids=["genesys-dnc-entries", "cxone-dnc-record"],
)
def test_unquoted_phone_numbers_pass_the_schema_as_they_pass_the_tool(
    tmp_path: Path, kind_file: str, document: str
) -> None:
    (tmp_path / "reconciler.yaml").write_text("manifests: m/\n")
    (tmp_path / "m").mkdir()
    path = tmp_path / "m" / f"{kind_file}.yaml"
    path.write_text(document)
    checked = _check(SCHEMAS / "index.json", [path], cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    validated = run_cli("validate", "m", cwd=tmp_path)
    assert "SCHEMA" not in validated.stdout, validated.stdout


def test_an_unquoted_caller_id_passes_the_schema_and_the_tool(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "reconciler.yaml").write_text("manifests: m/\n")
    source = (ROOT / "campaigns" / "genesys" / "campaigns.yaml").read_text()
    first = source.split("\n---")[0]
    lines = [
        "  caller_address: +15555550100" if line.startswith("  caller_address:") else line
        for line in first.splitlines()
    ]
    assert "  caller_address: +15555550100" in lines
    path = tmp_path / "m" / "campaign.yaml"
    path.write_text("\n".join(lines) + "\n")
    checked = _check(SCHEMAS / "index.json", [path], cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    validated = run_cli("validate", "m", cwd=tmp_path)
    assert "SCHEMA" not in validated.stdout, validated.stdout
    (tmp_path / "m" / "campaign.yaml").write_text(path.read_text().replace("+15555550100", "5555550100"))
    assert "SCHEMA" not in run_cli("validate", "m", cwd=tmp_path).stdout  # unquoted digits: text too
