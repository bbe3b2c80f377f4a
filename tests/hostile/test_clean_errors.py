"""Hostile files and answers end in one line naming the file (and line) or the request, and exit 1.

No traceback unless --debug. Each case crashed with a traceback before (issue #12).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, run_cli
from tests.hostile.fake_genesys import FakeGenesys, fixed, project, run

LOCAL = (
    "manifests: m/\ndefault_target: local\ntargets:\n  local:\n    platform: genesys\n    emulator: true\n"
)
CONTACT_LIST = (
    "apiVersion: genesys/v1\nkind: ContactList\nmetadata:\n  name: cl\nspec:\n"
    "  column_names: [id, phone]\n  phone_columns:\n    - column_name: phone\n      type: cell\n"
)
DNC_LIST = (
    "apiVersion: genesys/v1\nkind: DncList\nmetadata:\n  name: internal-dnc\nspec:\n"
    "  dnc_source_type: rds\n  contact_method: Phone\n  entries: dnc.csv\n"
)
ENTRIES_LINE = 8
HUGE = "9" * 5000


def repo(root: Path, *, manifests: dict[str, str] | None = None, project_text: str = LOCAL) -> Path:
    """A config repo on the local emulator with the given manifest files under m/."""
    (root / "m").mkdir(exist_ok=True)
    for name, text in (manifests if manifests is not None else {"lists.yaml": CONTACT_LIST}).items():
        (root / "m" / name).write_text(text, encoding="utf-8")
    (root / "reconciler.yaml").write_text(project_text, encoding="utf-8")
    return root


def one_clean_error(result: CliResult, *expected: str) -> str:
    """Exit 1, no traceback, and an `error:` line or a finding that holds every expected part."""
    shown = result.stdout + result.stderr
    assert result.code == 1, shown
    assert "Traceback" not in shown, shown
    lines = [line for line in shown.splitlines() if all(part in line for part in expected)]
    assert lines, f"no line holds {expected}:\n{shown}"
    return lines[0]


def test_an_integer_past_4300_digits_in_a_manifest_is_a_schema_error_at_its_line(tmp_path: Path) -> None:
    manifest = CONTACT_LIST + f"  ring_count: {HUGE}\n"
    repo(tmp_path, manifests={"lists.yaml": manifest})

    for command in ("validate", "plan"):
        line = one_clean_error(run_cli(command, cwd=tmp_path), "m/lists.yaml:10:", "integer too long")
        assert HUGE not in line


def test_an_integer_past_4300_digits_in_reconciler_yaml_names_its_line(tmp_path: Path) -> None:
    repo(tmp_path, project_text=LOCAL + f"audit:\n  path: {HUGE}\n")

    line = one_clean_error(run_cli("validate", cwd=tmp_path), "reconciler.yaml:8:", "integer too long")
    assert line.startswith("error:")


def test_a_manifest_file_that_is_a_symlink_loop_is_a_schema_error(tmp_path: Path) -> None:
    repo(tmp_path)
    os.symlink("loop.yaml", tmp_path / "m" / "loop.yaml")

    one_clean_error(run_cli("validate", cwd=tmp_path), "m/loop.yaml:1:", "SCHEMA", "symbolic links")
    one_clean_error(run_cli("validate", "m/loop.yaml", cwd=tmp_path), "m/loop.yaml:1:", "symbolic links")
    one_clean_error(run_cli("plan", cwd=tmp_path), "m/loop.yaml:1:", "symbolic links")


def test_a_manifest_folder_that_is_a_symlink_loop_is_a_schema_error(tmp_path: Path) -> None:
    repo(tmp_path, project_text=LOCAL.replace("manifests: m/", "manifests: looped/"))
    os.symlink("looped", tmp_path / "looped")

    one_clean_error(run_cli("validate", cwd=tmp_path), "looped:1:", "SCHEMA", "symbolic links")


def test_a_dnc_csv_that_is_a_symlink_loop_is_a_schema_error_on_the_entries_line(tmp_path: Path) -> None:
    repo(tmp_path, manifests={"dnc.yaml": DNC_LIST})
    os.symlink("dnc.csv", tmp_path / "m" / "dnc.csv")

    for command in ("validate", "plan"):
        one_clean_error(
            run_cli(command, cwd=tmp_path),
            f"m/dnc.yaml:{ENTRIES_LINE}:",
            "SCHEMA",
            "dnc.csv",
            "symbolic links",
        )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_dnc_csv_is_refused_at_validate_and_never_crashes_plan(tmp_path: Path, encoding: str) -> None:
    repo(tmp_path, manifests={"dnc.yaml": DNC_LIST})
    (tmp_path / "m" / "dnc.csv").write_bytes("number\n+12125550111\n".encode(encoding))

    for command in ("validate", "plan"):
        line = one_clean_error(
            run_cli(command, cwd=tmp_path), f"m/dnc.yaml:{ENTRIES_LINE}:", "SCHEMA", "UTF-8"
        )
        assert "spec.entries" in line and "dnc.csv" in line


@pytest.mark.parametrize(
    ("body", "content_type", "problem"),
    [
        (b"<html><body>Gateway login</body></html>", "text/html", "text/html body, not JSON"),
        (b'{"entities": [{"id": "a", "name": "x"}', "application/json", "invalid JSON"),
        (b'{"entities": "none", "pageCount": 1}', "application/json", "`entities` as a JSON string"),
        (b'{"entities": [1, 2], "pageCount": 1}', "application/json", "`entities[0]` as a JSON number"),
        (b"[1, 2]", "application/json", "`body[0]` as a JSON number"),
        (b'{"entities": [], "pageCount": ' + HUGE.encode() + b"}", "application/json", "number too long"),
    ],
)
def test_a_listing_that_is_not_the_documented_json_names_the_request(
    tmp_path: Path, body: bytes, content_type: str, problem: str
) -> None:
    with FakeGenesys(reads=fixed(200, content_type, body)) as fake:
        project(tmp_path, fake.url)
        result = run(tmp_path, "plan")

    one_clean_error(result, "error:", "GET /api/v2/outbound/", "answered HTTP 200", problem)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_an_unforeseen_failure_is_one_internal_error_line(tmp_path: Path) -> None:
    answer = json.dumps({"entities": [], "pageCount": "many"}).encode()
    with FakeGenesys(reads=fixed(200, "application/json", answer)) as fake:
        project(tmp_path, fake.url)
        result = run(tmp_path, "plan")

    one_clean_error(result, "error:")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    with FakeGenesys(reads=fixed(200, "text/html", b"<html></html>")) as fake:
        project(tmp_path, fake.url)
        result = run(tmp_path, "--debug", "plan")

    assert result.code == 1
    assert "Traceback (most recent call last)" in result.stderr and "MalformedResponse" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: GET /api/v2/outbound/")


def _tamper(key: str, value: object) -> Callable[[dict[str, object]], None]:
    def change(document: dict[str, object]) -> None:
        changes = document["resource_changes"]
        assert isinstance(changes, list) and changes
        if key == "":
            changes[0] = value
        else:
            changes[0][key] = value

    return change


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        (_tamper("changes", "not a list"), "changes is not a list"),
        (_tamper("changes", [1]), "changes is not a list"),
        (_tamper("numbers", [1]), "numbers is neither null nor an object"),
        (_tamper("actions", [1]), "actions is not a list of strings"),
        (_tamper("steps", None), "steps is not a list of strings"),
        (_tamper("", "a string"), "resource_changes[0]: not an object"),
    ],
)
def test_a_malformed_saved_plan_is_refused_naming_the_file(
    tmp_path: Path, tamper: Callable[[dict[str, object]], None], problem: str
) -> None:
    repo(tmp_path)
    assert run_cli("plan", "--out", "plan.json", cwd=tmp_path).code == 0
    document = json.loads((tmp_path / "plan.json").read_text())
    tamper(document)
    (tmp_path / "plan.json").write_text(json.dumps(document))

    one_clean_error(run_cli("apply", "plan.json", cwd=tmp_path), "error: plan.json:", problem)


def test_a_saved_plan_holding_a_4300_digit_number_is_refused_naming_the_file(tmp_path: Path) -> None:
    repo(tmp_path)
    (tmp_path / "plan.json").write_text('{"format_version": "1", "summary": {"create": ' + HUGE + "}}")

    one_clean_error(run_cli("apply", "plan.json", cwd=tmp_path), "error: plan.json:", "not a plan file")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "invalid JSON"),
        (b'{"genesys": [1, 2]}', "`genesys` is not an object"),
        (b'{"genesys": {"campaigns": {"a": 1}}}', "`genesys.campaigns`"),
        (bytes(range(256)) * 4, "not UTF-8"),
        (b'{"meta": {"n": ' + HUGE.encode() + b"}}", "a number too long to read"),
    ],
)
def test_a_corrupt_emulator_state_file_names_the_file_and_how_to_reset_it(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    repo(tmp_path)
    (tmp_path / ".reconciler").mkdir()
    (tmp_path / ".reconciler" / "local.json").write_bytes(content)

    for command in (["plan"], ["apply", "--auto-approve"]):
        line = one_clean_error(run_cli(*command, cwd=tmp_path), problem)
        assert line.startswith("error:") and ".reconciler/local.json" in line and "delete it" in line
