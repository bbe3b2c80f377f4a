"""DUPLICATE-ENTRY: a set-like list, or a DNC list's inline numbers, declaring the same entry twice.

The platform holds each entry once, so the repeat changes nothing: it is written once (reconciler.state
.repeats; DNC numbers are a set already) and reported here, since a repeated entry is usually a typo
for another one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.entry_files import NUMBER_FIELDS
from reconciler.manifest.resource import Resource
from reconciler.phones import e164_or_written
from reconciler.policy.context import CheckContext, spec_of
from reconciler.state.repeats import repeated, set_like_fields


def duplicate_entries(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    for resource in context.manifests.values():
        if context.platform is not None and resource.platform != context.platform:
            continue
        spec = spec_of(resource)
        for field, index, entry in _repeats(resource, spec):
            found.append(
                finding(
                    Code.DUPLICATE_ENTRY,
                    f"{resource.kind} {resource.name}: {field}[{index}] repeats {entry}, declared earlier "
                    "in the list; the platform holds each entry once, so it is written once. Remove the "
                    "repeat (or correct it, if another entry was meant).",
                    address=resource.address,
                    source=resource.location_of(("spec", field, index)),
                )
            )
    return found


def _repeats(resource: Resource, spec: dict[str, Any]) -> Iterator[tuple[str, int, str]]:
    numbers = NUMBER_FIELDS.get((resource.platform, resource.kind), ("", ""))[0]
    for field in sorted(set_like_fields(resource.platform, resource.kind) | {numbers} - {""}):
        items = spec.get(field)
        if not isinstance(items, list):
            continue
        if field == numbers:  # compared in E.164; a number is never shown in a finding
            yield from ((field, index, "a number") for index in repeated([_number(item) for item in items]))
        else:
            yield from ((field, index, _shown(items[index])) for index in repeated(items))


def _number(item: Any) -> str:
    text = item.get("phone_number") if isinstance(item, dict) else item
    return e164_or_written(str(text))


def _shown(item: Any) -> str:
    return f"'{item}'" if isinstance(item, str) else "an entry"
