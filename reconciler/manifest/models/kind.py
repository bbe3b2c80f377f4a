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
    """

    kind: str
    spec: type[SpecModel]
    compliance: bool = False
    singleton: bool = False
    unique_by: str | None = None
    description: str = ""
