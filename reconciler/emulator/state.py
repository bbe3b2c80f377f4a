"""The emulator's org state: plain JSON-able data, persisted atomically, seeded from a documented format.

Layout (also the persisted file and, partially, the seed format; see docs/emulator.md):
    genesys:      {collection: {id: object}}   API-shaped objects (camelCase, id, version, selfUri ...)
    singletons:   {"settings": object, "wrapupcodemappings": object}
    lookups:      {collection: {id: object}}   read-only objects the reconciler never manages
                  (queues, scripts, edgegroups, sites, wrapupcodes, divisions, flows)
    dnc_numbers:  {dnc list id: {number: expiration or null}}
    cxone:        {"skills": {id: skill}, "parameters": {id: {block: object}}, "dnc_groups": {id: group},
                   "dnc_records": {group id: {number: record}}, "scrubbed": {group id: [skill ids]},
                   "contributing": {group id: [skill ids]}, "campaigns": {id: campaign},
                   "outbound_routes": {id: route}, "scripts": {id: script}}
    meta:         emulator bookkeeping (pending transitions, id counters); never returned by the API
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reconciler.exceptions import EmulatorStateError

JsonObject = dict[str, Any]

STALE_TEMPORARY_SECONDS = 60.0
"""A temporary file this old was left by a writer that died (kill -9, power loss): removed at the next save."""

CXONE_SECTIONS = (
    "skills",
    "parameters",
    "dnc_groups",
    "dnc_records",
    "scrubbed",
    "contributing",
    "campaigns",
    "outbound_routes",
    "scripts",
    "dispositions",
)


def _empty_cxone() -> dict[str, dict[str, Any]]:
    return {section: {} for section in CXONE_SECTIONS}


@dataclass
class EmulatorState:
    genesys: dict[str, dict[str, JsonObject]] = field(default_factory=dict)
    singletons: dict[str, JsonObject] = field(default_factory=dict)
    lookups: dict[str, dict[str, JsonObject]] = field(default_factory=dict)
    dnc_numbers: dict[str, dict[str, str | None]] = field(default_factory=dict)
    cxone: dict[str, dict[str, Any]] = field(default_factory=_empty_cxone)
    meta: dict[str, Any] = field(default_factory=dict)

    def collection(self, name: str) -> dict[str, JsonObject]:
        return self.genesys.setdefault(name, {})

    def to_json(self) -> JsonObject:
        return {
            "format": "reconciler-emulator-state/1",
            "genesys": self.genesys,
            "singletons": self.singletons,
            "lookups": self.lookups,
            "dnc_numbers": self.dnc_numbers,
            "cxone": self.cxone,
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: JsonObject) -> EmulatorState:
        cxone = _empty_cxone()
        cxone.update(copy.deepcopy(data.get("cxone", {})))
        return cls(
            genesys=copy.deepcopy(data.get("genesys", {})),
            singletons=copy.deepcopy(data.get("singletons", {})),
            lookups=copy.deepcopy(data.get("lookups", {})),
            dnc_numbers=copy.deepcopy(data.get("dnc_numbers", {})),
            cxone=cxone,
            meta=copy.deepcopy(data.get("meta", {})),
        )

    def snapshot(self) -> JsonObject:
        return copy.deepcopy(self.to_json())

    def replace_with(self, other: EmulatorState) -> None:
        self.genesys, self.singletons, self.lookups = other.genesys, other.singletons, other.lookups
        self.dnc_numbers, self.cxone, self.meta = other.dnc_numbers, other.cxone, other.meta

    def save(self, path: Path) -> None:
        """Write atomically: a crash never leaves a half-written state file, and no temporary file stays."""
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(path)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self.to_json(), out, separators=(",", ":"))
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> EmulatorState:
        """The state saved at `path`; EmulatorStateError naming the file and how to reset it."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:  # ValueError: bad JSON, not UTF-8, a 4,300-digit integer
            raise _corrupt(path, _why(exc)) from None
        problem = shape_problem(data)
        if problem is not None:
            raise _corrupt(path, problem)
        return cls.from_json(data)


_NESTED = ("genesys", "lookups", "dnc_numbers")
"""Sections of {collection: {id: value}}."""
_FLAT = ("singletons", "cxone", "meta")
"""Sections of {name: object}."""


def shape_problem(data: Any) -> str | None:
    """What makes `data` not a state document (None: its sections have the shape `from_json` reads)."""
    if not isinstance(data, dict):
        return "not a JSON object"
    for section in (*_NESTED, *_FLAT):
        value = data.get(section, {})
        if not isinstance(value, dict):
            return f"`{section}` is not an object"
        inner = value.values() if section in _NESTED or section == "singletons" else ()
        if any(not isinstance(item, dict) for item in inner):
            return f"`{section}` holds a value that is not an object"
    for section in ("genesys", "lookups"):
        for name, collection in data.get(section, {}).items():
            if any(not isinstance(item, dict) for item in collection.values()):
                return f"`{section}.{name}` holds an item that is not an object"
    cxone = data.get("cxone", {})
    if any(not isinstance(cxone.get(section, {}), dict) for section in CXONE_SECTIONS):
        return "a `cxone` section is not an object"
    return None


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON at line {exc.lineno}: {exc.msg}"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, ValueError):
        return "a number too long to read"
    return f"cannot be read: {getattr(exc, 'strerror', None) or exc}"


def _corrupt(path: Path, why: str) -> EmulatorStateError:
    return EmulatorStateError(
        f"{path}: the emulator's state file is corrupt ({why}). It holds only the emulated org: delete it "
        f"(rm {path}) and the next run starts again from the demo org"
    )


def _remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files of `path` that a dead writer left (mkstemp's names, old enough to be dead)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}(\.tmp)?")
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    with os.scandir(path.parent) as entries:
        stale = [entry for entry in entries if pattern.fullmatch(entry.name)]
    for entry in stale:
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:  # another process removed or replaced it first
            continue
