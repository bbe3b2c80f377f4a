"""The list of checks, in catalogue order: each with the codes it raises, their default severity and the
rule it enforces. The one list the findings catalogue, the policy fixtures and the plan schema's code
enum are checked against (tests/policy/test_code_registries.py). Add a check module's entry point here."""

from __future__ import annotations

from reconciler.diagnostics import Code, Severity
from reconciler.policy import (
    abandon,
    callable_tz,
    calling_holiday,
    calling_hours,
    dnc,
    dnc_shrink,
    duplicate_entries,
    overlap,
    pacing_check,
    retry,
    rules,
    schedule_past,
)
from reconciler.policy.registry import RegisteredCheck, check_codes

ERROR, WARNING = Severity.ERROR, Severity.WARNING
_ABANDON_CAPS = (
    "47 CFR 64.1200(a)(7)(i); 16 CFR 310.4(b)(4)(i); Ofcom persistent misuse statement 2016; CRTC UTR"
)
_HOURS = "47 CFR 64.1200(c)(1); 16 CFR 310.4(c)"
_CONSISTENCY = "configuration consistency: the platform would run contradicting settings (no regulation)"

_check = RegisteredCheck.of
CHECKS: tuple[RegisteredCheck, ...] = (
    _check(dnc.dnc_required, Code.DNC_REQUIRED, ERROR, "47 CFR 64.1200(c)(2), (d); 16 CFR 310.4(b)(1)(iii)"),
    _check(dnc.dnc_entries, Code.DNC_ENTRY, ERROR, "ITU-T E.164 numbering"),
    _check(
        callable_tz.check,
        Code.CALLABLE_TZ,
        ERROR,
        "47 CFR 64.1200(c)(1); CRTC UTR: the called party's local time",
    ),
    _check(calling_hours.check, Code.CALLING_HOURS, ERROR, f"{_HOURS}; state rows of jurisdictions.yaml"),
    _check(
        calling_holiday.check,
        Code.CALLING_HOLIDAY,
        ERROR,
        "Utah Code 13-25a-103(3)(c); Ala. Code 1-3-8; La. R.S. 45:811; R.I. Gen. Laws 5-61-3.6: no calls on legal holidays",
    ),
    _check(abandon.abandon_rate, Code.ABANDON_RATE, ERROR, _ABANDON_CAPS),
    _check(
        abandon.ring_time,
        Code.RING_TIME,
        ERROR,
        "min_ring_seconds per jurisdiction: 47 CFR 64.1200(a)(6); Ofcom 2016",
    ),
    _check(
        abandon.abandon_seconds, Code.ABANDON_SECONDS, ERROR, "47 CFR 64.1200(a)(7)(i): an agent within 2 s"
    ),
    _check(retry.check, Code.RETRY_LIMIT, ERROR, "Fla. Stat. 501.616(6)(b); Okla. 15 §775C.4"),
    _check(overlap.check_schedule_overlap, Code.SCHEDULE_OVERLAP, ERROR, _CONSISTENCY),
    _check(
        overlap.check_audience_overlap, Code.AUDIENCE_OVERLAP, ERROR, "two campaigns dial one contact at once"
    ),
    _check(rules.check_rule_order, Code.RULE_ORDER, ERROR, _CONSISTENCY),
    _check(rules.check_rule_conflict, Code.RULE_CONFLICT, ERROR, _CONSISTENCY),
    _check(pacing_check.pacing_abandon, Code.PACING_ABANDON, WARNING, _ABANDON_CAPS),
    _check(
        dnc_shrink.dnc_shrink,
        Code.DNC_SHRINK,
        ERROR,
        "47 CFR 64.1200(d)(6): a DNC request is honored 5 years",
    ),
    _check(schedule_past.check_schedule_past, Code.SCHEDULE_PAST, WARNING, "a schedule never starts again"),
    _check(
        duplicate_entries.duplicate_entries,
        Code.DUPLICATE_ENTRY,
        WARNING,
        "configuration consistency: the platform holds each entry of the list once (no regulation)",
    ),
)

CHECK_CODES = check_codes(CHECKS)
"""Codes only the checks raise: validate raises them offline, plan/drift/apply with the live org."""
