"""`reconciler validate` compares names as the platform does, refuses invisible characters in names,
and warns about names that only look alike (real processes over a copy of the demo repo)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import ROOT, run_cli

COLLECTIONS = "cx-collections-outbound"
LOOKALIKE = "cx-colIections-outbound"  # LATIN CAPITAL LETTER I for the second 'l'
"""CXone skill names are ASCII (letters, digits, space, -_.()^), so the look-alike stays inside that set."""


def _repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "campaigns", tmp_path / "campaigns")
    return tmp_path


def _add_skill_copy(root: Path, name: str) -> Path:
    """A second skill document: the demo's collections skill under another name, in a file of its own."""
    skills = (root / "campaigns" / "cxone" / "skills.yaml").read_text(encoding="utf-8")
    collections = skills.split("---\n")[1]
    assert f"name: {COLLECTIONS}\n" in collections
    path = root / "campaigns" / "cxone" / "team-b-skills.yaml"
    path.write_text(collections.replace(f"name: {COLLECTIONS}\n", f"name: {name}\n"), encoding="utf-8")
    return path


def _scrub_too(root: Path, name: str) -> None:
    groups = root / "campaigns" / "cxone" / "dnc-groups.yaml"
    text = groups.read_text(encoding="utf-8")
    old = f"scrubbed_skills: [cx-renewals-outbound, {COLLECTIONS}]"
    assert old in text
    groups.write_text(text.replace(old, f"scrubbed_skills: [cx-renewals-outbound, {COLLECTIONS}, {name}]"))


def _findings(stdout: str, code: str) -> list[dict[str, object]]:
    return [item for item in json.loads(stdout)["findings"] if item["code"] == code]


def test_cxone_skill_names_that_differ_only_by_case_are_a_duplicate_with_both_locations(
    tmp_path: Path,
) -> None:
    root = _repo(tmp_path)
    _add_skill_copy(root, "CX-Collections-Outbound")
    result = run_cli("validate", "campaigns/", cwd=root)
    assert result.code == 1, result.stdout + result.stderr
    [line] = [text for text in result.stdout.splitlines() if " DUPLICATE " in text]
    assert line.startswith("campaigns/cxone/team-b-skills.yaml:1: DUPLICATE ")
    assert "cxone/Skill/CX-Collections-Outbound and cxone/Skill/cx-collections-outbound" in line
    assert "without regard to case" in line
    lines = (root / "campaigns" / "cxone" / "skills.yaml").read_text().splitlines()
    first = lines.index("---") + 2  # the collections skill: the document after the separator
    assert line.endswith(f"first declared at campaigns/cxone/skills.yaml:{first}")


def test_a_name_with_a_right_to_left_override_is_a_schema_error_that_never_echoes_the_character(
    tmp_path: Path,
) -> None:
    root = _repo(tmp_path)
    (root / "campaigns" / "cxone" / "odd.yaml").write_text(
        'apiVersion: cxone/v1\nkind: Campaign\nmetadata:\n  name: "retention\u202egnitroper"\nspec: {}\n',
        encoding="utf-8",
    )
    for output in ("text", "json", "github", "sarif"):
        result = run_cli("validate", "campaigns/", "--format", output, cwd=root)
        assert result.code == 1, result.stdout + result.stderr
        assert "\u202e" not in result.stdout + result.stderr
        assert "U+202E RIGHT-TO-LEFT OVERRIDE" in result.stdout
    text = run_cli("validate", "campaigns/", cwd=root).stdout
    assert "campaigns/cxone/odd.yaml:4: SCHEMA metadata.name: " in text


def test_a_name_confusable_with_another_is_a_duplicate_warning_naming_both_documents(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    _add_skill_copy(root, LOOKALIKE)
    _scrub_too(root, LOOKALIKE)
    result = run_cli("validate", "campaigns/", "--format", "json", cwd=root)
    assert result.code == 0, result.stdout + result.stderr
    [warning] = _findings(result.stdout, "DUPLICATE")
    assert warning["severity"] == "warning"
    assert warning["source"] == {"file": "campaigns/cxone/team-b-skills.yaml", "line": 1}
    message = str(warning["message"])
    assert f"cxone/Skill/{COLLECTIONS} (declared at campaigns/cxone/skills.yaml:" in message
    assert "U+0049 LATIN CAPITAL LETTER I" in message


def test_reconciler_allow_accepts_a_lookalike_name_with_its_reason(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    path = _add_skill_copy(root, LOOKALIKE)
    _scrub_too(root, LOOKALIKE)
    text = path.read_text(encoding="utf-8")
    allow = '  annotations:\n    reconciler/allow: "DUPLICATE: the Russian team\'s own skill"\n'
    path.write_text(text.replace("spec:\n", allow + "spec:\n", 1), encoding="utf-8")
    result = run_cli("validate", "campaigns/", "--format", "json", cwd=root)
    assert result.code == 0, result.stdout + result.stderr
    [allowed] = _findings(result.stdout, "DUPLICATE")
    assert allowed["suppressed"] == "the Russian team's own skill"
    assert json.loads(result.stdout)["summary"]["warning"] == 0  # the demo raises no warning of its own
