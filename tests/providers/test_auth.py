from __future__ import annotations

import asyncio

import pytest

from reconciler.emulator.core import Emulator
from reconciler.exceptions import AuthenticationError
from reconciler.providers.auth import CxonePasswordGrant, GenesysClientCredentials, Secret, secret_from_env
from tests.providers.conftest import EMULATOR_URL, ID, SECRET, in_process


def test_genesys_token_is_fetched_once_and_cached() -> None:
    emulator = Emulator()
    source = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET)

    async def run() -> tuple[str, str, str]:
        async with in_process(emulator) as http:
            return (
                await source.token(http),
                await source.token(http),
                await source.token(http, refresh=True),
            )

    first, second, refreshed = asyncio.run(run())
    assert first == second != refreshed
    assert len(emulator.tokens) == 2


def test_cxone_password_grant() -> None:
    emulator = Emulator()
    source = CxonePasswordGrant(
        auth_url=EMULATOR_URL, client_id=ID, client_secret=SECRET, access_key_id=ID, access_key_secret=SECRET
    )

    async def run() -> str:
        async with in_process(emulator) as http:
            return await source.token(http)

    token = asyncio.run(run())
    assert emulator.tokens[token].platform == "cxone"


def test_refused_credentials_are_an_authentication_error_without_the_secret() -> None:
    source = GenesysClientCredentials(auth_url=EMULATOR_URL, client_id=ID, client_secret=Secret("hunter2"))

    async def run() -> str:
        async with in_process(Emulator()) as http:
            return await source.token(http)

    with pytest.raises(AuthenticationError) as err:
        asyncio.run(run())
    assert "refused the credentials" in str(err.value) and "hunter2" not in str(err.value)


def test_secrets_come_from_the_environment_and_never_print() -> None:
    secret = secret_from_env("APP_SECRET", what="client secret", environ={"APP_SECRET": "s3cr3t"})
    assert secret.value == "s3cr3t" and "s3cr3t" not in repr(secret) and "s3cr3t" not in str(secret)
    with pytest.raises(AuthenticationError, match=r"APP_SECRET \(client secret\) is not set"):
        secret_from_env("APP_SECRET", what="client secret", environ={})
