"""Findings as text, JSON document, and GitHub workflow annotations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from reconciler import __version__
from reconciler.diagnostics import Finding, Severity, Summary
from reconciler.plan.masking import mask_text


def masked_findings(findings: Sequence[Finding]) -> list[Finding]:
    """The findings with phone numbers masked in message and reason (a SCHEMA error echoes the input)."""
    return [
        replace(
            item,
            message=mask_text(item.message),
            suppressed=None if item.suppressed is None else mask_text(item.suppressed),
        )
        for item in findings
    ]


def finding_line(item: Finding) -> str:
    """`file:line: CODE message`, with the severity named for warnings."""
    where = f"{item.source.file}:{item.source.line}: " if item.source is not None else ""
    level = "" if item.severity == Severity.ERROR else f"({item.severity}) "
    suppressed = f" [allowed: {item.suppressed}]" if item.suppressed else ""
    return f"{where}{item.code} {level}{item.message}{suppressed}"


def summary_line(findings: Sequence[Finding], *, files: int, documents: int) -> str:
    counts = Summary.of(findings).counts
    return (
        f"{counts['error']} error(s), {counts['warning']} warning(s) "
        f"in {documents} document(s) from {files} file(s)"
    )


def findings_document(
    findings: Sequence[Finding], *, command: str, files: int, documents: int
) -> dict[str, Any]:
    """The JSON shape of validate: findings exactly as in the plan document (ARCHITECTURE.md §5)."""
    counts = Summary.of(findings).counts
    return {
        "format_version": "1",
        "tool_version": __version__,
        "command": command,
        "findings": [item.to_dict() for item in findings],
        "summary": {
            "error": counts["error"],
            "warning": counts["warning"],
            "files": files,
            "documents": documents,
        },
    }


def _escape_data(text: str) -> str:
    """Workflow-command message data: `%`, CR and LF escaped, so no text can end the line and start a command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow-command property value: data escaping plus `:` and `,`, which end a value."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(item: Finding) -> str:
    """A workflow command GitHub shows inline on the pull request's changed file."""
    command = "error" if item.severity == Severity.ERROR else "warning"
    props = [f"title={_escape_property(str(item.code))}"]
    if item.source is not None:
        props.insert(0, f"line={item.source.line}")
        props.insert(0, f"file={_escape_property(item.source.file)}")
    return f"::{command} {','.join(props)}::{_escape_data(item.message)}"


def github_error(message: str, *, file: str | None = None, line: int | None = None) -> str:
    """An `::error` workflow command for a problem that is not a finding (a bad project file, say)."""
    props = [] if file is None else [f"file={_escape_property(file)}", f"line={line or 1}"]
    return (
        f"::error {','.join(props)}::{_escape_data(message)}"
        if props
        else f"::error::{_escape_data(message)}"
    )
