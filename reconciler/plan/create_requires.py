"""Creates the platform would refuse: a field it needs to create an object that the manifest leaves out.

An update may leave such a field out (the live object keeps it), a create cannot: the CXone Admin API
refuses a skill with no campaign. Found at plan time, an error stops the apply before its first write,
so nothing else of the plan is applied without the object (reconciler.kinds.spec.KindSpec.create_requires).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reconciler.diagnostics import Code, Finding, finding
from reconciler.kinds.registry import CREATE_REQUIRES
from reconciler.plan.models import Action, ResourceChange
from reconciler.state.objects import DesiredObject


def create_requirement_findings(
    changes: Iterable[ResourceChange], declared: Mapping[str, DesiredObject]
) -> list[Finding]:
    found: list[Finding] = []
    for change in changes:
        obj = declared.get(change.address)
        if obj is None or Action.CREATE not in change.actions:
            continue
        needed = CREATE_REQUIRES.get(obj.platform, {}).get(obj.kind, {})
        for name, source in needed.items():
            if obj.essence.get(name) is None:
                found.append(
                    finding(
                        Code.SCHEMA,
                        f"{obj.kind} '{obj.name}' cannot be created without spec.{name}: {source}. "
                        f"Declare spec.{name}; nothing is applied until it is.",
                        address=obj.address,
                        source=obj.source,
                    )
                )
    return found
