"""The PACING-ABANDON model: each setting the check reads moves the prediction the way a planner expects."""

from __future__ import annotations

import dataclasses

from reconciler.pacing.predict import DialerSettings, DialingMode, predict

# the demo campaign q3-renewals (campaigns/genesys/campaigns.yaml) with the org's 4 calls per agent
DEMO = DialerSettings(
    mode=DialingMode.PREDICTIVE,
    agents=24,
    handle_seconds=300,
    live_rate=0.28,
    abandon_target=0.025,
    calls_per_agent=4,
)


def test_the_demo_floor_overshoots_its_target_but_stays_under_the_us_cap() -> None:
    prediction = predict(DEMO)
    assert 0.025 < prediction.abandon_rate < 0.03
    assert predict(DEMO) == prediction  # fixed seeds: the same manifest always gets the same figure


def test_targeting_the_cap_itself_predicts_above_it() -> None:
    assert predict(dataclasses.replace(DEMO, abandon_target=0.03)).abandon_rate > 0.03


def test_progressive_never_abandons() -> None:
    assert predict(dataclasses.replace(DEMO, mode=DialingMode.PROGRESSIVE)).abandon_rate == 0


def test_no_more_lines_than_agents_never_abandons() -> None:
    capped = predict(dataclasses.replace(DEMO, abandon_target=0.03, line_count=24))
    assert capped.abandon_rate == 0


def test_a_tighter_calls_per_agent_cap_abandons_less() -> None:
    loose = predict(dataclasses.replace(DEMO, abandon_target=0.03, calls_per_agent=None))
    tight = predict(dataclasses.replace(DEMO, abandon_target=0.03, calls_per_agent=1.5))
    assert tight.abandon_rate < loose.abandon_rate


def test_more_agents_pool_away_the_overshoot() -> None:
    small = predict(dataclasses.replace(DEMO, abandon_target=0.03))
    large = predict(dataclasses.replace(DEMO, abandon_target=0.03, agents=200))
    assert large.abandon_rate < small.abandon_rate
