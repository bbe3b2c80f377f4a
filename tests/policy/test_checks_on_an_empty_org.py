"""A plan against an org that holds nothing yet is a live plan, not an offline one: checks that need the
live org (a CXone skill no DNC group scrubs) report the same before the first apply as after it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from reconciler.cli import cli
from reconciler.providers.session import STATE_DIR
from tests.corpus.corpus import TARGET, fresh_org, project_file

UNSCRUBBED_SKILL = """\
apiVersion: cxone/v1
kind: Campaign
metadata: {name: callbacks-reporting}
spec: {is_active: true}
---
apiVersion: cxone/v1
kind: Skill
metadata: {name: cx-unscrubbed}
spec:
  outbound_strategy: Manual
  caller_id_override: "+15555550143"
  outbound_telecom_route: US Outbound Primary
  campaign: callbacks-reporting
"""


def _cli(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--target", TARGET, "--config", str(root / "reconciler.yaml")])


def test_the_first_apply_to_an_empty_org_refuses_a_skill_no_dnc_group_scrubs(tmp_path: Path) -> None:
    (tmp_path / "manifests.yaml").write_text(UNSCRUBBED_SKILL, encoding="utf-8")
    (tmp_path / "reconciler.yaml").write_text(project_file("cxone"), encoding="utf-8")
    fresh_org().state.save(tmp_path / STATE_DIR / f"{TARGET}.json")
    planned = _cli(tmp_path, "plan")
    assert planned.exit_code == 1, planned.output
    assert (
        "DNC-REQUIRED (error) Skill 'cx-unscrubbed' dials outbound but no DNC group scrubs it"
        in planned.output
    )
    applied = _cli(tmp_path, "apply", "--auto-approve")
    assert applied.exit_code != 0 and "DNC-REQUIRED" in applied.output
    assert "applied  cxone/Skill/cx-unscrubbed" not in applied.output
