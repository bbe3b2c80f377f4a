"""The open-loop dialer in closed form (Zeltyn & Mandelbaum 2005, Queueing Systems 51:361-402, for M/M/N+D; thinning and the M/G/inf output theorem for the open loop), for fixed dial rates.

Dials are Poisson at rate d; each is independently a live answer with probability p after an
independent ring delay, so live answers are Poisson at rate d·p whatever the ring distribution
(thinning and the M/G/∞ output theorem). AMD drops a share f of them (counted as abandoned); the rest
meet the agent pool as M/M/N+D with the connect window as deadline. The result is the abandonment a
pacer *without* foresight gets at that dial rate: an upper bound a closed-loop pacer must beat.
"""

from __future__ import annotations

from reconciler.pacing.dialer import DialerModel, DialerResult, Distribution
from reconciler.pacing.errors import PacingInputError
from reconciler.pacing.mmnd import mmnd

SOLVE_RELATIVE_TOLERANCE = 1e-9


def require_closed_form(model: DialerModel) -> None:
    """The closed form knows exponential handle times, live answers and AMD false positives only."""
    if model.handle_distribution is not Distribution.EXPONENTIAL:
        raise PacingInputError(
            "the analytic model assumes exponential handle times; use --method simulation for lognormal"
        )
    if model.amd_false_negative > 0 and model.machine_rate > 0:
        raise PacingInputError(
            "the analytic model has no machine answers reaching agents; use --method simulation for "
            "AMD false negatives"
        )
    if model.max_lines is not None:
        raise PacingInputError("the analytic model has no line limit; use --method simulation for max lines")
    if model.after_call_seconds > 0:
        raise PacingInputError(
            "the analytic model has no after-call work; use --method simulation for --after-call-seconds"
        )


def open_loop(model: DialerModel, *, dials_per_minute: float) -> DialerResult:
    require_closed_form(model)
    if dials_per_minute < 0:
        raise PacingInputError(f"dials per minute must be >= 0 (got {dials_per_minute})")
    live_per_second = dials_per_minute * model.live_rate / 60
    queued = live_per_second * (1 - model.amd_false_positive)
    queue = mmnd(
        arrival_rate=queued,
        agents=model.agents,
        handle_seconds=model.handle_seconds,
        window_seconds=model.window_seconds,
    )
    if live_per_second == 0:
        abandon = model.amd_false_positive
    else:
        abandon = model.amd_false_positive + (1 - model.amd_false_positive) * queue.p_abandon
    return DialerResult(
        abandon_rate=abandon,
        abandon_rate_ci=(abandon, abandon),
        utilization=queue.occupancy,
        dials_per_minute=dials_per_minute,
        live_answers_per_minute=live_per_second * 60,
    )


def require_reachable_target(model: DialerModel, abandon_target: float) -> None:
    """Refuse an abandon target that is no fraction, or that AMD false positives alone exceed."""
    if not 0 < abandon_target < 1:
        raise PacingInputError(f"the abandon target is a fraction between 0 and 1 (got {abandon_target})")
    if model.amd_false_positive >= abandon_target:
        raise PacingInputError(
            f"AMD false positives alone ({model.amd_false_positive:.2%} of live answers) use up the "
            f"{abandon_target:.2%} abandon target at any dial rate"
        )


def max_dial_rate(model: DialerModel, *, abandon_target: float) -> DialerResult:
    """The largest fixed dial rate whose open-loop abandon rate stays at or below `abandon_target`."""
    require_closed_form(model)
    require_reachable_target(model, abandon_target)

    def abandon(rate: float) -> float:
        return open_loop(model, dials_per_minute=rate).abandon_rate

    low, high = 0.0, model.agents * 60 / model.handle_seconds / model.live_rate  # live answers = capacity
    while abandon(high) <= abandon_target:
        low, high = high, high * 2
    while high - low > SOLVE_RELATIVE_TOLERANCE * high:
        middle = (low + high) / 2
        if abandon(middle) <= abandon_target:
            low = middle
        else:
            high = middle
    return open_loop(model, dials_per_minute=low)
