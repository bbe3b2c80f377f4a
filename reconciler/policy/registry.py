"""The registered checks, and running them: every check sees the same context; a crashing check is a
bug, so it is not swallowed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reconciler.diagnostics import Code, Finding
from reconciler.policy.context import CheckContext

Check = Callable[[CheckContext], list[Finding]]

POLICY_CODES = frozenset(
    {
        Code.DNC_REQUIRED,
        Code.DNC_ENTRY,
        Code.CALLABLE_TZ,
        Code.CALLING_HOURS,
        Code.ABANDON_RATE,
        Code.RING_TIME,
        Code.ABANDON_SECONDS,
        Code.RETRY_LIMIT,
        Code.SCHEDULE_OVERLAP,
        Code.AUDIENCE_OVERLAP,
        Code.RULE_ORDER,
        Code.RULE_CONFLICT,
        Code.PACING_ABANDON,
        Code.DNC_SHRINK,
        Code.SCHEDULE_PAST,
    }
)
"""Codes the checks raise (validate raises them offline; plan raises them again with the live org)."""


def checks() -> Sequence[Check]:
    """Every registered check, imported late so a check module may use anything below policy."""
    from reconciler.policy import registered

    return registered.CHECKS


def run_checks(context: CheckContext, selected: Sequence[Check] | None = None) -> list[Finding]:
    found: list[Finding] = []
    for check in selected if selected is not None else checks():
        found.extend(check(context))
    return found
