"""The dialer: the open-loop closed form and the simulator agree, pacing modes behave, seeds reproduce."""

from __future__ import annotations

import pytest

from reconciler.pacing.analytic import max_dial_rate, open_loop
from reconciler.pacing.dialer import DialerModel, Distribution, Pacing, PacingMode
from reconciler.pacing.errors import PacingInputError
from reconciler.pacing.simulator import simulate
from reconciler.pacing.solve import max_dial_rate_simulated

FLOOR = DialerModel(agents=24, handle_seconds=300, live_rate=0.28)


def _fixed(rate: float) -> Pacing:
    return Pacing(mode=PacingMode.FIXED, dials_per_minute=rate)


@pytest.mark.parametrize(
    ("model", "rate"),
    [
        (FLOOR, 12.0),
        (FLOOR, 16.0),
        (DialerModel(agents=24, handle_seconds=300, live_rate=0.28, window_seconds=0), 14.0),
        (DialerModel(agents=24, handle_seconds=120, live_rate=0.4, amd_false_positive=0.01), 25.0),
        (DialerModel(agents=60, handle_seconds=240, live_rate=0.3, window_seconds=30), 50.0),
    ],
)
def test_simulated_fixed_rate_agrees_with_the_closed_form(model: DialerModel, rate: float) -> None:
    exact = open_loop(model, dials_per_minute=rate)
    simulated = simulate(model, _fixed(rate), hours=8, replications=8, seed=8, warmup_seconds=1800).result
    low, high = simulated.abandon_rate_ci
    assert low <= exact.abandon_rate <= high
    assert simulated.utilization == pytest.approx(exact.utilization, rel=0.03)
    assert simulated.live_answers_per_minute == pytest.approx(exact.live_answers_per_minute, rel=0.03)


def test_the_same_seed_gives_the_same_day_and_another_seed_another() -> None:
    first = simulate(FLOOR, _fixed(14), hours=2, replications=3, seed=11)
    again = simulate(FLOOR, _fixed(14), hours=2, replications=3, seed=11)
    other = simulate(FLOOR, _fixed(14), hours=2, replications=3, seed=12)
    assert first == again
    assert first.result != other.result


def test_one_line_per_free_agent_never_abandons_and_more_lines_do() -> None:
    progressive = simulate(FLOOR, Pacing(mode=PacingMode.LINES, lines_per_agent=1), hours=4, replications=3)
    power = simulate(FLOOR, Pacing(mode=PacingMode.LINES, lines_per_agent=3), hours=4, replications=3)
    assert progressive.result.abandon_rate == 0
    assert power.result.abandon_rate > 0.03
    assert power.result.utilization > progressive.result.utilization


def test_feedback_pacing_steers_a_large_floor_near_its_target() -> None:
    model = DialerModel(agents=100, handle_seconds=300, live_rate=0.28)
    pacing = Pacing(mode=PacingMode.FEEDBACK, abandon_target=0.03, lines_per_agent=4)
    result = simulate(model, pacing, hours=4, replications=2, seed=3).result
    assert 0.025 <= result.abandon_rate <= 0.03 * 1.15
    assert result.utilization > 0.85


def test_amd_false_positives_count_as_abandoned() -> None:
    model = DialerModel(agents=24, handle_seconds=300, live_rate=0.28, amd_false_positive=0.02)
    assert open_loop(model, dials_per_minute=0.001).abandon_rate == pytest.approx(0.02, abs=1e-6)
    simulated = simulate(model, Pacing(mode=PacingMode.LINES, lines_per_agent=1), hours=8, replications=4)
    low, high = simulated.result.abandon_rate_ci
    assert low <= 0.02 <= high  # progressive dialing abandons nobody; the AMD mistakes remain


def test_amd_false_negatives_take_agent_time() -> None:
    base = DialerModel(agents=24, handle_seconds=300, live_rate=0.28, machine_rate=0.3)
    leaky = DialerModel(
        agents=24, handle_seconds=300, live_rate=0.28, machine_rate=0.3, amd_false_negative=0.5
    )
    pacing = Pacing(mode=PacingMode.LINES, lines_per_agent=1)
    clean = simulate(base, pacing, hours=4, replications=2, seed=5).result
    wasted = simulate(leaky, pacing, hours=4, replications=2, seed=5).result
    assert wasted.live_answers_per_minute < clean.live_answers_per_minute


def test_max_dial_rate_meets_the_target_exactly_and_the_simulation_finds_about_the_same() -> None:
    exact = max_dial_rate(FLOOR, abandon_target=0.03)
    assert exact.abandon_rate == pytest.approx(0.03, abs=1e-6)
    assert open_loop(FLOOR, dials_per_minute=exact.dials_per_minute * 1.01).abandon_rate > 0.03
    solved = max_dial_rate_simulated(
        FLOOR, abandon_target=0.03, hours=8, replications=6, seed=2, warmup_seconds=1800
    )
    assert solved.max_dials_per_minute == pytest.approx(exact.dials_per_minute, rel=0.08)
    assert solved.result.abandon_rate <= 0.03


def test_refusals_say_what_is_wrong() -> None:
    with pytest.raises(PacingInputError, match="use up"):
        max_dial_rate(
            DialerModel(agents=5, handle_seconds=60, live_rate=0.3, amd_false_positive=0.05),
            abandon_target=0.03,
        )
    with pytest.raises(PacingInputError, match="exponential"):
        open_loop(
            DialerModel(
                agents=5, handle_seconds=60, live_rate=0.3, handle_distribution=Distribution.LOGNORMAL
            ),
            dials_per_minute=3,
        )
    with pytest.raises(PacingInputError, match="live rate"):
        DialerModel(agents=5, handle_seconds=60, live_rate=0.8, machine_rate=0.3)
    with pytest.raises(PacingInputError, match="abandon target"):
        Pacing(mode=PacingMode.FEEDBACK, abandon_target=3)


def test_lognormal_handle_times_keep_the_mean() -> None:
    model = DialerModel(
        agents=24,
        handle_seconds=300,
        live_rate=0.28,
        handle_distribution=Distribution.LOGNORMAL,
        handle_cv=0.6,
    )
    result = simulate(model, Pacing(mode=PacingMode.LINES, lines_per_agent=1), hours=8, replications=2).result
    # progressive: before each connect the agent waits out (1 - p)/p no-answers of the full 30 s timeout
    # and one answer of about 10 s
    assert result.utilization == pytest.approx(300 / (300 + 30 * (1 - 0.28) / 0.28 + 10), rel=0.03)
