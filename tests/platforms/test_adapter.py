"""One adapter per platform: it reads that platform's org, hands out that platform's writer and doctor
reads, and an unknown platform is a clear error."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from reconciler.apply.cxone_writer import CxoneWriter
from reconciler.apply.genesys_writer import GenesysWriter
from reconciler.apply.work import ApplySettings
from reconciler.config import Target
from reconciler.exceptions import ConfigError
from reconciler.platform import Platform, parse_platform
from reconciler.platforms.adapter import ADAPTERS, ReadRequest, WriteContext, adapter
from reconciler.providers.session import open_session
from reconciler.state.names import NameIndex
from reconciler.state.objects import LiveObject

EXPECTED_WRITERS = {Platform.GENESYS: GenesysWriter, Platform.CXONE: CxoneWriter}


def _read(platform: Platform, root: Path) -> tuple[list[LiveObject], NameIndex]:
    async def run() -> tuple[list[LiveObject], NameIndex]:
        async with open_session("local", Target(platform=platform, emulator=True), root=root) as session:
            return await adapter(platform).read(session.client, ReadRequest(kinds=("Campaign",)))

    return asyncio.run(run())


def test_every_platform_has_its_adapter() -> None:
    assert {platform: item.platform for platform, item in ADAPTERS.items()} == {p: p for p in Platform}


def test_platform_keeps_the_strings_of_manifests_plans_and_reconciler_yaml() -> None:
    assert [str(platform) for platform in Platform] == ["genesys", "cxone"]
    assert f"{Platform.CXONE}/Skill/sales" == "cxone/Skill/sales"
    assert Platform.GENESYS.api_version == "genesys/v1"
    assert parse_platform("cxone") is Platform.CXONE


@pytest.mark.parametrize("name", ["five9", "Genesys", ""])
def test_an_unknown_platform_names_the_known_ones(name: str) -> None:
    with pytest.raises(ConfigError, match=f"unknown platform '{name}' \\(known: genesys, cxone\\)"):
        adapter(name)


@pytest.mark.parametrize("platform", list(Platform))
def test_the_adapter_reads_its_platforms_campaigns_from_the_emulated_demo_org(
    platform: Platform, tmp_path: Path
) -> None:
    objects, index = _read(platform, tmp_path)
    assert objects, f"the demo org has {platform} campaigns"
    assert {(obj.platform, obj.kind) for obj in objects} == {(platform, "Campaign")}
    assert all(obj.address == f"{platform}/Campaign/{obj.name}" for obj in objects)
    assert {obj.name for obj in objects} <= set(index.ids["Campaign"])


@pytest.mark.parametrize("platform", list(Platform))
def test_the_adapter_hands_out_its_platforms_writer(platform: Platform, tmp_path: Path) -> None:
    async def run() -> object:
        async with open_session("local", Target(platform=platform, emulator=True), root=tmp_path) as session:
            context = WriteContext(
                index=NameIndex(), desired={}, settings=ApplySettings(), planned={}, set_like={}
            )
            return adapter(platform).writer(session.client, context)

    assert type(asyncio.run(run())) is EXPECTED_WRITERS[platform]


@pytest.mark.parametrize("platform", list(Platform))
def test_the_adapters_lookups_are_names_its_reader_resolves(platform: Platform, tmp_path: Path) -> None:
    _, index = _read(platform, tmp_path)
    assert adapter(platform).lookups
    assert adapter(platform).lookups <= set(index.ids)
