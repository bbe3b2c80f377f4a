"""The Genesys Cloud adapter: the providers.genesys reader, the Genesys writer and doctor checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconciler.platform import Platform
from reconciler.providers.genesys import fetch
from reconciler.providers.genesys.kinds import LOOKUPS
from reconciler.state.desired import identity

if TYPE_CHECKING:
    from reconciler.apply.work import Writer
    from reconciler.doctor.report import Difference
    from reconciler.manifest.resource import Resource
    from reconciler.platforms.inputs import ReadRequest, WriteContext
    from reconciler.providers.http import ApiClient
    from reconciler.state.names import NameIndex
    from reconciler.state.objects import LiveObject


class GenesysAdapter:
    """Genesys Cloud: objects by list endpoints, versioned PUTs, schedules and singletons by owner."""

    platform = Platform.GENESYS
    lookups = frozenset(LOOKUPS)

    async def read(self, client: ApiClient, request: ReadRequest) -> tuple[list[LiveObject], NameIndex]:
        snapshot = await fetch.read_org(
            client, kinds=request.kinds, lookups=request.lookups, dnc_entries_for=request.dnc_entries_for
        )
        return fetch.live_objects(snapshot), snapshot.index

    def identity(self, resource: Resource) -> str:
        """A schedule's is its campaign's (or sequence's) name, an org singleton's its fixed name."""
        return identity(resource)

    def writer(self, client: ApiClient, context: WriteContext) -> Writer:
        # loaded when apply writes: read-only commands (--version, validate, plan) never import a writer
        from reconciler.apply.genesys_writer import GenesysWriter

        return GenesysWriter(
            client,
            index=context.index,
            desired=context.desired,
            set_like=context.set_like,
            settings=context.settings,
            planned=context.planned,
        )

    async def doctor(self, client: ApiClient) -> tuple[list[str], list[Difference], list[str]]:
        # loaded when doctor runs: no other command needs the schema comparison
        from reconciler.doctor.genesys_check import check_genesys

        return await check_genesys(client)
