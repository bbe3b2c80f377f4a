"""The table of every manifest kind, by platform, built from the models modules."""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.manifest.models import (
    cxone_dispositions,
    cxone_lists,
    cxone_skill,
    genesys_campaign,
    genesys_campaign_rules,
    genesys_lists,
    genesys_messaging,
    genesys_org,
    genesys_rule_sets,
    genesys_time,
)
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


_MODULES = {
    "genesys": (
        genesys_campaign,
        genesys_lists,
        genesys_time,
        genesys_rule_sets,
        genesys_campaign_rules,
        genesys_org,
        genesys_messaging,
    ),
    "cxone": (cxone_skill, cxone_lists, cxone_dispositions),
}


def _build() -> dict[tuple[str, str], KindInfo]:
    table: dict[tuple[str, str], KindInfo] = {}
    for platform, modules in _MODULES.items():
        for module in modules:
            for definition in module.KINDS:
                document = document_model(
                    platform=platform,
                    kind=definition.kind,
                    spec=definition.spec,
                    compliance=definition.compliance,
                )
                table[(platform, definition.kind)] = KindInfo(platform, definition, document)
    return table


KINDS: dict[tuple[str, str], KindInfo] = _build()
PLATFORM_OF_API_VERSION = {version: platform for platform, version in API_VERSIONS.items()}


def kinds_of(platform: str) -> list[str]:
    return [kind for (owner, kind) in KINDS if owner == platform]


def lookup(platform: str, kind: str) -> KindInfo | None:
    return KINDS.get((platform, kind))
