from __future__ import annotations

from reconciler.diagnostics import Code, Severity, finding
from reconciler.exceptions import Location
from reconciler.render.findings import finding_line, findings_document, github_annotation


def test_text_line_reads_file_line_code_message() -> None:
    item = finding(Code.DUPLICATE, "declared twice", source=Location("campaigns/a.yaml", 9))
    assert finding_line(item) == "campaigns/a.yaml:9: DUPLICATE declared twice"
    warn = finding(Code.REF_MISSING, "no list", source=Location("a.yaml", 2), severity=Severity.WARNING)
    assert finding_line(warn) == "a.yaml:2: REF-MISSING (warning) no list"


def test_github_annotations_escape_their_data() -> None:
    item = finding(Code.SCHEMA, "50% bad\nsecond line", source=Location("dir,x/a:b.yaml", 3))
    assert (
        github_annotation(item)
        == "::error file=dir%2Cx/a%3Ab.yaml,line=3,title=SCHEMA::50%25 bad%0Asecond line"
    )
    warn = finding(Code.REF_MISSING, "m", severity=Severity.WARNING)
    assert github_annotation(warn) == "::warning title=REF-MISSING::m"


def test_json_document_has_findings_in_plan_shape() -> None:
    item = finding(Code.CYCLE, "a -> b -> a", address="genesys/Campaign/a", source=Location("a.yaml", 1))
    document = findings_document([item], command="validate", files=1, documents=2)
    assert document["format_version"] == "1" and document["command"] == "validate"
    assert document["findings"] == [
        {
            "code": "CYCLE",
            "severity": "error",
            "message": "a -> b -> a",
            "address": "genesys/Campaign/a",
            "source": {"file": "a.yaml", "line": 1},
        }
    ]
    assert document["summary"] == {"error": 1, "warning": 0, "files": 1, "documents": 2}
