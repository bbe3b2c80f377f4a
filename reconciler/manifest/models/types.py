"""Validated scalar types shared by the manifest models (names, times, zones, days, references)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from reconciler.manifest.name_characters import refused_character


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the *name* of another object.

    `kind` is the referenced kind on the same platform. `external` references point at objects
    the reconciler never manages (queues, scripts, flows ...); they are resolved by name at plan time.
    `by_id`: an external reference the API and the manifest both write as the object's id (a digital rule
    set's `data_action_id`): sent as written, and checked against the lookup's ids at plan time.
    """

    kind: str
    external: bool = False
    by_id: bool = False


@lru_cache(maxsize=1024)
def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _check_time_zone(value: str) -> str:
    if not _known_zone(value):
        raise ValueError(f"'{value}' is not an IANA time zone (for example America/New_York)")
    return value


_HMS = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]")
_HM = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


def _check_hms(value: str) -> str:
    if not _HMS.fullmatch(value):
        raise ValueError(f"'{value}' is not a time of day as HH:MM:SS (00:00:00 to 23:59:59)")
    return value


def _check_hm(value: str) -> str:
    if not _HM.fullmatch(value):
        raise ValueError(f"'{value}' is not a time of day as HH:MM (00:00 to 23:59)")
    return value


def _check_name(value: str) -> str:
    refused = refused_character(value)
    if refused is not None:
        raise ValueError(
            f"names must not contain invisible, direction-control or control characters; found {refused}"
        )
    if value != value.strip():
        raise ValueError("names must not start or end with white space")
    return value


Name = Annotated[str, StringConstraints(min_length=1, max_length=255), AfterValidator(_check_name)]
"""A platform object name (natural key)."""

GenesysName = Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(_check_name)]
"""Genesys Cloud rejects names over 64 characters (name.length.exceeded)."""

_CXONE_SKILL_NAME = re.compile(r"[A-Za-z0-9\-_.()^ ]+")


def _check_cxone_skill_name(value: str) -> str:
    if _CXONE_SKILL_NAME.fullmatch(value) is None:
        raise ValueError("CXone skill names hold only letters, digits, spaces and - _ . ( ) ^")
    return value


CxoneSkillName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=30),
    AfterValidator(_check_name),
    AfterValidator(_check_cxone_skill_name),
]
r"""CXone skill names: 1-30 characters from [A-Za-z0-9-_.()^ ] (Admin API putSkillRequest.skillName:
maxLength 30, pattern ^(([a-zA-Z0-9-_\.\(\)^\s])*)$; developer.niceincontact.com/API/AdminAPI)."""

CxoneDispositionName = Annotated[
    str, StringConstraints(min_length=1, max_length=50), AfterValidator(_check_name)
]
"""CXone disposition names: 1-50 characters (Admin API postdispositionsRequest.dispositionName: minLength 1,
maxLength 50; developer.niceincontact.com/API/AdminAPI "General")."""

TimeZoneId = Annotated[str, AfterValidator(_check_time_zone)]
"""An IANA time zone, checked against the zoneinfo database."""

ClockTime = Annotated[str, AfterValidator(_check_hms)]
"""A time of day written "HH:MM:SS"."""

ClockMinute = Annotated[str, AfterValidator(_check_hm)]
"""A time of day written "HH:MM"."""

IsoDay = Annotated[int, Field(ge=1, le=7, description="Day of week, 1 = Monday ... 7 = Sunday")]

Percent = Annotated[float, Field(ge=0, le=100)]


def ref(kind: str) -> Ref:
    return Ref(kind)


def external(kind: str) -> Ref:
    return Ref(kind, external=True)


def external_id(kind: str) -> Ref:
    """An external reference written as the object's id, in the manifest as on the wire."""
    return Ref(kind, external=True, by_id=True)


def not_looked_up(what: str) -> AfterValidator:
    """Refuses a reference to a kind the reconciler has no lookup for: its name could never be sent as
    the id the API needs (the field stays in the model so live objects still read)."""

    def refuse(value: Any) -> Any:
        raise ValueError(
            f"{what} cannot be referenced: reconciler has no lookup for them, so the name cannot be sent "
            "as the id the API needs; leave this field out and set it in Genesys Cloud"
        )

    return AfterValidator(refuse)


def scalar_as_text(value: Any) -> Any:
    """YAML reads `5555550144` or `90` as a number; fields that are text on the API take it as text."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


Text = Annotated[str, BeforeValidator(scalar_as_text, json_schema_input_type=str | int | float)]
"""A string field that also accepts an unquoted YAML number (values, phone numbers, codes)."""


def repeated_items(items: Iterable[Any]) -> list[Any]:
    """Items that occur more than once, in first-seen order."""
    seen: set[Any] = set()
    repeated: list[Any] = []
    for item in items:
        if item in seen and item not in repeated:
            repeated.append(item)
        seen.add(item)
    return repeated


def no_repeats(value: list[Any]) -> list[Any]:
    """AfterValidator for lists the API treats as sets: an entry may appear once."""
    repeated = repeated_items(value)
    if repeated:
        raise ValueError(f"listed more than once: {', '.join(map(str, repeated))}")
    return value


def require_fields(model: Any, selector: str, table: dict[str, tuple[str, ...]]) -> None:
    """Raise when `model` lacks a field that the value `selector` (a type or mode) needs."""
    missing = [name for name in table.get(selector, ()) if getattr(model, name) is None]
    if missing:
        raise ValueError(f"{selector} requires {', '.join(missing)}")


NumbersMode = Literal["additive", "exact"]
"""How a DNC list's declared numbers meet its live ones: a floor (additive) or the whole list (exact)."""
