"""The list of checks, in catalogue order. Add a check module's entry point here."""

from __future__ import annotations

from reconciler.policy import (
    abandon,
    callable_tz,
    calling_hours,
    dnc,
    dnc_shrink,
    overlap,
    pacing_check,
    retry,
    rules,
    schedule_past,
)
from reconciler.policy.registry import Check

CHECKS: list[Check] = [
    dnc.dnc_required,
    dnc.dnc_entries,
    callable_tz.check,
    calling_hours.check,
    abandon.abandon_rate,
    abandon.ring_time,
    abandon.abandon_seconds,
    retry.check,
    overlap.check_schedule_overlap,
    overlap.check_audience_overlap,
    rules.check_rule_order,
    rules.check_rule_conflict,
    pacing_check.pacing_abandon,
    dnc_shrink.dnc_shrink,
    schedule_past.check_schedule_past,
]
