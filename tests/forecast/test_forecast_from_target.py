"""`reconciler forecast --from-target`: the history is the days the platform measured (the monitor's reads
against the emulated demo org), a weekly season over them, and the same proposal as a diff."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from reconciler.cli import cli
from tests.conftest import run_cli
from tests.monitor.demo_repo import copy_demo, set_counts

pytest.importorskip("statsmodels")
pytest.importorskip("ruamel.yaml")

CAMPAIGNS = Path("campaigns/genesys/campaigns.yaml")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return copy_demo(tmp_path)


def measured(demo: Path, count: int) -> None:
    """`count` days ending yesterday for q3-renewals: answer rate 30 % on weekdays, 20 % at weekends."""
    start = date(2026, 1, 5)  # a Monday; "ending: yesterday" moves every date onto the emulator's yesterday
    rows: list[dict[str, Any]] = []
    for offset in range(count):
        day = start + timedelta(days=offset)
        connected = 200 if day.weekday() >= 5 else 300
        rows.append(
            {
                "campaign": "q3-renewals",
                "date": day.isoformat(),
                "attempted": 1000,
                "connected": connected,
                "abandoned": 5,
            }
        )
    set_counts(demo, {"genesys": rows, "ending": "yesterday"})


def forecast(demo: Path, *extra: str) -> Result:
    args = ["forecast", "--campaign", "q3-renewals", "--config", str(demo / "reconciler.yaml"), *extra]
    return CliRunner().invoke(cli, args)


def test_the_platform_s_measured_days_give_a_proposal_as_a_diff(demo: Path) -> None:
    measured(demo, 28)
    before = (demo / CAMPAIGNS).read_text(encoding="utf-8")
    result = forecast(demo, "--from-target", "local")
    assert result.exit_code == 0, result.output
    assert "q3-renewals: answer rate over the next 7 days forecast between" in result.output
    assert "+  outbound_line_count: " in result.output
    assert (demo / CAMPAIGNS).read_text(encoding="utf-8") == before
    low, high = (
        float(part.split(" %")[0]) for part in result.output.split("between ", 1)[1].split(" and ")[:2]
    )
    assert 19 <= low <= 21 and 29 <= high <= 31  # the weekend and weekday rates the platform measured


def test_too_few_measured_days_is_a_clear_error(demo: Path) -> None:
    measured(demo, 10)
    done = run_cli("forecast", "--campaign", "q3-renewals", "--from-target", "local", cwd=demo)
    assert done.code == 1
    assert "a forecast from daily counts needs at least 14 (two weekly cycles)" in done.stderr


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ([], "give one source of history: --history FILE or --from-target TARGET"),
        (["--from-target", "local-cxone"], "--from-target local-cxone is a cxone target"),
        (["--from-target", "nowhere"], "unknown target 'nowhere'"),
    ],
)
def test_a_wrong_source_is_a_clear_error(demo: Path, flags: list[str], message: str) -> None:
    done = run_cli("forecast", "--campaign", "q3-renewals", *flags, cwd=demo)
    assert done.code == 1
    assert message in done.stderr and "Traceback" not in done.stderr
