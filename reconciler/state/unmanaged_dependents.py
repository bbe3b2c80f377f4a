"""UNMANAGED-DEPENDENT: a live object no manifest declares that refers to a managed one.

Such an object is changed by every change to what it uses: a campaign left running on a managed
contact list (after its manifest was deleted, or renamed without metadata.previous_names) dials what
the list holds, and a replace or delete of the list pulls it from under the campaign. The references
are read from the live object in manifest shape, with the kind's model where the object validates
against it (nested references too), else from its top-level reference fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from reconciler.diagnostics import Code, Finding, finding
from reconciler.manifest.kinds import KINDS as MANIFEST_KINDS
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.manifest.models.types import Ref
from reconciler.manifest.refs import field_ref, iter_refs, key_ref
from reconciler.manifest.resource import Resource
from reconciler.state.objects import LiveObject


def _references(model: type[BaseModel], essence: dict[str, Any]) -> Iterator[tuple[str, Ref, str]]:
    """(field path, Ref, referenced name) of every managed-kind reference in a live essence."""
    try:
        typed = model.model_validate(essence)
    except ValidationError:
        for name, info in model.model_fields.items():
            marker = key_ref(info.annotation) or field_ref(info)
            value = essence.get(name)
            names = value if isinstance(value, list) else [value]
            if marker is not None:
                yield from ((name, marker, item) for item in names if isinstance(item, str))
        return
    for use in iter_refs(typed):
        yield _path_text(use.path), use.target, use.name


def _path_text(path: tuple[str | int, ...]) -> str:
    """('dnc_lists', 0) -> 'dnc_lists[0]', as plan change paths read."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def unmanaged_dependent_findings(manifests: ManifestSet, unmanaged: Iterable[LiveObject]) -> list[Finding]:
    """One warning per unmanaged live object that uses managed ones, at the first one it uses (where a
    `reconciler/allow: "UNMANAGED-DEPENDENT: reason"` goes)."""
    found: list[Finding] = []
    for obj in sorted(unmanaged, key=lambda item: item.address):
        info = MANIFEST_KINDS.get((obj.platform, obj.kind))
        if info is None:
            continue
        used: dict[str, tuple[Resource, str]] = {}
        for path, ref, name in _references(info.spec, obj.essence):
            target = manifests.get(f"{obj.platform}/{ref.kind}/{name}")
            if not ref.external and target is not None:
                used.setdefault(target.address, (target, path))
        if not used:
            continue
        listed = ", ".join(f"{target.kind} '{target.name}' ({path})" for target, path in used.values())
        first = next(iter(used.values()))[0]
        found.append(
            finding(
                Code.UNMANAGED_DEPENDENT,
                f"live {obj.kind} '{obj.name}' (id {obj.platform_id}), which no manifest declares, uses "
                f"managed {listed}: every change to them, and their replace or delete, reaches it too. "
                "Declare it, delete it, or if its manifest was renamed, list the old name in "
                "metadata.previous_names.",
                address=first.address,
                source=first.source,
            )
        )
    return found
