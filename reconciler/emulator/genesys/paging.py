"""List queries as the platform answers them (OutboundApi list parameters, purecloudplatformclientv2): pageSize (default 25, at most 100 returned),
pageNumber from 1, `name` with `filterType` (default Prefix), sortBy/sortOrder, and the
<Type>EntityListing envelope with first/previous/next/last/self URIs (path and query).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.kinds import PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX
from reconciler.emulator.state import JsonObject


@dataclass(frozen=True)
class Paging:
    size: int
    number: int


def _positive(query: QueryParams, name: str, default: int) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise GenesysError(400, "bad.request", f"The query parameter '{name}' must be an integer.") from None
    if value < 1:
        raise GenesysError(400, "bad.request", f"The query parameter '{name}' must be at least 1.")
    return value


def paging(query: QueryParams) -> Paging:
    """pageSize above 100 is served as 100 ("The max that will be returned is 100", OutboundApi list parameters, purecloudplatformclientv2)."""
    return Paging(
        min(_positive(query, "pageSize", PAGE_SIZE_DEFAULT), PAGE_SIZE_MAX), _positive(query, "pageNumber", 1)
    )


def multi(query: QueryParams, name: str) -> set[str]:
    """A multi-valued query parameter: repeated (?id=a&id=b) or comma-separated."""
    return {part for value in query.getlist(name) for part in value.split(",") if part}


def _regex(pattern: str) -> Callable[[str], bool]:
    try:
        compiled = re.compile(pattern)
    except re.error:
        raise GenesysError(
            400, "bad.request", f"The name filter '{pattern}' is not a valid regular expression."
        ) from None
    return lambda name: compiled.fullmatch(name) is not None


_TEXT_FILTERS: dict[str, Callable[[str, str], bool]] = {
    "equals": lambda name, wanted: name == wanted,
    "prefix": lambda name, wanted: name.startswith(wanted),
    "beginswith": lambda name, wanted: name.startswith(wanted),
    "contains": lambda name, wanted: wanted in name,
    "endswith": lambda name, wanted: name.endswith(wanted),
    "lessthan": lambda name, wanted: name < wanted,
    "lessthanequalto": lambda name, wanted: name <= wanted,
    "greaterthan": lambda name, wanted: name > wanted,
    "greaterthanequalto": lambda name, wanted: name >= wanted,
}


def name_filter(query: QueryParams) -> Callable[[str], bool] | None:
    """The `name` + `filterType` predicate of the outbound lists; case-insensitive except RegEx."""
    wanted = query.get("name")
    if wanted is None:
        return None
    filter_type = query.get("filterType", "Prefix")
    if filter_type.lower() == "regex":
        return _regex(wanted)
    compare = _TEXT_FILTERS.get(filter_type.lower())
    if compare is None:
        allowed = "Equals, RegEx, Contains, Prefix, LessThan, LessThanEqualTo, GreaterThan, GreaterThanEqualTo, BeginsWith, EndsWith"
        raise GenesysError(
            400,
            "invalid.value",
            f"Value [{filter_type}] is not valid for field type [filterType]. Allowable values are: {allowed}",
        )
    folded = wanted.casefold()
    return lambda name: compare(name.casefold(), folded)


def wildcard_filter(query: QueryParams) -> Callable[[str], bool] | None:
    """The lookups' `name`: exact (case-insensitive), with leading/trailing `*` wildcards (routing/queues)."""
    wanted = query.get("name")
    if wanted is None:
        return None
    folded = wanted.casefold()
    return lambda name: fnmatchcase(name.casefold(), folded)


def _sort_key(field: str) -> Callable[[JsonObject], tuple[Any, ...]]:
    def key(obj: JsonObject) -> tuple[Any, ...]:
        value = obj.get(field)
        text = value.casefold() if isinstance(value, str) else ("" if value is None else str(value))
        return (value is None, text, obj.get("id", ""))

    return key


def sort(items: Iterable[JsonObject], query: QueryParams) -> list[JsonObject]:
    """sortBy (default name), sortOrder ascending|descending (the declared default `a` is ascending)."""
    order = query.get("sortOrder", "ascending").lower()
    descending = order in ("descending", "desc", "d")
    return sorted(items, key=_sort_key(query.get("sortBy") or "name"), reverse=descending)


def envelope(path: str, query: QueryParams, items: list[JsonObject], page: Paging) -> JsonObject:
    """One page of `items` in the <Type>EntityListing envelope; previous/next only when they exist."""
    total = len(items)
    page_count = math.ceil(total / page.size)
    start = (page.number - 1) * page.size
    others = [(key, value) for key, value in query.multi_items() if key not in ("pageSize", "pageNumber")]

    def uri(number: int) -> str:
        return f"{path}?{urlencode([('pageSize', page.size), ('pageNumber', number), *others])}"

    listing: JsonObject = {
        "entities": items[start : start + page.size],
        "pageSize": page.size,
        "pageNumber": page.number,
        "total": total,
        "pageCount": page_count,
        "firstUri": uri(1),
        "selfUri": uri(page.number),
        "lastUri": uri(max(page_count, 1)),
    }
    if page.number > 1:
        listing["previousUri"] = uri(page.number - 1)
    if page.number < page_count:
        listing["nextUri"] = uri(page.number + 1)
    return listing
