"""`reconciler forecast` on the emulator's synthetic history: a proposed change, and --write keeps the
file's comments and layout (only the changed value's line differs)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reconciler.cli import cli
from reconciler.emulator.history import history_csv, synthetic_history
from tests.conftest import copy_demo

pytest.importorskip("statsmodels")
pytest.importorskip("ruamel.yaml")

CAMPAIGNS = Path("campaigns/genesys/campaigns.yaml")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo config repo, with a week of synthetic history for q3-renewals."""
    copy_demo(tmp_path)
    rows = synthetic_history(campaign="q3-renewals", hours=168, seed=0)
    (tmp_path / "history.csv").write_text(history_csv(rows), encoding="utf-8")
    return tmp_path


def _invoke(demo: Path, *extra: str, campaign: str = "q3-renewals") -> Result:
    args = ["forecast", "--history", str(demo / "history.csv"), "--campaign", campaign]
    return CliRunner().invoke(cli, [*args, "--config", str(demo / "reconciler.yaml"), *extra])


def _forecast(demo: Path, *extra: str) -> tuple[int, str]:
    result = _invoke(demo, *extra)
    return result.exit_code, result.output


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line.startswith(("- ", "+ "))]


def test_forecast_proposes_a_line_count_as_a_diff_and_changes_nothing(demo: Path) -> None:
    before = (demo / CAMPAIGNS).read_text(encoding="utf-8")
    code, output = _forecast(demo)
    assert code == 0, output
    assert "forecast between" in output
    assert "+  outbound_line_count: " in output
    assert (demo / CAMPAIGNS).read_text(encoding="utf-8") == before


def test_write_changes_only_the_value_line_and_keeps_every_comment(demo: Path) -> None:
    before = (demo / CAMPAIGNS).read_text(encoding="utf-8")
    code, output = _forecast(demo, "--write")
    assert code == 0, output
    after = (demo / CAMPAIGNS).read_text(encoding="utf-8")
    changed = _changed_lines(before, after)
    assert len(changed) == 1 and changed[0].startswith("+   outbound_line_count: ")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in after.splitlines() for line in comments)
    # the proposal is stable: a second run has nothing more to change
    code, output = _forecast(demo, "--write")
    assert code == 0 and "No change" in output


def test_an_existing_value_is_replaced_on_its_own_line_with_its_comment(demo: Path) -> None:
    path = demo / CAMPAIGNS
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  abandon_rate: 2.5\n", "  abandon_rate: 2.5\n  outbound_line_count: 60  # set by hand\n", 1
    )
    path.write_text(text, encoding="utf-8")
    code, output = _forecast(demo, "--write")
    assert code == 0, output
    changed = _changed_lines(text, path.read_text(encoding="utf-8"))
    assert len(changed) == 2
    assert changed[0] == "-   outbound_line_count: 60  # set by hand"
    assert changed[1].startswith("+   outbound_line_count: ") and changed[1].endswith("# set by hand")


def test_short_history_is_refused_with_a_message(demo: Path) -> None:
    rows = synthetic_history(campaign="q3-renewals", hours=30, seed=0)
    (demo / "history.csv").write_text(history_csv(rows), encoding="utf-8")
    result = _invoke(demo)
    assert result.exit_code != 0
    assert "at least 48 h" in str(result.exception)


def test_a_campaign_without_staffing_is_refused(demo: Path) -> None:
    rows = synthetic_history(campaign="collections-early-stage", hours=72, seed=0)
    (demo / "history.csv").write_text(history_csv(rows), encoding="utf-8")
    result = _invoke(demo, campaign="collections-early-stage")
    assert "declares no compliance.staffing" in str(result.exception)
