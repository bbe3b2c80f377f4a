"""Live objects this tool applied (known from the audit log) that no manifest declares any more.

A manifest deleted, or renamed without metadata.previous_names, leaves its live object running. Plan
and drift report it as "no longer declared", naming the commit that last applied it; it becomes a
delete only inside an enabled prune scope (reconciler.plan.prune), never because of the omission alone.
"""

from __future__ import annotations

from reconciler.audit_applied import LastApplied
from reconciler.plan.models import DriftEntry, DriftStatus
from reconciler.state.objects import LiveObject


def undeclared_reason(last: LastApplied) -> str:
    return f"no longer declared by any manifest; {last.describe()}"


def undeclared_entry(found: LiveObject, status: DriftStatus, *, reason: str | None = None) -> DriftEntry:
    """A drift entry for a live object no manifest declares (unmanaged, leftover, no longer declared)."""
    return DriftEntry(
        address=found.address,
        kind=found.kind,
        name=found.name,
        status=status,
        platform_id=found.platform_id,
        reason=reason,
    )


def no_longer_declared(found: LiveObject, last: LastApplied) -> DriftEntry:
    reason = (
        f"{undeclared_reason(last)}. It keeps running; delete it, declare it again, or let a prune "
        "scope (reconciler.yaml prune) remove it"
    )
    return undeclared_entry(found, DriftStatus.NOT_DECLARED, reason=reason)
