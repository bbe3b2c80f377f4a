"""Planning against a live target: load, read the org, check, plan (or report drift), each step once.

This is the read side shared by `plan`, `drift` and `apply`: nothing here writes to a platform. Every
check runs once, with the live org; only manifests too broken to plan are checked offline instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reconciler.audit_applied import last_applied
from reconciler.config import ProjectFile, Target
from reconciler.diagnostics import Finding, Severity, sort_findings
from reconciler.finding_cap import cap_findings
from reconciler.input_digests import files_read, input_digests
from reconciler.kinds.registry import IMMUTABLE, SET_LIKE
from reconciler.manifest.kinds import KINDS as MANIFEST_KINDS
from reconciler.plan.create_requires import create_requirement_findings
from reconciler.plan.drift import build_drift
from reconciler.plan.leftovers import leftovers
from reconciler.plan.models import Action, Plan, PlanTarget, ResourceChange
from reconciler.plan.numbers import UnmanagedNumbers, unmanaged_of
from reconciler.plan.pacing_effects import with_pacing
from reconciler.plan.planner import build_plan, numbers_of
from reconciler.policy.severity import apply_policy
from reconciler.providers.cxone import fetch as cxone_fetch
from reconciler.providers.genesys import fetch as genesys_fetch
from reconciler.providers.genesys.kinds import lookups_for as genesys_lookups_for
from reconciler.providers.http import ApiClient
from reconciler.providers.session import Session, open_session
from reconciler.selection import narrow, parse_selectors, selected_addresses
from reconciler.state.desired import (
    alias_renamed,
    desired_objects,
    dnc_lists_with_entries,
    match_manifests,
    renames_of,
)
from reconciler.state.name_case import case_variant_findings
from reconciler.state.names import NameIndex
from reconciler.state.objects import DesiredObject, LiveObject
from reconciler.state.references import live_reference_findings
from reconciler.state.unmanaged_dependents import unmanaged_dependent_findings
from reconciler.validation import (
    ValidationResult,
    check_context,
    check_findings,
    checked_offline,
    load_manifests,
    overrides_of,
)


@dataclass(frozen=True)
class LiveRun:
    plan: Plan
    validation: ValidationResult
    skipped: int
    """Manifests of another platform than the target's, left out of this run."""
    desired: dict[str, DesiredObject] = field(default_factory=dict)
    live: dict[str, LiveObject] = field(default_factory=dict)
    """Live objects keyed by the address of the manifest that declares them (else their own)."""
    index: NameIndex = field(default_factory=NameIndex)
    """Names and ids of the org's objects, as read for this plan."""


async def read_live(
    client: ApiClient,
    *,
    platform: str,
    kinds: list[str],
    dnc_entries_for: list[str] | None = None,
    lookups: list[str] | None = None,
    renames: dict[str, dict[str, str]] | None = None,
) -> tuple[list[LiveObject], NameIndex]:
    """The live objects of `kinds` and the org's name index, read by the platform's provider.

    `dnc_entries_for` names Genesys DNC lists whose numbers to read as well (three requests each);
    `lookups` the external kinds manifests name (every lookup when None; Genesys also reads
    the lookups not read on demand, providers/genesys/kinds.py lookups_for); `renames` (kind -> {old: new}, from
    metadata.previous_names) makes references to a not yet renamed object read as its new name.
    """
    if platform == "cxone":
        cxone = await cxone_fetch.read_org(client, kinds=kinds, lookups=lookups)
        alias_renamed(cxone.index, renames or {})
        return cxone_fetch.live_objects(cxone), cxone.index
    genesys = await genesys_fetch.read_org(
        client,
        kinds=kinds,
        dnc_entries_for=dnc_entries_for or [],
        lookups=None if lookups is None else genesys_lookups_for(set(lookups)),
    )
    alias_renamed(genesys.index, renames or {})
    return genesys_fetch.live_objects(genesys), genesys.index


def target_of(project: ProjectFile, name: str | None) -> tuple[str, Target]:
    return project.target_named(name)


async def run_live(
    project: ProjectFile,
    *,
    root: Path,
    target_name: str | None,
    paths: list[Path],
    command: str,
    session: Session | None = None,
    select: Sequence[str] = (),
) -> LiveRun:
    """Load the manifests, then (if they are complete) read the target, check and plan or compute drift.

    `session` reads through an already open session (apply plans and writes in one); else one is opened.
    `select` (--select values, reconciler.selection) narrows the plan or drift to part of the project.
    """
    name, target = target_of(project, target_name)
    selectors = parse_selectors(select)
    validation = load_manifests(paths, project=project, target=name)
    platform = target.platform
    skipped = validation.skipped  # documents of the other platform are not part of the target's manifests
    digests = input_digests(files_read(validation, roots=paths, project=project), root=root)

    def finish(
        *,
        desired: dict[str, DesiredObject] | None = None,
        live: dict[str, LiveObject] | None = None,
        index: NameIndex | None = None,
        **parts: Any,
    ) -> LiveRun:
        plan = Plan(
            target=PlanTarget(name=name, platform=platform),
            manifest_digest=validation.digest,
            input_digests=digests,
            command=command,
            **parts,
        )
        if selectors and live is not None:
            chosen = selected_addresses(
                selectors, manifests=validation.manifests, platform=platform, live=live.keys()
            )
            plan = narrow(plan, chosen=chosen, selectors=selectors, depends_on=validation.graph.depends_on)
        return LiveRun(
            plan=plan,
            validation=validation,
            skipped=skipped,
            desired=desired or {},
            live=live or {},
            index=index or NameIndex(),
        )

    offline = [f for f in validation.findings if not _resolved_live(f)]
    if any(_stops_planning(f) for f in offline):
        checked = checked_offline(validation, project=project, roots=paths)
        return finish(findings=tuple(checked.findings), changes_computed=False)
    opened: AbstractAsyncContextManager[Session] = (
        nullcontext(session)
        if session is not None
        else open_session(name, target, root=root, limits=project.limits)
    )
    async with opened as reader:
        kinds = [kind for (owner, kind) in MANIFEST_KINDS if owner == platform]
        entries_for = dnc_lists_with_entries(validation.manifests)
        referred = sorted(
            {
                use.target.kind
                for address, uses in validation.graph.external_refs.items()
                if validation.manifests[address].platform == platform
                for use in uses
            }
        )
        live, index = await read_live(
            reader.client,
            platform=platform,
            kinds=kinds,
            dnc_entries_for=entries_for,
            lookups=referred,
            renames=renames_of(validation.manifests, platform=platform),
        )
    telemetry = reader.client.telemetry
    desired = desired_objects(validation.manifests, validation.graph, platform=platform, index=index)
    matched = match_manifests(validation.manifests, live, platform=platform)
    context = check_context(validation, project=project, roots=paths, live=matched, platform=platform)
    findings: list[Finding] = [
        *offline,
        *check_findings(context, project=project),
        *live_reference_findings(validation.manifests, validation.graph, index, platform=platform),
        *case_variant_findings(validation.manifests, live, platform=platform),
    ]
    applied = last_applied(root / project.audit.path, target=name)
    if command == "drift":
        findings.extend(_dependents(project, validation, matched=matched, desired=desired))
        drift = build_drift(
            desired=desired,
            live=matched,
            set_like_fields=SET_LIKE[platform],
            prune=project.prune,
            target_platform=platform,
            applied=applied,
        )
        return finish(
            resource_drift=drift,
            unmanaged_numbers=_unmanaged(desired, matched),
            findings=tuple(cap_findings(sort_findings(findings), project.limits.findings_per_code)),
            live=matched,
            index=index,
            telemetry=telemetry.to_dict(),
        )
    planned = build_plan(
        desired=desired,
        live=matched,
        levels=validation.graph.levels(),
        immutable_fields=IMMUTABLE[platform],
        set_like_fields=SET_LIKE[platform],
        prune=project.prune,
        target_platform=platform,
        edited_in_place_kinds=_edited_in_place(project, platform),
        applied=applied,
    )
    return finish(
        resource_changes=with_pacing(planned.changes, context),
        resource_drift=planned.undeclared,
        unmanaged_numbers=tuple(
            item for change in planned.changes for item in unmanaged_of(change.address, change.numbers)
        ),
        findings=tuple(
            cap_findings(
                sort_findings(
                    [
                        *findings,
                        *create_requirement_findings(planned.changes, desired),
                        *apply_policy(
                            planned.findings, overrides=overrides_of(project), manifests=validation.manifests
                        ),
                        *_dependents(
                            project,
                            validation,
                            matched=matched,
                            desired=desired,
                            deleted=_deleted(planned.changes),
                        ),
                    ]
                ),
                project.limits.findings_per_code,
            )
        ),
        desired=desired,
        live=matched,
        index=index,
        telemetry=telemetry.to_dict(),
    )


def _dependents(
    project: ProjectFile,
    validation: ValidationResult,
    *,
    matched: dict[str, LiveObject],
    desired: dict[str, DesiredObject],
    deleted: frozenset[str] = frozenset(),
) -> list[Finding]:
    """UNMANAGED-DEPENDENT for the undeclared live objects that stay (not replace leftovers, not deleted)."""
    unmanaged = {address: obj for address, obj in matched.items() if address not in desired}
    aside = leftovers(unmanaged, desired)
    staying = [obj for address, obj in unmanaged.items() if address not in aside and address not in deleted]
    return apply_policy(
        unmanaged_dependent_findings(validation.manifests, staying),
        overrides=overrides_of(project),
        manifests=validation.manifests,
    )


def _deleted(changes: Iterable[ResourceChange]) -> frozenset[str]:
    return frozenset(change.address for change in changes if change.actions == (Action.DELETE,))


def _unmanaged(
    desired: dict[str, DesiredObject], live: dict[str, LiveObject]
) -> tuple[UnmanagedNumbers, ...]:
    """Live numbers of additive DNC lists that no manifest declares (kept; reported as a count)."""
    return tuple(
        item
        for address, obj in sorted(desired.items())
        if obj.numbers is not None and address in live
        for item in unmanaged_of(address, numbers_of(obj, live[address]))
    )


def _edited_in_place(project: ProjectFile, platform: str) -> frozenset[str]:
    """Kinds whose enabled objects are edited in one write (reconciler.yaml genesys.rule_edit: in_place)."""
    in_place = platform == "genesys" and project.genesys.rule_edit == "in_place"
    return frozenset({"CampaignRule"}) if in_place else frozenset()


def _stops_planning(item: Finding) -> bool:
    """An error of the load step leaves the manifests incomplete (SCHEMA, DUPLICATE, CYCLE ...): the org is
    not read. Checks have not run yet: their errors do not stop the plan (apply refuses them)."""
    return item.severity == Severity.ERROR and item.suppressed is None


def _resolved_live(item: Finding) -> bool:
    """Offline REF-MISSING warnings are replaced by the live check."""
    return str(item.code) == "REF-MISSING"
