"""One monitor run: the managed campaigns or skills of a target, their measured days, windows and findings."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from reconciler.config import Monitor as MonitorSettings
from reconciler.config import ProjectFile
from reconciler.diagnostics import Code, Finding, Severity, sort_findings
from reconciler.exceptions import ConfigError, UsageError
from reconciler.finding_cap import cap_findings
from reconciler.live_plan import read_live, target_of
from reconciler.manifest.resource import Resource
from reconciler.monitor.caps import CapMeasure, cap_rules, measure_caps
from reconciler.monitor.counts import DayCounts, MeasuredCounts
from reconciler.monitor.findings import Monitored, abandon_findings, calibration_findings
from reconciler.monitor.reads import read_measured
from reconciler.monitor.windows import LOOKBACK_DAYS, Period, Window, WindowCounts, first_day_read, sum_window
from reconciler.policy.context import CheckContext
from reconciler.policy.severity import apply_policy
from reconciler.providers.cxone.reporting import DEFAULT_SUMMARY_FIELDS
from reconciler.providers.genesys.analytics_limits import AnalyticsLimits
from reconciler.providers.http import ApiClient
from reconciler.providers.session import open_session
from reconciler.validation import (
    ValidationResult,
    check_context,
    load_manifests,
    overrides_of,
)

MONITORED_KIND = {"genesys": "Campaign", "cxone": "Skill"}
"""What the monitor measures per platform: Genesys campaigns, CXone outbound (Personal Connection) skills."""
STRUCTURAL = frozenset({Code.SCHEMA, Code.DUPLICATE})

CountsReader = Callable[[ApiClient, str, Mapping[str, str], date, date, ZoneInfo], Awaitable[MeasuredCounts]]
"""(client, platform, {name: id}, first day, last day, zone) -> the measured days of those objects."""


def platform_reader(settings: MonitorSettings) -> CountsReader:
    """The platform reads (reconciler.monitor.reads), with the project's CXone summary field names and
    Genesys query bounds."""
    named = settings.cxone_fields.model_dump(exclude_none=True)
    return functools.partial(
        read_measured,
        cxone_fields=replace(DEFAULT_SUMMARY_FIELDS, **named),
        genesys_limits=AnalyticsLimits(**settings.genesys_analytics.model_dump()),
    )


@dataclass(frozen=True)
class ObjectMeasures:
    """One managed object's windows against its caps, and the 30 days its staffing is compared over."""

    target: Monitored
    found_live: bool
    measures: tuple[CapMeasure, ...]
    lookback: WindowCounts
    days: tuple[DayCounts, ...]


@dataclass(frozen=True)
class MonitorRun:
    target_name: str
    platform: str
    as_of: date
    time_zone: str
    warn_at_percent_of_cap: float
    measured: MeasuredCounts
    objects: tuple[ObjectMeasures, ...]
    findings: tuple[Finding, ...]

    @property
    def over_cap(self) -> bool:
        """A window over its cap that counts (not allowed by an annotation, not lowered by policy)."""
        return any(
            item.code == Code.ABANDON_MEASURED and item.severity == Severity.ERROR and item.suppressed is None
            for item in self.findings
        )


def as_of_day(text: str | None, zone: ZoneInfo, *, now: datetime | None = None) -> date:
    """--as-of as a date: the last complete day in the monitor's zone when not given; never in the future."""
    today = (now or datetime.now(zone)).astimezone(zone).date()
    if text is None:
        return today - timedelta(days=1)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of {text!r} is not a date written YYYY-MM-DD") from None
    if day > today:
        raise UsageError(f"--as-of {day} is in the future (today is {today} in {zone.key})")
    return day


def monitored_objects(validation: ValidationResult, project: ProjectFile, platform: str) -> list[Monitored]:
    """The platform's managed campaigns (Genesys) or outbound skills (CXone), in address order, each with
    its jurisdictions (reach included) and calls as the checks read them (CheckContext)."""
    kind = MONITORED_KIND[platform]
    context = check_context(validation, project=project, roots=())
    return [
        _monitored(resource, context)
        for address, resource in sorted(validation.manifests.items())
        if resource.platform == platform and resource.kind == kind
    ]


def _monitored(resource: Resource, context: CheckContext) -> Monitored:
    return Monitored(
        platform=resource.platform,
        kind=resource.kind,
        name=resource.name,
        address=resource.address,
        jurisdictions=context.jurisdictions_of(resource),
        staffing=getattr(getattr(resource.document, "compliance", None), "staffing", None),
        source=resource.source,
        calling=context.calling_of(resource),
    )


async def measured_days(
    project: ProjectFile,
    *,
    root: Path,
    target_name: str,
    names: Sequence[str],
    first: date,
    last: date,
    reader: CountsReader,
) -> tuple[dict[str, str], MeasuredCounts]:
    """The platform ids of the campaigns or skills `names` that exist live, and their measured days from
    `first` to `last` (days cut in monitor.time_zone)."""
    name, target = target_of(project, target_name)
    kind = MONITORED_KIND[target.platform]
    zone = ZoneInfo(project.monitor.time_zone)
    async with open_session(name, target, root=root, limits=project.limits) as session:
        _, index = await read_live(session.client, platform=target.platform, kinds=[kind], lookups=[])
        ids = {item: found for item in names if (found := index.id_of(kind, item)) is not None}
        measured = await reader(session.client, target.platform, ids, first, last, zone)
    return ids, measured


async def run_monitor(
    project: ProjectFile,
    *,
    root: Path,
    target_name: str | None,
    as_of_text: str | None,
    reader: CountsReader,
) -> MonitorRun:
    """Read the measured days of every managed object of the target and compare each window with its cap."""
    name, target = target_of(project, target_name)
    settings = project.monitor
    zone = ZoneInfo(settings.time_zone)
    as_of = as_of_day(as_of_text, zone)
    validation = load_manifests(project.manifest_paths(root), project=project, target=name)
    broken = sorted({str(item.code) for item in validation.findings if item.code in STRUCTURAL})
    if broken:
        raise ConfigError(
            f"the manifests do not load ({', '.join(broken)}): run `reconciler validate` and fix them, so "
            "that no managed campaign is left out of the compliance record"
        )
    targets = monitored_objects(validation, project, target.platform)
    ids, measured = await measured_days(
        project,
        root=root,
        target_name=name,
        names=[item.name for item in targets],
        first=first_day_read(as_of),
        last=as_of,
        reader=reader,
    )
    objects = tuple(
        measure_object(
            item,
            [day for day in measured.days if day.name == item.name],
            as_of=as_of,
            found_live=item.name in ids,
            warn_at_percent_of_cap=settings.warn_at_percent_of_cap,
        )
        for item in targets
    )
    findings = findings_of(objects, settings)
    checked = apply_policy(findings, overrides=overrides_of(project), manifests=validation.manifests)
    return MonitorRun(
        target_name=name,
        platform=target.platform,
        as_of=as_of,
        time_zone=settings.time_zone,
        warn_at_percent_of_cap=settings.warn_at_percent_of_cap,
        measured=measured,
        objects=objects,
        findings=tuple(cap_findings(sort_findings(checked), project.limits.findings_per_code)),
    )


def findings_of(objects: Sequence[ObjectMeasures], settings: MonitorSettings) -> list[Finding]:
    """ABANDON-MEASURED for every window near or over its cap, PACING-CALIBRATION per object (before policy)."""
    found: list[Finding] = []
    for item in objects:
        found.extend(
            abandon_findings(
                item.target, item.measures, warn_at_percent_of_cap=settings.warn_at_percent_of_cap
            )
        )
    for item in objects:
        found.extend(
            calibration_findings(
                item.target, item.lookback, tolerance_percent=settings.calibration_tolerance_percent
            )
        )
    return found


def measure_object(
    target: Monitored,
    days: Sequence[DayCounts],
    *,
    as_of: date,
    found_live: bool,
    warn_at_percent_of_cap: float,
) -> ObjectMeasures:
    """Every cap window of one object, and its lookback (the 30 days ending on `as_of`)."""
    lookback = Window(Period.ROLLING_30_DAYS, as_of - timedelta(days=LOOKBACK_DAYS - 1), as_of)
    return ObjectMeasures(
        target=target,
        found_live=found_live,
        measures=measure_caps(
            cap_rules(target.jurisdictions, target.calling),
            days,
            as_of=as_of,
            warn_at_percent_of_cap=warn_at_percent_of_cap,
        ),
        lookback=sum_window(lookback, days),
        days=tuple(sorted(days, key=lambda day: day.day)),
    )
