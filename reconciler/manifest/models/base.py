"""Base classes of manifest models and the document envelope (apiVersion, kind, metadata, spec).

Spec fields are the platform API's writable fields in snake_case; the API's camelCase name is the
field's serialization alias, so `model_dump(by_alias=True)` yields the API body shape.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AliasGenerator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from reconciler.manifest.models.call_purpose import Purpose, Technology
from reconciler.manifest.models.types import CxoneDispositionName, CxoneSkillName, GenesysName, Name
from reconciler.platform import Platform, parse_platform


class SpecModel(BaseModel):
    """A block of platform fields: unknown fields are errors; values are immutable once typed."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=AliasGenerator(serialization_alias=to_camel),
        populate_by_name=True,
    )


def declared_empty(data: Any, *fields: str) -> Any:
    """`data` (a spec mapping before validation) with each of `fields` set to [] where it is absent.

    Only declared fields are sent and compared (exclude_unset), so a list the API requires even when
    empty is declared here: it is always sent, and a live non-empty list shows as a change.
    """
    if not isinstance(data, dict):
        return data
    return {**{name: [] for name in fields if name not in data}, **data}


KNOWN_ANNOTATIONS = {
    "reconciler/prevent-destroy": "true or false: the plan may never delete this object",
    "reconciler/ignore-fields": "comma-separated spec paths that are never diffed",
    "reconciler/create-only": "true or false: create if missing, never update",
    "reconciler/allow": "'CODE: reason' lines: suppress a finding for this object, with a reason",
}

_ALLOW_LINE = re.compile(r"[A-Z][A-Z0-9-]*:\s*\S.*")


class Metadata(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name = Field(
        description="The object's name on the platform: its natural key, unique per platform and kind; "
        "references from other manifests use it"
    )
    labels: dict[str, str] = Field(
        default_factory=dict,
        description="Free key/value labels (reconciler-only, never sent to the platform)",
    )
    annotations: dict[str, str] = Field(
        default_factory=dict,
        description="reconciler/prevent-destroy, reconciler/ignore-fields, reconciler/create-only, "
        "reconciler/allow ('CODE: reason'); others are kept and ignored. Never sent to the platform",
    )
    previous_names: list[Name] = Field(
        default_factory=list,
        description=(
            "Names this object had before (like Terraform's `moved`): a live object with one of them "
            "and none with `name` is renamed in place, not created again"
        ),
    )

    @field_validator("previous_names")
    @classmethod
    def _distinct_previous_names(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("previous_names lists a name twice")
        if info.data.get("name") in value:
            raise ValueError("previous_names must not include the object's current name")
        return value

    @field_validator("annotations")
    @classmethod
    def _known_reconciler_annotations(cls, value: dict[str, str]) -> dict[str, str]:
        for key, text in value.items():
            if key.startswith("reconciler/") and key not in KNOWN_ANNOTATIONS:
                known = ", ".join(sorted(KNOWN_ANNOTATIONS))
                raise ValueError(f"unknown annotation '{key}' (known: {known})")
            if key in ("reconciler/prevent-destroy", "reconciler/create-only") and text not in (
                "true",
                "false",
            ):
                raise ValueError(f'annotation \'{key}\' must be "true" or "false"')
            if key == "reconciler/allow":
                for line in filter(None, (part.strip() for part in text.splitlines())):
                    if not _ALLOW_LINE.fullmatch(line):
                        raise ValueError(
                            f"reconciler/allow entry '{line}' must read 'CODE: reason' (a reason is required)"
                        )
        return value


class GenesysMetadata(Metadata):
    name: GenesysName = Field(
        description="The object's name in Genesys Cloud (`name`, at most 64 characters)"
    )
    previous_names: list[GenesysName] = Field(
        default_factory=list, description=Metadata.model_fields["previous_names"].description
    )


class CxoneSkillMetadata(Metadata):
    name: CxoneSkillName = Field(description="The skill's name in CXone (`skillName`)")
    previous_names: list[CxoneSkillName] = Field(
        default_factory=list, description=Metadata.model_fields["previous_names"].description
    )


class CxoneDispositionMetadata(Metadata):
    name: CxoneDispositionName = Field(description="The disposition's name in CXone (`dispositionName`)")


Jurisdiction = Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z]{2})?$", description="US, US-FL, UK, CA ...")]
ReachedState = Annotated[str, Field(pattern=r"^[A-Z]{2}-[A-Z]{2}$", description="US-FL, US-MD ...")]
Reach = Literal["nationwide"] | list[ReachedState]
"""compliance.reach: the states whose residents are called besides the jurisdictions (docs/compliance.md)."""


class Staffing(BaseModel):
    """Declared staffing and call outcomes for the pacing model (reconciler-only): what the platform does
    not hold. The call-model fields default to 0, which leaves them out of the prediction."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    agents: int = Field(ge=1, le=10_000, description="Agents logged in to the campaign (count)")
    handle_seconds: float = Field(
        gt=0, le=86_400, description="Average handle time per connected call (talk and hold). Unit: seconds"
    )
    live_rate: float = Field(gt=0, le=1, description="Share of dials answered by a live person (0 to 1)")
    machine_rate: float = Field(
        default=0, ge=0, lt=1, description="Share of dials answered by an answering machine (default 0)"
    )
    amd_false_positive: float = Field(
        default=0,
        ge=0,
        le=1,
        description="Share of live answers that answering-machine detection classes as machines (default 0); "
        "where the machine reaction does not reach an agent they are abandoned calls (Ofcom counts them)",
    )
    amd_false_negative: float = Field(
        default=0,
        ge=0,
        le=1,
        description="Share of machines that answering-machine detection passes as live (default 0)",
    )
    after_call_seconds: float = Field(
        default=0, ge=0, le=86_400, description="After-call work per connected call, in seconds (default 0)"
    )

    @model_validator(mode="after")
    def _outcomes_fit(self) -> Staffing:
        if self.live_rate + self.machine_rate > 1:
            raise ValueError("live_rate + machine_rate must not exceed 1 (they are shares of all dials)")
        return self


class Compliance(BaseModel):
    """Reconciler-only block, never sent to a platform."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    jurisdictions: list[Jurisdiction] | None = Field(
        default=None, min_length=1, description="Defaults to compliance.jurisdictions of reconciler.yaml"
    )
    staffing: Staffing | None = Field(
        default=None, description="Declared staffing for the pacing model (PACING-ABANDON); reconciler-only"
    )
    reach: Reach | None = Field(
        default=None,
        description="Where the called parties live: nationwide, or a list of states (US-FL ...) added to the "
        "jurisdictions, each state's rules in its own zones; defaults to compliance.reach of reconciler.yaml",
    )
    purpose: Purpose | None = Field(
        default=None,
        description="Why it calls: sales, informational, debt_collection, charity, survey or political; the "
        "rules that apply depend on it (defaults to compliance.purpose of reconciler.yaml, else sales)",
    )
    technology: Technology | None = Field(
        default=None,
        description="How it calls: live, prerecorded or text (defaults: agentless dialing -> prerecorded, an "
        "SMS campaign -> text, else compliance.technology of reconciler.yaml, else live)",
    )


API_VERSIONS: dict[str, str] = {platform: platform.api_version for platform in Platform}


class Document(BaseModel):
    """Envelope shared by every kind; `spec` and `compliance` are narrowed per kind."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    api_version: str = Field(alias="apiVersion")
    kind: str
    metadata: Metadata
    spec: Any


PLATFORM_METADATA: dict[Platform, type[Metadata]] = {
    Platform.GENESYS: GenesysMetadata,
    Platform.CXONE: Metadata,
}
"""Per platform: the metadata model of its kinds, whose `name` carries the platform's name rules."""

KIND_METADATA: dict[tuple[str, str], type[Metadata]] = {
    (Platform.CXONE, "Skill"): CxoneSkillMetadata,
    (Platform.CXONE, "Disposition"): CxoneDispositionMetadata,
}
"""Kinds whose names follow rules of their own, stricter than their platform's."""


def _metadata(platform: str, kind: str) -> type[Metadata]:
    """The metadata model of a kind: its name rules are the platform's for that kind."""
    return KIND_METADATA.get((platform, kind)) or PLATFORM_METADATA[parse_platform(platform)]


def document_model(*, platform: str, kind: str, spec: type[SpecModel], compliance: bool) -> type[Document]:
    """Build the document model of one kind: its apiVersion and kind are constants."""
    fields: dict[str, Any] = {
        "api_version": (
            Literal[API_VERSIONS[platform]],
            Field(alias="apiVersion", description=f"Always {API_VERSIONS[platform]} for this kind"),
        ),
        "kind": (Literal[kind], Field(description=f"Always {kind}")),
        "spec": (spec, Field(description="The platform object's writable fields, in snake_case")),
        "metadata": (_metadata(platform, kind), Field(description="Name, labels and annotations")),
    }
    if compliance:
        fields["compliance"] = (
            Compliance | None,
            Field(
                default=None, description="Reconciler-only compliance settings, never sent to the platform"
            ),
        )
    model: type[Document] = create_model(
        f"{platform.capitalize()}{kind}Document", __base__=Document, **fields
    )
    return model
