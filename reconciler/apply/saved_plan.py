"""Saved plans: `apply plan.json` applies exactly the reviewed plan, or refuses.

The saved document is masked (phone numbers show their last four digits only), so it cannot be
replayed as is. Apply instead re-validates the manifests and re-reads the org, plans again, and
requires the new plan to be the saved one: the same manifest digest, and for every object the same
actions, steps and field changes. A live object that moved in a managed field since the review
changes its `changes` (or turns a change into a no-op, or the reverse), and apply refuses, saying
which object and field; a move in an unmanaged field changes nothing the plan shows and is preserved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reconciler.exceptions import UsageError
from reconciler.plan.models import FORMAT_VERSION, Plan

_CHANGE_KEYS = ("actions", "steps", "changes", "numbers")


def load_saved_plan(path: Path) -> dict[str, Any]:
    """The saved plan document, checked for the shape `reconciler plan --out` writes."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the saved plan: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not a plan file (not UTF-8 text)") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{exc.lineno}: not a plan file (invalid JSON: {exc.msg})") from None
    problems = _shape_problems(document)
    if problems:
        raise UsageError(f"{path}: not a plan written by `reconciler plan --out`: {'; '.join(problems)}")
    return dict(document)


def _shape_problems(document: Any) -> list[str]:
    if not isinstance(document, dict):
        return ["the document is not a JSON object"]
    problems = []
    if document.get("format_version") != FORMAT_VERSION:
        problems.append(f"format_version is {document.get('format_version')!r}, expected {FORMAT_VERSION!r}")
    if document.get("command") not in ("plan", None):
        problems.append(f"it is a {document.get('command')!r} document, not a plan")
    target = document.get("target")
    if not isinstance(target, dict) or not isinstance(target.get("name"), str):
        problems.append("target.name is missing")
    if not isinstance(document.get("manifest_digest"), str):
        problems.append("manifest_digest is missing")
    changes = document.get("resource_changes")
    if not isinstance(changes, list) or not all(
        isinstance(item, dict)
        and isinstance(item.get("address"), str)
        and isinstance(item.get("actions"), list)
        for item in changes
    ):
        problems.append("resource_changes is missing or malformed")
    return problems


def _changes_by_address(changes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["address"]: item for item in changes if item.get("actions") != ["no-op"]}


def _describe(change: dict[str, Any]) -> str:
    actions = "+".join(change.get("actions") or [])
    fields = ", ".join(
        f"{item.get('path')}: {json.dumps(item.get('before'))} → {json.dumps(item.get('after'))}"
        for item in change.get("changes") or []
    )
    return f"{actions} ({fields})" if fields else actions


def saved_plan_problems(saved: dict[str, Any], fresh: Plan) -> list[str]:
    """Why the fresh plan is not the saved one (empty when it is)."""
    now = fresh.to_dict()
    problems: list[str] = []
    if saved["target"].get("name") != fresh.target.name:
        problems.append(
            f"the plan was made for target '{saved['target'].get('name')}', this run targets '{fresh.target.name}'"
        )
    if saved["manifest_digest"] != fresh.manifest_digest:
        problems.append(
            "the manifests changed since the plan was made "
            f"(plan: {saved['manifest_digest']}, now: {fresh.manifest_digest}); plan again and review"
        )
    before = _changes_by_address(saved["resource_changes"])
    after = _changes_by_address(now["resource_changes"])
    for address in sorted(before.keys() | after.keys()):
        old, new = before.get(address), after.get(address)
        if old is None and new is not None:
            problems.append(f"{address}: the org changed since the plan; it now needs {_describe(new)}")
        elif new is None and old is not None:
            problems.append(
                f"{address}: the org changed since the plan; the planned {_describe(old)} is no longer needed"
            )
        elif (
            old is not None and new is not None and any(old.get(key) != new.get(key) for key in _CHANGE_KEYS)
        ):
            problems.append(
                f"{address}: the live object moved since the plan: the plan said {_describe(old)}, "
                f"now it would be {_describe(new)}"
            )
    return problems
