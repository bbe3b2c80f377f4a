"""SCHEDULE-PAST (ARCHITECTURE.md §6): a schedule whose every interval has ended and that has no recurrence.

Such a schedule never starts its campaign (or sequence) again, which is rarely what a merged manifest
means: usually the dates were copied from last season. Only dated schedules can end: the Genesys
campaign and sequence schedules (intervals, recurrences). CXone has no dated schedule (a skill's
schedule_settings is a weekly window), so the check has nothing to read there. A schedule with a
recurrence is left alone, whatever its range says. The finding is reported at the interval that ends
last; "now" is the run's time (CheckContext.now).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from reconciler.diagnostics import Code, Finding, finding
from reconciler.kinds.registry import schedule_kinds
from reconciler.policy.context import CheckContext, spec_of
from reconciler.policy.instants import EPOCH, MICROSECOND, Instant, local
from reconciler.policy.schedule_expansion import OneOff
from reconciler.policy.schedule_reading import schedule_of

PLATFORM = "genesys"
SCHEDULE_KINDS = schedule_kinds(PLATFORM)


def instant_of(moment: datetime) -> Instant:
    """A timezone-aware datetime as an instant (microseconds since the epoch)."""
    return (moment - EPOCH) // MICROSECOND


def ended(end: Instant, zone: tzinfo) -> str:
    """e.g. 'Tue 7 Jul 2020, 17:00 (America/New_York)': no all-digit date, which masking would take
    for a phone number."""
    moment = local(end, zone)
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M} ({zone})"


def check_schedule_past(context: CheckContext) -> list[Finding]:
    now = instant_of(context.now or datetime.now(UTC))
    found: list[Finding] = []
    for kind, owner in SCHEDULE_KINDS:
        for resource in context.resources(PLATFORM, kind):
            spec = spec_of(resource)
            if spec.get("recurrences"):
                continue
            schedule = schedule_of(spec)
            intervals = [(item, item.window) for item in schedule.items if isinstance(item.window, OneOff)]
            if not intervals or len(intervals) != len(spec.get("intervals") or ()):
                continue  # an unreadable interval is SCHEMA's to report; do not guess around it
            last, window = max(intervals, key=lambda pair: pair[1].end)
            if window.end > now:
                continue
            found.append(
                finding(
                    Code.SCHEDULE_PAST,
                    f"{kind} {resource.name} ({owner} {spec.get(owner)}): every interval has ended, the "
                    f"last ({last.label}) on {ended(window.end, schedule.zone)}, and it has no recurrence, "
                    f"so it never starts the {owner} again. Move the intervals into the future, add a "
                    "recurrence, or remove the schedule.",
                    address=resource.address,
                    source=resource.location_of(last.path),
                )
            )
    return found
