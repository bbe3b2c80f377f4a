"""DNC safety through the command line, against a served emulator on loopback (a fresh org).

Nothing on a DNC list disappears without an explicit, reviewed, counted instruction: numbers added live
are kept (additive, the default), removals need exact mode and --allow-delete and are refused under
prevent-destroy, an empty source is refused whatever the flags, and bad entries are errors with lines.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import CliResult, run_cli
from tests.served import CLIENT_ID, CLIENT_SECRET, genesys_token, served_emulator

DNC = "/api/v2/outbound/dnclists"
NUMBERS = tuple(f"+121255501{n:02d}" for n in range(1, 13))
LIVE_ADDED = "+12125550177"


def _manifest(*, mode: str | None = None, protected: bool = False) -> str:
    annotations = '  annotations:\n    reconciler/prevent-destroy: "true"\n' if protected else ""
    mode_line = f"  entries_mode: {mode}\n" if mode else ""
    return (
        "apiVersion: genesys/v1\nkind: DncList\nmetadata:\n  name: internal-dnc\n"
        f"{annotations}spec:\n  dnc_source_type: rds\n  contact_method: Phone\n{mode_line}  entries: dnc.csv\n"
    )


class Repo:
    """A config repo whose only target is the served emulator; manifests and CSV are rewritten per step."""

    def __init__(self, root: Path, url: str) -> None:
        self.root, self.url = root, url
        (root / "campaigns").mkdir()
        (root / "reconciler.yaml").write_text(
            textwrap.dedent(
                f"""
                manifests: campaigns/
                default_target: served
                targets:
                  served:
                    platform: genesys
                    base_url: {url}
                    auth_url: {url}
                    client_id_env: RECONCILER_TEST_CLIENT_ID
                    client_secret_env: RECONCILER_TEST_CLIENT_SECRET
                    rate_limit_per_minute: 6000
                """
            )
        )
        self.write(_manifest(), NUMBERS)

    def write(self, manifest: str, numbers: tuple[str, ...]) -> None:
        (self.root / "campaigns" / "dnc.yaml").write_text(manifest)
        (self.root / "campaigns" / "dnc.csv").write_text(
            "phone_number\n" + "".join(f"{n}\n" for n in numbers)
        )

    def cli(self, *args: str) -> CliResult:
        return run_cli(*args, cwd=self.root)

    def live_numbers(self) -> set[str]:
        org = httpx.get(f"{self.url}/_emulator/snapshot", timeout=5).json()
        (list_id,) = [
            item["id"] for item in org["genesys"]["dnclists"].values() if item["name"] == "internal-dnc"
        ]
        return set(org["dnc_numbers"].get(list_id, {}))

    def add_live(self, number: str, *, action: str = "Add") -> None:
        """What a wrap-up rule, an agent or an integration does: the platform's own PATCH Add (or Remove)."""
        headers = genesys_token(self.url)
        lists = httpx.get(f"{self.url}{DNC}", headers=headers, timeout=5).json()["entities"]
        (list_id,) = [item["id"] for item in lists if item["name"] == "internal-dnc"]
        body = {"action": action, "phoneNumbers": [number]}
        answer = httpx.patch(f"{self.url}{DNC}/{list_id}/phonenumbers", json=body, headers=headers, timeout=5)
        assert answer.status_code == 204, answer.text


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repo]:
    monkeypatch.setenv("RECONCILER_TEST_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("RECONCILER_TEST_CLIENT_SECRET", CLIENT_SECRET)
    with served_emulator(tmp_path / "org.json") as url:
        (tmp_path / "repo").mkdir()
        repo = Repo(tmp_path / "repo", url)
        applied = repo.cli("apply", "--auto-approve")
        assert applied.code == 0, applied.stdout + applied.stderr
        assert repo.live_numbers() == set(NUMBERS)
        yield repo


def _plan(repo: Repo) -> dict[str, object]:
    result = repo.cli("plan", "--format", "json")
    assert result.code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _change(plan: dict[str, object]) -> dict[str, object]:
    changes = plan["resource_changes"]
    assert isinstance(changes, list)
    found: dict[str, object] = next(c for c in changes if c["address"] == "genesys/DncList/internal-dnc")
    return found


def test_a_number_added_live_survives_apply_in_additive_mode(repo: Repo) -> None:
    repo.add_live(LIVE_ADDED)
    plan = _plan(repo)
    assert _change(plan)["actions"] == ["no-op"]
    (kept,) = plan["unmanaged_numbers"]  # type: ignore[misc]
    assert kept["count"] == 1 and kept["samples"][0].startswith("***0177")
    text = repo.cli("plan", "--detailed-exitcode")
    assert text.code == 0, text.stdout + text.stderr
    assert "1 live number(s) in entries not declared in git, kept (additive mode)" in text.stdout
    assert "2125550177" not in text.stdout
    applied = repo.cli("apply", "--auto-approve")
    assert applied.code == 0, applied.stdout + applied.stderr
    assert repo.live_numbers() == {*NUMBERS, LIVE_ADDED}
    drift = repo.cli("drift")
    assert drift.code == 0, drift.stdout  # kept numbers are not drift
    assert "kept (additive mode)" in drift.stdout


def test_exact_removals_need_allow_delete_and_are_counted_first(repo: Repo) -> None:
    repo.add_live(LIVE_ADDED)
    repo.write(_manifest(mode="exact"), (*NUMBERS, "+12125550150"))
    plan = _plan(repo)
    numbers = _change(plan)["numbers"]
    assert isinstance(numbers, dict)
    assert (numbers["add"], numbers["remove"]) == (1, 1) and numbers["removed"][0].startswith("***0177")
    assert plan["summary"]["dnc-remove"] == 1  # type: ignore[index]
    for output in ("text", "markdown"):
        shown = repo.cli("plan", "--format", output).stdout
        assert "REMOVE 1 number(s) (exact mode)" in shown, output
        assert "1 DNC number(s) to remove" in shown or "| 1 |" in shown, output
    sarif = json.loads(repo.cli("plan", "--format", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["summary"]["dnc-remove"] == 1
    refused = repo.cli("apply", "--auto-approve")
    assert refused.code == 1 and "--allow-delete" in refused.stderr + refused.stdout
    assert repo.live_numbers() == {*NUMBERS, LIVE_ADDED}
    applied = repo.cli("apply", "--auto-approve", "--allow-delete")
    assert applied.code == 0, applied.stdout + applied.stderr
    assert repo.live_numbers() == {*NUMBERS, "+12125550150"}


def test_prevent_destroy_refuses_exact_removals_outright(repo: Repo) -> None:
    repo.add_live(LIVE_ADDED)
    repo.write(_manifest(mode="exact", protected=True), NUMBERS)
    refused = repo.cli("apply", "--auto-approve", "--allow-delete")
    assert refused.code == 1
    assert "DELETE-PROTECTED" in refused.stdout + refused.stderr
    assert repo.live_numbers() == {*NUMBERS, LIVE_ADDED}


def test_a_header_only_csv_is_refused_and_the_list_untouched(repo: Repo) -> None:
    for mode in (None, "exact"):
        repo.write(_manifest(mode=mode), ())
        for args in (("apply", "--auto-approve"), ("apply", "--auto-approve", "--allow-delete")):
            refused = repo.cli(*args)
            assert refused.code == 1, (mode, args)
            assert "DNC-SHRINK" in refused.stdout + refused.stderr
            assert "Traceback" not in refused.stderr
        assert repo.live_numbers() == set(NUMBERS)


def test_a_large_exact_shrink_is_refused_even_with_allow_delete(repo: Repo) -> None:
    repo.write(_manifest(mode="exact"), NUMBERS[:6])
    refused = repo.cli("apply", "--auto-approve", "--allow-delete")
    assert refused.code == 1 and "DNC-SHRINK" in refused.stdout + refused.stderr
    assert "remove 6 of the 12 live numbers (50.0 %)" in refused.stdout + refused.stderr
    assert repo.live_numbers() == set(NUMBERS)


def test_a_one_digit_change_is_visible_in_every_format(repo: Repo) -> None:
    repo.write(_manifest(), (*NUMBERS[:-1], "+12125550113"))  # ...0112 -> ...0113
    for output in ("text", "markdown", "json"):
        shown = repo.cli("plan", "--format", output).stdout
        assert "***0113" in shown and "***0112" in shown, output
        assert "2125550113" not in shown and "2125550112" not in shown, output


def test_entries_that_are_not_e164_or_are_formulas_are_errors_with_lines(repo: Repo) -> None:
    rows = (NUMBERS[0], "(212) 555 0194", '=HYPERLINK("http://example.invalid","call")', "2125550195")
    repo.write(_manifest(), rows)
    result = repo.cli("validate", "campaigns")
    assert result.code == 1
    for line in (3, 4, 5):
        assert f"dnc.csv:{line}" in result.stdout, result.stdout
    assert "spreadsheet formula" in result.stdout and "HYPERLINK" not in result.stdout
    refused = repo.cli("apply", "--auto-approve")
    assert refused.code == 1 and "DNC-ENTRY" in refused.stdout + refused.stderr
    assert repo.live_numbers() == set(NUMBERS)


def test_a_declared_number_removed_live_is_drift_and_the_next_apply_adds_it_back(repo: Repo) -> None:
    repo.add_live(NUMBERS[0], action="Remove")
    drift = repo.cli("drift", "--format", "json")
    assert drift.code == 2, drift.stdout + drift.stderr
    (entry,) = json.loads(drift.stdout)["resource_drift"]
    (field,) = entry["fields"]
    assert field["path"].startswith("entries[***0101#") and field["live"] is None
    applied = repo.cli("apply", "--auto-approve")
    assert applied.code == 0 and "entries: add 1 number(s): ***0101#" in applied.stdout
    assert repo.live_numbers() == set(NUMBERS)
    audit = (repo.root / ".reconciler" / "audit.jsonl").read_text().splitlines()
    assert json.loads(audit[-1])["paths"] == ["entries: 1 number(s) added"]  # counted, never the number


def _git(root: Path, *args: str) -> None:
    identity = ("-c", "user.name=Reviewer", "-c", "user.email=reviewer@example.invalid")
    subprocess.run(["git", *identity, *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def committed(tmp_path: Path) -> Path:
    """A git checkout whose DNC list (additive) declares 20 numbers in a committed CSV."""
    root = tmp_path / "config"
    (root / "campaigns").mkdir(parents=True)
    (root / "reconciler.yaml").write_text("manifests: campaigns/\n")
    (root / "campaigns" / "dnc.yaml").write_text(_manifest())
    twenty = "".join(f"+121255501{n:02d}\n" for n in range(1, 21))
    (root / "campaigns" / "dnc.csv").write_text("phone_number\n" + twenty)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "twenty numbers")
    return root


def _truncate(root: Path, keep: int) -> None:
    """The CSV with only the first `keep` of the twenty numbers."""
    kept = "".join(f"+121255501{n:02d}\n" for n in range(1, keep + 1))
    (root / "campaigns" / "dnc.csv").write_text("phone_number\n" + kept)


def test_an_additive_source_that_shrinks_against_git_is_refused(committed: Path) -> None:
    _truncate(committed, 15)  # an uncommitted truncated export: 5 of 20 gone
    result = run_cli("validate", "campaigns", cwd=committed)
    assert result.code == 1
    assert (
        "DNC-SHRINK" in result.stdout
        and "drops 5 of the 20 it declared at git HEAD (25.0 %)" in result.stdout
    )
    assert "campaigns/dnc.yaml:8" in result.stdout  # the manifest's entries line
    _truncate(committed, 19)  # one number of twenty (5 %) is within the bound
    assert run_cli("validate", "campaigns", cwd=committed).code == 0


def test_ci_measures_a_shrink_against_the_previous_commit(
    committed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _truncate(committed, 10)
    _git(committed, "commit", "-q", "-am", "truncated export")
    assert run_cli("validate", "campaigns", cwd=committed).code == 0  # HEAD holds the truncation itself
    monkeypatch.setenv("RECONCILER_DNC_BASELINE_REF", "HEAD^1")  # what the shipped workflows set
    result = run_cli("validate", "campaigns", cwd=committed)
    assert result.code == 1 and "declared at git HEAD^1 (50.0 %)" in result.stdout
    (committed / "reconciler.yaml").write_text("manifests: campaigns/\ndnc: {baseline_ref: null}\n")
    monkeypatch.delenv("RECONCILER_DNC_BASELINE_REF")
    assert run_cli("validate", "campaigns", cwd=committed).code == 0
