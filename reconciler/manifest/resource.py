"""Typed resources: validated documents keyed by address `platform/Kind/name`."""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.exceptions import Location
from reconciler.manifest.kinds import KindInfo
from reconciler.manifest.models.base import Document
from reconciler.manifest.yaml_reader import Path, YamlDocument
from reconciler.platform import Platform


def address_of(platform: str, kind: str, name: str) -> str:
    return f"{platform}/{kind}/{name}"


@dataclass(frozen=True)
class Resource:
    """One desired object. `raw` keeps the YAML document for line lookups of any field."""

    info: KindInfo
    document: Document
    raw: YamlDocument

    @property
    def platform(self) -> Platform:
        return Platform(self.info.platform)

    @property
    def kind(self) -> str:
        return self.info.kind

    @property
    def name(self) -> str:
        return self.document.metadata.name

    @property
    def address(self) -> str:
        return address_of(self.platform, self.kind, self.name)

    @property
    def source(self) -> Location:
        return Location(self.raw.file, self.raw.line)

    def location_of(self, path: Path) -> Location:
        """Source location of a field, e.g. ("spec", "dnc_lists", 0)."""
        return self.raw.source_of(path)

    @property
    def previous_names(self) -> tuple[str, ...]:
        """metadata.previous_names: names the live object may still have (a rename)."""
        return tuple(self.document.metadata.previous_names)

    @property
    def annotations(self) -> dict[str, str]:
        return self.document.metadata.annotations
