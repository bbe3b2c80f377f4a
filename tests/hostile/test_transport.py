"""Transport rules: credentials travel over plain http only to loopback (or an `insecure: true` target,
with a warning every run); link-local and metadata addresses are refused for targets and webhooks."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reconciler.transport import forbidden, is_loopback, refusal
from tests.conftest import CliResult, run_cli
from tests.served import CLIENT_ID, CLIENT_SECRET, served_emulator

ENV = {"RECONCILER_TEST_CLIENT_ID": CLIENT_ID, "RECONCILER_TEST_CLIENT_SECRET": CLIENT_SECRET}
MANIFEST = (
    "apiVersion: genesys/v1\nkind: DncList\nmetadata:\n  name: hostile-dnc\nspec:\n  dnc_source_type: rds\n"
)


def _repo(root: Path, target: str, *, notifications: str = "[]") -> Path:
    (root / "campaigns").mkdir(parents=True, exist_ok=True)
    (root / "campaigns" / "dnc.yaml").write_text(MANIFEST + "  contact_method: Phone\n")
    (root / "reconciler.yaml").write_text(
        "manifests: campaigns/\ndefault_target: t\ntargets:\n  t:\n"
        + textwrap.indent(textwrap.dedent(target).strip("\n"), "    ")
        + "\n    client_id_env: RECONCILER_TEST_CLIENT_ID\n    client_secret_env: RECONCILER_TEST_CLIENT_SECRET\n"
        + f"notifications: {notifications}\n"
    )
    return root


def _plan(root: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> CliResult:
    for name, value in {**ENV, **env}.items():
        monkeypatch.setenv(name, value)
    return run_cli("plan", cwd=root)


def _line_of(root: Path, text: str) -> int:
    lines = (root / "reconciler.yaml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize("setting", ["base_url", "auth_url"])
def test_plain_http_to_another_host_is_refused_naming_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    other = "auth_url" if setting == "base_url" else "base_url"
    root = _repo(
        tmp_path,
        f"platform: genesys\n{setting}: http://api.example.invalid\n{other}: https://api.example.invalid",
    )
    done = _plan(root, monkeypatch)
    assert done.code == 1
    line = _line_of(root, f"{setting}:")
    assert f"reconciler.yaml:{line}: targets.t.{setting}:" in done.stderr
    assert "plain http:// to api.example.invalid" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254",
        "https://169.254.169.254/latest",
        "http://2852039166",  # 169.254.169.254 as the resolver reads a bare number
        "http://[fd00:ec2::254]",
        "https://metadata.google.internal",
        "http://[fe80::1]:8080",
        "http://169.254.10.1",
    ],
)
def test_metadata_and_link_local_targets_are_refused_even_when_insecure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    root = _repo(tmp_path, f"platform: genesys\ninsecure: true\nbase_url: {url}")
    done = _plan(root, monkeypatch)
    assert done.code == 1
    assert f"reconciler.yaml:{_line_of(root, 'base_url:')}: targets.t.base_url:" in done.stderr
    assert "not even with insecure: true" in done.stderr and "Traceback" not in done.stderr


def test_insecure_target_is_allowed_with_a_warning_on_every_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(tmp_path, "platform: genesys\ninsecure: true\nbase_url: http://api.example.invalid")
    for _ in range(2):  # allowed: the run gets as far as connecting (a .invalid host never resolves)
        done = _plan(root, monkeypatch)
        assert "warning: target 't' has insecure: true" in done.stderr
        assert "clear text to api.example.invalid" in done.stderr
        assert "targets.t.base_url" not in done.stderr


def test_loopback_http_still_works_and_insecure_warns_there_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with served_emulator(tmp_path / "state.json") as url:
        root = _repo(tmp_path / "repo", f"platform: genesys\nbase_url: {url}\nauth_url: {url}")
        done = _plan(root, monkeypatch)
        assert done.code == 0, done.stderr
        assert "hostile-dnc" in done.stdout and "insecure" not in done.stderr
        root = _repo(tmp_path / "repo", f"platform: genesys\ninsecure: true\nbase_url: {url}")
        for _ in range(2):
            done = _plan(root, monkeypatch)
            assert done.code == 0, done.stderr
            assert done.stderr.count("warning: target 't' has insecure: true") == 1


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("http://hooks.example.com/T0KEN-in-path", "plain http:// to hooks.example.com"),
        ("https://169.254.169.254/hook", "cloud metadata endpoint"),
        ("http://[fe80::2]/hook", "link-local address"),
    ],
)
def test_webhook_urls_are_refused_before_apply_changes_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, said: str
) -> None:
    root = _repo(
        tmp_path / "repo",
        "platform: genesys\nemulator: true",
        notifications="\n  - url_env: WFM_WEBHOOK_URL\n    events: [apply.started, apply.finished]",
    )
    monkeypatch.setenv("WFM_WEBHOOK_URL", url)
    done = run_cli("apply", "--auto-approve", cwd=root)
    assert done.code == 1
    line = _line_of(root, "url_env: WFM_WEBHOOK_URL")
    assert f"reconciler.yaml:{line}: notifications[0].url_env: the URL in WFM_WEBHOOK_URL" in done.stderr
    assert said in done.stderr and "T0KEN" not in done.stderr and "Traceback" not in done.stderr
    assert not (root / ".reconciler" / "audit.jsonl").exists()  # refused before anything was applied


def test_a_loopback_webhook_is_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _repo(
        tmp_path / "repo",
        "platform: genesys\nemulator: true",
        notifications="\n  - url_env: WFM_WEBHOOK_URL\n    events: [apply.finished]",
    )
    monkeypatch.setenv("WFM_WEBHOOK_URL", "http://127.0.0.1:9/hook")  # nothing listens: a failed delivery
    done = run_cli("apply", "--auto-approve", cwd=root)
    assert done.code == 0, done.stderr
    assert "notification apply.finished to http://127.0.0.1:9 failed" in done.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("LOCALHOST", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.1", False),
        ("localhost.example.com", False),
    ],
)
def test_loopback_is_decided_from_the_literal_without_dns(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_address_forms_the_resolver_accepts_are_judged_as_addresses() -> None:
    for host in ("0xA9FEA9FE", "169.254.43518", "::ffff:169.254.169.254", "metadata.google.internal."):
        assert forbidden(host) is not None, host
    assert refusal("http://0x7f000001:8700") is None  # 127.0.0.1 written as one hex number
    assert refusal("ftp://127.0.0.1") is not None
