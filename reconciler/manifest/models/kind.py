"""How a models module declares a kind: its spec model and the rules about its documents."""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.manifest.models.base import SpecModel


@dataclass(frozen=True)
class KindDef:
    """One manifest kind of a platform.

    singleton: an org-wide object; at most one document of the kind (its name is free).
    unique_by: a spec field whose value must differ between documents (one schedule per campaign).
    compliance: the document may carry the reconciler-only `compliance` block.
    names_ignore_case: the platform compares names of this kind without regard to case, so two
        names that differ only by case are one object (docs/names.md has the rule per kind).
    """

    kind: str
    spec: type[SpecModel]
    compliance: bool = False
    singleton: bool = False
    unique_by: str | None = None
    names_ignore_case: bool = False
    description: str = ""
