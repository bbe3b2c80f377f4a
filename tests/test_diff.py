from __future__ import annotations

import dataclasses

import pytest

from reconciler.diff import FieldChange, project, scoped_diff, top_field


def paths(changes: tuple[FieldChange, ...]) -> list[str]:
    return [change.path for change in changes]


def test_only_declared_keys_are_compared() -> None:
    live = {"abandon_rate": 3, "no_answer_timeout": 30, "errors": [], "selfUri": "/x"}
    assert scoped_diff({"abandon_rate": 3}, live) == ()


def test_a_changed_scalar_names_its_path_and_both_values() -> None:
    assert scoped_diff({"abandon_rate": 3}, {"abandon_rate": 5}) == (FieldChange("abandon_rate", 5, 3),)


def test_a_missing_live_value_compares_as_none() -> None:
    assert scoped_diff({"priority": 2}, {}) == (FieldChange("priority", None, 2),)
    assert scoped_diff({"priority": None}, {}) == ()


def test_nested_mappings_report_dotted_paths_and_keys_the_manifest_removed() -> None:
    desired = {"general_settings": {"maximum_ratio": 2, "abandon_rate_threshold": 3}}
    live = {"general_settings": {"maximum_ratio": 1.5, "abandon_rate_threshold": 3, "aggressiveness": "x"}}
    assert scoped_diff(desired, live) == (
        FieldChange("general_settings.maximum_ratio", 1.5, 2),
        FieldChange("general_settings.aggressiveness", "x", None),
    )


def test_undeclared_top_level_fields_and_empty_nested_values_are_not_removals() -> None:
    desired = {"general_settings": {"maximum_ratio": 2}}
    live = {"general_settings": {"maximum_ratio": 2, "notes": None, "tags": [], "extra": {}}, "version": 7}
    assert scoped_diff(desired, live) == ()


def test_a_key_removed_from_a_list_item_is_a_removal() -> None:
    action = {
        "action_type": "setCampaignDialingMode",
        "parameters": {"operator": "greaterThan", "value": "50"},
    }
    desired = {"actions": [{"action_type": "setCampaignDialingMode"}]}
    assert scoped_diff(desired, {"actions": [action]}) == (
        FieldChange("actions[0].parameters", {"operator": "greaterThan", "value": "50"}, None),
    )


def test_a_missing_nested_block_reports_each_declared_leaf() -> None:
    changes = scoped_diff({"retry_settings": {"maximum_attempts": 3, "minimum_retry_minutes": 60}}, {})
    assert paths(changes) == ["retry_settings.maximum_attempts", "retry_settings.minimum_retry_minutes"]
    assert all(change.before is None for change in changes)


def test_lists_of_equal_length_are_compared_per_index() -> None:
    desired = {"columns": [{"column_name": "phone", "type": "cell"}, {"column_name": "home"}]}
    live = {"columns": [{"column_name": "phone", "type": "home"}, {"column_name": "home", "type": "x"}]}
    assert scoped_diff(desired, live) == (
        FieldChange("columns[0].type", "home", "cell"),
        FieldChange("columns[1].type", "x", None),
    )


def test_lists_of_different_length_are_reported_once_whole() -> None:
    desired = {"column_names": ["a", "b", "c"]}
    assert scoped_diff(desired, {"column_names": ["a", "b"]}) == (
        FieldChange("column_names", ["a", "b"], ["a", "b", "c"]),
    )


def test_a_whole_list_shows_live_elements_whole() -> None:
    desired = {"sorts": [{"field_name": "a"}, {"field_name": "b"}]}
    live = {"sorts": [{"field_name": "a", "direction": "ASC"}]}
    (change,) = scoped_diff(desired, live)
    assert change.before == [{"field_name": "a", "direction": "ASC"}]


def test_a_list_replacing_a_missing_value() -> None:
    assert scoped_diff({"dnc_lists": ["a"]}, {}) == (FieldChange("dnc_lists", None, ["a"]),)


def test_an_empty_list_declared_equals_a_missing_live_value() -> None:
    assert scoped_diff({"intervals": []}, {}) == ()
    assert scoped_diff({"intervals": []}, {"intervals": [{"start": "a"}]}) == (
        FieldChange("intervals", [{"start": "a"}], []),
    )


def test_numbers_compare_by_value_but_booleans_are_not_numbers() -> None:
    assert scoped_diff({"abandon_rate": 3}, {"abandon_rate": 3.0}) == ()
    assert scoped_diff({"enabled": True}, {"enabled": 1}) == (FieldChange("enabled", 1, True),)
    assert scoped_diff({"count": 0}, {"count": False}) == (FieldChange("count", False, 0),)


def test_ignore_is_a_prefix_rule() -> None:
    desired = {"contact_sorts": [{"field_name": "a", "direction": "DESC"}], "priority": 3}
    live = {"contact_sorts": [{"field_name": "b"}, {"field_name": "c"}], "priority": 5}
    assert paths(scoped_diff(desired, live, ignore={"contact_sorts"})) == ["priority"]


def test_ignore_does_not_match_a_longer_field_name() -> None:
    desired = {"contact_sort": {"field_name": "a"}, "contact_sorts": [1]}
    live = {"contact_sort": {"field_name": "b"}, "contact_sorts": [2]}
    assert paths(scoped_diff(desired, live, ignore={"contact_sort"})) == ["contact_sorts[0]"]


def test_an_ignore_rule_without_indexes_covers_every_element() -> None:
    desired = {"columns": [{"column_name": "a", "type": "cell"}, {"column_name": "b", "type": "cell"}]}
    live = {"columns": [{"column_name": "a", "type": "home"}, {"column_name": "x", "type": "home"}]}
    assert paths(scoped_diff(desired, live, ignore={"columns.type"})) == ["columns[1].column_name"]


def test_set_like_lists_ignore_order() -> None:
    desired = {"dnc_lists": ["a", "b"]}
    assert scoped_diff(desired, {"dnc_lists": ["b", "a"]}, set_like={"dnc_lists"}) == ()
    assert scoped_diff(desired, {"dnc_lists": ["b", "a"]}) != ()


def test_a_changed_set_is_reported_once_whole() -> None:
    desired = {"entries": ["+15555550100", "+15555550101"]}
    live = {"entries": ["+15555550101", "+15555550199"]}
    assert scoped_diff(desired, live, set_like={"entries"}) == (
        FieldChange("entries", ["+15555550101", "+15555550199"], ["+15555550100", "+15555550101"]),
    )


def test_set_like_elements_compare_scoped_and_count_duplicates() -> None:
    desired = {"records": [{"phone_number": "1"}, {"phone_number": "2"}]}
    live = {"records": [{"phone_number": "2"}, {"phone_number": "1"}]}
    assert scoped_diff(desired, live, set_like={"records"}) == ()
    twice = {"records": [{"phone_number": "1"}, {"phone_number": "1"}]}
    assert scoped_diff(twice, live, set_like={"records"}) != ()


def test_set_like_paths_inside_lists_are_written_without_indexes() -> None:
    desired = {"callable_times": [{"time_slots": [1, 2]}]}
    live = {"callable_times": [{"time_slots": [2, 1]}]}
    assert scoped_diff(desired, live, set_like={"callable_times.time_slots"}) == ()


def test_keys_that_are_not_identifiers_are_quoted_in_paths() -> None:
    changes = scoped_diff({"mapping": {"Not Interested": ["A"]}}, {"mapping": {"Not Interested": ["B"]}})
    assert paths(changes) == ['mapping["Not Interested"][0]']


def test_type_mismatch_is_one_change() -> None:
    assert scoped_diff({"block": {"a": 1}}, {"block": "text"}) == (FieldChange("block", "text", {"a": 1}),)


def test_field_changes_are_immutable_values() -> None:
    change = FieldChange("a", 1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.path = "b"  # type: ignore[misc]
    assert change == FieldChange("a", 1, 2)
    assert change.to_dict() == {"path": "a", "before": 1, "after": 2}


def test_top_field_and_project() -> None:
    assert top_field("phone_columns[0].type") == "phone_columns"
    assert top_field("general_settings.maximum_ratio") == "general_settings"
    assert project({"a": {"b": 1}}, {"a": {"b": 2, "c": 3}, "d": 4}) == {"a": {"b": 2, "c": 3}}


def _slot(day: int, start: str, stop: str = "17:00:00") -> dict[str, object]:
    return {"day": day, "start_time": start, "stop_time": stop}


def test_inserting_one_time_slot_shows_one_added_item_not_every_later_one() -> None:
    live = {
        "callable_times": [
            {
                "time_zone_id": "America/New_York",
                "time_slots": [_slot(1, "09:00:00"), _slot(3, "09:00:00"), _slot(4, "09:00:00")],
            }
        ]
    }
    desired = {
        "callable_times": [
            {
                "time_zone_id": "America/New_York",
                "time_slots": [
                    _slot(1, "09:00:00"),
                    _slot(2, "09:00:00"),
                    _slot(3, "09:00:00"),
                    _slot(4, "09:00:00", "18:00:00"),
                ],
            }
        ]
    }
    assert scoped_diff(desired, live) == (
        FieldChange("callable_times[America/New_York].time_slots[Tue 09:00:00]", None, _slot(2, "09:00:00")),
        FieldChange(
            "callable_times[America/New_York].time_slots[Thu 09:00:00].stop_time", "17:00:00", "18:00:00"
        ),
    )


def test_keyed_items_removed_live_only_and_renamed_columns() -> None:
    desired = {"phone_columns": [{"column_name": "cell", "type": "cell"}]}
    live = {
        "phone_columns": [
            {"column_name": "cell", "type": "cell"},
            {"column_name": "home", "type": "home"},
        ]
    }
    assert scoped_diff(desired, live) == (
        FieldChange("phone_columns[home]", {"column_name": "home", "type": "home"}, None),
    )


def test_rules_and_intervals_are_matched_by_name_and_start() -> None:
    desired = {"rules": [{"name": "new", "order": 0}, {"name": "b", "order": 2}]}
    live = {"rules": [{"name": "b", "order": 1}]}
    assert paths(scoped_diff(desired, live)) == ["rules[new]", "rules[b].order"]
    start = "2026-07-01T13:00:00.000Z"
    desired = {"intervals": [{"start": start, "end": "2026-07-02T13:00:00.000Z"}]}
    live = {"intervals": [{"start": start, "end": "2026-07-03T13:00:00.000Z"}]}
    assert paths(scoped_diff(desired, live)) == [f"intervals[{start}].end"]


def test_keyed_lists_in_another_order_are_one_whole_change_unless_set_like() -> None:
    desired = {"phone_columns": [{"column_name": "a"}, {"column_name": "b"}]}
    live = {"phone_columns": [{"column_name": "b"}, {"column_name": "a"}]}
    assert paths(scoped_diff(desired, live)) == ["phone_columns"]
    assert scoped_diff(desired, live, set_like={"phone_columns"}) == ()


def test_repeated_or_missing_keys_fall_back_to_positions() -> None:
    desired = {"rules": [{"name": "a", "order": 1}, {"name": "a", "order": 2}]}
    live = {"rules": [{"name": "a", "order": 1}, {"name": "a", "order": 3}]}
    assert paths(scoped_diff(desired, live)) == ["rules[1].order"]
    assert paths(scoped_diff({"rules": [{"order": 1}]}, {"rules": [{"order": 2}]})) == ["rules[0].order"]


def test_an_ignore_rule_covers_keyed_items() -> None:
    desired = {"phone_columns": [{"column_name": "a", "type": "cell"}]}
    live = {"phone_columns": [{"column_name": "a", "type": "home"}]}
    assert scoped_diff(desired, live, ignore={"phone_columns.type"}) == ()


def test_project_keeps_nested_list_elements_whole() -> None:
    rules = [{"name": "a", "conditions": [{"type": "contact"}]}]
    live = [{"name": "a", "conditions": [{"type": "contact", "inverted": True}]}]
    assert project(rules, live) == live
