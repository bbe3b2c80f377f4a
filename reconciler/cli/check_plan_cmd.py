"""`reconciler check-plan`: would a saved plan still apply exactly as reviewed? Changes nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from reconciler.apply.saved_plan import load_saved_plan, saved_plan_problems
from reconciler.cli.plan_cmd import CONFIG, TARGET
from reconciler.cli.project import project_for
from reconciler.exceptions import ApplyRefused, UsageError
from reconciler.live_plan import run_live


@click.command("check-plan")
@click.argument("plan_file", type=click.Path(path_type=Path, dir_okay=False))
@TARGET
@CONFIG
def check_plan(plan_file: Path, target: str | None, config_path: Path | None) -> None:
    """Check that PLAN_FILE (from `plan --out`) still applies as reviewed, without changing anything.

    Plans again and compares, as `apply PLAN_FILE` does before it writes: exit 0 when applying the
    plan now would make exactly the reviewed changes; exit 1, naming every file and object that moved,
    when apply would refuse it. CI uses it to apply the pull request's reviewed plan after the merge,
    or to plan again and ask for a new approval.
    """
    project, root = project_for(config_path)
    if project is None:
        raise UsageError("`reconciler check-plan` needs a reconciler.yaml (targets, manifests); none found")
    saved = load_saved_plan(plan_file)
    name = target or str(saved["target"]["name"])
    paths = project.manifest_paths(root)
    run = asyncio.run(run_live(project, root=root, target_name=name, paths=paths, command="plan"))
    problems = saved_plan_problems(saved, run.plan)
    if problems:
        listed = "\n  - ".join(problems)
        raise ApplyRefused(f"{plan_file} no longer applies as reviewed:\n  - {listed}")
    count = sum(1 for change in run.plan.resource_changes if change.is_change)
    click.echo(
        f"{plan_file} still applies as reviewed: {count} change(s) for target '{run.plan.target.name}'."
    )
