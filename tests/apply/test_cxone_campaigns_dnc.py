"""`apply` against the emulated CXone org: campaign membership follows the Admin API (a skill always has a
campaign, removal is a transfer, rejected skills fail by name, no deactivation while skills are active),
and DNC records respect inactive groups and the 7-day listing of expired records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reconciler.apply.results import Outcome
from reconciler.emulator.seed import apply_seed
from tests.apply.test_cxone_apply import COLLECTIONS, RENEWALS, Org, _edit, _message, _org, _outcomes

CAMPAIGN = "cxone/Campaign/retention-reporting"
GROUP = "cxone/DncGroup/cx-internal-dnc"


def _campaigns(org: Org) -> Path:
    return org.root / "campaigns" / "cxone" / "campaigns.yaml"


def _groups(org: Org) -> Path:
    return org.root / "campaigns" / "cxone" / "dnc-groups.yaml"


def _campaign_of(org: Org, skill: str) -> str:
    [live] = org.skills_named(skill)
    campaign = org.emulator.state.cxone["campaigns"][str(live["campaignId"])]
    return str(campaign["name"])


def _add_campaign(org: Org, name: str, *extra: str) -> None:
    text = _campaigns(org).read_text()
    lines = ["apiVersion: cxone/v1", "kind: Campaign", "metadata:", f"  name: {name}", "spec:", *extra]
    _campaigns(org).write_text(text + "---\n" + "\n".join(lines) + "\n")


def _skills_without_campaigns(org: Org, collections_campaign: str | None = None) -> None:
    """The skills' manifests stop naming their campaign (the collections one names `collections_campaign`);
    retention-reporting lists its skills instead: the renewals skill only."""
    skills = org.root / "campaigns" / "cxone" / "skills.yaml"
    head, collections = skills.read_text().split("---\n")
    head = head.replace("  campaign: retention-reporting\n", "")
    new = f"  campaign: {collections_campaign}\n" if collections_campaign else ""
    skills.write_text(head + "---\n" + collections.replace("  campaign: retention-reporting\n", new))
    _edit(_campaigns(org), "  is_active: true", f"  is_active: true\n  skills: [{RENEWALS}]")


def test_dropping_a_skill_from_its_campaign_without_another_campaign_is_refused_with_the_reason(
    tmp_path: Path,
) -> None:
    org = _org(tmp_path)
    assert set(_outcomes(org.apply()).values()) == {Outcome.APPLIED}
    _skills_without_campaigns(org)
    applied = org.apply()
    assert _outcomes(applied)[CAMPAIGN] == Outcome.FAILED
    message = _message(applied, "retention-reporting")
    assert f"skill '{COLLECTIONS}' cannot leave the campaign" in message
    assert "always belongs to a campaign" in message and "Set spec.campaign" in message
    assert _campaign_of(org, COLLECTIONS) == "retention-reporting"


def test_a_skill_moved_to_another_campaign_converges_and_is_never_left_without_one(tmp_path: Path) -> None:
    org = _org(tmp_path)
    assert set(_outcomes(org.apply()).values()) == {Outcome.APPLIED}
    _skills_without_campaigns(org, "winback-reporting")
    _add_campaign(org, "winback-reporting", "  is_active: true")
    assert set(_outcomes(org.apply()).values()) == {Outcome.APPLIED}
    assert _campaign_of(org, COLLECTIONS) == "winback-reporting"
    assert _campaign_of(org, RENEWALS) == "retention-reporting"
    assert all(skill.get("campaignId") for skill in org.emulator.state.cxone["skills"].values())
    assert org.pending() == {}


def test_skills_the_campaign_rejects_fail_the_change_by_name(tmp_path: Path) -> None:
    org = _org(tmp_path)
    assert set(_outcomes(org.apply()).values()) == {Outcome.APPLIED}
    # CXone: "Active skills must be associated with an active campaign"; v33.0 answers invalidSkills
    apply_seed(org.emulator, {"cxone": {"campaigns": [{"name": "paused-reporting", "isActive": False}]}})
    _add_campaign(org, "paused-reporting", "  is_active: false", f"  skills: [{RENEWALS}, {COLLECTIONS}]")
    applied = org.apply()
    assert _outcomes(applied)["cxone/Campaign/paused-reporting"] == Outcome.FAILED
    message = _message(applied, "paused-reporting")
    assert f"('{RENEWALS}') was not assigned (invalidSkills)" in message
    assert f"('{COLLECTIONS}') was not assigned (invalidSkills)" in message
    assert _campaign_of(org, RENEWALS) == "retention-reporting"


def test_a_campaign_with_active_skills_is_not_deactivated_and_the_reason_is_given(tmp_path: Path) -> None:
    org = _org(tmp_path)
    assert set(_outcomes(org.apply()).values()) == {Outcome.APPLIED}
    _edit(_campaigns(org), "  is_active: true", "  is_active: false")
    applied = org.apply()
    assert _outcomes(applied)[CAMPAIGN] == Outcome.FAILED
    message = _message(applied, "retention-reporting")
    assert f"has active skills ({COLLECTIONS}, {RENEWALS})" in message
    assert "Cannot make a Campaign with active skills inactive" in message
    [campaign] = [
        c for c in org.emulator.state.cxone["campaigns"].values() if c["name"] == "retention-reporting"
    ]
    assert campaign["isActive"] is True


def test_records_are_written_before_the_group_is_deactivated(tmp_path: Path) -> None:
    org = _org(tmp_path)
    _edit(_groups(org), "  is_active: true", "  is_active: false")
    _edit(_groups(org), '    - phone_number: "+12125550121"\n', '    - phone_number: "+12125550123"\n')
    assert set(_outcomes(org.apply()).values()) == {Outcome.APPLIED}
    assert org.emulator.state.cxone["dnc_groups"]["6001"]["isActive"] is False
    assert org.emulator.state.cxone["dnc_records"]["6001"]["2125550123"]["expiredDate"] is None
    assert org.pending() == {}


def test_record_changes_to_a_group_that_stays_inactive_are_refused_with_the_reason(tmp_path: Path) -> None:
    org = _org(tmp_path)
    _edit(_groups(org), "  is_active: true", "  is_active: false")
    assert set(_outcomes(org.apply()).values()) == {Outcome.APPLIED}
    _edit(_groups(org), '    - phone_number: "+12125550121"\n', '    - phone_number: "+12125550124"\n')
    applied = org.apply()
    assert _outcomes(applied)[GROUP] == Outcome.FAILED
    assert "refuses record writes to an inactive DNC group" in _message(applied, "cx-internal-dnc")
    assert "2125550124" not in org.emulator.state.cxone["dnc_records"]["6001"]


def test_expired_records_still_listed_are_neither_removed_nor_expired_again(tmp_path: Path) -> None:
    org = _org(tmp_path)
    _edit(_groups(org), "  records:\n", "  records_mode: exact\n  records:\n")  # no DNC-SHRINK either
    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    expired = [{"phoneNumber": "2125550199", "expiredDate": yesterday}]
    apply_seed(org.emulator, {"cxone": {"dnc_records": {"cx-internal-dnc": expired}}})
    assert set(_outcomes(org.apply(allow_delete=True)).values()) == {Outcome.APPLIED}
    kept = org.emulator.state.cxone["dnc_records"]["6001"]["2125550199"]
    assert kept["expiredDate"] == yesterday  # not expired again, not removed
    assert org.pending() == {}


def test_a_declared_number_held_only_as_an_expired_record_is_added_again(tmp_path: Path) -> None:
    org = _org(tmp_path)
    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    expired = [{"phoneNumber": "+1 (212) 555-0121", "expiredDate": yesterday}]
    apply_seed(org.emulator, {"cxone": {"dnc_records": {"cx-internal-dnc": expired}}})
    assert org.pending().get(GROUP) == ["update"]
    assert set(_outcomes(org.apply()).values()) == {Outcome.APPLIED}
    assert org.emulator.state.cxone["dnc_records"]["6001"]["2125550121"]["expiredDate"] is None
    assert org.pending() == {}


def test_live_numbers_in_cxone_form_match_their_declared_e164_and_are_never_expired(tmp_path: Path) -> None:
    org = _org(tmp_path)
    _edit(_groups(org), "  records:\n", "  records_mode: exact\n  records:\n")
    held = org.emulator.state.cxone["dnc_records"]["6001"]
    assert sorted(held) == ["2125550121", "2125550122"]  # CXone's form of +12125550121 and +12125550122
    changes = org.plan().plan.resource_changes
    [group] = [change for change in changes if change.address == GROUP]
    assert group.numbers is not None and group.numbers.remove == () and group.numbers.add == ()
    assert set(_outcomes(org.apply(allow_delete=True)).values()) == {Outcome.APPLIED}
    after = org.emulator.state.cxone["dnc_records"]["6001"]
    assert sorted(after) == ["2125550121", "2125550122"]
    assert after["2125550121"]["expiredDate"] is None
