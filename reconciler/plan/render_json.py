"""The plan as JSON: exactly `Plan.to_dict()` (ARCHITECTURE.md §5), phone numbers already masked."""

from __future__ import annotations

import json

from reconciler.plan.models import Plan


def render_json(plan: Plan, *, indent: int | None = 2) -> str:
    return json.dumps(plan.to_dict(), indent=indent, ensure_ascii=False, default=str) + "\n"
