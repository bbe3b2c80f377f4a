"""`reconciler export`: write canonical manifests from a live org."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from reconciler.cli.project import project_for
from reconciler.config import Target
from reconciler.exceptions import UsageError
from reconciler.export import write_export
from reconciler.limits import Limits
from reconciler.live_plan import target_of
from reconciler.manifest.kinds import kinds_of
from reconciler.platforms.adapter import ReadRequest, adapter
from reconciler.providers.session import open_session
from reconciler.state.names import NameIndex
from reconciler.state.objects import LiveObject


async def _read(
    name: str, root: Path, target: Target, kinds: list[str], limits: Limits
) -> tuple[list[LiveObject], NameIndex]:
    async with open_session(name, target, root=root, limits=limits) as session:
        return await adapter(target.platform).read(session.client, ReadRequest(kinds=tuple(kinds)))


@click.command("export")
@click.option("--target", "target", required=True, help="Target from reconciler.yaml to read.")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False))
@click.option("--kind", "kinds", multiple=True, help="Only these kinds (repeatable), e.g. --kind Campaign.")
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
def export(target: str, out_dir: Path, kinds: tuple[str, ...], config_path: Path | None) -> None:
    """Write the target org's objects as manifests, one file per kind under OUT/<platform>/.

    References are written as names and platform defaults are left out; a plan of the exported
    manifests against the same org shows no changes.
    """
    project, root = project_for(config_path)
    if project is None:
        raise UsageError("`reconciler export` needs a reconciler.yaml with targets; none found")
    name, chosen = target_of(project, target)
    known = kinds_of(chosen.platform)
    unknown = [kind for kind in kinds if kind not in known]
    if unknown:
        raise UsageError(
            f"unknown kind(s) for {chosen.platform}: {', '.join(unknown)} (known: {', '.join(known)})"
        )
    wanted = list(kinds) or known
    objects, index = asyncio.run(_read(name, root, chosen, wanted, project.limits))
    written, skipped = write_export(objects, out_dir, kinds=set(wanted), index=index)
    for problem in skipped:
        click.echo(f"skipped {problem}", err=True)
    click.echo(
        f"exported {sum(1 for _ in objects) - len(skipped)} object(s) to {len(written)} file(s) in {out_dir}/"
    )
