"""`reconciler monitor` through the CLI against the emulated demo org with counts set by POST /_emulator/metrics:
the acceptance of issue #18 (40 / 1,000 live over 30 days is exit 2 for US, 25 / 1,000 is not; Ofcom's day
catches a bad day the 30 days average away; CRTC's calendar month), the JSON report, --notify, bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from reconciler.cli import cli
from tests.conftest import ROOT, run_cli
from tests.monitor.demo_repo import copy_demo, set_counts
from tests.monitor.test_report import columns
from tests.test_notify import SECRET, Receiver

AS_OF = date(2026, 11, 30)
SCHEMA = json.loads((ROOT / "schemas" / "monitor-report.schema.json").read_text(encoding="utf-8"))
US_CAMPAIGN = "q3-renewals"  # compliance.jurisdictions [US, US-FL]
DEFAULT_CAMPAIGN = "collections-early-stage"  # no jurisdictions of its own: the project's


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_demo(tmp_path)


def set_days(repo: Path, rows: list[dict[str, Any]]) -> None:
    set_counts(repo, {"genesys": rows})


def spread_days(
    campaign: str, *, connected: int, abandoned: int, last: date = AS_OF, days: int = 30
) -> list[dict[str, Any]]:
    """`days` days ending on `last` with these totals, spread evenly (remainders on the latest days)."""
    rows = []
    for offset in range(days):
        extra_c = 1 if offset < connected % days else 0
        extra_a = 1 if offset < abandoned % days else 0
        live = connected // days + extra_c
        rows.append(
            {
                "campaign": campaign,
                "date": (last - timedelta(days=offset)).isoformat(),
                "attempted": live * 4,
                "connected": live,
                "abandoned": abandoned // days + extra_a,
            }
        )
    return rows


def monitor(repo: Path, *flags: str, env: dict[str, str] | None = None) -> Result:
    args = ["monitor", "--config", str(repo / "reconciler.yaml"), "--as-of", AS_OF.isoformat(), *flags]
    return CliRunner().invoke(cli, args, env=env)


def report(repo: Path, *flags: str) -> tuple[int, dict[str, Any]]:
    result = monitor(repo, "--format", "json", *flags)
    document: dict[str, Any] = json.loads(result.stdout)
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document))
    assert not errors, [error.message for error in errors]
    return result.exit_code, document


def windows(document: dict[str, Any], campaign: str) -> dict[tuple[str, str], dict[str, Any]]:
    [item] = [item for item in document["objects"] if item["name"] == campaign]
    return {(window["jurisdiction"], window["window"]["label"]): window for window in item["windows"]}


def test_the_demo_org_shows_its_one_breach(repo: Path) -> None:
    """The demo's 60 days of counts end yesterday: the default --as-of measures its last 30."""
    result = CliRunner().invoke(
        cli, ["monitor", "--config", str(repo / "reconciler.yaml"), "--format", "json"]
    )
    assert result.exit_code == 2, result.output
    document = json.loads(result.stdout)
    breaches = [
        (f["address"], f["severity"]) for f in document["findings"] if f["code"] == "ABANDON-MEASURED"
    ]
    assert breaches == [("genesys/Campaign/collections-early-stage", "error")]


def test_40_of_1000_over_the_last_30_days_is_an_error_for_us_and_exit_2(repo: Path) -> None:
    set_days(repo, spread_days(US_CAMPAIGN, connected=1000, abandoned=40))
    code, document = report(repo)
    assert code == 2
    us = windows(document, US_CAMPAIGN)[("US", "30 days 2026-11-01 to 2026-11-30")]
    assert (us["abandoned"], us["connected"], us["rate_percent"], us["standing"]) == (40, 1000, 4.0, "over")
    [finding] = [item for item in document["findings"] if item["code"] == "ABANDON-MEASURED"]
    assert finding["severity"] == "error" and finding["address"] == f"genesys/Campaign/{US_CAMPAIGN}"
    assert "40 abandoned / 1,000 live-answered (connected) calls" in finding["message"]
    assert "47 CFR 64.1200" in finding["message"]
    assert finding["source"]["file"].endswith("campaigns/genesys/campaigns.yaml")


def test_25_of_1000_is_within_the_cap_exit_0_with_a_warning(repo: Path) -> None:
    set_days(repo, spread_days(US_CAMPAIGN, connected=1000, abandoned=25))
    code, document = report(repo)
    assert code == 0
    assert [(f["code"], f["severity"]) for f in document["findings"]] == [("ABANDON-MEASURED", "warning")]
    assert document["summary"]["over_cap"] is False


def _one_bad_day(campaign: str) -> tuple[list[dict[str, Any]], date]:
    rows = spread_days(campaign, connected=30_000, abandoned=300)  # 1 % a day
    bad = AS_OF - timedelta(days=12)
    for row in rows:
        if row["date"] == bad.isoformat():
            row.update(attempted=4000, connected=1000, abandoned=60)  # 6 % that day
    return rows, bad


def test_ofcom_s_day_catches_a_bad_day_that_the_30_days_average_away(repo: Path) -> None:
    rows, bad = _one_bad_day(DEFAULT_CAMPAIGN)
    set_days(repo, rows)
    code, document = report(repo)  # the project's jurisdictions: US
    assert code == 0
    project = repo / "reconciler.yaml"
    project.write_text(project.read_text().replace("jurisdictions: [US]", "jurisdictions: [UK]"))
    code, document = report(repo)
    assert code == 2
    found = windows(document, DEFAULT_CAMPAIGN)
    assert len(found) == 30 and {key[0] for key in found} == {"UK"}
    over = {key[1]: w["rate_percent"] for key, w in found.items() if w["standing"] == "over"}
    assert over == {f"day {bad.isoformat()}": 6.0}
    text = monitor(repo).stdout
    assert columns(text, "UK")[1:4] == [f"worst of 30 days: day {bad.isoformat()}", "60 / 1,000", "6.00 %"]
    assert columns(text, "UK")[4].startswith("OVER the cap (1 day(s) over")


def test_crtc_measures_the_calendar_month(repo: Path) -> None:
    # October heavy (10 %), November light (2 %): the 30 days ending 5 Nov are over 3 %, November is not over 5 %
    october = [
        {
            "campaign": DEFAULT_CAMPAIGN,
            "date": f"2026-10-{d:02d}",
            "attempted": 400,
            "connected": 100,
            "abandoned": 10,
        }
        for d in range(7, 32)
    ]
    november = [
        {
            "campaign": DEFAULT_CAMPAIGN,
            "date": f"2026-11-{d:02d}",
            "attempted": 400,
            "connected": 100,
            "abandoned": 2,
        }
        for d in range(1, 6)
    ]
    set_days(repo, october + november)
    project = repo / "reconciler.yaml"
    project.write_text(project.read_text().replace("jurisdictions: [US]", "jurisdictions: [CA]"))
    result = CliRunner().invoke(
        cli, ["monitor", "--config", str(project), "--as-of", "2026-11-05", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    [(key, window)] = windows(json.loads(result.stdout), DEFAULT_CAMPAIGN).items()
    assert key == ("CA", "calendar month 2026-11 to 2026-11-05")
    assert (window["abandoned"], window["connected"], window["standing"]) == (10, 500, "within")
    project.write_text(project.read_text().replace("jurisdictions: [CA]", "jurisdictions: [US]"))
    result = CliRunner().invoke(cli, ["monitor", "--config", str(project), "--as-of", "2026-11-05"])
    assert result.exit_code == 2  # the same days over a rolling 30 days


def test_the_project_s_policy_applies_to_the_measured_codes(repo: Path) -> None:
    set_days(repo, spread_days(US_CAMPAIGN, connected=1000, abandoned=40))
    project = repo / "reconciler.yaml"
    project.write_text(project.read_text().replace("policy: {}", "policy: {ABANDON-MEASURED: warning}"))
    code, document = report(repo)
    assert code == 0
    assert [(f["code"], f["severity"]) for f in document["findings"]] == [("ABANDON-MEASURED", "warning")]
    assert document["summary"]["over_cap"] is False


def test_the_out_report_carries_every_count_used(repo: Path, tmp_path: Path) -> None:
    set_days(repo, spread_days(US_CAMPAIGN, connected=1000, abandoned=40))
    out = tmp_path / "record.json"
    result = monitor(repo, "--format", "markdown", "--out", str(out))
    assert result.exit_code == 2
    assert result.stdout.startswith("## Abandonment measured on target local (genesys) up to 2026-11-30")
    document = json.loads(out.read_text())
    [item] = [item for item in document["objects"] if item["name"] == US_CAMPAIGN]
    for window in item["windows"]:
        first, last = window["window"]["first"], window["window"]["last"]
        inside = [day for day in item["days"] if first <= day["date"] <= last]
        assert window["abandoned"] == sum(day["abandoned"] for day in inside)
        assert window["connected"] == sum(day["connected"] for day in inside)
        assert window["attempted"] == sum(day["attempted"] for day in inside)
        assert window["sources"] and all("aggregates/query" in source for source in window["sources"])
    assert document["denominator"]["org_setting"] in {"ALL_CALLS", "CALLS_THAT_REACHED_QUEUE"}
    assert document["requests"] > 0


def test_sarif_and_github_give_the_findings_at_the_manifest(repo: Path) -> None:
    set_days(repo, spread_days(US_CAMPAIGN, connected=1000, abandoned=40))
    sarif = json.loads(monitor(repo, "--format", "sarif").stdout)
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "ABANDON-MEASURED" and result["level"] == "error"
    github = monitor(repo, "--format", "github")
    assert github.exit_code == 2
    assert github.stdout.startswith("::error file=")
    assert "title=ABANDON-MEASURED::" in github.stdout


def test_cxone_skills_are_measured_the_same_way(repo: Path) -> None:
    rows = spread_days("cx-renewals-outbound", connected=1000, abandoned=40)
    set_counts(repo, {"cxone": [{"skill": row.pop("campaign"), **row} for row in rows]}, target="local-cxone")
    code, document = report(repo, "--target", "local-cxone")
    assert code == 2
    us = windows(document, "cx-renewals-outbound")[("US", "30 days 2026-11-01 to 2026-11-30")]
    assert (us["abandoned"], us["connected"], us["standing"]) == (40, 1000, "over")
    assert all("/skills/summary" in source for source in us["sources"])
    assert document["denominator"]["org_setting"] == "UNKNOWN"
    [finding] = document["findings"]
    assert finding["address"] == "cxone/Skill/cx-renewals-outbound" and finding["message"].startswith(
        "Skill "
    )


def test_the_project_names_the_cxone_summary_fields_a_tenant_uses(repo: Path) -> None:
    rows = spread_days("cx-renewals-outbound", connected=1000, abandoned=40)
    set_counts(repo, {"cxone": [{"skill": row.pop("campaign"), **row} for row in rows]}, target="local-cxone")
    project = repo / "reconciler.yaml"
    project.write_text(project.read_text() + "monitor: {cxone_fields: {abandoned: abandonedContacts}}\n")
    code, document = report(repo, "--target", "local-cxone")
    assert code == 0  # the emulator answers abandonCount, not the field this project names
    us = windows(document, "cx-renewals-outbound")[("US", "30 days 2026-11-01 to 2026-11-30")]
    assert (us["abandoned"], us["connected"]) == (0, 1000)
    assert all("abandonedContacts" in source for source in us["sources"])


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running


def test_notify_sends_one_signed_compliance_breach(repo: Path, receiver: Receiver) -> None:
    project = repo / "reconciler.yaml"
    project.write_text(
        project.read_text().replace(
            "notifications: []\n",
            "notifications:\n  - {url_env: HOOK_URL, secret_env: HOOK_SECRET, events: [compliance.breach]}\n",
        )
    )
    set_days(repo, spread_days(US_CAMPAIGN, connected=1000, abandoned=40))
    env = {"HOOK_URL": receiver.url("/hooks/c?token=abc"), "HOOK_SECRET": SECRET}
    result = monitor(repo, "--notify", env=env)
    assert result.exit_code == 2
    [got] = receiver.received
    assert got.verified and got.headers["X-Reconciler-Event"] == "compliance.breach"
    data = got.json()["data"]
    assert data["campaigns"] == [f"genesys/Campaign/{US_CAMPAIGN}"] and data["as_of"] == "2026-11-30"
    [breach] = data["breaches"]
    assert (breach["jurisdiction"], breach["abandoned"], breach["connected"], breach["cap_percent"]) == (
        "US",
        40,
        1000,
        3.0,
    )
    assert "compliance.breach sent to 1 of 1 webhook(s)" in result.stderr


def test_notify_sends_nothing_within_the_caps(repo: Path, receiver: Receiver) -> None:
    set_days(repo, spread_days(US_CAMPAIGN, connected=1000, abandoned=10))
    result = monitor(repo, "--notify", env={"HOOK_URL": receiver.url()})
    assert result.exit_code == 0 and receiver.received == []


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--as-of", "30/11/2026"], "error: --as-of '30/11/2026' is not a date written YYYY-MM-DD"),
        (["--as-of", "2999-01-01"], "error: --as-of 2999-01-01 is in the future"),
        (["--target", "nowhere"], "error: unknown target 'nowhere' (reconciler.yaml has: local,"),
    ],
)
def test_bad_input_is_one_clear_error_and_exit_1(repo: Path, flags: list[str], message: str) -> None:
    done = run_cli("monitor", *flags, cwd=repo)
    assert done.code == 1
    assert done.stderr.startswith(message), done.stderr
    assert "Traceback" not in done.stderr
