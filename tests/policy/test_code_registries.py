"""Every finding code lives in one list of checks and the registries tied to it: the Code enum, the
catalogue's default severities, the policy fixtures, the plan schema's code enum and the docs' tables.
A code missing from any of them, or raised by a check that does not declare it, fails here."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from reconciler.diagnostics import CATALOGUE, Code
from reconciler.plan.schema_codes import PLAN_SCHEMA, with_finding_codes
from reconciler.policy.registered import CHECK_CODES, CHECKS
from reconciler.policy.registry import RegisteredCheck
from reconciler.validation import check_context, load_manifests
from tests.conftest import FIXTURES, ROOT, run_cli
from tests.policy.test_fixtures import VIOLATING, _project

SCHEMAS = ROOT / "schemas"
DOC_ROW = re.compile(r"^\| ([A-Z][A-Z-]+) \|", re.MULTILINE)


def _by_name(check: RegisteredCheck) -> str:
    return check.name


def test_every_code_has_a_catalogue_entry_and_every_entry_a_code() -> None:
    assert list(CATALOGUE) == list(Code), "diagnostics.CATALOGUE lists the codes of Code, in its order"


def test_no_code_is_declared_by_two_checks() -> None:
    declared = Counter(code for check in CHECKS for code in check.codes)
    assert [str(code) for code, count in declared.items() if count > 1] == []


@pytest.mark.parametrize("check", CHECKS, ids=_by_name)
def test_a_checks_declared_severity_is_the_catalogues_default(check: RegisteredCheck) -> None:
    for raised in check.raises:
        assert raised.severity == CATALOGUE[raised.code].severity, f"{check.name}: {raised.code}"
        assert raised.citation.strip(), f"{check.name} cites nothing for {raised.code}"


def test_the_policy_fixtures_are_the_check_codes() -> None:
    folders = {path.name for path in (FIXTURES / "policy").iterdir() if path.is_dir()}
    assert folders == {str(code) for code in CHECK_CODES}


def test_the_plan_schemas_code_enum_is_generated_from_the_catalogue() -> None:
    text = (SCHEMAS / PLAN_SCHEMA).read_text(encoding="utf-8")
    enum = json.loads(text)["$defs"]["finding"]["properties"]["code"]["enum"]
    assert enum == [str(code) for code in Code], "run: reconciler schema --out schemas"
    assert with_finding_codes(text, (str(code) for code in Code)) == text


def test_a_new_code_reaches_the_plan_schema_by_regenerating_it() -> None:
    text = (SCHEMAS / PLAN_SCHEMA).read_text(encoding="utf-8")
    codes = [*map(str, Code), "NEW-CODE"]
    written = json.loads(with_finding_codes(text, codes))
    assert written["$defs"]["finding"]["properties"]["code"]["enum"] == codes
    assert written["$defs"]["finding"]["required"] == json.loads(text)["$defs"]["finding"]["required"]


def test_a_plan_schema_without_the_enum_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match=re.escape("no $defs.finding.properties.code.enum")):
        with_finding_codes('{"$defs": {}}', ["SCHEMA"])


def test_every_code_has_a_row_in_a_docs_table() -> None:
    documented = {code for path in (ROOT / "docs").glob("*.md") for code in DOC_ROW.findall(path.read_text())}
    missing = sorted(str(code) for code in Code if str(code) not in documented)
    assert missing == [], f"codes with no '| CODE |' row in any docs/*.md table: {missing}"


def _raised_by_each_check(path: Path) -> dict[str, set[str]]:
    project = _project(path.read_text(encoding="utf-8"))
    loaded = load_manifests([path], project=project)
    context = check_context(loaded, project=project, roots=[path])
    return {check.name: {str(item.code) for item in check.run(context)} for check in CHECKS}


def test_each_check_raises_only_the_codes_it_declares_and_each_declared_code_is_seen() -> None:
    seen: dict[str, set[str]] = {check.name: set() for check in CHECKS}
    for path in VIOLATING:
        for name, codes in _raised_by_each_check(path).items():
            seen[name] |= codes
    for check in CHECKS:
        declared = {str(code) for code in check.codes}
        assert seen[check.name] <= declared, f"{check.name} raises undeclared {seen[check.name] - declared}"
        assert seen[check.name] == declared, (
            f"{check.name}: no violating fixture raises {declared - seen[check.name]}"
        )


def test_reconciler_schema_writes_a_missing_code_back_into_the_plan_schema(tmp_path: Path) -> None:
    schema = json.loads((SCHEMAS / PLAN_SCHEMA).read_text(encoding="utf-8"))
    schema["$defs"]["finding"]["properties"]["code"]["enum"].remove("SCHEDULE-PAST")
    (tmp_path / PLAN_SCHEMA).write_text(json.dumps(schema, indent=2), encoding="utf-8")
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.code == 0, result.stderr
    written = json.loads((tmp_path / PLAN_SCHEMA).read_text(encoding="utf-8"))
    assert written["$defs"]["finding"]["properties"]["code"]["enum"] == [str(code) for code in Code]
    assert "finding codes" in result.stdout
