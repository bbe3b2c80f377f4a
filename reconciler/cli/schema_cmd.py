"""`reconciler schema`: write the JSON Schema of every manifest kind."""

from __future__ import annotations

from pathlib import Path

import click

from reconciler.manifest.schema import write_schemas


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the schemas into.",
)
def schema(out_dir: Path) -> None:
    """Write one JSON Schema per manifest kind plus index.json, which dispatches on apiVersion and kind.

    Point your editor at index.json for completion: add
    `# yaml-language-server: $schema=../schemas/index.json` at the top of a manifest.
    """
    written = write_schemas(out_dir)
    click.echo(f"wrote {len(written)} schemas to {out_dir}/")
