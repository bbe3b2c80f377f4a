"""`reconciler simulate erlang|dialer`: queueing figures and dialer pacing, offline and seeded."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from reconciler.exceptions import UsageError
from reconciler.pacing.analytic import open_loop
from reconciler.pacing.dialer import DialerModel, DialerResult, Distribution, Pacing, PacingMode
from reconciler.pacing.erlang import erlang_c_metrics
from reconciler.pacing.erlang_a import erlang_a_metrics
from reconciler.pacing.simulator import simulate as run_simulation
from reconciler.pacing.solve import Solved, max_dial_rate_analytic, max_dial_rate_simulated

FORMAT = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints only JSON on stdout.",
)


Decorated = TypeVar("Decorated", bound=Callable[..., Any])


def _distribution(name: str, default: Distribution, *, cv: float) -> Callable[[Decorated], Decorated]:
    """--NAME-distribution and --NAME-cv (the coefficient of variation of a lognormal)."""
    choice = click.option(
        f"--{name}-distribution",
        type=click.Choice([item.value for item in Distribution]),
        default=default.value,
        show_default=True,
    )
    spread = click.option(
        f"--{name}-cv",
        type=click.FloatRange(0, min_open=True),
        default=cv,
        show_default=True,
        help=f"Coefficient of variation of a lognormal {name} time.",
    )

    def apply(function: Decorated) -> Decorated:
        return choice(spread(function))

    return apply


def _seconds(
    name: str, default: float, description: str, *, above_zero: bool = True
) -> Callable[[Decorated], Decorated]:
    return click.option(
        name,
        type=click.FloatRange(0, min_open=above_zero),
        default=default,
        show_default=True,
        help=description,
    )


@click.group()
def simulate() -> None:
    """Pacing models: Erlang queues and an outbound dialer (closed form or simulation)."""


@simulate.command("erlang")
@click.option("--traffic", type=click.FloatRange(0), required=True, help="Offered load A in erlangs.")
@click.option("--agents", type=click.IntRange(1), required=True, help="Agents N.")
@click.option("--aht", type=click.FloatRange(0, min_open=True), required=True, help="Handle time, seconds.")
@click.option(
    "--target-seconds", type=click.FloatRange(0), required=True, help="Service-level answer target, seconds."
)
@click.option(
    "--patience",
    type=click.FloatRange(0, min_open=True),
    help="Mean caller patience in seconds: Erlang A (M/M/N+M) instead of Erlang C; adds p_abandon.",
)
@FORMAT
def erlang(
    traffic: float, agents: int, aht: float, target_seconds: float, patience: float | None, output_format: str
) -> None:
    """P(wait), service level, ASA and occupancy of an inbound-style queue.

    Erlang C needs more agents than erlangs (N > A) and refuses otherwise; with --patience callers
    abandon (Erlang A), which is stable at any load. Service level counts abandoners as not answered.
    """
    if patience is None:
        metrics = erlang_c_metrics(
            traffic=traffic, agents=agents, aht_seconds=aht, target_seconds=target_seconds
        )
    else:
        metrics = erlang_a_metrics(
            traffic=traffic,
            agents=agents,
            aht_seconds=aht,
            target_seconds=target_seconds,
            patience_seconds=patience,
        )
    data = metrics.to_dict()
    if output_format == "json":
        click.echo(json.dumps(data, indent=2))
        return
    model = "Erlang C (M/M/N)" if patience is None else f"Erlang A (M/M/N+M, patience {patience:g} s)"
    click.echo(f"{model}: {agents} agents, {traffic:g} erlangs, AHT {aht:g} s")
    click.echo(f"  P(wait)        {data['p_wait']:8.2%}")
    click.echo(f"  service level  {data['service_level']:8.2%}  within {target_seconds:g} s")
    click.echo(f"  ASA            {data['asa_seconds']:8.1f} s")
    click.echo(f"  occupancy      {data['occupancy']:8.2%}")
    if "p_abandon" in data:
        click.echo(f"  P(abandon)     {data['p_abandon']:8.2%}")


@simulate.command("dialer")
@click.option("--agents", type=click.IntRange(1), required=True)
@click.option("--dials-per-minute", type=click.FloatRange(0), help="Fixed dial rate (fixed pacing).")
@click.option("--live-rate", type=click.FloatRange(0, 1, min_open=True), required=True)
@click.option("--handle-seconds", type=click.FloatRange(0, min_open=True), required=True)
@_distribution("handle", Distribution.EXPONENTIAL, cv=1.0)
@_seconds("--ring-seconds", 10.0, "Mean time from dial to answer (live or machine).")
@_distribution("ring", Distribution.LOGNORMAL, cv=0.5)
@_seconds("--no-answer-timeout", 30.0, "Seconds an unanswered call rings (Genesys noAnswerTimeout).")
@_seconds("--after-call-seconds", 0.0, "After-call work per connected call.", above_zero=False)
@click.option("--window-seconds", type=click.FloatRange(0), default=2.0, show_default=True)
@click.option("--amd-false-positive", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--amd-false-negative", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option(
    "--machine-rate", type=click.FloatRange(0, 1), default=0.0, show_default=True, help="Machine answers."
)
@click.option("--max-lines", type=click.IntRange(1), help="Concurrent lines (simulation).")
@click.option(
    "--pacing",
    "pacing_mode",
    type=click.Choice([item.value for item in PacingMode]),
    default=PacingMode.FIXED.value,
    show_default=True,
    help="fixed dial rate, k lines per free agent, the controlled pacer toward --abandon-target "
    "(feedback), or CXone Personal Connection (simulation).",
)
@click.option(
    "--lines-per-agent",
    type=click.FloatRange(1),
    help="lines: k per free agent; feedback: the most calls per agent; personal-connection: the maximum "
    "ratio (1-3).",
)
@click.option(
    "--abandon-target",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    help="0.03 = 3 % (personal-connection: the abandon rate threshold).",
)
@click.option(
    "--abandon-cutoff",
    type=click.FloatRange(0, 1, max_open=True),
    default=0.0,
    show_default=True,
    help="personal-connection: subtracted from the threshold to give the rate at which it dials 1:1.",
)
@click.option(
    "--look-ahead/--no-look-ahead",
    default=True,
    show_default=True,
    help="feedback: also dial for busy agents about to free (predictive); --no-look-ahead is power.",
)
@click.option("--hours", type=click.FloatRange(0, min_open=True), default=8.0, show_default=True)
@click.option("--replications", type=click.IntRange(1), default=5, show_default=True)
@click.option("--warmup-seconds", type=click.FloatRange(0), default=0.0, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--method", type=click.Choice(["simulation", "analytic"]), default="simulation", show_default=True
)
@click.option("--solve", type=click.Choice(["max-dial-rate"]), help="Find the largest fixed dial rate.")
@FORMAT
def dialer(**options: Any) -> None:
    """Abandon rate, utilization and throughput of an outbound dialer.

    Abandon rate = (live answers with no agent within the connect window + AMD false positives) / live
    answers, pooled over the simulated days, with a 95 % interval clamped to [0, 1]. Answers ring a
    lognormal time cut off at --no-answer-timeout; unanswered calls ring the whole timeout.
    `--method analytic` is the open-loop closed form (Poisson dials, exponential handle times, no
    after-call work): exact for fixed rates, an upper bound for smarter pacers. `--solve max-dial-rate`
    prints the largest fixed dial rate whose abandon rate stays within --abandon-target.
    """
    model = DialerModel(
        agents=options["agents"],
        handle_seconds=options["handle_seconds"],
        live_rate=options["live_rate"],
        handle_distribution=Distribution(options["handle_distribution"]),
        handle_cv=options["handle_cv"],
        ring_seconds=options["ring_seconds"],
        ring_distribution=Distribution(options["ring_distribution"]),
        ring_cv=options["ring_cv"],
        no_answer_timeout_seconds=options["no_answer_timeout"],
        after_call_seconds=options["after_call_seconds"],
        machine_rate=options["machine_rate"],
        amd_false_positive=options["amd_false_positive"],
        amd_false_negative=options["amd_false_negative"],
        window_seconds=options["window_seconds"],
        max_lines=options["max_lines"],
    )
    mode = PacingMode(options["pacing_mode"])
    data = _solve(model, mode, options) if options["solve"] else _run(model, mode, options).to_dict()
    _emit(data, options)


def _solve(model: DialerModel, mode: PacingMode, options: dict[str, Any]) -> dict[str, Any]:
    target = options["abandon_target"]
    if target is None:
        raise UsageError("--solve max-dial-rate needs --abandon-target (0.03 = 3 %)")
    if mode is not PacingMode.FIXED:
        raise UsageError("--solve max-dial-rate searches fixed dial rates; drop --pacing")
    solved: Solved
    if options["method"] == "analytic":
        solved = max_dial_rate_analytic(model, abandon_target=target)
    else:
        solved = max_dial_rate_simulated(
            model,
            abandon_target=target,
            hours=options["hours"],
            replications=options["replications"],
            seed=options["seed"],
            warmup_seconds=options["warmup_seconds"],
        )
    return {
        "max_dials_per_minute": solved.max_dials_per_minute,
        "abandon_target": target,
        **solved.result.to_dict(),
    }


def _run(model: DialerModel, mode: PacingMode, options: dict[str, Any]) -> DialerResult:
    pacing = Pacing(
        mode=mode,
        dials_per_minute=options["dials_per_minute"],
        lines_per_agent=options["lines_per_agent"],
        abandon_target=options["abandon_target"],
        abandon_cutoff=options["abandon_cutoff"],
        look_ahead=options["look_ahead"],
    )
    if options["method"] == "analytic":
        if mode is not PacingMode.FIXED:
            raise UsageError(
                "--method analytic is the open-loop model of a fixed dial rate; use --pacing fixed"
            )
        return open_loop(model, dials_per_minute=options["dials_per_minute"])
    return run_simulation(
        model,
        pacing,
        hours=options["hours"],
        replications=options["replications"],
        seed=options["seed"],
        warmup_seconds=options["warmup_seconds"],
    ).result


def _emit(data: dict[str, Any], options: dict[str, Any]) -> None:
    if options["output_format"] == "json":
        click.echo(json.dumps(data, indent=2))
        return
    low, high = data["abandon_rate_ci"]
    if options["method"] == "analytic":
        how = "open-loop closed form"
    else:
        days = options["replications"]
        how = f"pooled over {days} day{'s' if days > 1 else ''} of {options['hours']:g} h, 95 % CI {low:.2%}-{high:.2%}"
    if "max_dials_per_minute" in data:
        target = data["abandon_target"]
        click.echo(
            f"max dials/min    {data['max_dials_per_minute']:8.2f}  for an abandon target of {target:.2%}"
        )
    click.echo(f"abandon rate     {data['abandon_rate']:8.2%}  ({how})")
    click.echo(f"utilization      {data['utilization']:8.2%}")
    click.echo(f"dials/min        {data['dials_per_minute']:8.2f}")
    click.echo(f"live answers/min {data['live_answers_per_minute']:8.2f}")
