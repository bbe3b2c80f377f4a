"""DNC-SHRINK: a DNC source that is empty, shrinks, or would take too many numbers off the live list.

In both modes: an empty or header-only source (an inline `entries: []`, a CSV with no number rows),
and a source that drops more than `dnc.max_shrink_percent` of the numbers it declared at the git
baseline (reconciler.manifest.git_baseline). A truncated export must never look like an instruction.
At plan time, with the live org, an exact-mode list whose declared numbers would remove more than that
share of the live numbers is an error too. Whatever the flags (`--allow-delete` lets removals through,
not a mass loss): only `reconciler/allow: "DNC-SHRINK: reason"` on the manifest passes it.
"""

from __future__ import annotations

from pathlib import Path

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.entry_files import allowed_roots, entry_file_problem
from reconciler.manifest.git_baseline import baseline_numbers
from reconciler.manifest.resource import Resource
from reconciler.plan.numbers import suppressing
from reconciler.policy.context import CheckContext
from reconciler.policy.dnc import dnc_sources
from reconciler.state.numbers import DeclaredNumbers, declared_numbers, live_numbers


def dnc_shrink(context: CheckContext) -> list[Finding]:
    found: list[Finding] = []
    roots = allowed_roots(context.roots)
    for resource in dnc_sources(context):
        if entry_file_problem(resource, roots) is not None:
            continue  # SCHEMA reports a file that cannot be read
        declared = declared_numbers(resource)
        if declared is None:
            continue
        problem = (
            _empty(declared)
            if not declared.items
            else _shrinks_from_git(context, resource, declared) or _shrinks(context, resource, declared)
        )
        if problem is not None:
            where = resource.location_of(("spec", declared.field))
            found.append(
                finding(
                    Code.DNC_SHRINK,
                    f"{resource.kind} '{resource.name}': {problem}",
                    address=resource.address,
                    source=where,
                )
            )
    return found


def _empty(declared: DeclaredNumbers) -> str:
    return (
        f"its {declared.field} source holds no numbers (empty, or a header row only). A truncated export "
        "must not become the list; fix the source, or remove the field to stop managing the numbers."
    )


def _shrinks_from_git(context: CheckContext, resource: Resource, declared: DeclaredNumbers) -> str | None:
    """Both modes: the source drops more than the bound of what it declared at the git baseline."""
    ref = context.dnc_baseline
    if ref is None:
        return None
    before = baseline_numbers(
        Path(resource.raw.file), kind=resource.kind, name=resource.name, field=declared.field, ref=ref
    )
    if not before:
        return None
    dropped = len(before - declared.items.keys())
    share = 100 * dropped / len(before)
    if share <= context.max_shrink_percent:
        return None
    return (
        f"its {declared.field} source declares {len(declared.items)} numbers and drops {dropped} of the "
        f"{len(before)} it declared at git {ref} ({share:.1f} %), more than dnc.max_shrink_percent "
        f"({context.max_shrink_percent:g} %) allows. Check the source is complete (a truncated export?); if "
        'the change is intended, annotate the manifest reconciler/allow: "DNC-SHRINK: <reason>".'
    )


def _shrinks(context: CheckContext, resource: Resource, declared: DeclaredNumbers) -> str | None:
    live = context.live.get(resource.address)
    if live is None or not declared.exact:
        return None
    held = suppressing(live_numbers(live.essence, platform=resource.platform, field=declared.field))
    if not held:
        return None
    removed = len(held.keys() - declared.items.keys())
    share = 100 * removed / len(held)
    limit = context.max_shrink_percent
    if share <= limit:
        return None
    return (
        f"{declared.field} (mode exact) would remove {removed} of the {len(held)} live numbers ({share:.1f} %), "
        f"more than dnc.max_shrink_percent ({limit:g} %) allows. Check the source is complete; if the "
        'removal is intended, annotate the manifest reconciler/allow: "DNC-SHRINK: <reason>".'
    )
