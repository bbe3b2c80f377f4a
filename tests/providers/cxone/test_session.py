"""Opening CXone targets: the emulated one discovers the in-process emulator; real ones use env names."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from reconciler.config import Target
from reconciler.exceptions import AuthenticationError
from reconciler.providers.auth import CxonePasswordGrant
from reconciler.providers.cxone.discovery import API_PATH
from reconciler.providers.session import LOCAL_URL, open_session

ENV = {
    "client_id_env": "CX_CLIENT_ID",
    "client_secret_env": "CX_CLIENT_SECRET",
    "access_key_id_env": "CX_KEY_ID",
    "access_key_secret_env": "CX_KEY_SECRET",
}


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV.values():
        monkeypatch.setenv(name, f"value-of-{name.lower()}")


def _opened(target: Target, root: Path) -> tuple[str, str, dict[str, str]]:
    """(API base, token URL, default headers) of the session opened for `target`."""

    async def run() -> tuple[str, str, dict[str, str]]:
        async with open_session("t", target, root=root) as session:
            tokens = session.client.tokens
            assert isinstance(tokens, CxonePasswordGrant)
            return session.client.base_url, tokens.url, session.client.headers

    return asyncio.run(run())


def test_emulated_target_discovers_the_emulator_and_keeps_its_org(tmp_path: Path) -> None:
    base, token_url, headers = _opened(Target(platform="cxone", emulator=True), tmp_path)
    assert base == LOCAL_URL + API_PATH and token_url == LOCAL_URL + "/auth/token"
    assert headers["Accept"] == "application/json"
    assert (tmp_path / ".reconciler" / "t.json").is_file()


@pytest.mark.usefixtures("credentials")
def test_base_url_skips_discovery_and_hosts_the_token_endpoint(tmp_path: Path) -> None:
    target = Target.model_validate({"platform": "cxone", "base_url": "http://127.0.0.1:9", **ENV})
    base, token_url, _ = _opened(target, tmp_path)  # nothing listens on port 9: no request was made
    assert base == "http://127.0.0.1:9" + API_PATH and token_url == "http://127.0.0.1:9/auth/token"


@pytest.mark.usefixtures("credentials")
def test_gov_issuer_serves_the_token(tmp_path: Path) -> None:
    target = Target.model_validate(
        {"platform": "cxone", "issuer": "gov", "base_url": "https://api-gov.example.test", **ENV}
    )
    _, token_url, _ = _opened(target, tmp_path)
    assert token_url == "https://cxone-gov.niceincontact.com/auth/token"


def test_a_missing_environment_variable_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV.values():
        monkeypatch.delenv(name, raising=False)
    target = Target.model_validate({"platform": "cxone", **ENV})
    with pytest.raises(AuthenticationError, match="CX_CLIENT_ID"):
        _opened(target, tmp_path)
