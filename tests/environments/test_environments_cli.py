"""Environments through the CLI on the demo: render, diff-targets, validate per target, plan and apply local-prod."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import copy_demo, run_cli


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_demo(tmp_path)


def _add_target(repo: Path, text: str) -> None:
    project = repo / "reconciler.yaml"
    project.write_text(project.read_text().replace("targets:\n", "targets:\n" + text, 1))


def test_render_shows_the_overlay_values_and_the_added_campaign(repo: Path) -> None:
    result = run_cli("render", "--target", "local-prod", "--out", "rendered", cwd=repo)
    assert result.code == 0, result.stderr
    campaigns = (repo / "rendered" / "genesys" / "campaign.yaml").read_text()
    assert "name: renewals-courtesy-preview" in campaigns
    assert "'+15555550110'" in campaigns or '"+15555550110"' in campaigns or "+15555550110" in campaigns
    assert "agents: 14" in campaigns
    assert "reconciler/add" not in campaigns
    assert not (repo / "rendered" / "cxone").exists()  # the target's platform only
    base = run_cli("render", "--target", "local", cwd=repo)
    assert base.code == 0 and "renewals-courtesy-preview" not in base.stdout and "agents: 8" in base.stdout
    assert not re.search(r"5555550\d{3}", base.stdout)  # stdout masks numbers


def test_diff_targets_lists_exactly_the_overlay_differences(repo: Path) -> None:
    result = run_cli("diff-targets", "local", "local-prod", "--format", "json", cwd=repo)
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["only_in_local"] == []
    assert [item["address"] for item in document["only_in_local-prod"]] == [
        "genesys/Campaign/renewals-courtesy-preview"
    ]
    changes = document["changed"]
    assert list(changes) == ["genesys/Campaign/q3-renewals"]
    paths = {change["path"]: change["set_in"] for change in changes["genesys/Campaign/q3-renewals"]}
    assert paths == {
        "spec.caller_address": "overlays/local-prod/q3-renewals.yaml:9",
        "compliance.staffing.agents": "overlays/local-prod/q3-renewals.yaml:12",
    }
    assert not re.search(r"5555550\d{3}", result.stdout)
    assert run_cli("diff-targets", "local", "local-prod", "--detailed-exitcode", cwd=repo).code == 2


def test_plan_on_local_prod_shows_the_overlay_and_apply_converges_on_both_targets(repo: Path) -> None:
    plan = run_cli("plan", "--target", "local-prod", "--format", "json", cwd=repo)
    assert plan.code == 0, plan.stderr
    changes = {change["address"]: change for change in json.loads(plan.stdout)["resource_changes"]}
    assert changes["genesys/Campaign/renewals-courtesy-preview"]["actions"] == ["create"]
    assert changes["genesys/Campaign/renewals-courtesy-preview"]["source"]["file"].startswith(
        "overlays/local-prod/"
    )
    q3 = {item["path"]: item for item in changes["genesys/Campaign/q3-renewals"]["changes"]}
    assert q3["caller_address"]["after"].startswith("***0110#")
    assert q3["caller_address"]["source"] == {"file": "overlays/local-prod/q3-renewals.yaml", "line": 9}
    assert "source" not in q3["abandon_rate"]  # set in the document's own file
    text = run_cli("plan", "--target", "local-prod", "--no-color", cwd=repo).stdout
    assert "(set in overlays/local-prod/q3-renewals.yaml:9)" in text
    for target in ("local-prod", "local"):
        applied = run_cli("apply", "--target", target, "--auto-approve", cwd=repo, timeout=180)
        assert applied.code == 0, applied.stderr
        again = run_cli("plan", "--target", target, "--detailed-exitcode", cwd=repo)
        assert again.code == 0, again.stdout + again.stderr
    assert (repo / ".reconciler" / "local-prod.json").is_file() and (
        repo / ".reconciler" / "local.json"
    ).is_file()


def test_a_bad_patch_an_unknown_variable_and_an_unused_one_are_errors_with_file_and_line(repo: Path) -> None:
    (repo / "overlays" / "bad").mkdir()
    (repo / "overlays" / "bad" / "patch.yaml").write_text(
        "apiVersion: genesys/v1\nkind: Campaign\nmetadata: {name: q3-renewal}\nspec: {caller_name: X}\n"
    )
    campaigns = repo / "campaigns" / "genesys" / "campaigns.yaml"
    campaigns.write_text(
        campaigns.read_text().replace("caller_name: Acme Billing", "caller_name: ${vars.brand}")
    )
    _add_target(
        repo,
        "  broken:\n    platform: genesys\n    emulator: true\n    overlays: [overlays/bad]\n"
        "    vars: {brand: Acme, spare: 1}\n",
    )
    result = run_cli("validate", "--target", "broken", cwd=repo)
    assert result.code == 1
    assert "overlays/bad/patch.yaml:1: SCHEMA patches Campaign 'q3-renewal'" in result.stdout
    assert re.search(
        r"reconciler\.yaml:\d+: SCHEMA variable 'spare' of target 'broken' is used by no manifest",
        result.stdout,
    )
    every = run_cli("validate", cwd=repo)  # `local` has no `brand`: the reference is unknown there
    assert every.code == 1
    assert "campaigns/genesys/campaigns.yaml:49: SCHEMA unknown variable 'brand'" in every.stdout
    assert "[target: local, local-prod, prod-us]" in every.stdout
    plan = run_cli("plan", "--target", "broken", cwd=repo)
    assert plan.code == 1 and not (repo / ".reconciler" / "broken.json").exists()  # nothing read or written


def test_a_variable_that_looks_like_a_secret_is_refused(repo: Path) -> None:
    _add_target(repo, "  leaky:\n    platform: genesys\n    emulator: true\n    vars: {api_token: abc123}\n")
    result = run_cli("validate", cwd=repo)
    assert result.code == 1
    assert re.search(
        r"reconciler\.yaml:\d+: targets\.leaky\.vars: variable 'api_token' looks like a credential",
        result.stderr,
    )
    assert "abc123" not in result.stdout + result.stderr


def test_variables_render_typed_values(repo: Path) -> None:
    campaigns = repo / "campaigns" / "genesys" / "campaigns.yaml"
    text = campaigns.read_text().replace("no_answer_timeout: 25", "no_answer_timeout: ${vars.timeout}")
    campaigns.write_text(
        text.replace(
            'caller_name: Acme Insurance\n  caller_address: "+15555550100"\n  abandon_rate',
            'caller_name: ${vars.brand} Insurance\n  caller_address: "+15555550100"\n  abandon_rate',
            1,
        )
    )
    (repo / "reconciler.yaml").write_text(
        "manifests: campaigns/\ndefault_target: local\ntargets:\n"
        "  local: {platform: genesys, emulator: true, vars: {timeout: 27, brand: Acme}}\n"
        "  local-prod: {platform: genesys, emulator: true, overlays: [overlays/local-prod], vars: {timeout: 29, brand: Acme}}\n"
        "  local-cxone: {platform: cxone, emulator: true}\n"
    )
    result = run_cli("render", "--target", "local", cwd=repo)
    assert result.code == 0, result.stdout + result.stderr
    assert "no_answer_timeout: 27\n" in result.stdout and "caller_name: Acme Insurance\n" in result.stdout
    assert run_cli("validate", cwd=repo).code == 0
    differences = run_cli("diff-targets", "local", "local-prod", cwd=repo).stdout
    assert "spec.no_answer_timeout: 27 -> 29" in differences
