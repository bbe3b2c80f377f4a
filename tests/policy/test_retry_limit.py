"""RETRY-LIMIT: how many calls to one person attempt settings allow within any 24 hours, and where the
finding points."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from reconciler.diagnostics import Code, Finding
from reconciler.policy import retry
from reconciler.policy.context import CheckContext
from reconciler.state.objects import LiveObject
from reconciler.validation import validate_paths

Write = Callable[[str, str], Path]


@pytest.mark.parametrize(
    ("limits", "numbers", "calls"),
    [
        ({"max_attempts_per_contact": 3, "reset_period": "NEVER"}, 1, 3),
        ({"max_attempts_per_contact": 3}, 1, 3),  # the API's default reset period is NEVER
        ({"max_attempts_per_contact": 3, "reset_period": "TODAY", "time_zone_id": "America/New_York"}, 1, 6),
        ({"max_attempts_per_contact": 2, "reset_period": "DAYS_7"}, 1, 4),
        ({"max_attempts_per_number": 2}, 3, 6),
        ({"max_attempts_per_contact": 3, "max_attempts_per_number": 1}, 2, 2),
        (None, 1, None),
    ],
)
def test_most_calls_to_a_contact_within_24_hours(
    limits: dict[str, object] | None, numbers: int, calls: int | None
) -> None:
    assert retry.genesys_day_count(limits, numbers).calls == calls


def _brute_force(maximum: int | None, gap: int, burst: tuple[int, int] | None, window: int) -> int:
    """The largest set of whole-minute call times in [0, window) that obeys the rules."""
    best = 0
    for size in range(1, (maximum or window) + 1):
        fits = False
        for times in combinations(range(window), size):
            if any(b - a < gap for a, b in pairwise(times)):
                continue
            if burst and any(times[i + burst[0]] - times[i] < burst[1] for i in range(size - burst[0])):
                continue
            fits = True
            break
        if not fits:
            break
        best = size
    return best


@pytest.mark.parametrize(
    ("maximum", "gap", "burst"),
    [(None, 4, None), (3, 1, None), (None, 1, (2, 6)), (None, 2, (3, 9)), (5, 3, (2, 7)), (None, 5, None)],
)
def test_placing_each_call_as_early_as_allowed_fits_the_most(
    maximum: int | None, gap: int, burst: tuple[int, int] | None
) -> None:
    assert retry.most_calls(maximum, gap, burst, window=12) == _brute_force(maximum, gap, burst, 12)


def test_nothing_limits_the_calls() -> None:
    assert retry.most_calls(None, 0, None) is None
    assert retry.most_calls(4, 0, None) == 4
    assert retry.most_calls(None, 240, None) == 6
    assert retry.most_calls(None, 480, None) == 3  # 0:00, 8:00, 16:00; the next is 24 hours after the first


ORG = """
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: {name}
spec:
  contact_list: shared-list
  dialing_mode: preview
  phone_columns: [{{column_name: phone, type: cell}}]
  caller_name: Acme
  caller_address: "+12125550100"
compliance:
  jurisdictions: [{jurisdictions}]
"""

LIST = """
apiVersion: genesys/v1
kind: ContactList
metadata:
  name: shared-list
spec:
  column_names: [id, phone]
  phone_columns: [{column_name: phone, type: cell}]
  attempt_limits: org-limits
"""


def _retry(findings: list[Finding]) -> list[Finding]:
    return [item for item in findings if item.code == Code.RETRY_LIMIT]


def test_campaigns_sharing_limits_get_one_finding_at_the_limits_they_share(write: Write) -> None:
    path = write(
        "org.yaml",
        "---".join(
            [
                ORG.format(name="florida-a", jurisdictions="US-FL"),
                ORG.format(name="florida-b", jurisdictions="US, US-FL"),
                ORG.format(name="federal", jurisdictions="US"),
                LIST,
                "\napiVersion: genesys/v1\nkind: AttemptLimits\nmetadata:\n  name: org-limits\n"
                "spec:\n  max_attempts_per_contact: 4\n",
            ]
        ),
    )
    (found,) = _retry(validate_paths([path]).findings)
    assert found.address == "genesys/AttemptLimits/org-limits"
    assert "campaigns 'florida-a', 'florida-b'" in found.message
    assert "'federal'" not in found.message


def test_limits_only_the_org_has_are_read_from_it_and_the_finding_points_at_the_contact_list(
    write: Write,
) -> None:
    path = write("org.yaml", "---".join([ORG.format(name="florida", jurisdictions="US-FL"), LIST]))
    manifests = validate_paths([path]).manifests

    def context(maximum: int) -> CheckContext:
        live = LiveObject(
            address="genesys/AttemptLimits/org-limits",
            platform="genesys",
            kind="AttemptLimits",
            name="org-limits",
            platform_id="a1",
            essence={"max_attempts_per_contact": maximum, "reset_period": "NEVER"},
        )
        return CheckContext(manifests=manifests, live={live.address: live}, platform="genesys")

    assert retry.check(context(3)) == []
    (found,) = retry.check(context(4))
    assert found.address == "genesys/ContactList/shared-list"
    assert found.source is not None
    assert path.read_text().splitlines()[found.source.line - 1].strip() == "attempt_limits: org-limits"
    assert retry.check(CheckContext(manifests=manifests)) == []  # offline: REF-MISSING's business


SKILL = """
apiVersion: cxone/v1
kind: Skill
metadata:
  name: desk
spec:
  retry_settings:
    minimum_retry_minutes: 120
compliance:
  jurisdictions: [US-OK]
"""


def test_a_skill_is_judged_with_the_live_maximum_when_the_manifest_leaves_it_out(write: Write) -> None:
    manifests = validate_paths([write("skill.yaml", SKILL)]).manifests
    assert retry.check(CheckContext(manifests=manifests)) == []  # maximum_attempts unknown offline
    live = LiveObject(
        address="cxone/Skill/desk",
        platform="cxone",
        kind="Skill",
        name="desk",
        platform_id="7",
        essence={"retry_settings": {"maximum_attempts": 5, "minimum_retry_minutes": 30}},
    )
    (found,) = retry.check(CheckContext(manifests=manifests, live={live.address: live}, platform="cxone"))
    assert "up to 5 times within 24 hours (maximum_attempts 5, at least 120 minutes apart)" in found.message
    assert "Oklahoma allows at most 3 calls" in found.message


def test_disagreeing_blocks_count_the_larger_maximum_and_the_shorter_gap(write: Write) -> None:
    text = SKILL.replace(
        "  retry_settings:\n    minimum_retry_minutes: 120\n",
        "  general_settings:\n    maximum_attempts: 2\n    minimum_retry_minutes: 60\n"
        "  retry_settings:\n    maximum_attempts: 8\n    minimum_retry_minutes: 600\n",
    )
    (found,) = _retry(validate_paths([write("skill.yaml", text)]).findings)
    assert "(maximum_attempts 8, at least 60 minutes apart)" in found.message
    assert found.source is not None
    lines = Path(found.source.file).read_text().splitlines()
    assert lines[found.source.line - 1].strip() == "maximum_attempts: 8"
