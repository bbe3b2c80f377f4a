"""SCHEDULE-OVERLAP and AUDIENCE-OVERLAP (ARCHITECTURE.md §6): run windows that must not coincide.

SCHEDULE-OVERLAP: inside one declared campaign or sequence schedule, two items (intervals,
recurrences) run at the same time, or a recurrence runs into its own next occurrence. One finding per
schedule for the first window two items share, at the line of the item written later, and one per
self-overlapping recurrence, at its line. Windows come from reconciler.policy.schedule_expansion:
exact, over the horizon its docstring states.

AUDIENCE-OVERLAP: two declared campaigns dial the same contact list, their schedules share a window,
and their contact-list filters do not provably select different contacts. Campaigns are grouped by
contact list, so only campaigns sharing a list are compared (pairwise within the group). A campaign's
schedule is its CampaignSchedule manifest or, at plan time, its live schedule (`context.lookup`); a
campaign with no schedule at all is not compared, as when it runs is unknown (sequences start their
campaigns in turn, so a campaign run only by a sequence is not compared either). Whether a campaign
is on or off does not matter: its schedule switches it on. The finding is reported on the campaign
written later (file, then line), at its contact_list line; that is where `reconciler/allow` goes.

Whether two campaigns' contact-list filters can select the same contact is decided by
reconciler.policy.filter_disjointness.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.kinds.registry import schedule_kinds
from reconciler.manifest.resource import Resource
from reconciler.policy.context import CheckContext, spec_of
from reconciler.policy.filter_disjointness import EVERYONE, Terms, disjoint, filter_terms
from reconciler.policy.instants import describe_window
from reconciler.policy.intervals import first_clash
from reconciler.policy.schedule_expansion import Expansions, Recurrence, Schedule, common_window, horizon
from reconciler.policy.schedule_reading import schedule_of

PLATFORM = "genesys"
SCHEDULE_KINDS = schedule_kinds(PLATFORM)


def _where(resource: Resource, path: tuple[str | int, ...] = ()) -> str:
    location = resource.location_of(path) if path else resource.source
    return f"{location.file}:{location.line}"


# --- SCHEDULE-OVERLAP ------------------------------------------------------------------------------


def check_schedule_overlap(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for kind, owner in SCHEDULE_KINDS:
        for resource in context.resources(PLATFORM, kind):
            spec = spec_of(resource)
            schedule = schedule_of(spec)
            title = f"{kind} {resource.name} ({owner} {spec.get(owner)})"
            found.extend(_self_overlaps(resource, schedule, title))
            clash = _items_overlap(resource, schedule, title, owner)
            if clash is not None:
                found.append(clash)
    return found


def _self_overlaps(resource: Resource, schedule: Schedule, title: str) -> Iterator[Finding]:
    for item in schedule.items:
        if not isinstance(item.window, Recurrence):
            continue
        window = item.window.self_overlap()
        if window is not None:
            yield finding(
                Code.SCHEDULE_OVERLAP,
                f"{title}: {item.label} ({_where(resource, item.path)}; {item.window.describe()}) "
                f"runs into its own next occurrence, first {describe_window(window, schedule.zone)}. "
                "Shorten each occurrence so it ends before the next one starts.",
                address=resource.address,
                source=resource.location_of(item.path),
            )


def _items_overlap(resource: Resource, schedule: Schedule, title: str, owner: str) -> Finding | None:
    if len(schedule.items) < 2:
        return None
    until = horizon(schedule.windows)
    clash = first_clash([item.window.spans(until) for item in schedule.items])
    if clash is None:
        return None
    first, second = sorted(
        (schedule.items[clash[0]], schedule.items[clash[1]]),
        key=lambda item: resource.location_of(item.path).line,
    )
    return finding(
        Code.SCHEDULE_OVERLAP,
        f"{title}: {second.label} ({_where(resource, second.path)}) overlaps {first.label} "
        f"({_where(resource, first.path)}), first {describe_window(clash[2], schedule.zone)}. "
        f"The {owner} would be scheduled twice for that time; make the windows follow one another "
        "or merge them.",
        address=resource.address,
        source=resource.location_of(second.path),
    )


# --- AUDIENCE-OVERLAP ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dialer:
    """A campaign with a schedule, as AUDIENCE-OVERLAP compares it."""

    campaign: Resource
    schedule: Schedule
    schedule_where: str
    filter_name: str | None
    terms: Terms


def check_audience_overlap(context: CheckContext) -> list[Finding]:
    by_list: dict[str, list[Resource]] = defaultdict(list)
    for campaign in context.resources(PLATFORM, "Campaign"):
        by_list[campaign.document.spec.contact_list].append(campaign)
    shared = {name: campaigns for name, campaigns in by_list.items() if len(campaigns) > 1}
    if not shared:
        return []
    declared = {
        str(spec_of(resource).get("campaign")): resource
        for resource in reversed(list(context.resources(PLATFORM, "CampaignSchedule")))
    }  # reversed: the first schedule of a campaign wins, as DUPLICATE says
    terms_of: dict[str | None, Terms] = {None: EVERYONE}
    expansions = Expansions()
    found: list[Finding] = []
    for list_name, campaigns in shared.items():
        dialers = [
            dialer
            for campaign in campaigns
            if (dialer := _dialer(context, campaign, declared, terms_of)) is not None
        ]
        dialers.sort(key=lambda dialer: (dialer.campaign.raw.file, dialer.campaign.raw.line))
        for first, second in combinations(dialers, 2):
            if disjoint(first.terms, second.terms):
                continue
            window = common_window(first.schedule, second.schedule, expansions)
            if window is not None:
                found.append(_audience_finding(list_name, first, second, window))
    return found


def _dialer(
    context: CheckContext,
    campaign: Resource,
    declared: Mapping[str, Resource],
    terms_of: dict[str | None, Terms],
) -> Dialer | None:
    resource = declared.get(campaign.name)
    if resource is not None:
        spec: Mapping[str, Any] = spec_of(resource)
        where = f"{resource.name} ({_where(resource)})"
    else:
        live = context.lookup(PLATFORM, "CampaignSchedule", campaign.name)
        if live is None or live.resource is not None:
            return None  # no schedule: when the campaign runs is not known
        spec, where = live.spec, "its live schedule in the org"
    schedule = schedule_of(spec)
    if not schedule.items:
        return None
    names = campaign.document.spec.contact_list_filters or []
    name = names[0] if names else None
    if name not in terms_of:
        target = context.lookup(PLATFORM, "ContactListFilter", name) if name else None
        terms_of[name] = filter_terms(target.spec if target is not None else None)
    return Dialer(campaign, schedule, where, name, terms_of[name])


def _audience_finding(list_name: str, first: Dialer, second: Dialer, window: tuple[int, int]) -> Finding:
    a, b = first.campaign, second.campaign
    if first.filter_name is None and second.filter_name is None:
        why = "Neither campaign has a contact list filter, so every contact can be dialled by both."
    elif first.filter_name is None or second.filter_name is None:
        bare = a if first.filter_name is None else b
        why = (
            f"{bare.name} has no contact list filter, so the other campaign's contacts are also its contacts."
        )
    else:
        why = (
            f"Their contact list filters {first.filter_name} and {second.filter_name} do not provably "
            "exclude each other, so one contact can match both."
        )
    when = describe_window(window, first.schedule.zone)
    if second.schedule.zone != first.schedule.zone:
        when += f" = {describe_window(window, second.schedule.zone)}"
    return finding(
        Code.AUDIENCE_OVERLAP,
        f"Campaigns {a.name} ({_where(a)}) and {b.name} ({_where(b)}) both dial contact list "
        f"{list_name} at the same time, first {when} "
        f"(schedules: {first.schedule_where}; {second.schedule_where}). {why} Make the schedules "
        "not overlap, or give each campaign a filter that excludes the other's contacts "
        "(for example tier EQUALS gold and tier EQUALS standard).",
        address=b.address,
        source=b.location_of(("spec", "contact_list")),
    )
