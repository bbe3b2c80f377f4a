"""metadata.previous_names is checked offline: only name-identified kinds, one claimant per old name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reconciler.validation import validate_paths

LIST = """
apiVersion: genesys/v1
kind: DncList
metadata:
  name: {name}
  previous_names: {previous}
spec: {{dnc_source_type: rds, contact_method: Phone}}
"""


def _codes(path: Path) -> list[tuple[str, str]]:
    found = validate_paths([path]).findings
    return [(str(item.code), item.message) for item in found if "previous_names" in item.message]


def test_a_schedule_cannot_be_renamed_with_previous_names(write: Callable[..., Path]) -> None:
    path = write(
        "schedule.yaml",
        """
        apiVersion: genesys/v1
        kind: CampaignSchedule
        metadata: {name: q3-schedule, previous_names: [old-schedule]}
        spec:
          campaign: q3
          intervals: [{start: "2099-07-07T13:00:00.000Z", end: "2099-07-07T21:00:00.000Z"}]
        """,
    )
    [(code, message)] = _codes(path)
    assert code == "SCHEMA" and "matched by its campaign" in message


def test_an_old_name_two_manifests_claim_is_a_duplicate(write: Callable[..., Path]) -> None:
    text = (
        LIST.format(name="dnc-a", previous="[dnc-old]")
        + "---"
        + LIST.format(name="dnc-b", previous="[dnc-old]")
    )
    [(code, message)] = _codes(write("lists.yaml", text))
    assert code == "DUPLICATE" and "'dnc-old' is claimed by genesys/DncList/dnc-a" in message


def test_an_old_name_that_is_still_declared_is_a_duplicate(write: Callable[..., Path]) -> None:
    text = LIST.format(name="dnc-a", previous="[dnc-b]") + "---" + LIST.format(name="dnc-b", previous="[]")
    [(code, message)] = _codes(write("lists.yaml", text))
    assert code == "DUPLICATE" and "claimed by genesys/DncList/dnc-b" in message


def test_the_current_name_is_no_previous_name(write: Callable[..., Path]) -> None:
    [(code, message)] = _codes(write("list.yaml", LIST.format(name="dnc-a", previous="[dnc-a]")))
    assert code == "SCHEMA" and "must not include the object's current name" in message
