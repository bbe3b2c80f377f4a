"""Erlang A (M/M/N+M, Palm): exponential patience, so callers abandon and every load is stable.

The birth-death chain of Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call centers" in AHT units (service rate 1, abandonment rate
θ = AHT / patience): π_n ∝ Aⁿ/n! up to N, then π_{N+k} = π_N ∏_{i=1..k} A / (N + iθ). Everything is
kept relative to π_N and in logarithms, with the lower part summed as 1/B(N, A) (Erlang B), so
hundreds of agents neither overflow nor underflow. The queue part is summed until its tail is below
1e-16 of the total.

Service level: a tagged caller who finds j callers queued ahead is served when the j ahead have
left (each step at rate N + iθ: a service start or an abandonment ahead) and then an agent frees
(rate N), unless the caller's own patience (rate θ) runs out first; that has a closed form (see
`_served_within`), mixed over the arrival distribution (PASTA).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reconciler.pacing.erlang import QueueMetrics, check_load, check_positive, log_add, log_inverse_erlang_b
from reconciler.pacing.errors import PacingInputError

MAX_QUEUE_STATES = 2_000_000
TAIL_LOG_TOLERANCE = 37.0  # e^-37 ≈ 1e-16: the truncated tail is below double precision


@dataclass(frozen=True)
class Stationary:
    """The stationary law, relative to π_N: log of π_N, log terms t_k (k = 0 is π_N itself), E[Lq]."""

    log_pi_n: float
    log_terms: list[float]
    p_wait: float
    mean_queue: float


def stationary(*, agents: int, traffic: float, theta: float) -> Stationary:
    log_traffic = math.log(traffic)
    log_terms = [0.0]
    log_sum = -math.inf  # log Σ_{k>=1} t_k
    log_weighted = -math.inf  # log Σ_{k>=1} k·t_k
    log_term, log_max = 0.0, -math.inf
    k = 0
    while True:
        k += 1
        if k > MAX_QUEUE_STATES:
            raise PacingInputError(
                f"patience too long for {agents} agents at {traffic:g} erlangs: the queue barely drains "
                f"(more than {MAX_QUEUE_STATES:,} queue states); shorten the patience, or add agents"
            )
        rate_down = agents + k * theta
        log_term += log_traffic - math.log(rate_down)
        log_terms.append(log_term)
        log_sum = log_add(log_sum, log_term)
        log_weighted = log_add(log_weighted, log_term + math.log(k))
        log_max = max(log_max, log_term)
        ratio = traffic / (agents + (k + 1) * theta)
        if ratio < 1:
            tail = ratio / (1 - ratio)
            bound = log_term + math.log(k * tail + tail / (1 - ratio) + tail)
            if bound < min(log_sum, log_weighted) - TAIL_LOG_TOLERANCE:
                break
    log_total = log_add(log_inverse_erlang_b(agents, traffic), log_sum)
    log_pi_n = -log_total
    return Stationary(
        log_pi_n=log_pi_n,
        log_terms=log_terms,
        p_wait=math.exp(log_pi_n + log_add(0.0, log_sum)),
        mean_queue=math.exp(log_pi_n + log_weighted),
    )


def erlang_a_metrics(
    *, traffic: float, agents: int, aht_seconds: float, target_seconds: float, patience_seconds: float
) -> QueueMetrics:
    """P(wait), service level, ASA (E[Lq]/λ), occupancy and P(abandon) of M/M/N+M."""
    check_load(traffic=traffic, agents=agents)
    check_positive("aht", aht_seconds)
    check_positive("patience", patience_seconds)
    if target_seconds < 0:
        raise PacingInputError(f"target seconds must be >= 0 (got {target_seconds})")
    if traffic == 0:
        return QueueMetrics(p_wait=0.0, service_level=1.0, asa_seconds=0.0, occupancy=0.0, p_abandon=0.0)
    theta = aht_seconds / patience_seconds
    law = stationary(agents=agents, traffic=traffic, theta=theta)
    p_abandon = theta * law.mean_queue / traffic
    served_in_queue = _served_within(law, agents=agents, theta=theta, time=target_seconds / aht_seconds)
    return QueueMetrics(
        p_wait=law.p_wait,
        service_level=(1 - law.p_wait) + served_in_queue,
        asa_seconds=law.mean_queue / traffic * aht_seconds,
        occupancy=traffic * (1 - p_abandon) / agents,
        p_abandon=p_abandon,
    )


def _served_within(law: Stationary, *, agents: int, theta: float, time: float) -> float:
    """Σ_j π_{N+j}·P(a caller who finds j queued ahead is served within `time`), in closed form.

    Each of the caller's j+1 phases ends at rate (N + lθ) + θ (a departure ahead or a service start,
    or the caller's own abandonment), so the caller survives all phases with probability
    ∏ (N + lθ)/(N + (l+1)θ) = N/(N + (j+1)θ), independently of how long they take; and the phase
    rates N + θ + lθ are those of a linear birth process with immigration, whose level at `time` is
    negative binomial (r = (N + θ)/θ, p = e^{-θ·time}). So P(served within time | j ahead) =
    N/(N + (j+1)θ) · P(NegBin ≥ j + 1). As θ → 0 this is Erlang C's Poisson count.
    """
    if time <= 0:
        return 0.0
    log_step = math.log(-math.expm1(-theta * time))  # log(1 - p)
    log_pmf = -(agents + theta) * time  # log P(level 0) = r·log p
    below = 0.0  # P(level <= j)
    result = 0.0
    for j, log_term in enumerate(law.log_terms):
        below += math.exp(log_pmf)
        reached = max(0.0, 1.0 - below)  # P(level >= j + 1)
        result += math.exp(law.log_pi_n + log_term) * agents / (agents + (j + 1) * theta) * reached
        # pmf(j+1) = pmf(j)·(j + r)/(j + 1)·(1 - p), with r = (N + θ)/θ and r·θ kept exact
        log_pmf += math.log(j * theta + agents + theta) - math.log(theta)
        log_pmf += log_step - math.log(j + 1)
    return result
