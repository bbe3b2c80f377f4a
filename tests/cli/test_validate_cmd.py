"""`reconciler validate` end to end: real processes, every output format, hostile files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, run_cli

BROKEN = FIXTURES / "scenarios" / "validate-broken"
SARIF_SCHEMA = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text())


def _expected() -> list[tuple[str, int, str]]:
    rows = yaml.safe_load(BROKEN.with_suffix(".expected.yaml").read_text())["findings"]
    return sorted((f"{row['file']}", row["line"], row["code"]) for row in rows)


def _rel(path: str) -> str:
    return str(Path(path).relative_to(BROKEN.relative_to(ROOT))) if path.startswith("tests/") else path


def test_demo_org_passes_with_its_one_documented_exception_and_no_pacing_warning() -> None:
    result = run_cli("validate", "campaigns/", "--format", "json")
    assert result.code == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    shown = sorted((f["code"], f["severity"], "suppressed" in f) for f in document["findings"])
    assert shown == [("RETRY-LIMIT", "error", True)]  # q3-renewals paces to 2.5 %, under the 3 % cap
    allowed = next(f for f in document["findings"] if f["code"] == "RETRY-LIMIT")
    assert allowed["suppressed"].startswith("Legal (LEGAL-214")
    assert document["summary"]["error"] == 0 and document["summary"]["warning"] == 0
    assert document["summary"]["documents"] >= 25


def test_removing_the_allow_annotation_fails_validation(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "campaigns", tmp_path / "campaigns")
    limits = tmp_path / "campaigns" / "genesys" / "attempt-limits.yaml"
    limits.write_text(
        "\n".join(
            line
            for line in limits.read_text().splitlines()
            if "reconciler/allow" not in line and line.strip() != "annotations:"
        )
        + "\n"
    )
    result = run_cli("validate", "campaigns/", cwd=tmp_path)
    assert result.code == 1
    assert "RETRY-LIMIT" in result.stdout and "attempt-limits.yaml" in result.stdout


def test_text_lists_every_problem_of_the_run_with_file_and_line() -> None:
    result = run_cli("validate", str(BROKEN.relative_to(ROOT)))
    assert result.code == 1
    found = []
    for line in result.stdout.splitlines()[:-1]:
        where, _, rest = line.partition(": ")
        file, _, number = where.rpartition(":")
        found.append((_rel(file), int(number), rest.split(" ", 1)[0]))
    assert sorted(found) == _expected()
    assert "Traceback" not in result.stderr


def test_json_format_carries_the_same_findings() -> None:
    result = run_cli("validate", str(BROKEN.relative_to(ROOT)), "--format", "json")
    assert result.code == 1
    document = json.loads(result.stdout)
    found = sorted((_rel(f["source"]["file"]), f["source"]["line"], f["code"]) for f in document["findings"])
    assert found == _expected()
    assert document["summary"]["error"] == sum(1 for f in document["findings"] if f["severity"] == "error")


def test_sarif_format_is_valid_sarif_with_the_same_findings() -> None:
    result = run_cli("validate", str(BROKEN.relative_to(ROOT)), "--format", "sarif")
    assert result.code == 1
    log = json.loads(result.stdout)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(log)
    found = sorted(
        (
            _rel(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]),
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["ruleId"],
        )
        for r in log["runs"][0]["results"]
    )
    assert found == _expected()


def test_github_format_annotates_each_problem() -> None:
    result = run_cli("validate", str(BROKEN.relative_to(ROOT)), "--format", "github")
    assert result.code == 1
    found = []
    for line in result.stdout.splitlines():
        head, _, _message = line.partition("::")[2].partition("::")
        props = dict(part.split("=", 1) for part in head.split(" ", 1)[1].split(","))
        found.append((_rel(props["file"]), int(props["line"]), props["title"]))
    assert sorted(found) == _expected()


def _hostile(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    if name == "laughs.yaml":
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        lines += [
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(["*" + chr(97 + i)] * 9) + "]" for i in range(8)
        ]
        path.write_text("\n".join(lines) + "\n")
    elif name == "huge.yaml":
        path.write_text("# padding line\n" * (6 * 1024 * 1024 // 15 + 1))
    elif name == "binary.yaml":
        path.write_bytes(bytes(range(256)) * 64)
    else:
        path.write_text("Dear team, please call everyone on the list tomorrow.\nThanks!\n")
    return path


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("laughs.yaml", "alias bomb"),
        ("huge.yaml", "limited to 5 MB"),
        ("binary.yaml", "binary file"),
        ("prose.yaml", "not a manifest"),
    ],
)
def test_hostile_files_give_one_clear_message(tmp_path: Path, name: str, message: str) -> None:
    path = _hostile(tmp_path, name)
    result = run_cli("validate", str(path), timeout=20)
    assert result.code == 1
    problems = result.stdout.splitlines()[:-1]
    assert len(problems) == 1 and message in problems[0]
    assert problems[0].startswith(f"{path}:") and ": SCHEMA " in problems[0]
    assert "Traceback" not in result.stdout + result.stderr


def test_no_paths_and_no_project_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", cwd=tmp_path)
    assert result.code == 1
    assert "no reconciler.yaml found" in result.stderr and "Traceback" not in result.stderr


def test_broken_project_file_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "reconciler.yaml").write_text("manifests: m/\ntargets:\n  x: {platform: genesis}\n")
    result = run_cli("validate", cwd=tmp_path)
    assert result.code == 1
    assert "reconciler.yaml:3: targets.x.platform" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_number_echoed_by_a_schema_error_is_masked_in_every_format(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(
        "apiVersion: genesys/v1\nkind: Campaign\nmetadata:\n  name: x\n"
        "spec:\n  abandon_rate: '+1 555 555 0100'\n  caller_name: 15555550100\n"
    )
    for output in ("text", "json", "sarif", "github"):
        result = run_cli("validate", "c.yaml", "--format", output, cwd=tmp_path)
        assert result.code == 1, output
        assert "5550100" not in result.stdout + result.stderr, output
        assert re.search(r"got \*\*\*0100#[0-9a-f]{4,}\)", result.stdout), output
