"""The table of every manifest kind, by platform, found by scanning the models modules for `KINDS`."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass

import reconciler.manifest.models
from reconciler.kinds.registry import KIND_SPECS
from reconciler.manifest.models.base import API_VERSIONS, Document, SpecModel, document_model
from reconciler.manifest.models.kind import KindDef


@dataclass(frozen=True)
class KindInfo:
    platform: str
    definition: KindDef
    document: type[Document]

    @property
    def kind(self) -> str:
        return self.definition.kind

    @property
    def api_version(self) -> str:
        return API_VERSIONS[self.platform]

    @property
    def spec(self) -> type[SpecModel]:
        return self.definition.spec


def _definitions() -> Iterator[tuple[str, KindDef]]:
    """(platform, definition) of every `KINDS` entry of a reconciler.manifest.models module."""
    package = reconciler.manifest.models
    for info in pkgutil.iter_modules(package.__path__, prefix=f"{package.__name__}."):
        module = importlib.import_module(info.name)
        for definition in getattr(module, "KINDS", ()):
            yield module.PLATFORM, definition


def _build() -> dict[tuple[str, str], KindInfo]:
    table: dict[tuple[str, str], KindInfo] = {}
    for platform, definition in _definitions():
        if (platform, definition.kind) in table:
            raise RuntimeError(f"manifest kind {platform}/{definition.kind} is defined twice")
        document = document_model(
            platform=platform, kind=definition.kind, spec=definition.spec, compliance=definition.compliance
        )
        table[(platform, definition.kind)] = KindInfo(platform, definition, document)
    ordered = [key for key in KIND_SPECS if key in table]  # the kinds' order, then any model without a spec
    return {key: table[key] for key in [*ordered, *(key for key in table if key not in KIND_SPECS)]}


KINDS: dict[tuple[str, str], KindInfo] = _build()
PLATFORM_OF_API_VERSION = {version: platform for platform, version in API_VERSIONS.items()}


def kinds_of(platform: str) -> list[str]:
    return [kind for (owner, kind) in KINDS if owner == platform]


def lookup(platform: str, kind: str) -> KindInfo | None:
    return KINDS.get((platform, kind))
