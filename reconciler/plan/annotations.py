"""The planner's reading of an object's `reconciler/*` annotations (reconciler.manifest.models.base)."""

from __future__ import annotations

from collections.abc import Mapping

IGNORE_FIELDS = "reconciler/ignore-fields"
CREATE_ONLY = "reconciler/create-only"
PREVENT_DESTROY = "reconciler/prevent-destroy"


def ignored_fields(annotations: Mapping[str, str]) -> frozenset[str]:
    """Comma-separated spec paths; a leading `spec.` is accepted and dropped."""
    paths = (part.strip() for part in annotations.get(IGNORE_FIELDS, "").split(","))
    return frozenset(path.removeprefix("spec.") for path in paths if path)


def create_only(annotations: Mapping[str, str]) -> bool:
    return annotations.get(CREATE_ONLY) == "true"


def prevent_destroy(annotations: Mapping[str, str]) -> bool:
    return annotations.get(PREVENT_DESTROY) == "true"
