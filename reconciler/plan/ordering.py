"""Where each change sits in the plan: creates and updates by graph level, deletes after them.

Deleted objects are undeclared, so they have no graph level; they go last, dependents first, by the
kind rank below (an object can only be deleted once nothing references it any more).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Delete order: lower ranks are deleted first (they reference the higher ones).
DELETE_RANK: Mapping[tuple[str, str], int] = {
    ("genesys", "CampaignRule"): 0,
    ("genesys", "CampaignSchedule"): 0,
    ("genesys", "SequenceSchedule"): 0,
    ("genesys", "Sequence"): 1,
    ("genesys", "Campaign"): 2,
    ("genesys", "RuleSet"): 3,
    ("genesys", "ContactListFilter"): 3,
    ("genesys", "DncList"): 3,
    ("genesys", "CallableTimeSet"): 3,
    ("genesys", "CallAnalysisResponseSet"): 3,
    ("genesys", "ContactList"): 4,
    ("genesys", "AttemptLimits"): 5,
    ("cxone", "DncGroup"): 0,
    ("cxone", "Skill"): 1,
    ("cxone", "Campaign"): 2,  # after its skills: CXone refuses to deactivate a campaign with active skills
    ("cxone", "Disposition"): 2,  # after the skills that offer it
}
_UNRANKED = max(DELETE_RANK.values()) + 1


def delete_rank(platform: str, kind: str) -> int:
    return DELETE_RANK.get((platform, kind), _UNRANKED)


def delete_base(levels: Iterable[int]) -> int:
    """The first order number after every create and update."""
    return max(levels, default=-1) + 1


def delete_order(*, base: int, platform: str, kind: str) -> int:
    return base + delete_rank(platform, kind)
