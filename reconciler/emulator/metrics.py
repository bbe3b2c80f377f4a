"""Per-day measured counts of the emulated org, set by `POST /_emulator/metrics` and read by the
analytics and reporting routes. They live in the state's `meta` under `metrics`, so the state file (and
the demo org) keeps them:

    {"genesys": {campaign id: {"YYYY-MM-DD": counts}}, "cxone": {skill id: {"YYYY-MM-DD": counts}}}

counts: attempted, connected (live answered), abandoned, and optionally handled and handle_seconds.
A stored day falls in the report bucket that holds its noon UTC, which is that calendar day in any zone
within 12 hours of UTC. With `"ending": "yesterday"` every date of the body moves by the same number of
days so that its latest is the emulator's yesterday (UTC): a seed (the demo org) stays recent.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from reconciler.emulator.cxone.store import find as find_cxone
from reconciler.emulator.genesys.dialing_figures import find_campaign
from reconciler.emulator.metric_days import SECTION, Platform

if TYPE_CHECKING:
    from reconciler.emulator.core import Emulator

COUNT_FIELDS = ("attempted", "connected", "abandoned", "handled", "handle_seconds")


class MetricsError(ValueError):
    """A metrics body the emulator refuses (shape, values or an unknown name); nothing of it was kept."""


class _Day(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    date: date
    attempted: int = Field(ge=0)
    connected: int = Field(ge=0)
    abandoned: int = Field(ge=0)
    handled: int | None = Field(default=None, ge=0)
    handle_seconds: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _consistent(self) -> _Day:
        if self.connected > self.attempted:
            raise ValueError("connected is more than attempted")
        if self.abandoned > self.connected:
            raise ValueError("abandoned is more than connected (an abandoned call was answered live)")
        if (self.handled is None) != (self.handle_seconds is None):
            raise ValueError("handled and handle_seconds go together")
        return self

    def counts(self) -> dict[str, Any]:
        return self.model_dump(include=set(COUNT_FIELDS), exclude_none=True)


class GenesysDay(_Day):
    campaign: str = Field(min_length=1)


class CxoneDay(_Day):
    skill: str = Field(min_length=1)


class MetricsBody(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    genesys: list[GenesysDay] = []
    cxone: list[CxoneDay] = []
    ending: Literal["yesterday"] | None = None

    def shift(self, emulator: Emulator) -> timedelta:
        """How far every date moves: nothing, or onto the emulator's yesterday for `ending`."""
        dates = [day.date for day in (*self.genesys, *self.cxone)]
        if self.ending is None or not dates:
            return timedelta(0)
        yesterday = datetime.fromtimestamp(emulator.now(), UTC).date() - timedelta(days=1)
        return yesterday - max(dates)


def _problem(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or 'body'}: {error['msg']}" for error in exc.errors()
    )


def _campaign_id(emulator: Emulator, name: str) -> str:
    campaign = find_campaign(emulator, None, name)
    if campaign is None:
        raise MetricsError(f"genesys: no campaign named {name!r} in the emulated org")
    return str(campaign["id"])


def _skill_id(emulator: Emulator, name: str) -> str:
    found = find_cxone(emulator.state.cxone["skills"], "skills", name=name)
    if found is None:
        raise MetricsError(f"cxone: no skill named {name!r} in the emulated org")
    return found[0]


def set_metrics(emulator: Emulator, raw: Any) -> dict[str, int]:
    """Keep every day of `raw` (all checked and resolved before any is kept); answer how many per platform."""
    try:
        body = MetricsBody.model_validate(raw)
    except ValidationError as exc:
        raise MetricsError(_problem(exc)) from None
    rows: list[tuple[str, str, _Day]] = [
        ("genesys", _campaign_id(emulator, day.campaign), day) for day in body.genesys
    ]
    rows += [("cxone", _skill_id(emulator, day.skill), day) for day in body.cxone]
    shift = body.shift(emulator)
    store = emulator.state.meta.setdefault(SECTION, {})
    for platform, object_id, day in rows:
        key = (day.date + shift).isoformat()
        store.setdefault(platform, {}).setdefault(object_id, {})[key] = day.counts()
    emulator.changed()
    return {"genesys": len(body.genesys), "cxone": len(body.cxone)}


def objects_with_days(emulator: Emulator, platform: Platform) -> list[str]:
    return sorted(emulator.state.meta.get(SECTION, {}).get(platform, {}))


def noon_utc(day: date) -> datetime:
    """The instant that places a stored day in a report bucket."""
    return datetime.combine(day, time(12), tzinfo=UTC)
