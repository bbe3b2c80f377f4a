"""Which dependencies that did not apply still skip a change, and which list members it is written without."""

from __future__ import annotations

from typing import Any

from reconciler.apply.partial_members import split_blocked
from reconciler.apply.results import ChangeResult, Outcome
from reconciler.apply.work import Work
from reconciler.exceptions import Location
from reconciler.plan.models import Action, ResourceChange
from reconciler.state.objects import DesiredObject


def _work(platform: str, kind: str, essence: dict[str, Any], depends_on: tuple[str, ...]) -> Work:
    address = f"{platform}/{kind}/x"
    change = ResourceChange(
        address=address, kind=kind, name="x", actions=(Action.CREATE,), order=1, depends_on=depends_on
    )
    desired = DesiredObject(
        address=address, platform=platform, kind=kind, name="x", essence=essence, source=Location("m.yaml", 1)
    )
    return Work(change=change, desired=desired, live=None)


def _result(address: str, category: str, outcome: Outcome = Outcome.FAILED) -> ChangeResult:
    kind, name = address.split("/")[1:]
    return ChangeResult(address=address, kind=kind, name=name, category=category, outcome=outcome)


def test_a_dnc_group_leaves_out_a_skill_whose_create_failed_and_keeps_the_others() -> None:
    essence = {"scrubbed_skills": ["a", "b"], "records": [{"phone_number": "+12125550101"}]}
    work = _work("cxone", "DncGroup", essence, ("cxone/Skill/a", "cxone/Skill/b"))
    blocking, partial = split_blocked(
        work, {"cxone/Skill/b": _result("cxone/Skill/b", "create", Outcome.SKIPPED)}
    )
    assert blocking == [] and partial is not None
    assert partial.work.desired is not None and partial.work.desired.essence["scrubbed_skills"] == ["a"]
    assert partial.work.desired.essence["records"] == essence["records"]
    assert "scrubbed_skills member 'b' (its create was skipped)" in partial.message()


def test_a_member_whose_update_failed_still_exists_so_it_stays_listed() -> None:
    work = _work("cxone", "DncGroup", {"scrubbed_skills": ["a", "b"]}, ("cxone/Skill/a", "cxone/Skill/b"))
    assert split_blocked(work, {"cxone/Skill/b": _result("cxone/Skill/b", "update")}) == ([], None)


def test_a_skill_named_by_a_field_outside_the_table_still_skips() -> None:
    work = _work("cxone", "Skill", {"campaign": "reporting"}, ("cxone/Campaign/reporting",))
    failed = {"cxone/Campaign/reporting": _result("cxone/Campaign/reporting", "create")}
    assert split_blocked(work, failed) == (["cxone/Campaign/reporting"], None)


def test_a_genesys_campaign_never_dials_without_a_dnc_list_whose_create_failed() -> None:
    essence = {"contact_list": "l", "dnc_lists": ["internal", "federal"]}
    work = _work("genesys", "Campaign", essence, ("genesys/DncList/internal", "genesys/DncList/federal"))
    failed = {"genesys/DncList/federal": _result("genesys/DncList/federal", "create")}
    assert split_blocked(work, failed) == (["genesys/DncList/federal"], None)
