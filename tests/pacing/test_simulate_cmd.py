"""`reconciler simulate erlang|dialer`: the JSON keys the issue names, and refusals as messages."""

from __future__ import annotations

import json

from click.testing import CliRunner

from reconciler.cli import cli
from tests.conftest import run_cli

DIALER = ["simulate", "dialer", "--agents", "24", "--live-rate", "0.28", "--handle-seconds", "300"]


def _json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_erlang_json_has_the_queue_keys_and_p_abandon_only_with_patience() -> None:
    base = [
        "simulate",
        "erlang",
        "--traffic",
        "10",
        "--agents",
        "14",
        "--aht",
        "180",
        "--target-seconds",
        "20",
    ]
    assert set(_json(*base, "--format", "json")) == {"p_wait", "service_level", "asa_seconds", "occupancy"}
    with_patience = _json(*base, "--patience", "60", "--format", "json")
    assert set(with_patience) == {"p_wait", "service_level", "asa_seconds", "occupancy", "p_abandon"}


def test_dialer_json_has_the_rate_keys_for_both_methods() -> None:
    keys = {"abandon_rate", "abandon_rate_ci", "utilization", "dials_per_minute", "live_answers_per_minute"}
    for method in ("simulation", "analytic"):
        data = _json(
            *DIALER, "--dials-per-minute", "12", "--hours", "1", "--method", method, "--format", "json"
        )
        assert set(data) == keys
        low, high = data["abandon_rate_ci"]  # type: ignore[misc]
        assert low <= data["abandon_rate"] <= high  # type: ignore[operator]


def test_dialer_solve_prints_the_max_dial_rate() -> None:
    data = _json(
        *DIALER,
        "--method",
        "analytic",
        "--solve",
        "max-dial-rate",
        "--abandon-target",
        "0.03",
        "--format",
        "json",
    )
    assert data["max_dials_per_minute"] == data["dials_per_minute"]
    assert abs(data["abandon_rate"] - 0.03) < 1e-6  # type: ignore[operator]


def test_unstable_erlang_c_is_an_error_message_and_exit_1() -> None:
    result = run_cli(
        "simulate", "erlang", "--traffic", "14", "--agents", "14", "--aht", "180", "--target-seconds", "20"
    )
    assert result.code == 1
    assert result.stderr.startswith("error: unstable queue")
    assert "Traceback" not in result.stderr


def test_text_output_names_the_figures() -> None:
    result = CliRunner().invoke(cli, [*DIALER, "--dials-per-minute", "12", "--method", "analytic"])
    assert result.exit_code == 0
    assert "abandon rate" in result.output and "open-loop" in result.output


def test_one_replication_is_one_pooled_day_with_an_interval() -> None:
    data = _json(
        *DIALER,
        "--pacing",
        "feedback",
        "--abandon-target",
        "0.03",
        "--hours",
        "1",
        "--replications",
        "1",
        "--format",
        "json",
    )
    low, high = data["abandon_rate_ci"]  # type: ignore[misc]
    assert 0 <= low <= data["abandon_rate"] <= high <= 1  # type: ignore[operator]


def test_call_model_options_reach_the_simulation() -> None:
    base = [*DIALER, "--pacing", "lines", "--lines-per-agent", "1", "--hours", "1", "--format", "json"]
    quick = _json(*base, "--no-answer-timeout", "15")
    slow = _json(*base, "--no-answer-timeout", "60")
    wrapped = _json(*base, "--after-call-seconds", "120")
    assert slow["utilization"] < quick["utilization"]  # type: ignore[operator]
    assert wrapped["live_answers_per_minute"] < quick["live_answers_per_minute"]  # type: ignore[operator]
    personal = _json(
        *DIALER,
        "--pacing",
        "personal-connection",
        "--lines-per-agent",
        "3",
        "--abandon-target",
        "0.03",
        "--abandon-cutoff",
        "0.03",
        "--hours",
        "1",
        "--format",
        "json",
    )
    assert personal["abandon_rate"] == 0  # the cutoff reaches the threshold: Personal Connection dials 1:1


def test_text_output_says_the_rate_is_pooled() -> None:
    result = CliRunner().invoke(
        cli,
        [*DIALER, "--pacing", "feedback", "--abandon-target", "0.03", "--hours", "1", "--replications", "1"],
    )
    assert result.exit_code == 0, result.output
    assert "pooled over 1 day of 1 h" in result.output


def test_analytic_refuses_after_call_work_with_a_message() -> None:
    result = run_cli(
        *DIALER, "--dials-per-minute", "12", "--method", "analytic", "--after-call-seconds", "30"
    )
    assert result.code != 0
    assert "after-call work" in result.stderr
    assert "Traceback" not in result.stderr
