"""The `reconciler` command line: one module per command, errors as messages with exit codes.

Exit codes everywhere: 0 success, 1 error (including error findings), 2 changes or drift present.
"""

from __future__ import annotations

import sys

import click

from reconciler import __version__
from reconciler.cli.lazy_group import LazyGroup
from reconciler.cli.output_guard import (
    enable_debug,
    guard_output,
    internal_error_line,
    print_traceback_if_debug,
)
from reconciler.exceptions import ReconcilerError
from reconciler.redaction import redact
from reconciler.runtime import tune_garbage_collector
from reconciler.telemetry import tracing

# each command's module is imported only when that command runs (or --help lists it), so
# `reconciler --version` and `reconciler validate` load neither the emulator nor the writers
COMMANDS = {
    "validate": "reconciler.cli.validate_cmd:validate",
    "schema": "reconciler.cli.schema_cmd:schema",
    "plan": "reconciler.cli.plan_cmd:plan",
    "apply": "reconciler.cli.apply_cmd:apply",
    "drift": "reconciler.cli.plan_cmd:drift",
    "export": "reconciler.cli.export_cmd:export",
    "emulator": "reconciler.cli.emulator_cmd:emulator",
    "audit": "reconciler.cli.audit_cmd:audit",
    "simulate": "reconciler.cli.simulate_cmd:simulate",
    "forecast": "reconciler.cli.forecast_cmd:forecast",
    "rules": "reconciler.cli.rules_cmd:rules",
    "doctor": "reconciler.cli.doctor_cmd:doctor",
    "check-plan": "reconciler.cli.check_plan_cmd:check_plan",
    "targets": "reconciler.cli.targets_cmd:targets",
    "render": "reconciler.cli.render_cmd:render",
    "diff-targets": "reconciler.cli.diff_targets_cmd:diff_targets",
    "monitor": "reconciler.cli.monitor_cmd:monitor",
}


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="reconciler")
@click.option("--debug", is_flag=True, help="Show tracebacks (redacted) and debug logs on errors.")
def cli(debug: bool) -> None:
    """Outbound dialing configuration as code for Genesys Cloud and NICE CXone.

    Manifests (YAML) describe campaigns, rules, schedules, DNC lists and dialer settings;
    `reconciler validate` checks them offline (schema and compliance), `reconciler plan` compares
    them with a live org (or the built-in emulator), `reconciler apply` makes the changes,
    `reconciler drift` reports what changed live, `simulate`/`forecast` predict pacing, and
    `reconciler monitor` measures abandonment against the legal caps.
    """
    if debug:
        enable_debug()


def main() -> None:
    """Console entry point: an error becomes one redacted line on stderr and exit 1; tracebacks need --debug."""
    tune_garbage_collector()
    guard_output()
    tracing.configure_from_env()  # the SDK flushes its spans at exit (TracerProvider shutdown_on_exit)
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(1 if exc.exit_code == 2 else exc.exit_code)
    except ReconcilerError as exc:
        print_traceback_if_debug()
        click.echo(f"error: {redact(str(exc))}", err=True)  # refusals quote findings and server answers
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug or an input no check foresaw: one line, not a traceback
        print_traceback_if_debug()
        click.echo(internal_error_line(exc), err=True)
        sys.exit(1)
