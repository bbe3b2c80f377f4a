"""The rename rule is conservative: one create, one undeclared live object of the same kind with every
declared value, else no hint."""

from __future__ import annotations

from typing import Any

from reconciler.exceptions import Location
from reconciler.plan.rename_hints import recognised_renames, rename_hint
from reconciler.state.objects import DesiredObject, LiveObject

LIST = {"column_names": ["phone"], "phone_columns": [{"column_name": "phone", "type": "cell"}]}


def _named(name: str, kind: str) -> dict[str, str]:
    return {"address": f"genesys/{kind}/{name}", "platform": "genesys", "kind": kind, "name": name}


def _desired(name: str, essence: dict[str, Any], kind: str = "ContactList") -> DesiredObject:
    return DesiredObject(**_named(name, kind), essence=essence, source=Location(f"{name}.yaml", 1))


def _live(name: str, essence: dict[str, Any], kind: str = "ContactList") -> LiveObject:
    return LiveObject(**_named(name, kind), platform_id=f"id-{name}", essence=essence)


def _same(obj: DesiredObject, live: LiveObject) -> bool:
    return all(live.essence.get(key) == value for key, value in obj.essence.items())


def _essence(live: LiveObject) -> dict[str, Any]:
    return live.essence


def _hints(creates: list[DesiredObject], live: list[LiveObject]) -> dict[str, str]:
    found = recognised_renames(
        creates, {item.address: item for item in live}, lambda item: item.essence, _same
    )
    return {address: item.name for address, item in found.items()}


def test_one_create_like_one_undeclared_object_is_a_rename() -> None:
    hints = _hints([_desired("renewals-2029", LIST)], [_live("renewals", {**LIST, "trim_whitespace": True})])
    assert hints == {"genesys/ContactList/renewals-2029": "renewals"}


def test_a_different_setting_or_kind_is_no_rename() -> None:
    other_columns = {**LIST, "column_names": ["phone", "zip"]}
    assert _hints([_desired("renewals-2029", LIST)], [_live("renewals", other_columns)]) == {}
    assert (
        _hints([_desired("renewals-2029", LIST)], [_live("renewals", LIST, kind="ContactListTemplate")]) == {}
    )


def test_two_look_alikes_either_way_are_no_rename() -> None:
    twins = [_live("renewals", LIST), _live("renewals-old", LIST)]
    assert _hints([_desired("renewals-2029", LIST)], twins) == {}
    creates = [_desired("renewals-2029", LIST), _desired("renewals-2030", LIST)]
    assert _hints(creates, [_live("renewals", LIST)]) == {}


def test_an_object_declaring_nothing_but_its_name_is_no_rename() -> None:
    assert _hints([_desired("bare", {})], [_live("other", LIST)]) == {}


def test_a_schedule_is_matched_by_its_campaign_not_renamed() -> None:
    schedule = {"campaign": "renewals", "time_zone": "UTC"}
    creates = [_desired("renewals-schedule-2", schedule, kind="CampaignSchedule")]
    assert _hints(creates, [_live("renewals-schedule", schedule, kind="CampaignSchedule")]) == {}


def test_the_hint_says_what_to_add() -> None:
    assert rename_hint({"looks_like_rename_of": "renewals"}) == (
        "looks like a rename of renewals: add `metadata.previous_names: [renewals]` to rename it in place"
    )
    assert rename_hint({"looks_like_rename_of": None}) is None
    assert rename_hint({}) is None


def test_a_large_org_is_compared_only_where_the_declared_values_agree() -> None:
    compared: list[str] = []

    def counting(obj: DesiredObject, live: LiveObject) -> bool:
        compared.append(live.name)
        return _same(obj, live)

    creates = [_desired(f"new-{n}", {**LIST, "attempt_limits": f"limits-{n}"}) for n in range(1000)]
    live = {f"old-{n}": _live(f"old-{n}", {**LIST, "attempt_limits": f"limits-{n}"}) for n in range(1000)}
    found = recognised_renames(creates, {item.address: item for item in live.values()}, _essence, counting)
    assert len(found) == 1000 and found["genesys/ContactList/new-7"].name == "old-7"
    assert len(compared) == 1000  # one per create, not one per pair
