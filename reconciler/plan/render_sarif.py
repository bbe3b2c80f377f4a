"""The plan's findings as SARIF 2.1.0 (reconciler.render.sarif), masked; risk and blockers as run properties."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from reconciler.plan.masking import mask_text
from reconciler.plan.models import Plan
from reconciler.render.sarif import sarif_document


def plan_sarif(plan: Plan) -> dict[str, Any]:
    masked = [
        replace(
            item,
            message=mask_text(item.message),
            suppressed=None if item.suppressed is None else mask_text(item.suppressed),
        )
        for item in plan.findings
    ]
    document = plan.to_dict()
    properties = {  # the run's property bag: counts, the risk summary and why apply would refuse
        "summary": document["summary"],
        "risk": document["risk"],
        "apply_blocked": document["apply_blocked"],
    }
    return sarif_document(masked, properties=properties)


def render_sarif(plan: Plan) -> str:
    return json.dumps(plan_sarif(plan), indent=2, ensure_ascii=False) + "\n"
