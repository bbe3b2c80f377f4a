"""The emulator's synthetic history, and reading history: the 48-hour floor and clear refusals."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from reconciler.emulator.app import create_app
from reconciler.emulator.history import history_csv, synthetic_history
from reconciler.forecast.errors import ForecastError
from reconciler.forecast.history import read_history


def _write(tmp_path: Path, hours: int, campaign: str = "q3-renewals", seed: int = 0) -> Path:
    path = tmp_path / "history.csv"
    path.write_text(
        history_csv(synthetic_history(campaign=campaign, hours=hours, seed=seed)), encoding="utf-8"
    )
    return path


def test_the_emulator_serves_the_same_history_as_the_command() -> None:
    with TestClient(create_app(), base_url="http://emulator.test") as client:
        answer = client.get("/_emulator/history", params={"campaign": "q3-renewals", "hours": 72, "seed": 4})
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/csv")
        assert answer.text == history_csv(synthetic_history(campaign="q3-renewals", hours=72, seed=4))
        assert client.get("/_emulator/history").status_code == 400


def test_synthetic_history_dials_only_in_the_calling_window_and_repeats_per_seed() -> None:
    rows = list(csv.DictReader(io.StringIO(history_csv(synthetic_history(campaign="c", hours=168, seed=1)))))
    assert {int(row["hour"][11:13]) for row in rows} == set(range(8, 21))
    assert len(rows) == 7 * 13
    assert synthetic_history(campaign="c", hours=48, seed=1) == synthetic_history(
        campaign="c", hours=48, seed=1
    )
    assert synthetic_history(campaign="c", hours=48, seed=1) != synthetic_history(
        campaign="c", hours=48, seed=2
    )


def test_history_shorter_than_48_hours_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ForecastError, match=r"at least 48 h"):
        read_history(_write(tmp_path, hours=40), campaign="q3-renewals")


def test_history_of_another_campaign_is_named_in_the_refusal(tmp_path: Path) -> None:
    with pytest.raises(ForecastError, match=r"no dialing history for campaign 'other'.*q3-renewals"):
        read_history(_write(tmp_path, hours=72), campaign="other")


def test_history_gaps_are_filled_from_the_same_hour_of_another_day(tmp_path: Path) -> None:
    path = _write(tmp_path, hours=96)
    lines = path.read_text(encoding="utf-8").splitlines()
    gap = lines[20]
    path.write_text("\n".join(line for line in lines if line != gap) + "\n", encoding="utf-8")
    series = read_history(path, campaign="q3-renewals")
    assert len(series.rates) == 4 * 13
    assert series.period == 13


def test_bad_rows_say_where(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("hour,campaign,dials,live_answers\n2026-03-02T08:00,c,10,12\n", encoding="utf-8")
    with pytest.raises(ForecastError, match=r"bad.csv:2: live answers"):
        read_history(path, campaign="c")
