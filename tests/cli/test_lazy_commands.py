"""The CLI imports a command's modules only when that command runs; --help still lists every command."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from reconciler.cli import COMMANDS, cli

REPO = Path(__file__).resolve().parents[2]
EVERY_COMMAND = {
    "validate",
    "schema",
    "plan",
    "apply",
    "drift",
    "export",
    "emulator",
    "audit",
    "simulate",
    "forecast",
    "rules",
    "doctor",
    "check-plan",
    "targets",
    "render",
    "diff-targets",
    "monitor",
}
PROBE = """
import json, sys
from reconciler.cli import main
sys.argv = ["reconciler", *sys.argv[1:]]
code = 0
try:
    main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _modules_after(*args: str) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=REPO, capture_output=True, text=True, check=False
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], report["modules"]


@pytest.mark.parametrize(
    ("args", "command_module"),
    [(("--version",), None), (("validate", "campaigns/"), "reconciler.cli.validate_cmd")],
)
def test_version_and_validate_load_no_emulator_and_no_writer(
    args: tuple[str, ...], command_module: str | None
) -> None:
    code, modules = _modules_after(*args)
    assert code == 0
    heavy = [name for name in modules if name.startswith(("reconciler.emulator", "reconciler.apply"))]
    assert heavy == []
    commands = {name for name in modules if name.startswith("reconciler.cli.") and name.endswith("_cmd")}
    assert commands == ({command_module} if command_module else set())


def test_a_command_runs_with_its_own_modules_loaded() -> None:
    code, modules = _modules_after("emulator", "--help")
    assert code == 0
    assert "reconciler.cli.emulator_cmd" in modules
    assert "reconciler.cli.apply_cmd" not in modules


def _eager_group() -> click.Group:
    """The group as it was before lazy loading: every command imported and added by hand."""
    group = click.Group(
        name=cli.name, help=cli.help, params=cli.params, context_settings=cli.context_settings
    )
    for name, target in COMMANDS.items():
        module_name, _, attribute = target.partition(":")
        group.add_command(getattr(importlib.import_module(module_name), attribute), name)
    return group


def test_help_lists_every_command_with_the_same_short_help() -> None:
    lazy = CliRunner().invoke(cli, ["--help"], prog_name="reconciler", terminal_width=100)
    eager = CliRunner().invoke(_eager_group(), ["--help"], prog_name="reconciler", terminal_width=100)
    assert lazy.exit_code == 0
    assert lazy.output == eager.output
    listed = lazy.output.split("Commands:\n", 1)[1].splitlines()
    assert {line.split()[0] for line in listed if line.strip()} == EVERY_COMMAND


def test_each_lazy_command_is_the_click_command_of_that_name() -> None:
    assert set(COMMANDS) == EVERY_COMMAND
    with click.Context(cli) as context:
        names = {name: cli.get_command(context, name) for name in COMMANDS}
    assert {name: command.name if command else None for name, command in names.items()} == {
        name: name for name in COMMANDS
    }


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["nonsense"])
    assert result.exit_code == 2
    assert "No such command 'nonsense'" in result.output
