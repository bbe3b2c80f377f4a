"""Erlang B and C (M/M/N, no abandonment), in AHT time units; the staffing search is in `staffing`.

Numerics: Erlang B by the recursion B(n) = A·B(n-1) / (n + A·B(n-1)), never factorials or powers, so
A = 500, N = 520 is as exact as A = 5, N = 7. Where B itself underflows (A far below N) the models
that need 1/B use its logarithm, `log_inverse_erlang_b`. Reference: the Erlang B recursion B(n) = A B(n-1) / (n + A B(n-1)) and Erlang C, as in Koole, Call Center Optimization (2013).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reconciler.pacing.errors import PacingInputError


@dataclass(frozen=True)
class QueueMetrics:
    """What a queue model answers. Times in seconds; probabilities as fractions of all arrivals.

    `service_level` is the share of *all* arrivals answered within the target (abandoners count as
    failures); `asa_seconds` is the mean wait over all arrivals (E[Lq] / λ).
    """

    p_wait: float
    service_level: float
    asa_seconds: float
    occupancy: float
    p_abandon: float | None = None

    def to_dict(self) -> dict[str, float]:
        data = {
            "p_wait": self.p_wait,
            "service_level": self.service_level,
            "asa_seconds": self.asa_seconds,
            "occupancy": self.occupancy,
        }
        if self.p_abandon is not None:
            data["p_abandon"] = self.p_abandon
        return data


def check_load(*, traffic: float, agents: int) -> None:
    if not (isinstance(agents, int) and agents >= 1):
        raise PacingInputError(f"agents must be a whole number of at least 1 (got {agents})")
    if not (math.isfinite(traffic) and traffic >= 0):
        raise PacingInputError(f"traffic must be a finite number of erlangs >= 0 (got {traffic})")


def check_positive(name: str, value: float) -> None:
    if not (math.isfinite(value) and value > 0):
        raise PacingInputError(f"{name} must be a finite number above 0 (got {value})")


def erlang_b(agents: int, traffic: float) -> float:
    """Blocking probability B(N, A) of M/M/N/N."""
    if agents < 0:
        raise PacingInputError(f"agents must be >= 0 (got {agents})")
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


def log_inverse_erlang_b(agents: int, traffic: float) -> float:
    """log(1 / B(N, A)) by 1/B(n) = 1 + (n/A)·1/B(n-1), kept in logs: finite even where B underflows."""
    if traffic <= 0:
        return math.inf if agents > 0 else 0.0
    log_inverse = 0.0
    log_traffic = math.log(traffic)
    for n in range(1, agents + 1):
        log_inverse = log_add(0.0, math.log(n) - log_traffic + log_inverse)
    return log_inverse


def log_add(a: float, b: float) -> float:
    """log(e^a + e^b) without overflow."""
    if a < b:
        a, b = b, a
    if b == -math.inf:
        return a
    return a + math.log1p(math.exp(b - a))


def erlang_c(agents: int, traffic: float) -> float:
    """Probability of waiting C(N, A) of M/M/N; refused unless A < N (otherwise the queue grows without end)."""
    check_load(traffic=traffic, agents=agents)
    require_stable(agents=agents, traffic=traffic)
    blocking = erlang_b(agents, traffic)
    return agents * blocking / (agents - traffic * (1 - blocking))


def require_stable(*, agents: int, traffic: float) -> None:
    if agents <= traffic:
        raise PacingInputError(
            f"unstable queue: {agents} agents for {traffic:g} erlangs; Erlang C needs more agents than "
            f"erlangs (N > A), or give a patience to use Erlang A, where callers abandon"
        )


def erlang_c_metrics(
    *, traffic: float, agents: int, aht_seconds: float, target_seconds: float
) -> QueueMetrics:
    """P(wait), service level within `target_seconds`, ASA and occupancy of M/M/N (Erlang C)."""
    check_positive("aht", aht_seconds)
    if target_seconds < 0:
        raise PacingInputError(f"target seconds must be >= 0 (got {target_seconds})")
    p_wait = erlang_c(agents, traffic)
    spare = agents - traffic
    return QueueMetrics(
        p_wait=p_wait,
        service_level=1 - p_wait * math.exp(-spare * target_seconds / aht_seconds),
        asa_seconds=p_wait * aht_seconds / spare,
        occupancy=traffic / agents,
    )
