"""Erlang B, C and A against published tables, an exact rational oracle, and their exact limits."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from reconciler.pacing.erlang import erlang_b, erlang_c, erlang_c_metrics
from reconciler.pacing.erlang_a import erlang_a_metrics
from reconciler.pacing.errors import PacingInputError
from reconciler.pacing.staffing import required_agents


def _traffic_for(agents: int, blocking: float) -> float:
    low, high = 0.0, 2.0 * agents + 10
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if erlang_b(agents, middle) < blocking else (low, middle)
    return low


# The standard Erlang B table: offered traffic (erlangs) that N trunks carry at a blocking probability,
# printed to two decimals in the traffic-engineering handbooks (the ITU-D/ITU-T Teletraffic Engineering
# Handbook's Erlang B tables, and the tables vendors such as Cisco reproduce for trunk sizing).
ERLANG_B_TABLE = [
    (5, 0.01, 1.36),
    (10, 0.01, 4.46),
    (10, 0.02, 5.08),
    (10, 0.05, 6.22),
    (20, 0.01, 12.03),
    (20, 0.02, 13.18),
    (20, 0.05, 15.25),
    (50, 0.01, 37.90),
    (100, 0.01, 84.06),
    (100, 0.02, 87.97),
    (100, 0.05, 95.24),
]


@pytest.mark.parametrize(("agents", "blocking", "printed"), ERLANG_B_TABLE)
def test_erlang_b_matches_the_published_table_to_its_printed_precision(
    agents: int, blocking: float, printed: float
) -> None:
    assert abs(_traffic_for(agents, blocking) - printed) <= 0.005


def _exact_erlang_b(agents: int, traffic: int) -> Fraction:
    terms = [Fraction(traffic**k, math.factorial(k)) for k in range(agents + 1)]
    return terms[-1] / sum(terms)


@pytest.mark.parametrize(("agents", "traffic"), [(7, 5), (120, 100), (520, 500), (900, 880)])
def test_erlang_b_recursion_equals_the_exact_formula_at_hundreds_of_agents(agents: int, traffic: int) -> None:
    # the factorial formula, done in exact rationals, is the oracle the recursion must reproduce
    assert erlang_b(agents, traffic) == pytest.approx(float(_exact_erlang_b(agents, traffic)), rel=1e-12)


def test_erlang_c_matches_the_pyworkforce_readme_example() -> None:
    # pyworkforce README, ErlangC example: 100 calls per 30 min, AHT 3 min, target 20 s, 80 % SL,
    # max occupancy 85 %, shrinkage 30 % -> raw 14, scheduled 20, SL 0.8883500191794669,
    # occupancy 0.7142857142857143, waiting probability 0.1741319335950498.
    staffing = required_agents(
        traffic=10, aht_seconds=180, target_seconds=20, service_level=0.8, max_occupancy=0.85, shrinkage=0.3
    )
    assert (staffing.raw_agents, staffing.agents) == (14, 20)
    assert staffing.metrics.service_level == pytest.approx(0.8883500191794669, abs=1e-15)
    assert staffing.metrics.occupancy == pytest.approx(0.7142857142857143, abs=1e-15)
    assert staffing.metrics.p_wait == pytest.approx(0.1741319335950498, abs=1e-15)


def test_erlang_c_asa_is_c_times_aht_over_spare_capacity() -> None:
    metrics = erlang_c_metrics(traffic=10, agents=14, aht_seconds=180, target_seconds=20)
    assert metrics.asa_seconds == pytest.approx(0.1741319335950498 * 180 / 4)


@pytest.mark.parametrize(("agents", "traffic"), [(10, 10.0), (10, 12.5), (480, 500.0)])
def test_erlang_c_refuses_an_unstable_queue(agents: int, traffic: float) -> None:
    with pytest.raises(PacingInputError, match=r"N > A"):
        erlang_c(agents, traffic)


def test_erlang_c_stays_finite_at_large_loads() -> None:
    assert 0 < erlang_c(520, 500) < 1
    assert 0 < erlang_c(5000, 4950) < 1


def _brute_force_erlang_a(agents: int, traffic: float, theta: float) -> tuple[float, float]:
    """P(wait) and P(abandon) summing the birth-death chain directly (small N only)."""
    weights = [traffic**n / math.factorial(n) for n in range(agents + 1)]
    term = weights[-1]
    queue = []
    for k in range(1, 5000):
        term *= traffic / (agents + k * theta)
        queue.append(term)
    total = sum(weights) + sum(queue)
    p_wait = (weights[-1] + sum(queue)) / total
    mean_queue = sum(k * value for k, value in enumerate(queue, start=1)) / total
    return p_wait, theta * mean_queue / traffic


@pytest.mark.parametrize(
    ("agents", "traffic", "patience"), [(14, 10.0, 60.0), (10, 12.0, 100.0), (3, 4.0, 30.0)]
)
def test_erlang_a_equals_the_directly_summed_chain(agents: int, traffic: float, patience: float) -> None:
    metrics = erlang_a_metrics(
        traffic=traffic, agents=agents, aht_seconds=180, target_seconds=20, patience_seconds=patience
    )
    p_wait, p_abandon = _brute_force_erlang_a(agents, traffic, 180 / patience)
    assert metrics.p_wait == pytest.approx(p_wait, rel=1e-10)
    assert metrics.p_abandon == pytest.approx(p_abandon, rel=1e-10)


def test_erlang_a_with_endless_patience_is_erlang_c() -> None:
    erlang_a = erlang_a_metrics(
        traffic=10, agents=14, aht_seconds=180, target_seconds=20, patience_seconds=1e12
    )
    erlang_c_ = erlang_c_metrics(traffic=10, agents=14, aht_seconds=180, target_seconds=20)
    assert erlang_a.p_wait == pytest.approx(erlang_c_.p_wait, rel=1e-8)
    assert erlang_a.service_level == pytest.approx(erlang_c_.service_level, rel=1e-8)
    assert erlang_a.asa_seconds == pytest.approx(erlang_c_.asa_seconds, rel=1e-8)
    assert erlang_a.p_abandon == pytest.approx(0, abs=1e-9)


def test_erlang_a_with_no_patience_is_erlang_b() -> None:
    # callers who will not wait at all are blocked callers: P(abandon) = P(wait) = B(N, A)
    metrics = erlang_a_metrics(
        traffic=10, agents=14, aht_seconds=180, target_seconds=20, patience_seconds=1e-9
    )
    assert metrics.p_abandon == pytest.approx(erlang_b(14, 10), rel=1e-6)
    assert metrics.p_wait == pytest.approx(erlang_b(14, 10), rel=1e-6)
    assert metrics.occupancy == pytest.approx(10 * (1 - erlang_b(14, 10)) / 14, rel=1e-6)


def test_erlang_a_is_stable_when_overloaded_and_at_hundreds_of_agents() -> None:
    metrics = erlang_a_metrics(
        traffic=500, agents=480, aht_seconds=300, target_seconds=20, patience_seconds=120
    )
    # the abandonment flow balance: served load can never exceed the agents
    assert metrics.p_abandon is not None
    assert 500 * (1 - metrics.p_abandon) < 480
    assert 0 < metrics.service_level < 1
    assert metrics.occupancy < 1


def test_erlang_a_staffing_uses_the_abandon_limit() -> None:
    loose = required_agents(
        traffic=10, aht_seconds=180, target_seconds=20, service_level=0.8, patience_seconds=60
    )
    strict = required_agents(
        traffic=10,
        aht_seconds=180,
        target_seconds=20,
        service_level=0.8,
        patience_seconds=60,
        max_abandon=0.005,
    )
    assert strict.raw_agents > loose.raw_agents
    assert strict.metrics.p_abandon is not None and strict.metrics.p_abandon <= 0.005
