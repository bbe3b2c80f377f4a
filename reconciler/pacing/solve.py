"""The largest fixed dial rate that meets an abandon target, by the closed form or by simulation."""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.pacing.analytic import max_dial_rate as analytic_max_dial_rate
from reconciler.pacing.analytic import require_closed_form, require_reachable_target
from reconciler.pacing.dialer import DialerModel, DialerResult, Pacing, PacingMode
from reconciler.pacing.errors import PacingInputError
from reconciler.pacing.simulator import simulate

SIMULATED_RELATIVE_TOLERANCE = 0.005


@dataclass(frozen=True)
class Solved:
    """The dial rate found, and what the model gives at that rate."""

    max_dials_per_minute: float
    result: DialerResult


def max_dial_rate_analytic(model: DialerModel, *, abandon_target: float) -> Solved:
    result = analytic_max_dial_rate(model, abandon_target=abandon_target)
    return Solved(max_dials_per_minute=result.dials_per_minute, result=result)


def max_dial_rate_simulated(
    model: DialerModel,
    *,
    abandon_target: float,
    hours: float,
    replications: int,
    seed: int,
    warmup_seconds: float = 0.0,
) -> Solved:
    """Bisection on the simulated mean abandon rate, every rate on the same random streams (common
    random numbers), so the estimate moves smoothly with the rate. The closed form's answer, where it
    applies, brackets the search."""
    require_reachable_target(model, abandon_target)

    def run(rate: float) -> DialerResult:
        pacing = Pacing(mode=PacingMode.FIXED, dials_per_minute=rate)
        return simulate(
            model, pacing, hours=hours, replications=replications, seed=seed, warmup_seconds=warmup_seconds
        ).result

    capacity = model.agents * 60 / model.handle_seconds / model.live_rate
    try:
        require_closed_form(model)
        guess = analytic_max_dial_rate(model, abandon_target=abandon_target).dials_per_minute
    except PacingInputError:
        guess = capacity
    low, high = 0.0, max(guess * 1.25, 1e-6)
    best = run(low)
    while (found := run(high)).abandon_rate <= abandon_target:
        low, high, best = high, high * 2, found
    while high - low > SIMULATED_RELATIVE_TOLERANCE * high:
        middle = (low + high) / 2
        found = run(middle)
        if found.abandon_rate <= abandon_target:
            low, best = middle, found
        else:
            high = middle
    return Solved(max_dials_per_minute=low, result=best)
