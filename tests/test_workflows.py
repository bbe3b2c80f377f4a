"""The workflow files users copy are valid GitHub workflows (schema shipped by check-jsonschema), and they
do what the README promises: one upserted plan comment, a drift issue driven by the exit code, secrets
only from `secrets.`. Shell steps run under bash with a fake `reconciler`; github-script steps run
under node (when installed) against a fake GitHub REST client."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from reconciler.manifest.yaml_reader import read_yaml_documents
from tests.conftest import ROOT
from tests.workflow_commands import effective_commands

WORKFLOW_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml"))
MARKER = "<!-- reconciler-plan -->"
MARKER_CODE = "const marker = '<!-- reconciler-plan -->'"
DRIFT_TITLE = "Configuration drift detected: prod-us"
TARGET_EXPRESSION = "${{ matrix.target }}"
SECRET_REFERENCE = re.compile(r"^\$\{\{\s*secrets\.[A-Z][A-Z0-9_]*\s*\}\}$")
SLOT_REFERENCE = re.compile(r"^\$\{\{ secrets\[matrix\.credentials\[([0-3])\]\] \}\}$")
"""A target's own credential, by the name reconciler.yaml gives it (`reconciler targets` -> matrix)."""
CREDENTIAL_SLOTS = {
    "CREDENTIAL_NAMES": "${{ join(matrix.credentials, ' ') }}",
    **{f"CREDENTIAL_{slot + 1}": f"${{{{ secrets[matrix.credentials[{slot}]] }}}}" for slot in range(4)},
}
CREDENTIALS_SCRIPT = ROOT / ".github" / "scripts" / "credentials.sh"
CREDENTIAL_NAME = re.compile(r"SECRET|CLIENT_ID|TOKEN|PASSWORD|ACCESS_KEY|API_KEY", re.IGNORECASE)
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def _workflow_schema() -> dict:
    vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
    return json.loads((vendor / "github-workflows.json").read_text())


def _read(path: Path) -> Any:
    """A workflow as YAML 1.2 reads it (GitHub's dialect): `on` stays a key, `true` is a boolean."""
    (document,) = read_yaml_documents(path.read_text(), file=path.name)
    return document.data


def _load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = _read(WORKFLOW_DIR / name)
    return document


def _steps(name: str, job: str | None = None) -> list[dict[str, Any]]:
    """The steps of a workflow's job; by default the job named like the file (apply.yml: apply)."""
    steps: list[dict[str, Any]] = _load(name)["jobs"][job or Path(name).stem]["steps"]
    return steps


def _step(
    name: str,
    *,
    uses: str | None = None,
    id: str | None = None,
    text: str | None = None,
    job: str | None = None,
) -> dict:
    """The one step of a workflow with this id, or using this action with `text` in its script."""
    found = [
        step
        for step in _steps(name, job)
        if (id is None or step.get("id") == id)
        and (uses is None or step.get("uses", "").startswith(uses))
        and (text is None or text in step.get("with", {}).get("script", "") + step.get("run", ""))
    ]
    assert len(found) == 1, f"{name}: expected one step matching {uses or id} {text or ''}, got {len(found)}"
    return found[0]


def _walk(node: Any, path: tuple[str, ...] = ()) -> Any:
    """(path, key, value) of every mapping entry in a workflow document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, (*path, str(index)))


# --- schema ----------------------------------------------------------------------------------------
def test_there_are_workflows() -> None:
    assert {path.name for path in WORKFLOWS} >= {"validate.yml", "plan.yml", "drift.yml", "monitor.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_validates_against_the_github_schema(path: Path) -> None:
    jsonschema.Draft7Validator(_workflow_schema()).validate(_read(path))


def test_yaml_1_1_would_have_turned_on_into_true() -> None:
    """Why _read uses the YAML 1.2 reader: PyYAML's default makes the `on:` key the boolean True."""
    assert True in yaml.safe_load((WORKFLOW_DIR / "plan.yml").read_text())
    assert "on" in _load("plan.yml")


def test_a_broken_workflow_is_rejected() -> None:
    document = _load("validate.yml")
    document["jobs"]["validate"]["steps"] = "not a list of steps"
    assert list(jsonschema.Draft7Validator(_workflow_schema()).iter_errors(document))


# --- secrets ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_credentials_come_only_from_secrets(path: Path) -> None:
    document = _read(path)
    for where, key, value in _walk(document):
        if where and where[-1] == "env" and CREDENTIAL_NAME.search(key):
            assert isinstance(value, str) and SECRET_REFERENCE.match(value), (
                f"{path.name}: {'.'.join(where)}.{key} must be ${{{{ secrets.NAME }}}}, not {value!r}"
            )
        if where and where[-1] == "env" and isinstance(value, str) and "secrets[" in value:
            match = SLOT_REFERENCE.match(value)
            assert match and key == f"CREDENTIAL_{int(match.group(1)) + 1}", f"{path.name}: {key}: {value}"
        if key in ("run", "script"):  # a secret expanded into a script ends up in its text
            assert "secrets." not in value, f"{path.name}: {'.'.join(where)} expands a secret inline"
    for where, key, value in _walk(document):
        if isinstance(value, str) and "secrets." in value:
            assert where and where[-1] == "env", f"{path.name}: secret outside a step's env at {where}/{key}"
            assert where[0] == "jobs" and "steps" in where, f"{path.name}: secret in a job or workflow env"


@pytest.mark.parametrize(
    ("name", "ids"),
    [("plan.yml", ["plan", "sarif"]), ("drift.yml", ["drift"]), ("monitor.yml", ["monitor"])],
)
def test_only_reconciler_steps_get_the_target_s_own_credentials(name: str, ids: list[str]) -> None:
    with_secrets = [step for step in _steps(name) if "secrets" in json.dumps(step.get("env", {}))]
    assert [step.get("id") for step in with_secrets] == ids
    for step in with_secrets:
        assert "run" in step and "reconciler " in step["run"], step.get("name")
        assert {
            key: value for key, value in step["env"].items() if key.startswith("CREDENTIAL")
        } == CREDENTIAL_SLOTS
        assert step["run"].startswith(". .github/scripts/credentials.sh\n")


# --- plan.yml --------------------------------------------------------------------------------------
def test_plan_runs_on_pull_requests_with_minimal_permissions_per_job() -> None:
    document = _load("plan.yml")
    assert document["on"] == {"pull_request": None, "pull_request_target": None}
    assert document["permissions"] == {}
    jobs = document["jobs"]
    assert jobs["plan"]["permissions"] == {"contents": "read", "security-events": "write"}
    assert jobs["comment"]["permissions"] == {"pull-requests": "write", "actions": "read"}
    assert "secrets" not in json.dumps(jobs["comment"]) and "actions/checkout" not in json.dumps(
        jobs["comment"]
    )
    assert jobs["scope"]["permissions"] == {"contents": "read"}
    assert jobs["fork-notice"]["permissions"] == {"pull-requests": "write"}
    assert jobs["plan"]["env"]["RECONCILER_TARGET"] == TARGET_EXPRESSION
    assert jobs["plan"]["environment"] == "plan"  # read-only credentials; production's stay with apply


def test_plan_validates_then_plans_to_markdown_and_json() -> None:
    assert 'reconciler validate --format github 2> "$log"' in _step("plan.yml", id="validate")["run"]
    plan = _step("plan.yml", id="plan")
    assert (
        'reconciler plan --target "$RECONCILER_TARGET" --format markdown --out plan.json > plan.md'
        in plan["run"]
    )
    assert plan["continue-on-error"] is True  # the comment is posted before the job fails


def test_one_comment_job_after_every_target_s_plan_upserts_it_by_its_marker() -> None:
    job = _load("plan.yml")["jobs"]["comment"]
    assert job["needs"] == ["scope", "plan"]
    assert job["if"] == (
        "!cancelled() && needs.scope.result == 'success' && needs.scope.outputs.targets != '[]'"
    )  # failed plans get their section too; a fork pull request (no scope) gets none; a run cancelled
    # by a newer push does not overwrite the newer run's comment
    downloads = [step for step in job["steps"] if step.get("uses", "").startswith("actions/download")]
    assert [step["with"] for step in downloads] == [
        {"pattern": "reconciler-plan-*", "path": "plans"},  # every target's: plans/reconciler-plan-TARGET/
        {"name": "reconciler-diffs", "path": "diffs"},
    ]
    assert downloads[1]["if"] == "needs.scope.outputs.compared == 'true'"
    comment = _plan_comment_step()
    assert comment["env"] == {"TARGETS": "${{ needs.scope.outputs.targets }}"}
    script = comment["with"]["script"]
    for call in ("listComments", "updateComment", "createComment", "github.paginate"):
        assert call in script


def test_plan_uploads_the_json_artifact_and_sarif() -> None:
    artifact = _step("plan.yml", uses="actions/upload-artifact@")
    # plan.json at the artifact's root: apply.yml reads reviewed/plan.json; the comment job the rest
    assert artifact["with"]["path"].split() == ["plan.json", "plan.md", "outcome.txt"]
    assert artifact["with"]["name"] == "reconciler-plan-${{ matrix.target }}"  # what apply.yml downloads
    assert artifact["if"] == "always()"
    sarif = _step("plan.yml", id="sarif")
    assert "--format sarif > plan.sarif" in sarif["run"]
    upload = _step("plan.yml", uses="github/codeql-action/upload-sarif@")
    assert upload["with"] == {"sarif_file": "plan.sarif", "category": "reconciler-plan-${{ matrix.target }}"}


def test_a_failed_plan_fails_the_job_after_its_plan_and_outcome_are_uploaded(tmp_path: Path) -> None:
    steps = _steps("plan.yml")
    names = [step.get("id") or step.get("uses", "").split("@")[0] or step.get("name") for step in steps]
    last = steps[-1]
    assert "steps.plan.outcome == 'failure'" in last["if"] and "always()" in last["if"]
    assert "exit 1" in last["run"]
    outcome = next(index for index, step in enumerate(steps) if "outcome.txt" in step.get("run", ""))
    assert names.index("plan") < outcome < names.index("actions/upload-artifact") < len(steps) - 1
    assert steps[outcome]["if"] == "always()"
    env = {**_fake_reconciler(tmp_path, 0), "PLAN_OUTCOME": "failure"}
    assert _run_step(steps[outcome], tmp_path, env) == 0
    assert (tmp_path / "outcome.txt").read_text() == "failure\n"


# --- drift.yml -------------------------------------------------------------------------------------
def test_drift_runs_every_six_hours_and_on_demand_with_minimal_permissions() -> None:
    document = _load("drift.yml")
    (schedule,) = document["on"]["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert minute.isdigit() and hour == "*/6" and rest == ["*", "*", "*"]
    assert "workflow_dispatch" in document["on"]
    assert document["permissions"] == {"contents": "read", "issues": "write"}
    assert document["jobs"]["drift"]["env"]["RECONCILER_TARGET"] == TARGET_EXPRESSION
    assert document["jobs"]["drift"]["environment"] == "plan"


def test_drift_issue_steps_react_to_the_exit_code() -> None:
    upsert = _step("drift.yml", uses="actions/github-script@", text="github.rest.issues.create(")
    assert (
        "const title = `Configuration drift detected: ${process.env.RECONCILER_TARGET}`"
        in upsert["with"]["script"]
    )
    assert upsert["if"] == "steps.drift.outputs.exit-code == '2'"
    assert "labels: label" in upsert["with"]["script"] and "const label = 'drift'" in upsert["with"]["script"]
    close = _step("drift.yml", uses="actions/github-script@", text="state: 'closed'")
    assert close["if"] == "steps.drift.outputs.exit-code == '0'"


def _fake_reconciler(tmp_path: Path, exit_code: int) -> dict[str, str]:
    """A `reconciler` on PATH that records its arguments, prints a report and exits `exit_code`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "reconciler"
    fake.write_text(
        "#!/usr/bin/env bash\n"
        'echo "$*" >> "$FAKE_ARGS"\n'
        'echo "# report for $*"\n'
        'if [[ "$*" == *"--out plan.json"* ]]; then echo "{}" > plan.json; fi\n'
        f"exit {exit_code}\n"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "out").write_text("")
    (tmp_path / "summary.md").write_text("")
    scripts = tmp_path / ".github" / "scripts"
    scripts.mkdir(parents=True, exist_ok=True)
    shutil.copy(CREDENTIALS_SCRIPT, scripts / CREDENTIALS_SCRIPT.name)
    return {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "FAKE_ARGS": str(tmp_path / "args"),
        "GITHUB_OUTPUT": str(tmp_path / "out"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "RUNNER_TEMP": str(tmp_path),
        "RECONCILER_TARGET": "prod-us",
    }


def _run_step(step: dict[str, Any], tmp_path: Path, env: dict[str, str]) -> int:
    """Run a `run:` step as GitHub does without `shell:` (bash -e {0}) in tmp_path."""
    script = tmp_path / "step.sh"
    script.write_text(step["run"])
    return subprocess.run(["bash", "-e", str(script)], cwd=tmp_path, env=env, timeout=30).returncode


def _outputs(tmp_path: Path) -> dict[str, str]:
    lines = (tmp_path / "out").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


@pytest.mark.parametrize(("code", "step_fails"), [(0, False), (2, False), (1, True), (3, True)])
def test_drift_step_passes_the_exit_code_on_and_fails_only_on_errors(
    tmp_path: Path, code: int, step_fails: bool
) -> None:
    env = _fake_reconciler(tmp_path, code)
    status = _run_step(_step("drift.yml", id="drift"), tmp_path, env)
    assert (status != 0) is step_fails
    assert _outputs(tmp_path)["exit-code"] == str(code)
    assert (tmp_path / "args").read_text().strip() == "drift --target prod-us --format markdown"
    assert (tmp_path / "drift.md").read_text().startswith("# report for drift")


@pytest.mark.parametrize("code", [0, 1])
def test_plan_steps_keep_their_output_when_the_plan_has_errors(tmp_path: Path, code: int) -> None:
    env = _fake_reconciler(tmp_path, code)
    assert _run_step(_step("plan.yml", id="plan"), tmp_path, env) == code
    assert (tmp_path / "plan.md").read_text().startswith("# report for plan")
    assert (tmp_path / "plan.json").exists()
    assert _run_step(_step("plan.yml", id="sarif"), tmp_path, env) == 0  # SARIF even with error findings
    assert _outputs(tmp_path)["ready"] == "true"
    assert "plan --target prod-us --format sarif" in (tmp_path / "args").read_text()


# --- github-script steps under node, against a fake REST client --------------------------------------
HARNESS = r"""
const fs = require('fs');
const state = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const calls = [];
const issues = {
  listComments: async ({ issue_number }) => ({ data: (state.comments_by_issue ?? {})[issue_number] ?? state.comments }),
  listForRepo: async ({ state: wanted, labels }) => ({
    data: state.issues.filter((i) => i.state === wanted && i.labels.some((l) => l.name === labels)),
  }),
};
for (const name of ['updateComment', 'createComment', 'update', 'create']) {
  issues[name] = async (params) => { calls.push([name, params]); return { data: { html_url: 'u' } }; };
}
issues.createLabel = async (params) => {
  calls.push(['createLabel', params]);
  if (state.labels.includes(params.name)) { const e = new Error('exists'); e.status = 422; throw e; }
  return { data: {} };
};
const pulls = { list: async () => ({ data: state.pulls ?? [] }) };
const repos = {
  listPullRequestsAssociatedWithCommit: async (params) => { calls.push(['listPulls', params]); return { data: state.pulls ?? [] }; },
};
const actions = {
  listWorkflowRuns: async (params) => { calls.push(['listWorkflowRuns', params]); return { data: { workflow_runs: state.runs ?? [] } }; },
  listJobsForWorkflowRun: async (params) => { calls.push(['listJobs', params]); return { data: state.jobs ?? [] }; },
};
const github = { rest: { issues, pulls, repos, actions }, paginate: async (method, params) => (await method(params)).data };
const context = {
  repo: { owner: 'acme', repo: 'config' }, issue: { number: 7 }, serverUrl: 'https://github.com',
  runId: 99, sha: '0123456789abcdef',
};
const core = {
  info: () => {},
  warning: (text) => calls.push(['warning', text]),
  setOutput: (name, value) => calls.push(['setOutput', { name, value }]),
  setFailed: (text) => calls.push(['setFailed', text]),
};
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction('require', 'github', 'context', 'core', state.script)(require, github, context, core)
  .then(() => console.log(JSON.stringify(calls)))
  .catch((error) => { console.error(error); process.exit(1); });
"""


def _run_script(
    step: dict[str, Any],
    tmp_path: Path,
    *,
    files: dict[str, str] | None = None,
    comments: list[dict[str, Any]] | None = None,
    issues: list[dict[str, Any]] | None = None,
    labels: list[str] | None = None,
    extra: dict[str, Any] | None = None,
    env: dict[str, str] | None = None,
) -> list[tuple[str, Any]]:
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text)
    state = {
        "script": step["with"]["script"],
        "comments": comments or [],
        "issues": issues or [],
        "labels": labels or [],
        **(extra or {}),
    }
    (tmp_path / "state.json").write_text(json.dumps(state))
    (tmp_path / "harness.js").write_text(HARNESS)
    done = subprocess.run(
        ["node", "harness.js", "state.json"],
        cwd=tmp_path,
        env={**os.environ, "RECONCILER_TARGET": "prod-us", "PLAN_OUTCOME": "failure", **(env or {})},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    return [(name, params) for name, params in json.loads(done.stdout)]


def _plan_comment_step() -> dict[str, Any]:
    return _step("plan.yml", uses="actions/github-script@", text=MARKER_CODE, job="comment")


def _promotion_gate() -> dict[str, Any]:
    return _step("apply.yml", uses="actions/github-script@", text="listJobsForWorkflowRun", job="apply")


@needs_node
@pytest.mark.parametrize(
    ("jobs", "failed"),
    [
        ([{"name": "apply test", "status": "completed", "conclusion": "success"}], False),
        ([{"name": "apply test", "status": "completed", "conclusion": "failure"}], True),
        ([{"name": "apply test", "status": "in_progress", "conclusion": None}], True),
        ([{"name": "apply other", "status": "completed", "conclusion": "failure"}], False),
    ],
)
def test_a_promoted_target_is_applied_only_after_its_predecessor_succeeded(
    tmp_path: Path, jobs: list[dict[str, Any]], failed: bool
) -> None:
    step = _promotion_gate()
    assert step["if"] == "matrix.after != ''"
    calls = _run_script(
        step, tmp_path, extra={"jobs": jobs}, env={"AFTER": "test", "RECONCILER_TARGET": "prod"}
    )
    failures = [params for name, params in calls if name == "setFailed"]
    assert bool(failures) is failed
    if failed:
        assert "nothing is applied to prod" in failures[0] and "promoted from test" in failures[0]
    assert (
        "listJobs",
        {"owner": "acme", "repo": "config", "run_id": 99, "filter": "latest", "per_page": 100},
    ) in calls


def _plans(tmp_path: Path, plans: dict[str, tuple[str, dict[str, Any] | None, str] | None]) -> str:
    """The artifacts the comment job downloads: per target (plan.md, plan.json, outcome), or None when the
    target's job uploaded nothing; returns the scope job's matrix (the TARGETS env of the comment step)."""
    for target, files in plans.items():
        if files is None:
            continue
        folder = tmp_path / "plans" / f"reconciler-plan-{target}"
        folder.mkdir(parents=True)
        markdown, document, outcome = files
        (folder / "plan.md").write_text(markdown)
        (folder / "outcome.txt").write_text(f"{outcome}\n")
        if document is not None:
            (folder / "plan.json").write_text(json.dumps(document))
    return json.dumps([{"target": target, "platform": "genesys", "after": ""} for target in plans])


def _comment_of(calls: list[tuple[str, Any]]) -> tuple[str, dict[str, Any]]:
    (call,) = [call for call in calls if call[0] in ("createComment", "updateComment")]
    return call


def _section(body: str, target: str) -> str:
    """The part of the comment under `## Plan for `TARGET``, up to the next section or the footer."""
    rest = body.split(f"## Plan for `{target}`\n", 1)[1]
    return re.split(r"\n## Plan for |\n## What production |\n\n<sub>", rest, maxsplit=1)[0]


@needs_node
def test_plan_comment_is_created_once_then_updated_in_place(tmp_path: Path) -> None:
    targets = _plans(
        tmp_path,
        {
            "test": ("## Plan: 1 to create\n", {"resource_changes": []}, "success"),
            "prod": ("## Plan: 2 to update\n", {"resource_changes": []}, "success"),
        },
    )
    step, env = _plan_comment_step(), {"TARGETS": targets}
    name, params = _comment_of(_run_script(step, tmp_path, env=env))
    assert name == "createComment" and params["issue_number"] == 7
    body = params["body"]
    assert body.splitlines()[0] == MARKER and body.count(MARKER) == 1
    assert "## Plan: 1 to create" in _section(body, "test") and "## Plan: 2 to update" in _section(
        body, "prod"
    )
    assert body.index("## Plan for `test`") < body.index("## Plan for `prod`")  # the scope job's order

    url = "https://github.com/acme/config/pull/7#issuecomment-41"
    ours = {"id": 41, "user": {"type": "Bot"}, "body": f"{MARKER}\nold plans", "html_url": url}
    quoted = {"id": 40, "user": {"type": "User"}, "body": f"{MARKER}\nsomeone pasted it"}
    legacy = {"id": 39, "user": {"type": "Bot"}, "body": "<!-- reconciler-plan:prod -->\nthe older kind"}
    calls = _run_script(step, tmp_path, comments=[legacy, quoted, ours], env=env)
    assert [(name, params["comment_id"]) for name, params in calls] == [
        ("updateComment", 41),
        ("updateComment", 39),
    ]
    assert "## Plan: 2 to update" in _section(calls[0][1]["body"], "prod")
    assert calls[1][1]["body"] == (  # the older per-target comment no longer shows a stale plan
        f"<!-- reconciler-plan:prod -->\nSuperseded: every target's plan is now in one comment: {url}"
    )
    done = {**legacy, "body": calls[1][1]["body"]}
    calls = _run_script(step, tmp_path, comments=[done, ours], env=env)
    assert [(name, params["comment_id"]) for name, params in calls] == [("updateComment", 41)]


@needs_node
def test_a_failed_target_s_section_says_so_while_the_other_s_plan_shows(tmp_path: Path) -> None:
    targets = _plans(
        tmp_path,
        {
            "test": ("## Plan: 1 to create\n", {"resource_changes": []}, "success"),
            "prod": ("", None, "failure"),  # reconciler stopped before printing a plan
            "eu": None,  # its job stopped before uploading anything
        },
    )
    _, params = _comment_of(_run_script(_plan_comment_step(), tmp_path, env={"TARGETS": targets}))
    body = params["body"]
    assert "## Plan: 1 to create" in _section(body, "test") and "plan failed" not in _section(body, "test")
    failed = _section(body, "prod")
    assert "plan failed before it produced a plan** (failure)" in failed and "actions/runs/99" in failed
    assert "plan failed before it produced a plan** (no plan uploaded)" in _section(body, "eu")


def _bot_comment(body: str) -> dict[str, Any]:
    return {"id": 1, "user": {"type": "Bot"}, "body": body, "html_url": "u"}


@needs_node
def test_the_overlap_warning_names_the_target_whose_objects_another_pr_changes(tmp_path: Path) -> None:
    winter = {"address": "genesys/Campaign/winter retention", "actions": ["update"]}
    unchanged = {"address": "genesys/DncList/internal-dnc", "actions": ["no-op"]}
    targets = _plans(
        tmp_path,
        {
            "test": ("## Plan: 1 to update\n", {"resource_changes": [winter, unchanged]}, "success"),
            "prod": ("## Plan: 1 to update\n", {"resource_changes": [winter]}, "success"),
        },
    )
    encoded = "genesys%2FCampaign%2Fwinter%20retention"
    combined = (
        f"{MARKER}\n<!-- reconciler-addresses:prod {encoded} -->\n<!-- reconciler-addresses:eu {encoded} -->"
    )
    older = f"<!-- reconciler-plan:prod -->\n<!-- reconciler-addresses: {encoded} -->\n"  # one per target
    unrelated = f"{MARKER}\n<!-- reconciler-addresses:prod genesys%2FDncList%2Finternal-dnc -->"
    calls = _run_script(
        _plan_comment_step(),
        tmp_path,
        extra={
            "pulls": [{"number": 7}, {"number": 12}, {"number": 13}, {"number": 14}],
            "comments_by_issue": {
                "7": [],
                "12": [_bot_comment(combined)],
                "13": [_bot_comment(older)],
                "14": [_bot_comment(unrelated)],
            },
        },
        env={"TARGETS": targets},
    )
    _, params = _comment_of(calls)
    body = params["body"]
    lines = body.splitlines()
    assert lines[:3] == [
        MARKER,
        f"<!-- reconciler-addresses:test {encoded} -->",  # what other pull requests' comments read
        f"<!-- reconciler-addresses:prod {encoded} -->",
    ]
    warning = _section(body, "prod")
    assert "Other open pull requests change the same objects in `prod`" in warning
    assert "#12 (`genesys/Campaign/winter retention`)" in warning and "#13 (" in warning
    assert "#14" not in body
    assert "WARNING" not in _section(body, "test")  # #12 changes it in prod and eu, not in test


@needs_node
def test_the_comment_stays_within_github_s_limit_and_says_which_sections_were_cut(tmp_path: Path) -> None:
    big = "".join(f"- line {index} of a long plan\n" for index in range(3000))  # ~80,000 characters each
    targets = _plans(
        tmp_path,
        {
            "test": (big, {"resource_changes": []}, "success"),
            "small": ("## Plan: no changes\n", {"resource_changes": []}, "success"),
            "prod": (big, {"resource_changes": []}, "success"),
        },
    )
    _, params = _comment_of(_run_script(_plan_comment_step(), tmp_path, env={"TARGETS": targets}))
    body = params["body"]
    assert 60000 < len(body) <= 65536
    assert "Cut to fit GitHub's limit of 65,536 characters for a comment: `test`, `prod`." in body
    assert "## Plan: no changes" in _section(body, "small")  # short sections stay whole
    for target in ("test", "prod"):
        section = _section(body, target)
        assert section.startswith("\n- line 0 of a long plan") and "- line 2999 " not in section
        assert (
            f"the full text for `{target}` is in [the job summary](https://github.com/acme/config/actions/runs/99)"
            in section
        )


@needs_node
def test_the_comment_shows_what_a_promoted_target_gets_that_the_one_before_it_did_not(
    tmp_path: Path,
) -> None:
    _plans(tmp_path, {name: ("## Plan: no changes\n", None, "success") for name in ("test", "prod", "cx")})
    (tmp_path / "diffs").mkdir()
    diff = (
        "genesys/Campaign/q3-renewals:\n  compliance.staffing.agents: 8 -> 14  (overlays/prod/q3.yaml:12)\n"
    )
    (tmp_path / "diffs" / "prod.txt").write_text(diff)
    targets = [
        {"target": "test", "platform": "genesys", "after": ""},
        {"target": "prod", "platform": "genesys", "after": "test"},
        {"target": "cx", "platform": "cxone", "after": ""},
    ]
    _, params = _comment_of(_run_script(_plan_comment_step(), tmp_path, env={"TARGETS": json.dumps(targets)}))
    body = params["body"]
    section = body.split("## What production gets that test did not\n\n", 1)[1]
    assert section.startswith("`reconciler diff-targets test prod`:\n\n```text\n" + diff)
    assert body.index("## Plan for `cx`") < body.index("## What production gets")
    (tmp_path / "diffs" / "prod.txt").unlink()
    _, params = _comment_of(_run_script(_plan_comment_step(), tmp_path, env={"TARGETS": json.dumps(targets)}))
    assert "What production gets" not in params["body"]


def _drift_issue(number: int, title: str = DRIFT_TITLE) -> dict[str, Any]:
    return {"number": number, "title": title, "state": "open", "labels": [{"name": "drift"}], "html_url": "u"}


@needs_node
def test_drift_opens_one_labelled_issue_then_updates_it(tmp_path: Path) -> None:
    upsert = _step("drift.yml", uses="actions/github-script@", text="github.rest.issues.create(")
    files = {"drift.md": "## Drift: 2 fields\n"}
    calls = _run_script(upsert, tmp_path, files=files, labels=["drift"])
    assert [name for name, _ in calls] == ["createLabel", "create"]
    created = calls[1][1]
    assert created["title"] == DRIFT_TITLE and created["labels"] == ["drift"]
    assert "## Drift: 2 fields" in created["body"]

    other = {**_drift_issue(3, "Unrelated"), "labels": [{"name": "bug"}]}
    calls = _run_script(upsert, tmp_path, files=files, issues=[other, _drift_issue(5)])
    assert [(name, params["issue_number"]) for name, params in calls] == [("update", 5)]
    assert "## Drift: 2 fields" in calls[0][1]["body"] and "state" not in calls[0][1]


@needs_node
def test_no_drift_closes_the_open_drift_issue_with_a_comment(tmp_path: Path) -> None:
    close = _step("drift.yml", uses="actions/github-script@", text="state: 'closed'")
    calls = _run_script(close, tmp_path, issues=[_drift_issue(5)])
    assert [(name, params["issue_number"]) for name, params in calls] == [("createComment", 5), ("update", 5)]
    assert calls[1][1]["state"] == "closed"
    assert _run_script(close, tmp_path) == []  # nothing open: nothing to do


# --- apply.yml -------------------------------------------------------------------------------------
APPLY_STEP_NAMES = ("check", "apply", "replan")


def _apply_job() -> dict[str, Any]:
    job: dict[str, Any] = _load("apply.yml")["jobs"]["apply"]
    return job


def test_apply_runs_on_pushes_to_main_and_on_demand_with_a_plan_run_input() -> None:
    document = _load("apply.yml")
    assert document["on"]["push"] == {"branches": ["main"]}  # the manifest paths come from reconciler.yaml
    assert set(document["on"]) == {"push", "workflow_dispatch"}
    assert set(document["on"]["workflow_dispatch"]["inputs"]) == {"plan-run"}
    assert document["permissions"] == {"contents": "read"}
    assert _apply_job()["permissions"] == {"contents": "read", "actions": "read", "pull-requests": "write"}
    assert document["jobs"]["audit-log"]["permissions"] == {"contents": "write"}
    assert _apply_job()["env"]["RECONCILER_TARGET"] == TARGET_EXPRESSION
    assert (
        document["jobs"]["scope"]["if"] == "github.ref == 'refs/heads/main'"
    )  # a run on a branch applies nothing


def test_apply_runs_in_each_target_s_environment_one_target_after_the_other() -> None:
    job = _apply_job()
    assert job["environment"] == "${{ matrix.environment }}"  # required reviewers there gate its applies
    assert job["name"] == "apply ${{ matrix.target }}"  # the promotion gate finds a job by this name
    assert job["needs"] == "scope"
    assert job["strategy"]["matrix"] == {"include": "${{ fromJSON(needs.scope.outputs.targets) }}"}
    assert job["strategy"]["fail-fast"] is False  # the promotion gate decides, not a cancellation
    assert job["strategy"]["max-parallel"] == 1  # in the order `reconciler targets` gives
    targets = _step("apply.yml", id="targets", job="scope")["run"]
    assert (
        "reconciler targets --format json --changed-files" in targets
        and "git diff --name-only HEAD^1 HEAD" in targets
    )


def test_one_apply_at_a_time_never_cancelled() -> None:
    assert _load("apply.yml")["concurrency"] == {"group": "reconciler-apply", "cancel-in-progress": False}


ACTION_PINS = {
    "actions/checkout": ("11d5960a326750d5838078e36cf38b85af677262", "v4.4.0"),
    "actions/setup-python": ("a26af69be951a213d495a4c3e4e4022e16d87065", "v5.6.0"),
    "actions/github-script": ("f28e40c7f34bde8b3046d885e986cb6290c5673b", "v7.1.0"),
    "actions/upload-artifact": ("ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2"),
    "actions/download-artifact": ("d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0"),
    "github/codeql-action/upload-sarif": ("8aad20d150bbac5944a9f9d289da16a4b0d87c1e", "v4.36.2"),
}
"""Each action's release tag and the commit it points to (read from the actions' public repositories)."""


@pytest.mark.parametrize("path", [*WORKFLOWS, ROOT / "action.yml"], ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_release_in_a_comment(path: Path) -> None:
    lines = [line.strip() for line in path.read_text().splitlines()]
    uses = [
        line.removeprefix("- ").removeprefix("uses: ") for line in lines if re.match(r"^(- )?uses: ", line)
    ]
    assert uses
    for line in uses:
        action, _, rest = line.partition("@")
        sha, _, comment = rest.partition(" # ")
        assert action in ACTION_PINS, f"{path.name}: {line}"
        assert (sha, comment.split()[0]) == ACTION_PINS[action], f"{path.name}: {line}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_the_tool_is_installed_from_the_workflow_s_own_commit(path: Path) -> None:
    document = _read(path)
    installs = [value for where, key, value in _walk(document) if key == "run" and "pip install" in value]
    assert installs
    assert set(installs) == {"python -m pip install --disable-pip-version-check --quiet ."}
    assert "campaigns/" not in path.read_text()  # the manifest paths are read from reconciler.yaml


def test_apply_checks_the_reviewed_plan_then_applies_exactly_it() -> None:
    ids = [step.get("id") for step in _steps("apply.yml")]
    assert ids.index("audit-restore") < ids.index("check") < ids.index("apply") < ids.index("replan")
    download = _step("apply.yml", uses="actions/download-artifact@")
    assert download["with"] == {
        "name": "reconciler-plan-${{ matrix.target }}",
        "path": "reviewed",
        "run-id": "${{ needs.scope.outputs.plan-run }}",
        "github-token": "${{ github.token }}",
    }
    check, apply = _step("apply.yml", id="check"), _step("apply.yml", id="apply")
    assert 'reconciler check-plan reviewed/plan.json --target "$RECONCILER_TARGET"' in check["run"]
    assert 'args=(apply reviewed/plan.json --target "$RECONCILER_TARGET" --auto-approve)' in apply["run"]
    assert apply["if"] == "steps.check.outputs.current == 'true'" and "continue-on-error" not in apply
    assert _step("apply.yml", id="replan")["if"] == "steps.check.outputs.current == 'false'"
    assert apply["env"]["RECONCILER_ALLOW_DELETE"] == "${{ vars.RECONCILER_ALLOW_DELETE }}"


def test_apply_gives_the_target_s_credentials_only_to_its_reconciler_steps() -> None:
    with_secrets = [step for step in _steps("apply.yml") if "secrets" in json.dumps(step.get("env", {}))]
    assert [step.get("id") for step in with_secrets] == list(APPLY_STEP_NAMES)
    for step in with_secrets:
        assert "reconciler " in step["run"] and step["run"].startswith(". .github/scripts/credentials.sh\n")
        assert {key: value for key, value in step["env"].items() if "secrets" in value} == {
            key: value for key, value in CREDENTIAL_SLOTS.items() if key != "CREDENTIAL_NAMES"
        }
    assert "env" not in _load("apply.yml")
    assert set(_apply_job()["env"]) == {
        "RECONCILER_TARGET",
        "RECONCILER_DNC_BASELINE_REF",
        "AUDIT_BRANCH",
        "AUDIT_LOG",
    }
    for job in ("scope", "audit-log"):
        assert "secrets" not in json.dumps(_load("apply.yml")["jobs"][job])
    assert _apply_job()["env"]["RECONCILER_DNC_BASELINE_REF"] == "HEAD^1"


def test_apply_keeps_a_new_plan_and_the_audit_log_as_artifacts() -> None:
    uploads = {
        step["with"]["name"]: step
        for step in _steps("apply.yml")
        if step.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert set(uploads) == {"reconciler-plan-${{ matrix.target }}", "reconciler-audit-${{ matrix.target }}"}
    assert uploads["reconciler-plan-${{ matrix.target }}"]["if"] == "steps.replan.outputs.exit-code == '2'"
    audit = uploads["reconciler-audit-${{ matrix.target }}"]
    assert (
        audit["with"]["path"] == "${{ env.AUDIT_LOG }}\n${{ env.AUDIT_LOG }}.head\n"
        and audit["if"] == "always()"
    )
    assert _apply_job()["env"]["AUDIT_LOG"] == ".reconciler/audit.jsonl"  # audit.path's default
    assert audit["with"]["include-hidden-files"] is True  # upload-artifact@v4 skips hidden folders otherwise
    assert audit["with"]["if-no-files-found"] == "ignore"


def _fake_reconciler_by_command(tmp_path: Path, **codes: int) -> dict[str, str]:
    """A `reconciler` whose exit code depends on its command (`plan=0, apply=1`); it prints a report
    on stdout and progress on stderr, saves plan.json for `--out plan.json` and records its arguments."""
    env = _fake_reconciler(tmp_path, 0)
    fake = Path(env["PATH"].split(os.pathsep)[0]) / "reconciler"
    cases = "".join(f"  {command}) exit {code} ;;\n" for command, code in codes.items())
    fake.write_text(
        "#!/usr/bin/env bash\n"
        'echo "$*" >> "$FAKE_ARGS"\n'
        'echo "progress of $1" >&2\n'
        'echo "# $1 report: 2 to create"\n'
        'if [[ "$*" == *"--out plan.json"* ]]; then echo "{}" > plan.json; fi\n'
        f'case "$1" in\n{cases}esac\n'
        "exit 0\n"
    )
    return env


def _reviewed(tmp_path: Path) -> None:
    (tmp_path / "reviewed").mkdir()
    (tmp_path / "reviewed" / "plan.json").write_text("{}")


def _run_apply_job(tmp_path: Path, env: dict[str, str]) -> dict[str, int]:
    """Run the job's check, then apply or re-plan, as GitHub would by the check's `current` output."""
    statuses = {"check": _run_step(_step("apply.yml", id="check"), tmp_path, env)}
    chosen = "apply" if _outputs(tmp_path).get("current") == "true" else "replan"
    statuses[chosen] = _run_step(_step("apply.yml", id=chosen), tmp_path, env)
    return statuses


def test_a_reviewed_plan_that_still_applies_is_applied_into_the_job_summary(tmp_path: Path) -> None:
    env = _fake_reconciler_by_command(tmp_path, **{"check-plan": 0, "apply": 0})
    _reviewed(tmp_path)
    assert _run_apply_job(tmp_path, env) == {"check": 0, "apply": 0}
    assert (tmp_path / "args").read_text().splitlines() == [
        "check-plan reviewed/plan.json --target prod-us",
        "apply reviewed/plan.json --target prod-us --auto-approve",
    ]
    summary = (tmp_path / "summary.md").read_text()
    assert summary.index("## Reviewed plan for `prod-us`") < summary.index("## Apply to `prod-us`")
    assert summary.index("## Apply to") < summary.index("# apply report")
    assert _outputs(tmp_path)["exit-code"] == "0"


@pytest.mark.parametrize("reviewed", [True, False], ids=["org-moved", "no-reviewed-plan"])
def test_a_reviewed_plan_that_no_longer_applies_is_planned_again_and_nothing_is_applied(
    tmp_path: Path, reviewed: bool
) -> None:
    env = _fake_reconciler_by_command(tmp_path, **{"check-plan": 1, "plan": 2, "apply": 0})
    if reviewed:
        _reviewed(tmp_path)
    assert _run_apply_job(tmp_path, env) == {"check": 0, "replan": 0}
    args = (tmp_path / "args").read_text().splitlines()
    assert not any(line.startswith("apply") for line in args)
    assert args[-1] == "plan --target prod-us --detailed-exitcode --out plan.json --format markdown"
    assert _outputs(tmp_path)["current"] == "false" and _outputs(tmp_path)["exit-code"] == "2"
    why = (tmp_path / "check.txt").read_text()
    assert ("# check-plan report" in why) if reviewed else ("No reviewed plan for target prod-us" in why)
    assert "## New plan for `prod-us`" in (tmp_path / "summary.md").read_text()
    assert (tmp_path / "plan.json").exists()  # kept as this run's artifact, for plan-run
    fail = next(step for step in _steps("apply.yml") if step.get("name", "").startswith("Fail when"))
    assert "steps.replan.outputs.exit-code == '2'" in fail["if"] and "exit 1" in fail["run"]


@pytest.mark.parametrize("code", [1, 3])
def test_a_failed_apply_fails_the_job_with_its_exit_code_and_keeps_its_summary(
    tmp_path: Path, code: int
) -> None:
    """`| tee` succeeds, so without pipefail (GitHub's default shell is bash -e, no pipefail) this would pass."""
    env = _fake_reconciler_by_command(tmp_path, **{"check-plan": 0, "apply": code})
    _reviewed(tmp_path)
    assert _run_apply_job(tmp_path, env) == {"check": 0, "apply": code}
    assert "# apply report" in (tmp_path / "summary.md").read_text()
    assert _outputs(tmp_path)["exit-code"] == str(code)


@pytest.mark.parametrize(("allow", "flag"), [("true", True), ("", False), ("false", False), ("TRUE ", False)])
def test_deletes_are_applied_only_when_the_repository_variable_allows_them(
    tmp_path: Path, allow: str, flag: bool
) -> None:
    env = {**_fake_reconciler_by_command(tmp_path, apply=0), "RECONCILER_ALLOW_DELETE": allow}
    assert _run_step(_step("apply.yml", id="apply"), tmp_path, env) == 0
    (line,) = (tmp_path / "args").read_text().splitlines()
    assert line.endswith("--allow-delete") is flag


@pytest.mark.parametrize(("allow", "flag"), [("true", True), ("", False), ("false", False)])
def test_running_cxone_skills_are_restarted_only_when_the_repository_variable_allows_it(
    tmp_path: Path, allow: str, flag: bool
) -> None:
    env = {**_fake_reconciler_by_command(tmp_path, apply=0), "RECONCILER_ALLOW_RESTART": allow}
    assert _run_step(_step("apply.yml", id="apply"), tmp_path, env) == 0
    (line,) = (tmp_path / "args").read_text().splitlines()
    assert ("--allow-restart" in line.split()) is flag
    assert "--allow-delete" not in line.split()


@pytest.mark.parametrize("name", ["validate.yml", "plan.yml", "apply.yml"])
def test_dnc_shrink_is_measured_against_the_previous_commit(name: str) -> None:
    job = _load(name)["jobs"][Path(name).stem]
    assert job["env"]["RECONCILER_DNC_BASELINE_REF"] == "HEAD^1"
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 2  # HEAD^1 must exist in the clone


# --- workflow commands: nothing reconciler prints (server or manifest text) can start one ---------------
HOSTILE_RECONCILER = """#!/usr/bin/env bash
echo "$*" >> "$FAKE_ARGS"
printf '::error::owned-on-stderr\\n  ::add-mask::owned-indented\\n::stop-commands::owned\\n' >&2
if [[ "$*" == *"--format github"* ]]; then
  echo '::error file=a.yaml,line=3,title=SCHEMA::escaped%0A::error::owned-but-escaped'
else
  printf '# report\\n::error::owned-on-stdout\\n::set-output name=x::owned\\n'
fi
if [[ "$*" == *"--out plan.json"* ]]; then echo "{}" > plan.json; fi
exit "${FAKE_CODE:-0}"
"""


def _run_step_logged(step: dict[str, Any], tmp_path: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run a `run:` step as GitHub does and return its exit code and its log (stdout and stderr)."""
    script = tmp_path / "step.sh"
    script.write_text(step["run"])
    done = subprocess.run(
        ["bash", "-e", str(script)],
        cwd=tmp_path,
        env=env,
        timeout=30,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return done.returncode, done.stdout


RECONCILER_STEPS = [
    ("validate.yml", {"text": "--format github"}),
    ("validate.yml", {"text": "--format sarif"}),
    ("plan.yml", {"id": "validate"}),
    ("plan.yml", {"id": "plan"}),
    ("plan.yml", {"id": "sarif"}),
    ("apply.yml", {"id": "check"}),
    ("apply.yml", {"id": "apply"}),
    ("apply.yml", {"id": "replan"}),
    ("drift.yml", {"id": "drift"}),
    ("monitor.yml", {"id": "monitor"}),
]


@pytest.mark.parametrize(("name", "which"), RECONCILER_STEPS, ids=lambda v: str(v))
@pytest.mark.parametrize("code", [0, 1])
def test_reconciler_output_cannot_start_a_workflow_command(
    tmp_path: Path, name: str, which: dict[str, str], code: int
) -> None:
    env = _fake_reconciler(tmp_path, 0)
    fake = Path(env["PATH"].split(os.pathsep)[0]) / "reconciler"
    fake.write_text(HOSTILE_RECONCILER)
    (tmp_path / "summary.md").write_text("")
    env = {**env, "FAKE_CODE": str(code), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    _reviewed(tmp_path)  # so apply.yml's check runs reconciler
    status, log = _run_step_logged(_step(name, **which), tmp_path, env)
    assert "owned-on-stderr" in log  # shown in the log ...
    commands = effective_commands(log)
    ours = "::error file=a.yaml,line=3,title=SCHEMA::"  # reconciler's own annotation, its message escaped
    assert [command for command in commands if "owned" in command and not command.startswith(ours)] == [], log
    if "--format github" in _step(name, **which)["run"]:
        assert commands[0].startswith(ours)  # annotations still work
    decides_later = which.get("id") in ("check", "replan")  # their outputs choose the next step
    if code and name != "validate.yml" and "sarif" not in _step(name, **which)["run"] and not decides_later:
        assert status == 1


def test_the_runner_model_honours_stop_commands() -> None:
    """The check above can fail: without ::stop-commands:: the runner would act on these lines."""
    log = "::error::one\n::stop-commands::t0k\n::error::two\n::t0k::\n  ::warning::three\n"
    assert effective_commands(log) == ["::error::one", "::warning::three"]
