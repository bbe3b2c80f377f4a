"""Attach a `pacing` section to each campaign or skill change whose pacing inputs change: the live settings
(before) and the declared ones laid over them (after), each run through the pacing model.

Only objects with `compliance.staffing` get one (the platform does not know the floor); the same
staffing serves both sides. Genesys inputs also come from the org's OutboundSettings and the campaign's
call analysis response set, live before and declared-over-live after, so a change there shows on the
campaigns it moves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from reconciler.kinds.registry import KIND_SPECS
from reconciler.manifest.models.base import Staffing
from reconciler.pacing.predict import DialerSettings, Prediction, predict
from reconciler.plan.models import Action, ResourceChange
from reconciler.plan.pacing_section import PacingEffect, PacingFigures
from reconciler.policy.context import CheckContext, spec_of
from reconciler.policy.dialer_settings import (
    PACED_MODES,
    cxone_settings,
    genesys_org,
    genesys_response_set,
    genesys_settings,
)
from reconciler.policy.jurisdictions import lowest_cap

Predictor = Callable[[DialerSettings], Prediction]
PACED_KINDS = frozenset(key for key, spec in KIND_SPECS.items() if spec.paced)


def with_pacing(
    changes: Sequence[ResourceChange], context: CheckContext, *, predictor: Predictor = predict
) -> tuple[ResourceChange, ...]:
    """`changes` with a pacing section on each paced campaign or skill whose pacing inputs change."""
    return tuple(_with_effect(change, context, predictor) for change in changes)


def _with_effect(change: ResourceChange, context: CheckContext, predictor: Predictor) -> ResourceChange:
    resource = context.manifests.get(change.address)
    if resource is None or (resource.platform, resource.kind) not in PACED_KINDS or not change.is_change:
        return change
    compliance = getattr(resource.document, "compliance", None)
    staffing: Staffing | None = getattr(compliance, "staffing", None)
    created = Action.CREATE in change.actions
    if staffing is None or (Action.DELETE in change.actions and not created):
        return change
    live = context.live.get(change.address)
    declared = spec_of(resource)
    before_spec = None if live is None else dict(live.essence)
    after_spec = declared if created or before_spec is None else {**before_spec, **declared}
    before = (
        None if before_spec is None else _settings(resource.platform, before_spec, staffing, context, False)
    )
    after = _settings(resource.platform, after_spec, staffing, context, True)
    if before == after and before_spec is not None:
        return change
    capped = lowest_cap(context.rules_of(resource))
    effect = PacingEffect(
        agents=staffing.agents,
        before=None if before is None else _figures(before, predictor),
        after=None if after is None else _figures(after, predictor),
        before_note="not created yet" if before_spec is None else _unpaced(before, before_spec),
        after_note=_unpaced(after, after_spec),
        cap_percent=None if capped is None else capped[0],
        jurisdiction=None if capped is None else capped[1].code,
        period=None if capped is None else capped[1].abandon_window,
    )
    return dataclasses.replace(change, pacing=effect)


def _settings(
    platform: str, spec: Mapping[str, Any], staffing: Staffing, context: CheckContext, declared: bool
) -> DialerSettings | None:
    if platform == "cxone":
        return cxone_settings(spec, staffing=staffing)
    answers = genesys_response_set(context, spec.get("call_analysis_response_set"), declared=declared)
    org = genesys_org(context, declared=declared)
    return genesys_settings(spec, staffing=staffing, org=org, response_set=answers)


def _figures(settings: DialerSettings, predictor: Predictor) -> PacingFigures:
    return PacingFigures(prediction=predictor(settings), settings=settings.describe())


def _unpaced(settings: DialerSettings | None, spec: Mapping[str, Any]) -> str | None:
    """Why a side has no figures (None when it has them)."""
    if settings is not None:
        return None
    mode = spec.get("dialing_mode")
    if mode is not None and mode not in PACED_MODES:
        return f"{mode} dialing is not paced"
    if "general_settings" in spec:
        return "paced to the business unit's abandon rate, which the manifests do not hold"
    return "no abandon target to pace to"
