"""Saved plans: `apply plan.json` applies exactly the reviewed plan, or refuses.

The saved document is masked, so it cannot be replayed as is. Apply instead re-validates the
manifests and re-reads the org, plans again, and requires the new plan to be the saved one:

- Inputs: the plan pins every file it read (`input_digests`: manifests, the DNC CSV files they point
  at, reconciler.yaml). Any file edited, added or removed since makes apply refuse, naming it. This is
  what catches an edit the masked plan cannot show (a number edited to one with the same last four
  digits). `manifest_digest` keeps its meaning (the YAML manifests only) and is not compared: its
  paths are relative to the working directory, and the input digests are the stronger check.
- Changes: for every object the same actions, steps and field changes. A live object that moved in a
  managed field since the review changes its `changes` (or turns a change into a no-op, or the
  reverse), and apply refuses, saying which object and field; a move in an unmanaged field changes
  nothing the plan shows and is preserved.

Why changes are compared without fingerprints: a masked number is `***0199#7f3a`, and the
fingerprint is keyed by a secret drawn per process (reconciler.plan.masking), never saved, so the same
number has a different fingerprint in the re-plan. Comparing with the fingerprints would refuse every
saved plan that shows a number; comparing what both runs can show (the last four digits) keeps a saved
plan applicable when nothing changed. What the last four digits cannot tell apart on the manifest side
is caught by the input digests; a live number replaced by another with the same last four digits
between plan and apply is not detected here (the applied result is still the reviewed manifests).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reconciler.exceptions import UsageError
from reconciler.input_digests import changed_inputs
from reconciler.plan.masking import without_fingerprints
from reconciler.plan.models import FORMAT_VERSION, Plan

_CHANGE_KEYS = ("actions", "steps", "changes", "numbers")
_MAX_PROBLEMS = 5


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
    except ValueError:  # an integer past Python's 4,300-digit conversion limit
        raise UsageError(f"{path}: not a plan file (a number too long to read)") from None
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
    digests = document.get("input_digests")
    if not isinstance(digests, dict) or not all(isinstance(value, str) for value in digests.values()):
        problems.append("input_digests is missing (plans made before input pinning cannot be checked)")
    changes = document.get("resource_changes")
    if not isinstance(changes, list):
        problems.append("resource_changes is missing or not a list")
    else:
        problems.extend(
            f"resource_changes[{index}]: {problem}"
            for index, item in enumerate(changes)
            if (problem := _change_problem(item)) is not None
        )
    return problems[:_MAX_PROBLEMS]


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _change_problem(item: Any) -> str | None:
    """What is wrong with one entry of resource_changes, in the fields apply reads (None: nothing)."""
    if not isinstance(item, dict):
        return "not an object"
    if not isinstance(item.get("address"), str):
        return "address is not a string"
    for key in ("actions", "steps"):
        if not _strings(item.get(key)):
            return f"{key} is not a list of strings"
    changes = item.get("changes")
    if not isinstance(changes, list) or not all(
        isinstance(change, dict) and isinstance(change.get("path"), str) for change in changes
    ):
        return "changes is not a list of {path, before, after} objects"
    if item.get("numbers") is not None and not isinstance(item["numbers"], dict):
        return "numbers is neither null nor an object"
    return None


def _changes_by_address(changes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["address"]: item for item in changes if item.get("actions") != ["no-op"]}


def _same_changes(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Equal in what both runs can show: masked numbers compare by their last four digits."""
    return all(
        without_fingerprints(old.get(key)) == without_fingerprints(new.get(key)) for key in _CHANGE_KEYS
    )


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
    changed = changed_inputs(saved["input_digests"], dict(fresh.input_digests))
    if changed:  # the object differences follow from the edit; naming the files says what to review
        problems.append(
            f"the manifests changed since the plan was made: {', '.join(changed)}; plan again and review"
        )
        return problems
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
        elif old is not None and new is not None and not _same_changes(old, new):
            problems.append(
                f"{address}: the live object moved since the plan: the plan said {_describe(old)}, "
                f"now it would be {_describe(new)}"
            )
    return problems


def saved_selectors(saved: dict[str, Any], given: tuple[str, ...]) -> tuple[str, ...]:
    """The --select values a saved plan was made with; --select given with a saved plan must repeat them."""
    selection = saved.get("selection")
    chosen = selection.get("selectors") if isinstance(selection, dict) else None
    recorded = tuple(chosen) if isinstance(chosen, list) and all(isinstance(x, str) for x in chosen) else ()
    if given and tuple(dict.fromkeys(given)) != recorded:
        shown = " ".join(f"--select {item}" for item in recorded) or "no --select"
        raise UsageError(
            f"the saved plan was made with {shown}; apply of a saved plan uses its own selection "
            "(leave --select out, or plan again with the selection you want)"
        )
    return recorded
