"""The emulator as a server: an admin token off loopback, no credentials from any admin route, a body
cap on every route, 400 naming the field for a bad seed, state kept in .reconciler/, no temporary files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from reconciler.emulator.app import create_app
from reconciler.emulator.core import Emulator
from reconciler.emulator.server import ADMIN_TOKEN_ENV, admin_token_for
from reconciler.emulator.settings import Credentials, EmulatorSettings
from reconciler.emulator.state import EmulatorState
from reconciler.exceptions import ConfigError
from reconciler.providers.session import local_state_path
from tests.conftest import ROOT, run_cli
from tests.served import _wait_until_up, free_port

SECRET = "s3cret-client-secret-7731"
ADMIN = "admin-token-for-tests"
ADMIN_ROUTES = [
    ("POST", "/_emulator/reset"),
    ("POST", "/_emulator/seed"),
    ("GET", "/_emulator/snapshot"),
    ("GET", "/_emulator/settings"),
    ("PATCH", "/_emulator/settings"),
    ("POST", "/_emulator/external-edit"),
    ("GET", "/_emulator/requests"),
    ("GET", "/_emulator/history?campaign=x&hours=2"),
]


def _emulator(**settings: object) -> Emulator:
    credentials = Credentials(client_secret=SECRET, access_key_secret=SECRET)
    return Emulator(settings=EmulatorSettings(credentials=credentials, **settings))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("host", "needs_token"),
    [
        ("127.0.0.1", False),
        ("127.0.0.2", False),
        ("::1", False),
        ("localhost", False),
        ("0.0.0.0", True),
        ("::", True),
        ("192.168.1.20", True),
        ("emulator.example.com", True),
    ],
)
def test_a_token_is_generated_for_any_address_but_loopback(host: str, needs_token: bool) -> None:
    token, generated = admin_token_for(host, None)
    assert (token is not None) is needs_token and generated is needs_token
    assert token is None or len(token) >= 32
    assert admin_token_for(host, "given") == ("given", False)  # a given token is required everywhere


def test_an_exposed_app_refuses_the_admin_api_without_the_token() -> None:
    with TestClient(create_app(_emulator(), admin_token=ADMIN)) as client:
        for method, path in ADMIN_ROUTES:
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": ADMIN}):
                answer = client.request(method, path, headers=headers, json={})
                assert answer.status_code == 401, (method, path, headers)
            allowed = client.request(method, path, headers={"Authorization": f"Bearer {ADMIN}"}, json={})
            assert allowed.status_code != 401, (method, path)
        assert client.get("/_emulator/health").status_code == 200  # liveness probes carry no token


def test_serve_with_an_admin_token_requires_it(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, ADMIN_TOKEN_ENV: ADMIN}
    command = [sys.executable, "-m", "reconciler", "emulator", "serve", "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        assert httpx.get(f"{url}/_emulator/snapshot", timeout=5).status_code == 401
        bearer = {"Authorization": f"Bearer {ADMIN}"}
        assert httpx.get(f"{url}/_emulator/snapshot", headers=bearer, timeout=5).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert process.stderr is not None and ADMIN not in process.stderr.read()  # given tokens are not echoed


def test_no_admin_route_returns_the_credentials() -> None:
    with TestClient(create_app(_emulator())) as client:
        seen = [client.request(method, path, json={}).text for method, path in ADMIN_ROUTES]
        patched = client.patch("/_emulator/settings", json={"credentials": {"client_secret": "rotated-9931"}})
        seen.append(patched.text)
        seen.append(client.get("/_emulator/settings").text)
        refused = client.post(
            "/oauth/token", data={"grant_type": "client_credentials"}, auth=("emulator", "wrong")
        )
        seen.append(refused.text)
    assert patched.status_code == 200 and "credentials" not in patched.json()
    for text in seen:
        assert SECRET not in text and "rotated-9931" not in text and "emulator-secret" not in text


def test_request_bodies_over_the_cap_get_413_on_every_route() -> None:
    emulator = _emulator(max_body_bytes=1024)
    big = b"{" + b" " * 4096 + b"}"
    with TestClient(create_app(emulator)) as client:
        for path in ("/_emulator/seed", "/oauth/token", "/api/v2/outbound/campaigns", "/nowhere"):
            answer = client.post(path, content=big, headers={"Content-Type": "application/json"})
            assert answer.status_code == 413, path
            assert "larger than 1,024 bytes" in answer.json()["error"]
        chunks = (b" " * 512 for _ in range(8))  # no Content-Length: counted as it arrives
        assert client.post("/_emulator/seed", content=chunks).status_code == 413
        assert client.post("/_emulator/seed", json={"genesys": {}}).status_code == 200  # under the cap


def test_serve_caps_bodies_over_the_network(tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "reconciler", "emulator", "serve", "--port", str(port)]
    process = subprocess.Popen([*command, "--max-body-bytes", "65536"], cwd=ROOT, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)  # type: ignore[arg-type]
        answer = httpx.post(f"{url}/_emulator/seed", content=b" " * 1_000_000, timeout=10)
        assert answer.status_code == 413
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize(
    ("seed", "field"),
    [
        ({"cxone": []}, "seed cxone: expected an object"),
        ({"genesys": {"campaigns": {"a": 1}}}, "seed genesys.campaigns: expected a list"),
        ({"lookups": {"queues": ["Renewals"]}}, "seed lookups.queues[0]: expected an object"),
        ({"cxone": {"skills": [1]}}, "seed cxone.skills[0]: expected an object"),
        ({"cxone": {"parameters": []}}, "seed cxone.parameters: expected an object"),
        ({"singletons": []}, "seed singletons: expected an object"),
        ({"format": 3}, "seed format: expected a string"),
    ],
)
def test_a_bad_seed_gets_400_naming_the_field(seed: dict[str, object], field: str) -> None:
    with TestClient(create_app(_emulator()), raise_server_exceptions=False) as client:
        before = client.get("/_emulator/snapshot").json()
        answer = client.post("/_emulator/seed", json=seed)
        assert answer.status_code == 400 and field in answer.json()["error"]
        assert client.get("/_emulator/snapshot").json() == before


def test_a_seed_failing_half_way_changes_nothing() -> None:
    seed = {
        "genesys": {"callabletimesets": [{"name": "kept-out", "callableTimes": []}]},
        "cxone": {"dnc_records": {"no-such-group": ["+15555550100"]}},
    }
    with TestClient(create_app(_emulator()), raise_server_exceptions=False) as client:
        before = client.get("/_emulator/snapshot").json()
        answer = client.post("/_emulator/seed", json=seed)
        assert answer.status_code == 400 and "unknown dnc_group: no-such-group" in answer.json()["error"]
        assert client.get("/_emulator/snapshot").json() == before


@pytest.mark.parametrize("name", ["../../escaped", "/tmp/escaped", "..", ".hidden", "a/b", "x" * 65])
def test_a_target_name_cannot_place_the_state_outside_reconciler(tmp_path: Path, name: str) -> None:
    repo = tmp_path / "deep" / "repo"
    (repo / "campaigns").mkdir(parents=True)
    (repo / "reconciler.yaml").write_text(
        f"manifests: campaigns/\ntargets:\n  {json.dumps(name)}: {{platform: genesys, emulator: true}}\n"
    )
    done = run_cli("plan", "--target", name, cwd=repo)
    assert done.code == 1 and "Traceback" not in done.stderr
    assert "reconciler.yaml:2: targets: target name" in done.stderr and "plain file name" in done.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "deep",
        "deep/repo",
        "deep/repo/campaigns",
        "deep/repo/reconciler.yaml",
    ]
    with pytest.raises(ConfigError, match="not a plain file name"):
        local_state_path(repo, name)


def test_a_symlinked_state_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    repo = tmp_path / "repo"
    (repo / "campaigns").mkdir(parents=True)
    (repo / ".reconciler").symlink_to(elsewhere)
    (repo / "reconciler.yaml").write_text(
        "manifests: campaigns/\ntargets:\n  local: {platform: genesys, emulator: true}\n"
    )
    done = run_cli("plan", "--target", "local", cwd=repo)
    assert done.code == 1 and "is a symbolic link" in done.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_failed_save_leaves_no_temporary_file(tmp_path: Path) -> None:
    state = EmulatorState(meta={"not json": {1, 2}})
    with pytest.raises(TypeError):
        state.save(tmp_path / "local.json")
    assert list(tmp_path.iterdir()) == []


def test_temporary_files_of_a_killed_writer_are_removed_by_the_next_run(tmp_path: Path) -> None:
    folder = tmp_path / ".reconciler"
    folder.mkdir()
    left = [folder / ".local.json.k1ll3d_9", folder / ".local.json.abcd1234.tmp"]
    fresh = folder / ".local.json.inflight.tmp"  # too young to be dead: another writer's, kept
    for path in (*left, fresh):
        path.write_text("{")
    old = time.time() - 3600
    for path in left:
        os.utime(path, (old, old))
    (tmp_path / "campaigns").mkdir()
    (tmp_path / "reconciler.yaml").write_text(
        "manifests: campaigns/\ntargets:\n  local: {platform: genesys, emulator: true}\n"
    )
    done = run_cli("plan", "--target", "local", cwd=tmp_path)
    assert done.code == 0, done.stderr
    assert sorted(path.name for path in folder.iterdir()) == [".local.json.inflight.tmp", "local.json"]
