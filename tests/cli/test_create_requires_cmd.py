"""A create the platform would refuse is an error at plan time, and apply writes nothing: a CXone skill
with no campaign (the Admin API's POST /skills needs campaignId), next to a DNC group that scrubs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from reconciler.cli import cli
from reconciler.kinds.registry import CREATE_REQUIRES
from reconciler.providers.session import STATE_DIR
from tests.corpus.corpus import CORPUS, TARGET, fresh_org, project_file

CONFIG = "cxone-agentless-skill"


def _cli(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--target", TARGET, "--config", str(root / "reconciler.yaml")])


def _repo(tmp_path: Path, *, campaign: bool) -> Path:
    root = tmp_path / CONFIG
    shutil.copytree(CORPUS / CONFIG, root)
    manifest = root / "manifests.yaml"
    text = manifest.read_text(encoding="utf-8")
    if not campaign:
        text = text.replace("  campaign: payment-reminders-reporting\n", "", 1)
    manifest.write_text(text, encoding="utf-8")
    (root / "reconciler.yaml").write_text(project_file("cxone"), encoding="utf-8")
    fresh_org().state.save(root / STATE_DIR / f"{TARGET}.json")
    return root


def test_a_skill_without_a_campaign_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    root = _repo(tmp_path, campaign=False)
    planned = _cli(root, "plan", "--format", "json")
    assert planned.exit_code == 1, planned.output
    findings = json.loads(planned.stdout)["findings"]
    refused = [item for item in findings if "cannot be created without spec.campaign" in item["message"]]
    assert [item["code"] for item in refused] == ["SCHEMA"]
    assert refused[0]["severity"] == "error"
    assert refused[0]["source"]["file"].endswith("manifests.yaml")
    applied = _cli(root, "apply", "--auto-approve")
    assert applied.exit_code == 1, applied.output
    again = json.loads(_cli(root, "plan", "--format", "json").stdout)
    assert again["summary"]["create"] == 3  # the skill, its DNC group and the campaign: nothing was written


def test_with_its_campaign_the_skill_is_created(tmp_path: Path) -> None:
    root = _repo(tmp_path, campaign=True)
    planned = _cli(root, "plan", "--format", "json")
    assert not [item for item in json.loads(planned.stdout)["findings"] if item["code"] == "SCHEMA"]
    assert _cli(root, "apply", "--auto-approve").exit_code == 0


def test_the_docs_table_lists_every_field_needed_to_create() -> None:
    text = (Path(__file__).parents[2] / "docs" / "manifests.md").read_text(encoding="utf-8")
    for platform, kinds in CREATE_REQUIRES.items():
        for kind, fields in kinds.items():
            for name, source in fields.items():
                assert (
                    f"| {platform} {kind} | `{name}` | {source.replace('campaignId', '`campaignId`')} |"
                    in text
                )
