"""A campaign rule disabled for an edit is never left disabled: when the edit fails it is re-enabled, then
the failure is reported saying so (or, if re-enabling failed too, saying loudly that the rule is off).

The platform refuses edits of an enabled rule (`cannot.modify.enabled.campaign.rule`), so with
`genesys.rule_edit: disable_first` an edit runs disable -> edit -> enable. A failure between the
disable and the enable would otherwise leave a rule the manifest wants on switched off.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from reconciler.exceptions import PlatformError, ReconcilerError, StaleChange
from reconciler.kinds.registry import specs_of
from reconciler.plan.models import Step

log = logging.getLogger(__name__)

RESTORED_KINDS = frozenset(
    kind
    for kind, spec in specs_of("genesys").items()
    if spec.run_state is not None and spec.run_state.restored_after_failed_edit
)
"""Kinds switched back on when an edit they were switched off for fails (a campaign stopped for an edit
stays stopped: restarting it would dial again on the configuration the edit meant to change)."""


def disabled_for_edit(kind: str, *, steps: Sequence[Step], done: Sequence[Step]) -> bool:
    """Whether a step failing after `done` leaves an object off that the change would switch back on."""
    remaining = steps[len(done) :]
    return kind in RESTORED_KINDS and Step.DISABLE in done and Step.ENABLE in remaining


async def reenable_after(
    failure: ReconcilerError, *, address: str, reenable: Callable[[], Awaitable[None]]
) -> ReconcilerError:
    """Re-enable (a PUT at the current version), then the error to report: `failure`, saying what happened."""
    try:
        await reenable()
    except ReconcilerError as again:
        log.error("%s: re-enabling after a failed edit failed: %s", address, again)
        return PlatformError(
            f"{failure}. The rule was disabled for this edit and re-enabling it failed too ({again}): "
            "the rule is now DISABLED; run apply again or enable it in Genesys Cloud"
        )
    message = f"{failure}. The rule was disabled for this edit and has been re-enabled"
    return StaleChange(message) if isinstance(failure, StaleChange) else PlatformError(message)
