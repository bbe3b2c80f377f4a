"""SCHEDULE-PAST is measured against the run's time: before the last interval ends it does not fire."""

from __future__ import annotations

from datetime import UTC, datetime

from reconciler.policy.context import CheckContext
from reconciler.policy.schedule_past import check_schedule_past
from reconciler.validation import validate_paths
from tests.conftest import FIXTURES

ENDED = FIXTURES / "policy" / "SCHEDULE-PAST" / "violating" / "intervals-all-ended.yaml"


def _found(now: datetime) -> list[str]:
    manifests = validate_paths([ENDED]).manifests
    return [item.address or "" for item in check_schedule_past(CheckContext(manifests=manifests, now=now))]


def test_fires_only_once_the_last_interval_has_ended() -> None:
    assert _found(datetime(2020, 7, 7, 20, 59, tzinfo=UTC)) == []  # 16:59 in New York: still running
    assert _found(datetime(2020, 7, 7, 21, 0, tzinfo=UTC)) == [
        "genesys/CampaignSchedule/summer-push-schedule"
    ]
