"""M/M/N+D: the exact queue of the 2-second rule (Zeltyn & Mandelbaum 2005, Queueing Systems 51:361-402, M/M/n+G with patience min(x, tau)).

A live answer that finds no free agent waits at most τ (the connect window, 2 s), then hears the
message and counts as abandoned. With H(x) = min(x, τ) in the M/M/n+G formulas (Baccelli-Hébuterne;
Zeltyn-Mandelbaum):

    J = (e^{(λ-Nμ)τ} - 1)/(λ - Nμ) + e^{(λ-Nμ)τ}/(Nμ),   E⁻¹ = 1/B(N-1, A)
    P(W>0) = λJ / (E⁻¹ + λJ),   P(Ab) = (1 + (λ-Nμ)J) / (E⁻¹ + λJ)

τ = 0 gives Erlang B(N, A); τ → ∞ gives Erlang C and no abandonment. Numerics: 1 + (λ-Nμ)J is
exactly e^{(λ-Nμ)τ}·A/N, so both ratios are divided through by e^{(λ-Nμ)τ}; expm1 keeps λ ≈ Nμ exact,
and E⁻¹ is carried as a logarithm, so nothing overflows at hundreds of agents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reconciler.pacing.erlang import check_load, check_positive, log_inverse_erlang_b
from reconciler.pacing.errors import PacingInputError

EXP_LIMIT = 700.0


@dataclass(frozen=True)
class DeadlineQueue:
    """M/M/N+D results: probabilities are shares of arrivals (live answers)."""

    p_wait: float
    p_abandon: float
    occupancy: float


def _exp(x: float) -> float:
    return math.inf if x > EXP_LIMIT else math.exp(x)


def mmnd(*, arrival_rate: float, agents: int, handle_seconds: float, window_seconds: float) -> DeadlineQueue:
    """Arrivals per second, exponential handle times, deadline `window_seconds` (τ) in the queue."""
    check_positive("handle seconds", handle_seconds)
    if not (math.isfinite(arrival_rate) and arrival_rate >= 0):
        raise PacingInputError(f"arrival rate must be a finite number >= 0 (got {arrival_rate})")
    if not (window_seconds >= 0 and not math.isnan(window_seconds)):
        raise PacingInputError(f"the connect window must be >= 0 seconds (got {window_seconds})")
    traffic = arrival_rate * handle_seconds
    check_load(traffic=traffic, agents=agents)
    if traffic == 0:
        return DeadlineQueue(p_wait=0.0, p_abandon=0.0, occupancy=0.0)
    service = agents / handle_seconds  # Nμ
    rho = traffic / agents
    net = arrival_rate - service  # λ - Nμ
    tau = window_seconds
    if math.isinf(tau):
        if net >= 0:
            raise PacingInputError(
                f"with no connect window the queue is unstable: {agents} agents for {traffic:g} erlangs"
            )
        return _long_window(traffic=traffic, agents=agents, arrival_rate=arrival_rate, service=service)
    x = net * tau
    if x < -EXP_LIMIT:  # e^{x} underflows: the window is long against the spare capacity
        return _long_window(traffic=traffic, agents=agents, arrival_rate=arrival_rate, service=service)
    # λ·J·e^{-x} = λτ·(1 - e^{-x})/x + rho;  (1 - e^{-x})/x -> 1 as x -> 0
    decay = -math.expm1(-x) / x if x != 0 else 1.0
    log_inverse = log_inverse_erlang_b(agents - 1, traffic)
    inverse_scaled = _exp(log_inverse - x)  # E⁻¹·e^{-x}
    waiting = arrival_rate * tau * decay + rho
    denominator = inverse_scaled + waiting
    p_abandon = rho / denominator
    return DeadlineQueue(
        p_wait=waiting / denominator,
        p_abandon=p_abandon,
        occupancy=rho * (1 - p_abandon),
    )


def _long_window(*, traffic: float, agents: int, arrival_rate: float, service: float) -> DeadlineQueue:
    """τ so long that e^{(λ-Nμ)τ} underflows: the Erlang C limit (no abandonment)."""
    waiting = arrival_rate / (service - arrival_rate)
    return DeadlineQueue(
        p_wait=_unscaled_p_wait(traffic, agents, waiting), p_abandon=0.0, occupancy=traffic / agents
    )


def _unscaled_p_wait(traffic: float, agents: int, waiting: float) -> float:
    """λJ / (E⁻¹ + λJ) with λJ = `waiting` (no scaling needed when e^x vanishes)."""
    return waiting / (_exp(log_inverse_erlang_b(agents - 1, traffic)) + waiting)
