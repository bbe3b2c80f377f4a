"""The staffing search: the fewest agents meeting service-level, occupancy and abandon targets.

Erlang C when callers never give up, Erlang A (`erlang_a`) when they have a mean patience.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reconciler.pacing.erlang import QueueMetrics, erlang_c_metrics
from reconciler.pacing.erlang_a import erlang_a_metrics
from reconciler.pacing.errors import PacingInputError


@dataclass(frozen=True)
class Staffing:
    """The staffing search's answer: agents on the phones (raw) and scheduled after shrinkage."""

    raw_agents: int
    agents: int
    metrics: QueueMetrics


def required_agents(
    *,
    traffic: float,
    aht_seconds: float,
    target_seconds: float,
    service_level: float,
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
    patience_seconds: float | None = None,
    max_abandon: float | None = None,
) -> Staffing:
    """Smallest N with SL >= target, occupancy <= max (and P(abandon) <= max with a patience).

    Erlang C without a patience (N starts above A), Erlang A with one. Scheduled agents are
    ceil(raw / (1 - shrinkage)), as Call Centre Helper and pyworkforce compute it.
    """
    if not 0 < service_level <= 1:
        raise PacingInputError(f"service level target must be in (0, 1] (got {service_level})")
    if not 0 < max_occupancy <= 1:
        raise PacingInputError(f"max occupancy must be in (0, 1] (got {max_occupancy})")
    if not 0 <= shrinkage < 1:
        raise PacingInputError(f"shrinkage must be in [0, 1) (got {shrinkage})")

    def metrics(agents: int) -> QueueMetrics:
        if patience_seconds is None:
            return erlang_c_metrics(
                traffic=traffic, agents=agents, aht_seconds=aht_seconds, target_seconds=target_seconds
            )
        return erlang_a_metrics(
            traffic=traffic,
            agents=agents,
            aht_seconds=aht_seconds,
            target_seconds=target_seconds,
            patience_seconds=patience_seconds,
        )

    def meets(found: QueueMetrics) -> bool:
        abandon_ok = max_abandon is None or (found.p_abandon or 0.0) <= max_abandon
        return found.service_level >= service_level and found.occupancy <= max_occupancy and abandon_ok

    low = math.floor(traffic) + 1 if patience_seconds is None else 1
    high = max(low, math.ceil(traffic) + 1)
    while not meets(metrics(high)):
        high *= 2
        if high > 1_000_000:
            raise PacingInputError("no staffing up to 1,000,000 agents meets these targets")
    while low < high:  # every measure improves with N, so bisect for the smallest N that meets them
        middle = (low + high) // 2
        if meets(metrics(middle)):
            high = middle
        else:
            low = middle + 1
    return Staffing(raw_agents=low, agents=math.ceil(low / (1 - shrinkage) - 1e-9), metrics=metrics(low))
