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
