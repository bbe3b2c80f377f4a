"""Whether a plan can be applied, said plainly: error findings block apply (and make plan exit 1).

The plan still computes and shows its changes when only compliance findings are errors; errors that
leave the manifests unreadable (SCHEMA, DUPLICATE, CYCLE ...) stop before the org is read, and the plan
says so instead of claiming the org matches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def apply_blocked(findings: Sequence[Mapping[str, Any]], *, changes_computed: bool) -> dict[str, Any] | None:
    """`{"message", "errors", "codes", "changes_computed"}` when the plan cannot be applied, else None."""
    errors = [item for item in findings if item["severity"] == "error" and not item.get("suppressed")]
    if not errors and changes_computed:
        return None
    count = sum(int(item.get("omitted") or 1) for item in errors)
    codes = sorted({str(item["code"]) for item in errors})
    message = f"This plan cannot be applied: {count} error finding(s) ({', '.join(codes)})."
    if changes_computed:
        message += " The changes below are what apply would do once they are fixed; apply refuses until then."
    else:
        message += (
            " The changes were not computed: these errors leave the manifests incomplete, so the live "
            "org was not read. Fix them and plan again."
        )
    return {"message": message, "errors": count, "codes": codes, "changes_computed": changes_computed}
