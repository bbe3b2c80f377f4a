"""`reconciler rules test`: preview the rule sets' pre-call rules on sample contacts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import cast

import click

from reconciler.cli.project import project_for
from reconciler.exceptions import UsageError
from reconciler.manifest.manifest_set import ManifestSet
from reconciler.manifest.models.genesys_lists import ContactListSpec
from reconciler.manifest.models.genesys_rule_sets import RuleSetSpec
from reconciler.manifest.resource import Resource, address_of
from reconciler.platform import Platform
from reconciler.rules.contacts import check_columns, check_phone_columns, read_contacts
from reconciler.rules.preview import CompiledRuleSet, Preview, compile_rule_set, evaluate
from reconciler.rules.report import render_json, render_text
from reconciler.validation import load_manifests


def _rule_sets(manifests: ManifestSet, name: str | None) -> list[Resource]:
    found = [item for item in manifests.of_platform(Platform.GENESYS) if item.kind == "RuleSet"]
    if name is not None:
        chosen = [item for item in found if item.name == name]
        if not chosen:
            known = ", ".join(sorted(item.name for item in found)) or "none"
            raise UsageError(
                f"no rule set named '{name}' in the manifests (rule sets: {known}); "
                "run `reconciler validate` if its file has problems"
            )
        return chosen
    with_pre_call = [item for item in found if any(r.category == "DIALER_PRECALL" for r in _spec(item).rules)]
    if not with_pre_call:
        raise UsageError("the manifests declare no rule set with pre-call rules")
    return with_pre_call


def _spec(resource: Resource) -> RuleSetSpec:
    return cast(RuleSetSpec, resource.document.spec)


def _phone_columns(manifests: ManifestSet, spec: RuleSetSpec) -> list[tuple[str, str]]:
    if spec.contact_list is None:
        return []
    contact_list = manifests.get(address_of(Platform.GENESYS, "ContactList", spec.contact_list))
    if contact_list is None:
        return []
    columns = cast(ContactListSpec, contact_list.document.spec).phone_columns or []
    return [(column.column_name, column.type) for column in columns]


def _compile(manifests: ManifestSet, resource: Resource, at: dt.datetime) -> CompiledRuleSet:
    spec = _spec(resource)
    compiled = compile_rule_set(
        spec, name=resource.name, at=at, phone_columns=_phone_columns(manifests, spec)
    )
    if compiled.needs_phone and not compiled.phone_columns:
        raise UsageError(
            f"rule set '{resource.name}' tests the phone number dialed, but its contact_list is not declared "
            "in the manifests, so the phone columns are unknown"
        )
    return compiled


def _moment(text: str | None) -> dt.datetime:
    if text is None:
        return dt.datetime.now(dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--at '{text}' is not a date and time such as 2026-12-04T18:30-05:00") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


@click.group()
def rules() -> None:
    """Work with dialer rule sets."""


@rules.command("test")
@click.option(
    "--contacts",
    "contacts_path",
    required=True,
    type=click.Path(path_type=Path),
    help="CSV file: a header row of column names, then one contact per row.",
)
@click.option(
    "--rule-set", "rule_set", help="Only this rule set (default: every rule set with pre-call rules)."
)
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Project file."
)
@click.option(
    "--at",
    "at_text",
    help="Moment for time-of-day and day conditions, ISO 8601 (default: now; UTC if no offset).",
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def test(
    contacts_path: Path,
    rule_set: str | None,
    config_path: Path | None,
    at_text: str | None,
    output_format: str,
) -> None:
    """Preview pre-call rules on sample contacts, without touching any org.

    Compiles the DIALER_PRECALL rules of the project's rule sets once, then for each contact lists
    the rules that match in execution order (order, then declaration) and what wins: not dialed,
    preview or dialed, and the caller id, skills or columns the rules leave set. Also counts the
    matches per rule, and lists the contacts matched by two rules whose actions contradict
    (RULE-CONFLICT on real data). Phone numbers are masked.
    """
    project, root = project_for(config_path)
    if project is None:
        raise UsageError("`reconciler rules test` needs a reconciler.yaml (manifests); none found")
    at = _moment(at_text)
    manifests = load_manifests(
        project.manifest_paths(root), project=project, target=project.default_target
    ).manifests
    compiled = [_compile(manifests, resource, at) for resource in _rule_sets(manifests, rule_set)]
    table = read_contacts(contacts_path)
    for item in compiled:
        check_columns(table, item.columns(), rule_set=item.name)
        if item.needs_phone:
            check_phone_columns(table, [column for column, _ in item.phone_columns], rule_set=item.name)
    previews: list[Preview] = [evaluate(item, table.rows) for item in compiled]
    if output_format == "json":
        document = render_json(previews, contacts_file=table.file, at=at)
        click.echo(json.dumps(document))  # compact: the pure-Python indenting encoder is 10x slower
    else:
        click.echo("\n".join(render_text(previews, contacts_file=table.file, at=at)))
