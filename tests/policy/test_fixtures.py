"""Every compliance code has violating and compliant fixtures (data files), checked the way `validate` does.

Layout: tests/fixtures/policy/<CODE>/violating/*.yaml and .../compliant/*.yaml; each file is one
manifest set (multi-document YAML). A violating file lists what it must raise in header comments:
`# expect: CODE LINE` (the finding's line) and optionally `# message: text` (a piece of the message).
A compliant file must raise no finding of its directory's code, and no error at all.
A fixture may set the project's default jurisdictions with `# jurisdictions: US, US-FL`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reconciler.config import ProjectFile
from reconciler.diagnostics import Code, Severity
from reconciler.plan.masking import without_fingerprints
from reconciler.policy.registered import CHECK_CODES
from reconciler.validation import validate_paths
from tests.conftest import FIXTURES

POLICY = FIXTURES / "policy"
EXPECT = re.compile(r"^# expect: ([A-Z-]+) (\d+)$", re.MULTILINE)
MESSAGE = re.compile(r"^# message: (.+)$", re.MULTILINE)
JURISDICTIONS = re.compile(r"^# jurisdictions: (.+)$", re.MULTILINE)


def _files(kind: str) -> list[Path]:
    return sorted(POLICY.glob(f"*/{kind}/*.yaml"))


def _ids(paths: list[Path]) -> list[str]:
    return [f"{path.parent.parent.name}/{path.name}" for path in paths]


def _project(text: str) -> ProjectFile | None:
    found = JURISDICTIONS.search(text)
    if found is None:
        return None
    codes = [code.strip() for code in found.group(1).split(",")]
    return ProjectFile.model_validate({"compliance": {"jurisdictions": codes}})


VIOLATING = _files("violating")
COMPLIANT = _files("compliant")


def test_every_compliance_code_has_violating_and_compliant_fixtures() -> None:
    violating = {path.parent.parent.name for path in VIOLATING}
    compliant = {path.parent.parent.name for path in COMPLIANT}
    missing = sorted(str(code) for code in CHECK_CODES if not {str(code)} <= violating & compliant)
    assert missing == [], f"no violating and compliant fixtures for {missing}"


@pytest.mark.parametrize("path", VIOLATING, ids=_ids(VIOLATING))
def test_violating_fixture_raises_its_findings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = [(Code(code), int(line)) for code, line in EXPECT.findall(text)]
    assert expected, f"{path} has no '# expect: CODE LINE' header"
    findings = validate_paths([path], project=_project(text)).findings
    got = {(item.code, item.source.line if item.source else 0) for item in findings}
    for code, line in expected:
        assert (code, line) in got, f"{code} at line {line} not raised; got {sorted(map(str, got))}"
    for piece in MESSAGE.findall(text):
        messages = [without_fingerprints(item.message) for item in findings]  # fingerprints differ per run
        assert any(piece in message for message in messages), f"no message contains {piece!r}"


@pytest.mark.parametrize("path", COMPLIANT, ids=_ids(COMPLIANT))
def test_compliant_fixture_raises_nothing(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    code = Code(path.parent.parent.name)
    findings = validate_paths([path], project=_project(text)).findings
    assert [item for item in findings if item.code == code] == []
    assert [item for item in findings if item.severity == Severity.ERROR and item.suppressed is None] == []
