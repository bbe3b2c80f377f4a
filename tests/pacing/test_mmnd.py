"""M/M/N+D (the 2-second rule): the two exact limits of compliance-and-pacing.md §2.3."""

from __future__ import annotations

import pytest

from reconciler.pacing.erlang import erlang_b, erlang_c
from reconciler.pacing.errors import PacingInputError
from reconciler.pacing.mmnd import mmnd


@pytest.mark.parametrize(("agents", "traffic"), [(24, 20.0), (24, 30.0), (520, 500.0), (520, 560.0)])
def test_no_window_is_erlang_b(agents: int, traffic: float) -> None:
    queue = mmnd(arrival_rate=traffic / 300, agents=agents, handle_seconds=300, window_seconds=0)
    assert queue.p_abandon == pytest.approx(erlang_b(agents, traffic), rel=1e-12)


@pytest.mark.parametrize(("agents", "traffic"), [(24, 20.0), (520, 500.0)])
def test_an_endless_window_is_erlang_c_without_abandonment(agents: int, traffic: float) -> None:
    for window in (1e7, float("inf")):
        queue = mmnd(arrival_rate=traffic / 300, agents=agents, handle_seconds=300, window_seconds=window)
        assert queue.p_abandon == 0
        assert queue.p_wait == pytest.approx(erlang_c(agents, traffic), rel=1e-12)


def test_a_longer_window_abandons_fewer_and_load_at_capacity_is_smooth() -> None:
    rates = [
        mmnd(arrival_rate=24 / 300, agents=24, handle_seconds=300, window_seconds=window).p_abandon
        for window in (0, 2, 10, 60)
    ]
    assert rates == sorted(rates, reverse=True)
    # λ = Nμ exactly: the (e^x - 1)/x term at x = 0
    near = mmnd(arrival_rate=24 / 300 + 1e-12, agents=24, handle_seconds=300, window_seconds=2).p_abandon
    assert rates[1] == pytest.approx(near, rel=1e-9)


def test_endless_window_refuses_an_unstable_queue() -> None:
    with pytest.raises(PacingInputError, match="unstable"):
        mmnd(arrival_rate=30 / 300, agents=24, handle_seconds=300, window_seconds=float("inf"))
