"""The pacing model as a planner uses it: each setting moves the prediction the way a real dialer would."""

from __future__ import annotations

import dataclasses

import pytest

from reconciler.pacing.predict import DialerSettings, DialingMode, PacingPolicy, predict

# the demo campaign q3-renewals (campaigns/genesys/campaigns.yaml) with the org's 4 calls per agent
DEMO = DialerSettings(
    mode=DialingMode.PREDICTIVE,
    agents=8,
    handle_seconds=300,
    live_rate=0.28,
    abandon_target=0.025,
    calls_per_agent=4,
)


def test_the_demo_floor_holds_its_target_above_progressive_utilization() -> None:
    prediction = predict(DEMO)
    progressive = predict(dataclasses.replace(DEMO, mode=DialingMode.PROGRESSIVE))
    assert prediction.abandon_rate <= 0.025 * 1.15
    assert prediction.utilization > progressive.utilization > 0.5
    assert predict(DEMO) == prediction  # fixed seeds: the same manifest always gets the same figure


def test_the_interval_brackets_the_pooled_rate_inside_zero_and_one() -> None:
    for settings in (DEMO, dataclasses.replace(DEMO, mode=DialingMode.PROGRESSIVE)):
        prediction = predict(settings)
        low, high = prediction.abandon_rate_ci
        assert 0 <= low <= prediction.abandon_rate <= high <= 1
        assert prediction.live_answers > 0


def test_progressive_never_abandons_and_has_a_real_utilization() -> None:
    progressive = predict(dataclasses.replace(DEMO, mode=DialingMode.PROGRESSIVE))
    assert progressive.abandon_rate == 0
    assert progressive.utilization > 0.5
    assert progressive.connects_per_agent_hour > 0


def test_no_more_lines_than_agents_never_abandons() -> None:
    capped = predict(dataclasses.replace(DEMO, abandon_target=0.03, line_count=8))
    assert capped.abandon_rate == 0


def test_a_lower_target_predicts_less_abandonment_and_less_utilization() -> None:
    tight = predict(dataclasses.replace(DEMO, abandon_target=0.005))
    loose = predict(DEMO)
    assert tight.abandon_rate < loose.abandon_rate
    assert tight.utilization < loose.utilization


def test_power_dials_for_free_agents_only_and_reaches_less_utilization_than_predictive() -> None:
    power = predict(dataclasses.replace(DEMO, mode=DialingMode.POWER))
    assert power.abandon_rate <= 0.025 * 1.15
    assert power.utilization < predict(DEMO).utilization


def test_amd_false_positives_are_abandons_no_pacer_controls() -> None:
    settings = dataclasses.replace(
        DEMO, mode=DialingMode.PROGRESSIVE, machine_rate=0.2, amd_false_positive=0.04
    )
    assert predict(settings).abandon_rate == pytest.approx(0.04, abs=0.01)


def test_a_longer_no_answer_timeout_keeps_agents_waiting_longer() -> None:
    progressive = dataclasses.replace(DEMO, mode=DialingMode.PROGRESSIVE)
    short = predict(dataclasses.replace(progressive, no_answer_timeout_seconds=15))
    long = predict(dataclasses.replace(progressive, no_answer_timeout_seconds=60))
    assert long.utilization < short.utilization
    assert long.connects_per_agent_hour < short.connects_per_agent_hour


def test_after_call_work_costs_connects_per_agent_hour() -> None:
    without = predict(DEMO)
    with_wrap = predict(dataclasses.replace(DEMO, after_call_seconds=60))
    assert with_wrap.connects_per_agent_hour < without.connects_per_agent_hour
    assert with_wrap.abandon_rate <= 0.025 * 1.15


def test_lognormal_handle_times_are_an_option_the_pacer_still_controls() -> None:
    lognormal = predict(dataclasses.replace(DEMO, handle_cv=0.6))
    assert lognormal.abandon_rate <= 0.025 * 1.15
    assert (
        lognormal.utilization > predict(dataclasses.replace(DEMO, mode=DialingMode.PROGRESSIVE)).utilization
    )


def test_personal_connection_dials_one_to_one_once_the_cutoff_reaches_the_threshold() -> None:
    skill = dataclasses.replace(
        DEMO, policy=PacingPolicy.PERSONAL_CONNECTION, calls_per_agent=3, abandon_target=0.03
    )
    always_one_to_one = predict(dataclasses.replace(skill, abandon_cutoff=0.03))
    ramping = predict(skill)
    assert always_one_to_one.abandon_rate == 0
    assert ramping.abandon_rate > 0
    assert ramping.utilization > always_one_to_one.utilization
    assert "falling back to 1:1 at a 3.00 % abandon rate" in skill.describe()
