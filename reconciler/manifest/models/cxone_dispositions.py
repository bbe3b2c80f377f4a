"""CXone dispositions (/dispositions of the Admin API): the outcomes agents pick after a call.

A disposition is created by the batch POST /dispositions and edited by PUT /dispositions/{id}; which
skills offer it is a field of the skill (SkillSpec.dispositions). Its classification (what the outcome
means to the dialer: success, callback, DNC ...) is a system list read from GET
/dispositions/classifications and named here by its classificationName.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from reconciler.manifest.models.base import SpecModel
from reconciler.manifest.models.kind import KindDef
from reconciler.manifest.models.types import external


class DispositionSpec(SpecModel):
    """One disposition. CXone cannot delete a disposition: removing it from the manifests deactivates it."""

    classification: Annotated[str, external("DispositionClassification")] | None = Field(
        default=None,
        serialization_alias="classificationId",
        description="The classification by its name (GET /dispositions/classifications classificationName); "
        "CXone uses its first classification when this is left out",
    )
    is_preview_disposition: bool | None = Field(
        default=None, description="Offered on the preview screen, before the call is placed"
    )
    is_active: bool | None = Field(default=None, description="false deactivates the disposition")
    notes: str | None = None


PLATFORM = "cxone"
"""The platform of the kinds below (the manifest kinds are found by scanning this package)."""

KINDS = [
    KindDef(
        "Disposition",
        DispositionSpec,
        names_ignore_case=True,
        description="A call outcome agents choose after a call; skills offer it through spec.dispositions "
        "(/dispositions).",
    ),
]
