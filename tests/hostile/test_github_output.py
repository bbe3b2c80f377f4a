"""`--format github`: manifest or project text holding a newline and `::` (or a literal `%0A`) cannot
start a second workflow command, on stdout or stderr."""

from __future__ import annotations

import json
from pathlib import Path

from reconciler.diagnostics import Code, Severity, finding
from reconciler.exceptions import Location
from reconciler.render.findings import github_annotation, github_error
from tests.conftest import run_cli

PAYLOAD = "\n::error::owned\r::add-mask::owned %0A::warning::owned"


def _unescape(data: str) -> str:
    return data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _command_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


def test_a_finding_is_one_command_whatever_its_text() -> None:
    item = finding(Code.SCHEMA, f"bad value{PAYLOAD}", source=Location(f"a,b:c{PAYLOAD}.yaml", 7))
    line = github_annotation(item)
    assert "\n" not in line and "\r" not in line
    head, message = line.split("::", 2)[1:]
    assert (
        head
        == "error file=a%2Cb%3Ac%0A%3A%3Aerror%3A%3Aowned%0D%3A%3Aadd-mask%3A%3Aowned %250A%3A%3Awarning%3A%3Aowned.yaml,line=7,title=SCHEMA"
    )
    assert _unescape(message) == f"bad value{PAYLOAD}"  # the runner shows the text exactly, as one message
    warning = github_annotation(finding(Code.SCHEMA, "x%0A::y", severity=Severity.WARNING))
    assert warning == "::warning title=SCHEMA::x%250A::y"


def test_an_error_outside_findings_is_one_command_too() -> None:
    assert github_error(f"bad{PAYLOAD}", file="r.yaml", line=3).count("\n") == 0
    assert github_error("x%y").endswith("::x%25y")


def test_validate_github_output_has_one_line_per_finding(tmp_path: Path) -> None:
    manifest = {
        "apiVersion": "genesys/v1",
        "kind": "DncList",
        "metadata": {"name": f"list{PAYLOAD}", "annotations": {"reconciler/allow": f"NOPE: x{PAYLOAD}"}},
        "spec": {"dnc_source_type": f"rds{PAYLOAD}", "contact_method": "Phone"},
    }
    (tmp_path / "lists.yaml").write_text(json.dumps(manifest))  # JSON is YAML: the escapes are exact
    listed = run_cli("validate", "lists.yaml", "--format", "json", cwd=tmp_path).stdout
    messages = [item["message"] for item in json.loads(listed)["findings"]]
    done = run_cli("validate", "lists.yaml", "--format", "github", cwd=tmp_path)
    assert done.code == 1 and len(messages) >= 3
    lines = done.stdout.splitlines()
    assert all(
        line.startswith(("::error file=lists.yaml,line=", "::warning file=lists.yaml,")) for line in lines
    )
    assert sorted(_unescape(line.split("::", 2)[2]) for line in lines) == sorted(messages)
    assert any("'::error::owned'" in line for line in lines)  # quoted inside one message, not a command
    assert _command_lines(done.stderr) == []


def test_a_project_file_error_cannot_start_a_command(tmp_path: Path) -> None:
    (tmp_path / "campaigns").mkdir()
    region = json.dumps(f"us{PAYLOAD}")
    (tmp_path / "reconciler.yaml").write_text(
        "manifests: campaigns/\ntargets:\n"
        f"  t: {{platform: genesys, region: {region}, client_id_env: A, client_secret_env: B}}\n"
    )
    done = run_cli("validate", "--format", "github", cwd=tmp_path)
    assert done.code == 1 and "Traceback" not in done.stderr
    (line,) = _command_lines(done.stdout + done.stderr)
    assert line.startswith("::error::invalid project file:%0A  reconciler.yaml:3: targets.t:")
    assert "'us%0A::error::owned%0D::add-mask::owned %250A::warning::owned'" in line
