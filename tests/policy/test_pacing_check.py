"""PACING-ABANDON fires only where the configured settings cannot hold the cap, names the fix and shows the
figure the model predicts after it; the firing rule is checked against chosen model answers, the fixes
against the model itself."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from reconciler.pacing.predict import DialerSettings, DialingMode, Prediction
from reconciler.policy.jurisdictions import table
from reconciler.policy.pacing_check import Cap, Knobs, judge
from reconciler.validation import validate_paths
from tests.conftest import FIXTURES

US = Cap(3.0, table()["US"])
GENESYS = Knobs(
    target="abandon_rate", amd="set the machine reaction to transfer", calls_per_agent="max_calls_per_agent"
)
FLOOR = DialerSettings(
    mode=DialingMode.PREDICTIVE,
    agents=8,
    handle_seconds=300,
    live_rate=0.28,
    abandon_target=0.025,
    calls_per_agent=4,
)
VIOLATING = FIXTURES / "policy" / "PACING-ABANDON" / "violating"
AFTER_FIX = re.compile(r"predicted then (\d+\.\d+) %")


def _prediction(rate: float, spread: float = 0.002) -> Prediction:
    return Prediction(
        abandon_rate=rate,
        abandon_rate_ci=(max(rate - spread, 0.0), rate + spread),
        utilization=0.8,
        days=10,
        connects_per_agent_hour=9.0,
    )


def test_a_predictive_target_at_or_under_the_cap_is_never_flagged_on_the_model_figure() -> None:
    def wild(settings: DialerSettings) -> Prediction:
        return _prediction(0.12)  # the figure the old stalling pacer gave the demo floor

    assert judge(FLOOR, US, GENESYS, wild) is None
    assert judge(dataclasses.replace(FLOOR, abandon_target=0.03), US, GENESYS, wild) is None


def test_power_dialing_that_overdials_names_the_calls_per_agent_that_holds_the_cap() -> None:
    def by_calls(settings: DialerSettings) -> Prediction:
        return _prediction(0.01 * (settings.calls_per_agent or 10))

    power = dataclasses.replace(FLOOR, mode=DialingMode.POWER, calls_per_agent=5)
    message = judge(power, US, GENESYS, by_calls)
    assert message is not None
    assert "power dialing with up to 5 calls per agent overdials this floor: predicted 5.00 %" in message
    assert "Fix: set max_calls_per_agent to 3; predicted then 3.00 %" in message


def test_power_dialing_within_the_model_interval_of_the_cap_is_not_flagged() -> None:
    def near(settings: DialerSettings) -> Prediction:
        return _prediction(0.031, spread=0.004)

    assert judge(dataclasses.replace(FLOOR, mode=DialingMode.POWER), US, GENESYS, near) is None


def test_power_dialing_no_ratio_holds_falls_back_to_progressive() -> None:
    def paced(settings: DialerSettings) -> Prediction:
        return _prediction(0.0 if settings.mode is DialingMode.PROGRESSIVE else 0.08)

    message = judge(dataclasses.replace(FLOOR, mode=DialingMode.POWER), US, GENESYS, paced)
    assert message is not None
    assert "Fix: set dialing_mode to progressive; predicted then 0.00 %" in message


def test_amd_false_positives_above_the_cap_are_flagged_even_for_progressive_dialing() -> None:
    seen: list[DialerSettings] = []

    def model(settings: DialerSettings) -> Prediction:
        seen.append(settings)
        return _prediction(0.0)

    progressive = dataclasses.replace(FLOOR, mode=DialingMode.PROGRESSIVE, amd_false_positive=0.05)
    message = judge(progressive, US, GENESYS, model)
    assert message is not None
    assert "drops 5.00 % of live answers" in message
    assert "Fix: set the machine reaction to transfer; predicted then 0.00 %" in message
    assert seen[-1].amd_false_positive == 0  # the after figure comes from the model run with the fix


@pytest.mark.parametrize(
    ("code", "period"), [("US", "30 days per calling campaign"), ("UK", "per campaign per calendar day")]
)
def test_each_figure_states_the_regulator_period(code: str, period: str) -> None:
    message = judge(
        dataclasses.replace(FLOOR, abandon_target=0.045),
        Cap(3.0, table()[code]),
        GENESYS,
        lambda settings: _prediction(settings.abandon_target),
    )
    assert message is not None
    assert message.count(f"{code} cap period: {period}") == 2  # before and after the fix


def test_canada_period_is_the_calendar_month() -> None:
    message = judge(
        dataclasses.replace(FLOOR, abandon_target=0.06),
        Cap(5.0, table()["CA"]),
        GENESYS,
        lambda settings: _prediction(settings.abandon_target),
    )
    assert message is not None
    assert "CA cap period: per calendar month" in message
    assert "Fix: set abandon_rate to 5;" in message


ASKS_FOR_AN_INPUT = frozenset({"uk-amd-without-false-positive-estimate.yaml"})
"""Violating fixtures whose finding asks for a missing model input (an AMD estimate), not a setting."""
MODEL_FIXES = [path for path in sorted(VIOLATING.glob("*.yaml")) if path.name not in ASKS_FOR_AN_INPUT]


@pytest.mark.parametrize("path", MODEL_FIXES, ids=lambda path: path.name)
def test_the_fix_each_violating_manifest_is_given_holds_the_cap_when_the_model_runs_again(path: Path) -> None:
    findings = [item for item in validate_paths([path]).findings if str(item.code) == "PACING-ABANDON"]
    assert len(findings) == 1
    after = AFTER_FIX.search(findings[0].message)
    assert after is not None, findings[0].message
    assert float(after.group(1)) <= 3.0


@pytest.mark.parametrize(
    ("jurisdictions", "staffing", "warned"),
    [
        ("[UK]", "{agents: 12, handle_seconds: 240, live_rate: 0.3, machine_rate: 0.15}", True),
        ("[UK]", "{agents: 12, handle_seconds: 240, live_rate: 0.3, amd_false_positive: 0.005}", False),
        ("[US]", "{agents: 12, handle_seconds: 240, live_rate: 0.3, machine_rate: 0.15}", False),
    ],
)
def test_a_cxone_skill_dropping_machines_under_ofcom_must_declare_its_amd_estimate(
    tmp_path: Path, jurisdictions: str, staffing: str, warned: bool
) -> None:
    text = (VIOLATING / "cxone-amd-false-positives.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  jurisdictions: \[US\]$", f"  jurisdictions: {jurisdictions}", text)
    text = re.sub(r"(?m)^  staffing: \{.*\}$", f"  staffing: {staffing}", text)
    path = tmp_path / "skill.yaml"
    path.write_text(text, encoding="utf-8")
    messages = [
        item.message for item in validate_paths([path]).findings if str(item.code) == "PACING-ABANDON"
    ]
    asked = [message for message in messages if "Declare compliance.staffing.amd_false_positive" in message]
    assert bool(asked) is warned, messages
    if warned:
        assert "cpa_settings.ans_machine_det_mode 2" in asked[0]
