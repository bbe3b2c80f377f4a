"""The `reconciler` command line: one module per command, errors as messages with exit codes.

Exit codes everywhere: 0 success, 1 error (including error findings), 2 changes or drift present.
"""

from __future__ import annotations

import sys

import click

from reconciler import __version__
from reconciler.cli.apply_cmd import apply
from reconciler.cli.audit_cmd import audit
from reconciler.cli.check_plan_cmd import check_plan
from reconciler.cli.doctor_cmd import doctor
from reconciler.cli.emulator_cmd import emulator
from reconciler.cli.export_cmd import export
from reconciler.cli.forecast_cmd import forecast
from reconciler.cli.output_guard import (
    enable_debug,
    guard_output,
    internal_error_line,
    print_traceback_if_debug,
)
from reconciler.cli.plan_cmd import drift, plan
from reconciler.cli.rules_cmd import rules
from reconciler.cli.schema_cmd import schema
from reconciler.cli.simulate_cmd import simulate
from reconciler.cli.targets_cmd import targets
from reconciler.cli.validate_cmd import validate
from reconciler.exceptions import ReconcilerError
from reconciler.redaction import redact
from reconciler.runtime import tune_garbage_collector
from reconciler.telemetry import tracing


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reconciler")
@click.option("--debug", is_flag=True, help="Show tracebacks (redacted) and debug logs on errors.")
def cli(debug: bool) -> None:
    """Outbound dialing configuration as code for Genesys Cloud and NICE CXone.

    Manifests (YAML) describe campaigns, rules, schedules, DNC lists and dialer settings;
    `reconciler validate` checks them offline (schema and compliance), `reconciler plan` compares
    them with a live org (or the built-in emulator), `reconciler apply` makes the changes,
    `reconciler drift` reports what changed live, and `simulate`/`forecast` predict pacing.
    """
    if debug:
        enable_debug()


cli.add_command(validate)
cli.add_command(schema)
cli.add_command(plan)
cli.add_command(apply)
cli.add_command(drift)
cli.add_command(export)
cli.add_command(emulator)
cli.add_command(audit)
cli.add_command(simulate)
cli.add_command(forecast)
cli.add_command(rules)
cli.add_command(doctor)
cli.add_command(check_plan)
cli.add_command(targets)


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
