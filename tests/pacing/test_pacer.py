"""The controlled pacer's properties (issue #15): it holds its target, trades it for utilization, never
stalls, and its statistics pool the days the way regulators count."""

from __future__ import annotations

import pytest

from reconciler.pacing.analytic import open_loop
from reconciler.pacing.dialer import DialerModel, Distribution, Pacing, PacingMode
from reconciler.pacing.simulator import simulate
from reconciler.pacing.statistics import pooled_ratio

SMALL = DialerModel(agents=10, handle_seconds=120, live_rate=0.28)
PROGRESSIVE = Pacing(mode=PacingMode.LINES, lines_per_agent=1)


def _predictive(target: float, **options: float) -> Pacing:
    return Pacing(mode=PacingMode.FEEDBACK, abandon_target=target, **options)  # type: ignore[arg-type]


def test_abandonment_goes_to_zero_with_the_target() -> None:
    rates = [
        simulate(SMALL, _predictive(target), hours=2, replications=3, seed=4).result.abandon_rate
        for target in (0.05, 0.01, 0.002, 0.0001)
    ]
    assert rates == sorted(rates, reverse=True)
    assert rates[0] > 0.02
    assert rates[-1] < 0.001


def test_utilization_grows_with_the_target_and_never_falls_below_progressive() -> None:
    floor = simulate(SMALL, PROGRESSIVE, hours=2, replications=3, seed=4).result.utilization
    utilizations = [
        simulate(SMALL, _predictive(target), hours=2, replications=3, seed=4).result.utilization
        for target in (0.001, 0.01, 0.05)
    ]
    assert utilizations == sorted(utilizations)
    assert floor <= utilizations[0]
    assert utilizations[-1] > floor + 0.1


@pytest.mark.parametrize("window", [0.0, 2.0])
@pytest.mark.parametrize("after_call", [0.0, 30.0])
def test_progressive_never_abandons_when_the_window_covers_the_transfer(
    window: float, after_call: float
) -> None:
    # the transfer is instant: a live answer finds the agent its call was dialed for, even with no window
    model = DialerModel(
        agents=6,
        handle_seconds=120,
        live_rate=0.5,
        window_seconds=window,
        after_call_seconds=after_call,
        handle_distribution=Distribution.LOGNORMAL,
        handle_cv=0.8,
    )
    simulation = simulate(model, PROGRESSIVE, hours=2, replications=3, seed=2)
    assert simulation.result.abandon_rate == 0
    assert all(day.live > 0 for day in simulation.days)


def test_the_abandon_rate_is_pooled_as_the_ratio_of_sums() -> None:
    simulation = simulate(SMALL, _predictive(0.03), hours=1, replications=4, seed=9)
    abandoned = sum(day.abandoned + day.amd_dropped for day in simulation.days)
    live = sum(day.live for day in simulation.days)
    assert simulation.result.abandon_rate == abandoned / live
    low, high = simulation.result.abandon_rate_ci
    assert 0 <= low <= simulation.result.abandon_rate <= high <= 1


def test_pooled_intervals_stay_inside_zero_and_one() -> None:
    # one day with a big share abandoned and three clean ones: a Student t over daily ratios goes negative
    rate, (low, high) = pooled_ratio([9, 0, 0, 0], [10, 400, 400, 400])
    assert rate == 9 / 1210
    assert low == 0 and 0 < high < 1
    single, (one_low, one_high) = pooled_ratio([3], [100])
    assert single == 0.03
    assert 0 < one_low < 0.03 < one_high < 0.1
    assert pooled_ratio([0], [0]) == (0.0, (0.0, 0.0))


def test_the_small_demo_floor_never_stalls() -> None:
    # q3-renewals: 8 agents, 300 s, 28 % live, 2.5 % target, 4 calls per agent stalled on 5 of 10 days
    model = DialerModel(agents=8, handle_seconds=300, live_rate=0.28)
    simulation = simulate(
        model, _predictive(0.025, lines_per_agent=4), hours=8, replications=10, seed=20240611
    )
    dials = [day.dials for day in simulation.days]
    assert min(dials) > 0.8 * max(dials)
    assert min(day.utilization for day in simulation.days) > 0.7
    assert simulation.result.abandon_rate <= 0.025 * 1.15


def test_power_dials_at_least_one_to_one_and_holds_its_target() -> None:
    power = simulate(SMALL, _predictive(0.03, look_ahead=False), hours=2, replications=3, seed=4).result
    progressive = simulate(SMALL, PROGRESSIVE, hours=2, replications=3, seed=4).result
    assert power.utilization >= progressive.utilization
    assert power.abandon_rate <= 0.03 * 1.3


def test_personal_connection_falls_back_to_one_to_one_at_threshold_minus_cutoff() -> None:
    def run(cutoff: float) -> float:
        pacing = Pacing(
            mode=PacingMode.PERSONAL_CONNECTION, abandon_target=0.03, abandon_cutoff=cutoff, lines_per_agent=3
        )
        return simulate(SMALL, pacing, hours=2, replications=3, seed=4).result.abandon_rate

    assert run(0.03) == 0  # the cutoff reaches the threshold: always 1:1
    assert run(0.0) > run(0.02) > 0


def test_the_controlled_pacer_beats_open_loop_dialing_at_its_own_dial_rate() -> None:
    # the closed form (Poisson dials, no foresight) is the bound a closed-loop pacer must beat
    model = DialerModel(agents=8, handle_seconds=300, live_rate=0.28)
    paced = simulate(model, _predictive(0.025), hours=4, replications=3, seed=5).result
    blind = open_loop(model, dials_per_minute=paced.dials_per_minute)
    assert paced.abandon_rate < blind.abandon_rate
    assert paced.utilization > blind.utilization
