"""The `PlatformAdapter` protocol every platform implements, and `adapter(platform)` to pick one.

Shared modules ask the adapter instead of comparing platform strings. The writers and the doctor's
checks are imported only when asked for, so a command that reads nothing (`--version`, `validate`)
loads no writer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from reconciler.platform import Platform, parse_platform
from reconciler.platforms.cxone import CxoneAdapter
from reconciler.platforms.genesys import GenesysAdapter
from reconciler.platforms.inputs import ReadRequest, WriteContext

if TYPE_CHECKING:
    from reconciler.apply.work import Writer
    from reconciler.doctor.report import Difference
    from reconciler.manifest.resource import Resource
    from reconciler.providers.http import ApiClient
    from reconciler.state.names import NameIndex
    from reconciler.state.objects import LiveObject


class PlatformAdapter(Protocol):
    """What the shared pipeline needs from one platform."""

    @property
    def platform(self) -> Platform:
        """The platform this adapter serves."""
        ...

    @property
    def lookups(self) -> frozenset[str]:
        """External kinds the reader lists only to resolve names (never managed, never written)."""
        ...

    async def read(self, client: ApiClient, request: ReadRequest) -> tuple[list[LiveObject], NameIndex]:
        """The live objects asked for, in manifest shape, and the org's name index."""
        ...

    def identity(self, resource: Resource) -> str:
        """The address of the live object `resource` declares."""
        ...

    def writer(self, client: ApiClient, context: WriteContext) -> Writer:
        """The writer that runs planned changes against the org behind `client`."""
        ...

    async def doctor(self, client: ApiClient) -> tuple[list[str], list[Difference], list[str]]:
        """`reconciler doctor`'s reads: (reads made, differences from the documented API, notes)."""
        ...


ADAPTERS: Mapping[Platform, PlatformAdapter] = {
    Platform.GENESYS: GenesysAdapter(),
    Platform.CXONE: CxoneAdapter(),
}


def adapter(platform: str) -> PlatformAdapter:
    """The adapter of `platform`; an unknown platform is a ConfigError naming the known ones."""
    return ADAPTERS[parse_platform(platform)]


__all__ = ["ADAPTERS", "PlatformAdapter", "ReadRequest", "WriteContext", "adapter"]
