"""`reconciler emulator serve`: the Genesys Cloud and CXone API emulator on a local port."""

from __future__ import annotations

from pathlib import Path

import click

from reconciler.emulator.history import MAX_HOURS, history_csv, synthetic_history
from reconciler.emulator.server import ADMIN_TOKEN_ENV, admin_token_for, build_emulator, serve
from reconciler.emulator.settings import EmulatorSettings, Faults


@click.group()
def emulator() -> None:
    """The built-in emulator of the Genesys Cloud and NICE CXone configuration APIs."""


@emulator.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8700, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--state",
    "state_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Persist the org to this JSON file (atomically, after every write) and resume from it.",
)
@click.option(
    "--seed",
    "seed_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Start from this seed file (format: docs/emulator.md). Default: the demo lookups.",
)
@click.option("--empty", is_flag=True, help="Start with no objects at all (not even lookups).")
@click.option("--latency-ms", default=0.0, show_default=True, type=click.FloatRange(0, 60_000))
@click.option(
    "--fault-rate", default=0.0, show_default=True, type=click.FloatRange(0, 1), help="Share of 5xx."
)
@click.option(
    "--drop-rate", default=0.0, show_default=True, type=click.FloatRange(0, 1), help="Share dropped."
)
@click.option(
    "--rate-limit",
    default=300,
    show_default=True,
    type=click.IntRange(1),
    help="Requests per minute per token.",
)
@click.option("--campaign-stop-seconds", default=2.0, show_default=True, type=click.FloatRange(0))
@click.option(
    "--max-body-bytes",
    default=10 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(1),
    help="Larger request bodies are answered 413.",
)
@click.option(
    "--admin-token",
    envvar=ADMIN_TOKEN_ENV,
    show_envvar=True,
    help="Token the /_emulator/ admin API requires (Bearer). Default: none on loopback, else generated.",
)
def serve_command(
    host: str,
    port: int,
    state_path: Path | None,
    seed_path: Path | None,
    empty: bool,
    latency_ms: float,
    fault_rate: float,
    drop_rate: float,
    rate_limit: int,
    campaign_stop_seconds: float,
    max_body_bytes: int,
    admin_token: str | None,
) -> None:
    """Serve the emulator until interrupted.

    Credentials: client id `emulator`, secret `emulator-secret` (Genesys client credentials, CXone
    client and access key). Faults can be changed at run time through /_emulator/settings. Bound to an
    address other than loopback, the admin API (/_emulator/) needs a token; one is generated and printed
    once unless --admin-token (or the environment variable) gives it.
    """
    token, generated = admin_token_for(host, admin_token)
    settings = EmulatorSettings(
        max_body_bytes=max_body_bytes,
        rate_limit_per_minute=rate_limit,
        campaign_stop_seconds=campaign_stop_seconds,
        faults=Faults(latency_ms=latency_ms, error_rate=fault_rate, drop_rate=drop_rate),
    )
    instance = build_emulator(
        settings=settings, state_path=state_path, seed_path=seed_path, use_default_seed=not empty
    )
    click.echo(f"emulator listening on http://{host}:{port} (Ctrl-C to stop)", err=True)
    if generated:
        click.echo(f"admin API token (send 'Authorization: Bearer TOKEN' to /_emulator/): {token}", err=True)
    serve(instance, host=host, port=port, admin_token=token)


@emulator.command("history")
@click.option("--campaign", required=True, help="Campaign name written in every row.")
@click.option("--hours", default=168, show_default=True, type=click.IntRange(1, MAX_HOURS))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--out", "out_path", required=True, type=click.Path(path_type=Path, dir_okay=False))
def history_command(campaign: str, hours: int, seed: int, out_path: Path) -> None:
    """Write synthetic hourly dialing history (CSV) for `reconciler forecast`, as /_emulator/history serves it."""
    rows = synthetic_history(campaign=campaign, hours=hours, seed=seed)
    out_path.write_text(history_csv(rows), encoding="utf-8")
    click.echo(f"{len(rows)} dialing hours of {campaign} written to {out_path}", err=True)
