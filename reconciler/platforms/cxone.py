"""The CXone adapter: the providers.cxone reader, the CXone writer and doctor checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconciler.platform import Platform
from reconciler.providers.cxone import fetch
from reconciler.providers.cxone.kinds import LOOKUPS
from reconciler.state.desired import identity

if TYPE_CHECKING:
    from reconciler.apply.work import Writer
    from reconciler.doctor.report import Difference
    from reconciler.manifest.resource import Resource
    from reconciler.platforms.inputs import ReadRequest, WriteContext
    from reconciler.providers.http import ApiClient
    from reconciler.state.names import NameIndex
    from reconciler.state.objects import LiveObject


class CxoneAdapter:
    """NICE CXone: skills assembled from several listings, names as identity, no object versions."""

    platform = Platform.CXONE
    lookups = frozenset(LOOKUPS)

    async def read(self, client: ApiClient, request: ReadRequest) -> tuple[list[LiveObject], NameIndex]:
        """Every DNC group's numbers are read with the group, so `dnc_entries_for` changes nothing."""
        snapshot = await fetch.read_org(client, kinds=request.kinds, lookups=request.lookups)
        return fetch.live_objects(snapshot), snapshot.index

    def identity(self, resource: Resource) -> str:
        """Always the name: CXone has no owned or singleton kinds."""
        return identity(resource)

    def writer(self, client: ApiClient, context: WriteContext) -> Writer:
        """Set-like lists are compared in the plan already; the CXone writer needs neither them nor the plan."""
        # loaded when apply writes: read-only commands (--version, validate, plan) never import a writer
        from reconciler.apply.cxone_writer import CxoneWriter

        return CxoneWriter(client, index=context.index, desired=context.desired, settings=context.settings)

    async def doctor(self, client: ApiClient) -> tuple[list[str], list[Difference], list[str]]:
        # loaded when doctor runs: no other command needs the schema comparison
        from reconciler.doctor.cxone_check import check_cxone

        return await check_cxone(client)
