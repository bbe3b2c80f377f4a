"""Run `reconciler doctor` against one target: open a session, make the reads, change nothing."""

from __future__ import annotations

from pathlib import Path

from reconciler.config import Target
from reconciler.doctor.report import DoctorReport
from reconciler.limits import Limits
from reconciler.platforms.adapter import adapter
from reconciler.providers.http import ApiClient
from reconciler.providers.session import open_session


async def examine(name: str, platform: str, client: ApiClient) -> DoctorReport:
    """The report of one target's reads through `client` (GET requests only)."""
    reads, found, notes = await adapter(platform).doctor(client)
    return DoctorReport(name, platform, tuple(reads), tuple(found), tuple(notes))


async def doctor(name: str, target: Target, *, root: Path, limits: Limits) -> DoctorReport:
    async with open_session(name, target, root=root, limits=limits) as session:
        return await examine(name, target.platform, session.client)
