"""Bounded, line-tracking YAML reading.

The text is parsed into events by libyaml (or PyYAML's pure-Python parser) and composed here
iteratively, so that hostile input is rejected early and cheaply:
- nesting deeper than MAX_DEPTH is refused (no recursion, so no RecursionError);
- aliases share values instead of copying them, and the *expanded* size of everything read in one run
  is charged to one ExpansionBudget (`limits.yaml_values`): past it the file is refused ("billion
  laughs", also spread over many documents or files, since later stages copy what aliases share);
- only plain data tags are accepted (no Python objects, no binary);
- an integer longer than MAX_INT_DIGITS is refused (Python cannot even print one: no setting takes it).

Plain scalars follow the YAML 1.2 core schema rather than YAML 1.1: `on`/`off`/`yes`/`no` stay
strings (a campaign status reads naturally), timestamps stay strings, and numbers written with a
leading `+` or a leading zero stay strings, so phone numbers like `+15551234567` are not mangled.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from reconciler.exceptions import Location, ManifestLoadError
from reconciler.limits import DEFAULT_LIMITS

MAX_DEPTH = 64
MAX_INT_DIGITS = 4_300
"""Python's own limit on converting integers to and from text (sys.int_info.default_max_str_digits)."""
_MAX_INT_BITS = int(MAX_INT_DIGITS * 3.3219)  # log2(10): a hexadecimal integer of as many decimal digits

Path = tuple[str | int, ...]

_INT = re.compile(r"-?(0|[1-9][0-9]*)|0x[0-9a-fA-F]+|0o[0-7]+")
_FLOAT = re.compile(r"-?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INFINITY = {".inf", ".Inf", ".INF"}
_NANS = {".nan", ".NaN", ".NAN"}
_TAG = "tag:yaml.org,2002:"

try:  # libyaml is much faster; the pure-Python parser behaves the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


LineTree = dict[Any, list[Any]]
"""Per container: key or index -> [line, LineTree of the child container or None], and a third item, the
file, where another file set the node (an overlay's patch): its children come from that file too."""


@dataclass
class YamlDocument:
    """One YAML document: its value and the 1-based line of every mapping key and list item."""

    file: str
    line: int
    data: Any
    lines: LineTree = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """Line of the deepest written node on `path` (the document start if none)."""
        return self.source_of(path).line

    def source_of(self, path: Path) -> Location:
        """File and line of the deepest written node on `path`: the file that set it (base or overlay)."""
        file, found, node = self.file, self.line, self.lines
        for part in path:
            entry = node.get(part) if node is not None else None
            if entry is None:
                break
            found, node = entry[0], entry[1]
            file = entry[2] if len(entry) > 2 else file
        return Location(file, int(found))


@lru_cache(maxsize=8192)
def resolve_plain(value: str) -> Any:
    """Type a plain (unquoted, untagged) scalar by the YAML 1.2 core schema, as adapted above.

    Cached: manifests repeat the same scalars (modes, times, flags) thousands of times.
    """
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value, 0)
    if _FLOAT.fullmatch(value):
        return float(value)
    if value in _INFINITY:
        return math.inf
    if value.startswith("-") and value[1:] in _INFINITY:
        return -math.inf
    if value in _NANS:
        return math.nan
    return value


def _resolved(event: yaml.ScalarEvent, file: str) -> Any:
    """`resolve_plain`, with an integer too long to be any setting as an error at its line."""
    try:
        value = resolve_plain(event.value)
    except ValueError:  # int() refuses more than MAX_INT_DIGITS decimal digits
        value = None
    else:
        if not (isinstance(value, int) and value.bit_length() > _MAX_INT_BITS):
            return value
    raise _error(
        f"integer too long to be a value ({len(event.value):,} characters; the limit is "
        f"{MAX_INT_DIGITS:,} digits)",
        file,
        event,
    )


def _typed_scalar(event: yaml.ScalarEvent, file: str) -> Any:
    tag = event.tag
    if tag in (None, "!"):
        plain, _quoted = event.implicit
        return _resolved(event, file) if plain and tag is None else event.value
    if tag == _TAG + "str":
        return event.value
    if tag in (_TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null"):
        typed = _resolved(event, file)
        wanted: dict[str, tuple[type, ...]] = {
            "int": (int,),
            "float": (int, float),
            "bool": (bool,),
            "null": (type(None),),
        }
        expected = wanted[tag[len(_TAG) :]]
        if isinstance(typed, expected):
            return float(typed) if isinstance(typed, int) and tag.endswith("float") else typed
        raise _error(f"value {event.value!r} is not a valid {tag[len(_TAG) :]}", file, event)
    raise _error(f"unsupported YAML tag {tag!r}: manifests hold plain data only", file, event)


def _line(event: yaml.Event) -> int:
    """1-based line where an event starts."""
    return event.start_mark.line + 1 if event.start_mark is not None else 1


def _error(message: str, file: str, event: yaml.Event) -> ManifestLoadError:
    return ManifestLoadError(message, location=Location(file, _line(event)))


class ExpansionBudget:
    """The values every YAML document of one run may hold, aliases counted as often as they are used."""

    def __init__(self, limit: int = DEFAULT_LIMITS.yaml_values) -> None:
        self.limit = limit
        self.used = 0

    def charge(self, values: int, file: str, event: yaml.Event) -> None:
        """Count `values` more; past the limit, refuse the file being read at the event's line."""
        self.used += values
        if self.used > self.limit:
            raise _error(
                f"YAML expands to more than {self.limit:,} values in this run (alias bomb?); "
                "limits.yaml_values in reconciler.yaml sets the bound",
                file,
                event,
            )


@dataclass
class _Frame:
    value: dict[Any, Any] | list[Any]
    tree: LineTree
    anchor: str | None
    line: int
    weight: int = 1
    key: Any = None
    expecting_key: bool = True
    key_line: int = 0


class _Composer:
    """Turns one document's events into plain values, keeping lines, bounding size and depth."""

    def __init__(self, file: str, budget: ExpansionBudget) -> None:
        self.file = file
        self.budget = budget
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.lines: LineTree = {}
        self.root: Any = None
        self.root_weight = 0
        self.root_line: int | None = None

    def _add(
        self, value: Any, weight: int, event: yaml.Event, line: int, tree: LineTree | None = None
    ) -> None:
        """Attach a finished value (scalar, closed container or alias) written at `line`; `tree` holds
        the lines inside it (a closed container's)."""
        if not self.stack:
            self.root, self.root_weight, self.root_line = value, weight, line
            self.lines = tree if tree is not None else {}
            return
        top = self.stack[-1]
        top.weight += weight
        if isinstance(top.value, list):
            top.tree[len(top.value)] = [line, tree]
            top.value.append(value)
            return
        if top.expecting_key:
            if isinstance(value, (dict, list)):
                raise _error("mapping keys must be plain scalars", self.file, event)
            if value in top.value:
                raise _error(f"duplicate key {value!r} in the same mapping", self.file, event)
            top.key, top.key_line, top.expecting_key = value, line, False
            return
        top.tree[top.key] = [top.key_line, tree]
        top.value[top.key] = value
        top.expecting_key = True

    def _open(self, container: dict[Any, Any] | list[Any], event: yaml.CollectionStartEvent) -> None:
        if self.stack and self.stack[-1].expecting_key and isinstance(self.stack[-1].value, dict):
            raise _error("mapping keys must be plain scalars", self.file, event)
        if event.tag not in (None, "!", _TAG + "map", _TAG + "seq"):
            raise _error(
                f"unsupported YAML tag {event.tag!r}: manifests hold plain data only", self.file, event
            )
        if len(self.stack) >= MAX_DEPTH:
            raise _error(f"nesting deeper than {MAX_DEPTH} levels", self.file, event)
        self.budget.charge(1, self.file, event)
        self.stack.append(_Frame(container, {}, event.anchor, _line(event)))

    def _close(self, event: yaml.Event) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.value, frame.weight)
        self._add(frame.value, frame.weight, event, frame.line, frame.tree)

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):
            value = _typed_scalar(event, self.file)
            self.budget.charge(1, self.file, event)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1)
            self._add(value, 1, event, _line(event))
        elif isinstance(event, yaml.MappingStartEvent):
            self._open({}, event)
        elif isinstance(event, yaml.SequenceStartEvent):
            self._open([], event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._close(event)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise _error(f"unknown alias *{event.anchor}", self.file, event)
            value, weight = self.anchors[event.anchor]
            self.budget.charge(weight, self.file, event)
            self._add(value, weight, event, _line(event))


def _events(text: str) -> Iterator[yaml.Event]:
    """The parser's events (as yaml.parse, with one call per event instead of two)."""
    loader = _Loader(text)
    try:
        while True:
            event = loader.get_event()
            if event is None:
                return
            yield event
            if isinstance(event, yaml.StreamEndEvent):
                return
    finally:
        loader.dispose()


def read_yaml_documents(text: str, *, file: str, budget: ExpansionBudget | None = None) -> list[YamlDocument]:
    """Parse every document of `text`; raise ManifestLoadError with file and line on any problem.

    `budget` is the run's (shared by every file it reads); without one, `text` gets the default alone.
    """
    budget = budget if budget is not None else ExpansionBudget()
    documents: list[YamlDocument] = []
    composer: _Composer | None = None
    start_line = 1
    try:
        for event in _events(text):
            if isinstance(event, yaml.DocumentStartEvent):
                composer, start_line = _Composer(file, budget), _line(event)
            elif isinstance(event, yaml.DocumentEndEvent):
                assert composer is not None
                line = composer.root_line if composer.root_line is not None else start_line
                documents.append(YamlDocument(file, line, composer.root, composer.lines))
                composer = None
            elif composer is not None:
                composer.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise ManifestLoadError(f"invalid YAML: {problem}", location=Location(file, line)) from None
    except yaml.YAMLError as exc:
        raise ManifestLoadError(f"invalid YAML: {exc}", location=Location(file, 1)) from None
    return documents
