"""`reconciler schema`: write the JSON Schema of every manifest kind."""

from __future__ import annotations

from pathlib import Path

import click

from reconciler.manifest.reference_docs import write_reference
from reconciler.manifest.schema import write_schemas
from reconciler.plan.schema_codes import write_finding_codes


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the schemas into.",
)
@click.option(
    "--reference",
    "reference_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write a reference page per kind (fields, types, defaults, descriptions) into this folder.",
)
@click.option(
    "--examples",
    "examples_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="With --reference: manifests whose first document of each kind is shown as its example.",
)
def schema(out_dir: Path, reference_dir: Path | None, examples_dir: Path | None) -> None:
    """Write one JSON Schema per manifest kind plus index.json, which dispatches on apiVersion and kind.

    Point your editor at index.json for completion: add
    `# yaml-language-server: $schema=../schemas/index.json` at the top of a manifest. Every field has a
    description: the model's own, else the platform API's, naming the platform's field and the unit.
    A plan.schema.json already in the folder gets its finding-code enum rewritten from the catalogue.
    This repository's reference pages: `reconciler schema --reference docs/reference --examples campaigns`.
    """
    written = write_schemas(out_dir)
    click.echo(f"wrote {len(written)} schemas to {out_dir}/")
    plan_schema = write_finding_codes(out_dir)
    if plan_schema is not None:
        click.echo(f"wrote the finding codes of {plan_schema}")
    if reference_dir is not None:
        pages = write_reference(reference_dir, examples_dir)
        click.echo(f"wrote {len(pages)} reference pages to {reference_dir}/")
