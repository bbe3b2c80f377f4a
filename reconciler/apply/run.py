"""`reconciler apply` end to end: plan (or check a saved plan), gate, write, record, notify.

Gates, in order, before anything is written: the saved plan (if given) must still be the plan; no
error finding (DELETE-PROTECTED included); deletes and replaces only with --allow-delete; and without
a saved plan, a confirmation (or --auto-approve). Then the changes run (reconciler.apply.executor);
every outcome is appended to the audit log and announced to the configured webhooks. `apply.finished`
carries the audit chain head and the run's telemetry; the run, each change and each request are spans.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reconciler.apply.cxone_writer import CxoneWriter
from reconciler.apply.executor import DEFAULT_CONCURRENCY, execute
from reconciler.apply.genesys_writer import GenesysWriter
from reconciler.apply.results import ApplyReport, ChangeResult
from reconciler.apply.saved_plan import saved_plan_problems
from reconciler.apply.work import ApplySettings, Work, Writer
from reconciler.audit import (
    AuditEntry,
    AuditLog,
    ChainHead,
    actor_and_commit,
    chain_head,
    ends_torn,
    torn_message,
    utc_now,
)
from reconciler.config import ProjectFile
from reconciler.diagnostics import Severity
from reconciler.exceptions import ApplyRefused
from reconciler.kinds.registry import SET_LIKE
from reconciler.live_plan import LiveRun, run_live, target_of
from reconciler.notify import Notifier
from reconciler.plan.models import Action, Plan, ResourceChange, Step
from reconciler.providers.session import Session, open_session
from reconciler.telemetry import tracing
from reconciler.telemetry.tracing import run_attributes

Confirm = Callable[[Plan], bool]
"""Shows the plan and asks whether to apply it; False refuses."""


@dataclass(frozen=True)
class ApplyOptions:
    auto_approve: bool = False
    allow_delete: bool = False
    allow_restart: bool = False
    """Allow stopping running CXone skills to edit them (stop -> update -> start)."""
    concurrency: int = DEFAULT_CONCURRENCY
    saved_plan: dict[str, Any] | None = None
    settings: ApplySettings = field(default_factory=ApplySettings)
    select: tuple[str, ...] = ()
    """--select values (reconciler.selection): only the selected objects are planned and written."""


@dataclass(frozen=True)
class ApplyRun:
    plan: Plan
    report: ApplyReport
    skipped_manifests: int = 0
    audit_head: ChainHead | None = None
    """The audit log's last line after the run: record it to verify the log against later."""
    telemetry: Mapping[str, Any] | None = None
    """Requests, latencies, retries, 429 waits and change durations of the run (reconciler.telemetry)."""


def gate(run: LiveRun, options: ApplyOptions) -> None:
    """Refuse (ApplyRefused) anything apply must not start; nothing has been written yet."""
    if options.saved_plan is not None:
        problems = saved_plan_problems(options.saved_plan, run.plan)
        if problems:
            listed = "\n  - ".join(problems)
            raise ApplyRefused(f"the saved plan is out of date; nothing was changed:\n  - {listed}")
    errors = [
        item for item in run.plan.findings if item.severity == Severity.ERROR and item.suppressed is None
    ]
    if errors:
        listed = "\n  - ".join(f"{item.code}: {item.address or ''} {item.message}".strip() for item in errors)
        count = sum(item.weight for item in errors)
        raise ApplyRefused(f"the plan has {count} error finding(s); nothing was changed:\n  - {listed}")
    deleting = [change for change in run.plan.resource_changes if Action.DELETE in change.actions]
    if deleting and not options.allow_delete:
        listed = "\n  - ".join(f"{change.address} ({change.category})" for change in deleting)
        raise ApplyRefused(
            f"the plan deletes {len(deleting)} object(s); pass --allow-delete to allow it "
            f"(a replace deletes the old object too). Nothing was changed:\n  - {listed}"
        )
    restarting = [change for change in run.plan.resource_changes if stops_a_cxone_skill(change)]
    if restarting and not options.allow_restart:
        listed = "\n  - ".join(f"{change.address} ({' -> '.join(change.steps)})" for change in restarting)
        raise ApplyRefused(
            f"the plan stops {len(restarting)} running CXone skill(s): CXone refuses to update a running "
            f'skill (409 "Cannot update a running skill"), so each is stopped, edited and started again '
            f"(it dials nothing while stopped). Pass --allow-restart to allow it, or stop the skills "
            f"yourself and plan again. Nothing was changed:\n  - {listed}"
        )
    removing = [change for change in run.plan.resource_changes if change.removed_numbers]
    if removing and not options.allow_delete:
        count = sum(change.removed_numbers for change in removing)
        listed = "\n  - ".join(
            f"{change.address} ({change.removed_numbers} number(s))" for change in removing
        )
        raise ApplyRefused(
            f"the plan removes {count} number(s) from DNC lists (exact mode); pass --allow-delete to allow "
            f"it. Nothing was changed:\n  - {listed}"
        )


def stops_a_cxone_skill(change: ResourceChange) -> bool:
    """A CXone change whose steps stop a running skill (an edit or a deactivation of it)."""
    return change.address.startswith("cxone/Skill/") and Step.STOP in change.steps


def writer_for(session: Session, run: LiveRun, settings: ApplySettings) -> Writer:
    platform = session.platform
    if platform == "cxone":
        return CxoneWriter(session.client, index=run.index, desired=run.desired, settings=settings)
    if platform != "genesys":
        raise ApplyRefused(f"apply does not write to {platform} targets yet; nothing was changed")
    return GenesysWriter(
        session.client,
        index=run.index,
        desired=run.desired,
        set_like=SET_LIKE[platform],
        settings=settings,
        planned={change.address: change for change in run.plan.resource_changes},
    )


def works_of(run: LiveRun) -> list[Work]:
    return [
        Work(change=change, desired=run.desired.get(change.address), live=run.live.get(change.address))
        for change in run.plan.resource_changes
        if change.is_change
    ]


class _AuditTrail:
    """Appends each outcome to the audit log as it happens (one hash-chained line per change)."""

    def __init__(self, project: ProjectFile, *, root: Path, target: str) -> None:
        self.log = AuditLog(root / project.audit.path)
        if ends_torn(self.log.path):  # refuse before any write: an applied change must be recordable
            raise ApplyRefused(f"{torn_message(self.log.path)}. Nothing was changed")
        self.actor, self.commit = actor_and_commit(root)
        self.target = target

    def record(self, result: ChangeResult) -> None:
        self.log.append(
            AuditEntry(
                time=utc_now(),
                actor=self.actor,
                commit=self.commit,
                target=self.target,
                address=result.address,
                action=result.category,
                paths=result.paths,
                result=str(result.outcome),
                version=result.version,
                message=result.message,
            )
        )


async def apply_project(
    project: ProjectFile,
    *,
    root: Path,
    target_name: str | None,
    options: ApplyOptions,
    confirm: Confirm,
    on_plan: Callable[[LiveRun], None] | None = None,
    on_result: Callable[[ChangeResult], None] | None = None,
    notifier: Notifier | None = None,
    session: Session | None = None,
) -> ApplyRun:
    """Plan, gate, apply and record. `session` writes through an open session (tests, benchmarks)."""
    name, target = target_of(project, target_name)
    notifier = notifier or Notifier(
        project.notifications, target=name, response_bytes=project.limits.webhook_response_bytes
    )
    opened: AbstractAsyncContextManager[Session] = (
        nullcontext(session)
        if session is not None
        else open_session(name, target, root=root, limits=project.limits)
    )
    with tracing.span("reconciler apply", run_attributes("apply", name, target.platform)):
        async with opened as session:
            run = await run_live(
                project,
                root=root,
                target_name=name,
                paths=project.manifest_paths(root),
                command="plan",
                session=session,
                select=options.select,
            )
            if on_plan is not None:
                on_plan(run)
            gate(run, options)
            if not run.plan.has_changes:
                return ApplyRun(
                    plan=run.plan,
                    report=ApplyReport(()),
                    skipped_manifests=run.skipped,
                    audit_head=chain_head(root / project.audit.path),
                    telemetry=session.client.telemetry.to_dict(),
                )
            trail = _AuditTrail(project, root=root, target=name)
            if options.saved_plan is None and not options.auto_approve and not confirm(run.plan):
                raise ApplyRefused("the plan was not approved; nothing was changed")
            return await _write(
                run, session, trail=trail, notifier=notifier, options=options, on_result=on_result
            )


async def _write(
    run: LiveRun,
    session: Session,
    *,
    trail: _AuditTrail,
    notifier: Notifier,
    options: ApplyOptions,
    on_result: Callable[[ChangeResult], None] | None,
) -> ApplyRun:
    """Apply the approved plan's changes, recording and announcing each, then the run's outcome."""
    works = works_of(run)
    telemetry = session.client.telemetry
    await notifier.send(
        "apply.started", {"target": trail.target, "changes": len(works), **_summary(run.plan)}
    )

    def record(result: ChangeResult) -> None:
        trail.record(result)
        if result.seconds is not None:
            telemetry.change(result.address, outcome=str(result.outcome), seconds=result.seconds)
        if on_result is not None:
            on_result(result)

    results = await execute(
        works, writer_for(session, run, options.settings), concurrency=options.concurrency, on_result=record
    )
    if notifier.enabled_for("resource.changed"):  # concurrently: each delivery is bounded, so all are
        await asyncio.gather(*(notifier.send("resource.changed", _result_data(r)) for r in results))
    report = ApplyReport(tuple(results))
    head = chain_head(trail.log.path)
    measured = telemetry.to_dict()
    await notifier.send(
        "apply.finished",
        {
            "target": trail.target,
            "ok": report.ok,
            "outcomes": report.counts(),
            "results": [_result_data(r) for r in results],
            "audit_head": None if head is None else head.sha256,
            "audit_seq": None if head is None else head.seq,
            "telemetry": measured,
        },
    )
    return ApplyRun(
        plan=run.plan, report=report, skipped_manifests=run.skipped, audit_head=head, telemetry=measured
    )


def _summary(plan: Plan) -> dict[str, int]:
    return {key: value for key, value in plan.summary.items() if key not in ("no-op",)}


def _result_data(result: ChangeResult) -> dict[str, Any]:
    return {
        "address": result.address,
        "action": result.category,
        "outcome": str(result.outcome),
        "paths": list(result.paths),
        "version": result.version,
        "message": result.message,
        "seconds": None if result.seconds is None else round(result.seconds, 3),
    }
