"""The composite action (action.yml at the repository root) is a valid action (schema shipped by
check-jsonschema), never puts its inputs into script text, and its bash steps do what the README
promises: exit 0 and 2 pass with the code in `exit-code`, anything else fails, plan saves a plan file.
The steps run as GitHub runs `shell: bash` (bash --noprofile --norc -eo pipefail), with a fake
`reconciler` (and, for the install step, a fake `python`) on PATH; one test uses the real CLI."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reconciler.manifest.yaml_reader import read_yaml_documents
from tests.conftest import ROOT, copy_demo
from tests.workflow_commands import effective_commands

ACTION = ROOT / "action.yml"
INPUT_REFERENCE = re.compile(r"^\$\{\{\s*inputs\.([a-z][a-z0-9-]*)\s*\}\}$")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _action_schema() -> dict:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads((vendor / "github-actions.json").read_text())


def _action() -> dict[str, Any]:
    """action.yml as YAML 1.2 reads it (GitHub's dialect)."""
    (document,) = read_yaml_documents(ACTION.read_text(), file=ACTION.name)
    data: dict[str, Any] = document.data
    return data


def _steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _action()["runs"]["steps"]
    return steps


def _step(*, id: str | None = None, name: str | None = None) -> dict[str, Any]:
    found = [
        s for s in _steps() if (id is None or s.get("id") == id) and (name is None or s.get("name") == name)
    ]
    assert len(found) == 1, f"expected one step {id or name}, got {len(found)}"
    return found[0]


# --- schema and shape ------------------------------------------------------------------------------
def test_action_validates_against_the_github_action_schema() -> None:
    jsonschema.Draft7Validator(_action_schema()).validate(_action())


def test_a_broken_action_is_rejected() -> None:
    document = _action()
    document["runs"]["using"] = "node99"
    assert list(jsonschema.Draft7Validator(_action_schema()).iter_errors(document))
    document = _action()
    document["outputs"]["exit-code"].pop("value")  # a composite action's outputs need a value
    assert list(jsonschema.Draft7Validator(_action_schema()).iter_errors(document))


def test_action_is_composite_and_every_run_step_says_shell_bash() -> None:
    runs = _action()["runs"]
    assert runs["using"] == "composite"
    run_steps = [step for step in runs["steps"] if "run" in step]
    assert len(run_steps) == 2
    for step in run_steps:  # the schema does not require `shell`, GitHub does
        assert step["shell"] == "bash", step.get("name")


def test_inputs_and_their_defaults() -> None:
    inputs = _action()["inputs"]
    assert inputs["command"]["required"] is True and "default" not in inputs["command"]
    defaults = {name: spec.get("default") for name, spec in inputs.items() if name != "command"}
    assert defaults == {
        "target": "",
        "args": "",
        "python-version": "3.12",
        "working-directory": ".",
        "version": "",
        "summary": "false",
    }
    setup = next(step for step in _steps() if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"] == {"python-version": "${{ inputs.python-version }}"}
    assert _step(id="run")["working-directory"] == "${{ inputs.working-directory }}"


def test_outputs_come_from_the_reconciler_step() -> None:
    outputs = _action()["outputs"]
    assert {name: spec["value"] for name, spec in outputs.items()} == {
        "exit-code": "${{ steps.run.outputs.exit-code }}",
        "plan-file": "${{ steps.run.outputs.plan-file }}",
        "report-file": "${{ steps.run.outputs.report-file }}",
        "audit-head": "${{ steps.run.outputs.audit-head }}",
    }


# --- script injection ------------------------------------------------------------------------------
def test_no_expression_is_ever_expanded_into_script_text() -> None:
    """`${{ inputs.x }}` in `run:` is pasted into the script before bash parses it: script injection."""
    for step in _steps():
        if "run" in step:
            assert "${{" not in step["run"], f"{step.get('name')}: expression in script text"
            assert "inputs." not in step["run"]


def test_inputs_reach_the_shell_only_through_env_and_every_input_is_used() -> None:
    used: set[str] = set()
    for step in _steps():
        for key, value in step.get("env", {}).items():
            match = INPUT_REFERENCE.match(value)
            assert match, f"{key}: env values are whole `${{{{ inputs.NAME }}}}` references, not {value!r}"
            used.add(match.group(1))
        for where in (step.get("with", {}), {"working-directory": step.get("working-directory", "")}):
            for value in where.values():
                for expression in EXPRESSION.findall(value):
                    assert expression.startswith("inputs."), expression
                    used.add(expression.removeprefix("inputs."))
    assert used == set(_action()["inputs"])


# --- running the steps -----------------------------------------------------------------------------
@dataclass
class StepRun:
    status: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    argv: list[str] | None  # what the fake reconciler (or python) was called with; None if not called
    summary: str


FAKE_RECONCILER = r"""#!/usr/bin/env bash
printf '%s\n' "$@" > "$FAKE_ARGS"
echo "progress on stderr" >&2
echo "# report of $1"
previous=""
for arg in "$@"; do
  if [ "$previous" = --out ]; then echo '{"plan": true}' > "$arg"; fi
  case "$arg" in --out=*) echo '{"plan": true}' > "${arg#--out=}" ;; esac
  previous="$arg"
done
exit "$FAKE_EXIT"
"""


def _bin(tmp_path: Path, *, fake_python: bool = False) -> Path:
    """A bin folder with the fake reconciler and a python (the real one, or a fake that records)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    reconciler = bin_dir / "reconciler"
    reconciler.write_text(FAKE_RECONCILER)
    reconciler.chmod(reconciler.stat().st_mode | stat.S_IEXEC)
    python = bin_dir / "python"
    if fake_python:
        python.write_text('#!/usr/bin/env bash\nprintf \'%s\\n\' "$@" > "$FAKE_ARGS"\n')
    else:
        python.write_text(f'#!/usr/bin/env bash\nexec {shlex.quote(sys.executable)} "$@"\n')
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def _run(
    step: dict[str, Any],
    tmp_path: Path,
    *,
    exit_code: int = 0,
    fake_python: bool = False,
    path: list[Path] | None = None,
    **given: str,
) -> StepRun:
    """Run one `run:` step of the action as the runner does, with `given` inputs over the defaults."""
    specs = _action()["inputs"]
    inputs = {name.replace("-", "_"): spec.get("default", "") for name, spec in specs.items()}
    inputs.update(given)

    def resolve(value: str) -> str:
        match = INPUT_REFERENCE.match(value)
        assert match, value
        return str(inputs[match.group(1).replace("-", "_")])

    workspace = tmp_path / "workspace"
    runner_temp = tmp_path / "runner-temp"
    for folder in (workspace, runner_temp):
        folder.mkdir(exist_ok=True)
    for name in ("output", "summary.md"):
        (tmp_path / name).write_text("")
    (tmp_path / "args").unlink(missing_ok=True)
    bin_dirs = path if path is not None else [_bin(tmp_path, fake_python=fake_python)]
    env = {
        "PATH": os.pathsep.join([*map(str, bin_dirs), os.environ["PATH"]]),
        "HOME": str(tmp_path),
        "FAKE_ARGS": str(tmp_path / "args"),
        "FAKE_EXIT": str(exit_code),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_ACTION_PATH": str(ROOT),
        "RUNNER_TEMP": str(runner_temp),
        **{key: resolve(value) for key, value in step.get("env", {}).items()},
    }
    cwd = workspace / resolve(step["working-directory"]) if "working-directory" in step else workspace
    assert step["shell"] == "bash"
    script = tmp_path / "step.sh"
    script.write_text(step["run"])
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = (tmp_path / "output").read_text().splitlines()
    args = tmp_path / "args"
    return StepRun(
        status=done.returncode,
        stdout=done.stdout,
        stderr=done.stderr,
        outputs=dict(line.split("=", 1) for line in lines),
        argv=args.read_text().splitlines() if args.exists() else None,
        summary=(tmp_path / "summary.md").read_text(),
    )


def _reconciler(tmp_path: Path, **kwargs: Any) -> StepRun:
    return _run(_step(id="run"), tmp_path, **kwargs)


@pytest.mark.parametrize(
    ("version", "installed"),
    [
        ("", str(ROOT)),  # the action's own checkout
        ("0.2.0", "outbound-reconciler==0.2.0"),
        ("outbound-reconciler>=0.1,<0.2", "outbound-reconciler>=0.1,<0.2"),
    ],
)
def test_install_step_installs_the_requested_reconciler(tmp_path: Path, version: str, installed: str) -> None:
    result = _run(_step(name="Install reconciler"), tmp_path, fake_python=True, version=version)
    assert result.status == 0, result.stderr
    assert result.argv is not None and result.argv[:3] == ["-m", "pip", "install"]
    assert result.argv[-1] == installed


@pytest.mark.parametrize(
    ("command", "code", "fails"),
    [
        ("drift", 0, False),
        ("drift", 2, False),  # drift found
        ("plan", 2, False),  # plan --detailed-exitcode: changes
        ("drift", 1, True),
        ("apply", 1, True),  # a failed or refused apply
        ("validate", 1, True),
        ("plan", 3, True),
    ],
)
def test_exit_code_is_recorded_and_only_errors_fail_the_step(
    tmp_path: Path, command: str, code: int, fails: bool
) -> None:
    result = _reconciler(tmp_path, exit_code=code, command=command, target="prod-us")
    assert (result.status != 0) is fails, result.stderr
    if fails:
        assert (
            result.status == code and f"::error::reconciler {command} failed (exit {code})" in result.stdout
        )
    assert result.outputs["exit-code"] == str(code)
    assert f"# report of {command}" in result.stdout.splitlines()  # the report stays in the log
    report = Path(result.outputs["report-file"])
    assert report.is_absolute() and report.read_text() == f"# report of {command}\n"
    assert "progress on stderr" not in report.read_text()


def test_target_is_passed_to_online_commands_and_ignored_by_validate(tmp_path: Path) -> None:
    for command in ("plan", "apply", "drift"):
        result = _reconciler(tmp_path, command=command, target="prod-us")
        assert result.argv is not None and result.argv[:3] == [command, "--target", "prod-us"]
    result = _reconciler(tmp_path, command="validate", target="prod-us", args="--format github")
    assert result.status == 0
    assert result.argv == ["validate", "--format", "github"]
    assert "::warning::validate is offline; the target input is ignored" in result.stdout
    result = _reconciler(tmp_path, command="drift", args="--format markdown")  # no target: default_target
    assert result.argv == ["drift", "--format", "markdown"]


def test_plan_saves_plan_json_and_reports_its_absolute_path(tmp_path: Path) -> None:
    result = _reconciler(tmp_path, exit_code=2, command="plan", args="--detailed-exitcode")
    assert result.status == 0
    assert result.argv == ["plan", "--detailed-exitcode", "--out", "plan.json"]
    plan_file = Path(result.outputs["plan-file"])
    assert plan_file == (tmp_path / "workspace" / "plan.json").resolve()
    assert json.loads(plan_file.read_text()) == {"plan": True}


@pytest.mark.parametrize("out", [["--out", "saved plans/next.json"], ["--out=saved plans/next.json"]])
def test_plan_keeps_an_out_given_in_args(tmp_path: Path, out: list[str]) -> None:
    (tmp_path / "workspace" / "saved plans").mkdir(parents=True)
    result = _reconciler(tmp_path, command="plan", args=shlex.join(["--format", "markdown", *out]))
    assert result.argv == ["plan", "--format", "markdown", *out]  # no second --out
    plan_file = Path(result.outputs["plan-file"])
    assert plan_file == (tmp_path / "workspace" / "saved plans" / "next.json").resolve()
    assert plan_file.exists()


def test_no_plan_file_output_when_no_plan_was_saved_or_for_other_commands(tmp_path: Path) -> None:
    assert "plan-file" not in _reconciler(tmp_path, command="drift").outputs
    assert "plan-file" not in _reconciler(tmp_path, command="apply", args="plan.json --auto-approve").outputs
    (tmp_path / "bin" / "reconciler").write_text("#!/usr/bin/env bash\nexit 1\n")  # fails before saving
    result = _run(_step(id="run"), tmp_path, path=[tmp_path / "bin"], command="plan")
    assert result.status == 1 and result.outputs["exit-code"] == "1" and "plan-file" not in result.outputs


def test_args_are_split_like_a_shell_but_never_evaluated(tmp_path: Path) -> None:
    hostile = "--note \"two words\" '$(touch pwned1)' $(touch pwned2) `touch pwned3` ; touch pwned4 && $HOME"
    result = _reconciler(tmp_path, command="drift", args=hostile)
    assert result.status == 0, result.stderr
    assert result.argv == ["drift", *shlex.split(hostile)]
    assert "two words" in result.argv and "$(touch pwned1)" in result.argv and "$HOME" in result.argv
    assert not list(tmp_path.rglob("pwned*"))


@pytest.mark.parametrize("field", ["target", "command"])
def test_hostile_inputs_are_data_not_code(tmp_path: Path, field: str) -> None:
    hostile = {"command": "drift", "target": "prod-us"}
    hostile[field] = '"; touch pwned; echo "'
    result = _reconciler(tmp_path, **hostile)
    assert not list(tmp_path.rglob("pwned*"))
    if field == "target":
        assert result.argv == ["drift", "--target", hostile["target"]]
    else:
        assert result.status == 1 and result.argv is None


@pytest.mark.parametrize("command", ["emulator", "export", "", "plan apply"])
def test_only_the_four_commands_are_run(tmp_path: Path, command: str) -> None:
    result = _reconciler(tmp_path, command=command)
    assert result.status == 1 and result.argv is None
    assert "::error::the command input must be validate, plan, apply or drift" in result.stdout
    assert "exit-code" not in result.outputs


def test_unbalanced_quotes_in_args_fail_without_running(tmp_path: Path) -> None:
    result = _reconciler(tmp_path, command="plan", args='--out "plan.json')
    assert result.status == 1 and result.argv is None
    assert "could not split the args input" in result.stdout


def test_working_directory_is_where_reconciler_runs(tmp_path: Path) -> None:
    (tmp_path / "workspace" / "config").mkdir(parents=True)
    result = _reconciler(tmp_path, command="plan", working_directory="config")
    assert Path(result.outputs["plan-file"]) == (tmp_path / "workspace" / "config" / "plan.json").resolve()
    assert not (tmp_path / "workspace" / "plan.json").exists()


def test_the_job_summary_gets_the_report_only_when_asked(tmp_path: Path) -> None:
    assert _reconciler(tmp_path, command="plan").summary == ""
    result = _reconciler(tmp_path, exit_code=1, command="apply", summary="true")
    assert result.status == 1 and result.summary == "# report of apply\n"


# --- the real command line -------------------------------------------------------------------------
def _real_reconciler_bin() -> Path | None:
    folder = Path(sys.executable).parent
    return folder if shutil.which("reconciler", path=str(folder)) else None


def _demo_config(tmp_path: Path) -> Path:
    """The demo config repo in the workspace's `config` folder (the emulated `local` target)."""
    config = tmp_path / "workspace" / "config"
    return copy_demo(config)


@pytest.mark.skipif(_real_reconciler_bin() is None, reason="the reconciler console script is not installed")
def test_the_action_runs_the_real_cli_plan_with_changes_against_the_emulator(tmp_path: Path) -> None:
    _demo_config(tmp_path)
    real = [_real_reconciler_bin() or Path()]
    validate = _run(_step(id="run"), tmp_path, path=real, command="validate", working_directory="config")
    assert validate.status == 0 and validate.outputs["exit-code"] == "0", validate.stderr
    plan = _run(
        _step(id="run"),
        tmp_path,
        path=real,
        command="plan",
        target="local",
        args="--detailed-exitcode --format markdown",
        working_directory="config",
        summary="true",
    )
    assert plan.status == 0, plan.stderr  # exit 2 (changes) passes
    assert plan.outputs["exit-code"] == "2"
    assert json.loads(Path(plan.outputs["plan-file"]).read_text())
    assert "## Reconciler plan: `local`" in plan.summary


@pytest.mark.skipif(_real_reconciler_bin() is None, reason="the reconciler console script is not installed")
def test_the_action_hands_out_the_audit_chain_head_of_a_real_apply(tmp_path: Path) -> None:
    config, real = _demo_config(tmp_path), [_real_reconciler_bin() or Path()]
    applied = _run(
        _step(id="run"),
        tmp_path,
        path=real,
        command="apply",
        target="local",
        args="--auto-approve",
        working_directory="config",
    )
    assert applied.status == 0, applied.stderr
    last_line = (config / ".reconciler" / "audit.jsonl").read_bytes().splitlines()[-1]
    assert applied.outputs["audit-head"] == hashlib.sha256(last_line).hexdigest()
    planned = _run(
        _step(id="run"), tmp_path, path=real, command="plan", target="local", working_directory="config"
    )
    assert "audit-head" not in planned.outputs


HOSTILE = """#!/usr/bin/env bash
echo "$*" > "$FAKE_ARGS"
printf '::error::owned-on-stderr\\n::stop-commands::owned\\n' >&2
if [[ "$*" == *"--format github"* ]]; then
  echo '::error file=a.yaml,line=3,title=SCHEMA::escaped%0A::error::owned-but-escaped'
else
  printf '# report\\n::error::owned-on-stdout\\n  ::add-mask::owned-indented\\n'
fi
exit "${FAKE_EXIT:-0}"
"""


@pytest.mark.parametrize(
    ("command", "args"),
    [("plan", ""), ("apply", "plan.json --auto-approve"), ("validate", "--format github")],
)
def test_reconciler_output_cannot_start_a_workflow_command(tmp_path: Path, command: str, args: str) -> None:
    bin_dir = _bin(tmp_path)
    (bin_dir / "reconciler").write_text(HOSTILE)
    result = _run(_step(id="run"), tmp_path, path=[bin_dir], command=command, args=args)
    assert "owned-on-stderr" in result.stderr and result.status == 0
    acted = effective_commands(result.stdout + result.stderr)
    ours = "::error file=a.yaml,line=3,title=SCHEMA::"  # reconciler's own annotation, its message escaped
    assert [item for item in acted if "owned" in item and not item.startswith(ours)] == []
    if command == "validate":
        assert any(item.startswith(ours) for item in acted)  # annotations still work
    assert Path(result.outputs["report-file"]).read_text().startswith(("# report", "::error file="))
