"""Recognising the old copy an interrupted replace renamed aside: by kind and (possibly cut) name."""

from __future__ import annotations

from reconciler.plan.leftovers import NAME_LIMIT, aside_name, replaced_by
from reconciler.state.objects import DesiredObject
from tests.plan.support import desired_object, live_object

LONG = "renewals-contact-list-for-the-q3-2025-florida-policyholders"


def _declared(*names: str, kind: str = "ContactList") -> dict[str, DesiredObject]:
    objects = [
        desired_object({"kind": kind, "name": name}, platform="genesys", file="x.yaml", line=1)
        for name in names
    ]
    return {obj.address: obj for obj in objects}


def _owner(name: str, declared: dict[str, DesiredObject], kind: str = "ContactList") -> str | None:
    found = replaced_by(live_object({"kind": kind, "name": name}, platform="genesys"), declared)
    return None if found is None else found.name


def test_an_aside_name_fits_the_platform_limit_and_leads_back_to_its_object() -> None:
    declared = _declared("short-list", LONG)
    for name in ("short-list", LONG):
        aside = aside_name(name)
        assert len(aside) <= NAME_LIMIT and aside != aside_name(name)  # a fresh token each time
        assert _owner(aside, declared) == name


def test_only_the_exact_mark_of_the_same_kind_counts() -> None:
    declared = _declared("short-list")
    assert _owner("short-list", declared) is None
    assert _owner("short-list~replaced-XYZ", declared) is None
    assert _owner("short-list~replaced-0a1b2c3d-copy", declared) is None
    assert _owner("other-list~replaced-0a1b2c3d", declared) is None
    assert _owner("short-list~replaced-0a1b2c3d", declared, kind="DncList") is None


def test_a_cut_stem_two_declared_names_share_belongs_to_neither() -> None:
    declared = _declared(LONG, LONG + "-b")
    assert _owner(aside_name(LONG, "0a1b2c3d"), declared) is None
