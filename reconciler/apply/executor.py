"""Running a plan's changes: level by level, independent changes of a level concurrently, failures
skipping their dependents while everything else proceeds (ARCHITECTURE.md §8). An object that lists
several siblings in a field of reconciler.apply.partial_members is written without the ones whose
create did not apply, and says so, instead of being skipped.

The plan's `order` already encodes the levels: creates and updates by ascending dependency level,
deletes after them in reverse. All requests share the client's one rate limiter, so concurrency only
fills the allowed rate, never exceeds it. Each change is timed (`ChangeResult.seconds`) and, when
tracing is on, one span whose requests are its children.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import groupby

from reconciler.apply.partial_members import Partial, split_blocked
from reconciler.apply.results import ChangeResult, Outcome
from reconciler.apply.work import Work, Writer
from reconciler.exceptions import ReconcilerError, StaleChange
from reconciler.redaction import redact
from reconciler.telemetry import tracing

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 8

ResultHook = Callable[[ChangeResult], None]


def _result(
    work: Work, outcome: Outcome, *, message: str | None = None, version: int | None = None
) -> ChangeResult:
    change = work.change
    return ChangeResult(
        address=change.address,
        kind=change.kind,
        name=change.name,
        category=change.category,
        outcome=outcome,
        paths=(
            *(item.path for item in change.changes),
            *(change.numbers.counted() if change.numbers is not None else ()),
        ),
        message=None if message is None else redact(message),
        version=version,
    )


async def _run_one(writer: Writer, work: Work, limit: asyncio.Semaphore) -> ChangeResult:
    async with limit:
        change = work.change
        attributes = {"reconciler.address": change.address, "reconciler.action": change.category}
        started = time.perf_counter()
        with tracing.span(f"{change.category} {change.kind}", attributes) as span:
            result = await _attempt(writer, work)
            span.set("reconciler.outcome", str(result.outcome))
            if not result.ok:
                span.failed(str(result.outcome))
        return replace(result, seconds=time.perf_counter() - started)


async def _attempt(writer: Writer, work: Work) -> ChangeResult:
    try:
        written = await writer.apply(work)
    except StaleChange as exc:
        return _result(work, Outcome.REFUSED, message=str(exc))
    except ReconcilerError as exc:
        return _result(work, Outcome.FAILED, message=str(exc))
    except Exception as exc:  # a bug must not stop the other changes; it is reported, not hidden
        log.debug("unexpected error applying %s", work.change.address, exc_info=True)
        return _result(work, Outcome.FAILED, message=f"internal error: {type(exc).__name__}: {exc}")
    return _result(work, Outcome.APPLIED, version=written.version)


async def execute(
    works: Sequence[Work],
    writer: Writer,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_result: ResultHook | None = None,
) -> list[ChangeResult]:
    """Apply every change; the results come back in plan order."""
    limit = asyncio.Semaphore(max(1, concurrency))
    not_applied: dict[str, ChangeResult] = {}
    results: dict[str, ChangeResult] = {}
    pending = sorted((work for work in works if work.change.is_change), key=lambda w: w.change.order)
    for _, level in groupby(pending, key=lambda w: w.change.order):
        batch: list[tuple[Work, Partial | None]] = []
        for work in level:
            blocked = {dep: not_applied[dep] for dep in work.change.depends_on if dep in not_applied}
            blocking, partial = split_blocked(work, blocked)
            if blocking:
                result = _result(
                    work, Outcome.SKIPPED, message=f"depends on {', '.join(blocking)}, which did not apply"
                )
                results[work.change.address] = not_applied[work.change.address] = result
                if on_result is not None:
                    on_result(result)
            else:
                batch.append((work, partial))

        async def run(work: Work, partial: Partial | None) -> None:
            result = await _run_one(writer, work if partial is None else partial.work, limit)
            if partial is not None and result.ok:
                result = replace(result, message=redact(partial.message()))
            results[work.change.address] = result
            if not result.ok:
                not_applied[work.change.address] = result
            if on_result is not None:
                on_result(result)

        await asyncio.gather(*(run(work, partial) for work, partial in batch))
    return [results[work.change.address] for work in pending]
