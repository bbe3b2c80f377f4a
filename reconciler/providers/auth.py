"""Access tokens: Genesys client credentials and CXone password grant, cached until near expiry.

Secrets come from environment variables named in reconciler.yaml; they are held in `Secret` values
whose repr never shows them, and they are never logged.
"""

from __future__ import annotations

import asyncio
import base64
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import httpx

from reconciler.exceptions import AuthenticationError
from reconciler.providers.bounded import SMALL_ANSWER, send_bounded
from reconciler.redaction import register_secret

REFRESH_EARLY_SECONDS = 60


@dataclass(frozen=True)
class Secret:
    value: str

    def __repr__(self) -> str:
        return "Secret(****)"

    __str__ = __repr__


def secret_from_env(name: str | None, *, what: str, environ: dict[str, str] | None = None) -> Secret:
    """The secret in environment variable `name`; a clear error when unset."""
    source = os.environ if environ is None else environ
    if name is None:
        raise AuthenticationError(f"no environment variable is configured for the {what}")
    value = source.get(name)
    if not value:
        raise AuthenticationError(f"environment variable {name} ({what}) is not set")
    return Secret(value)


class TokenSource(Protocol):
    async def token(self, http: httpx.AsyncClient, *, refresh: bool = False) -> str: ...


class _CachedToken:
    """A token reused until REFRESH_EARLY_SECONDS before it expires; one fetch at a time."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._token: str | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def get(
        self,
        http: httpx.AsyncClient,
        *,
        url: str,
        form: dict[str, str],
        basic: tuple[Secret, Secret],
        refresh: bool,
    ) -> str:
        async with self._lock:
            if (
                not refresh
                and self._token is not None
                and self._clock() < self._expires - REFRESH_EARLY_SECONDS
            ):
                return self._token
            try:
                request = http.build_request("POST", url, data=form, headers=_basic(basic))
                response = await send_bounded(http, request, SMALL_ANSWER)
            except httpx.TransportError as exc:
                raise AuthenticationError(
                    f"cannot reach the token endpoint {url}: {type(exc).__name__}"
                ) from None
            token, expires_in = _parse_token(response, url)
            register_secret(token)  # an echo of the token, with or without "Bearer", is redacted
            self._token, self._expires = token, self._clock() + expires_in
            return token


def _basic(pair: tuple[Secret, Secret]) -> dict[str, str]:
    """The HTTP Basic Authorization header of a client id and secret (RFC 7617)."""
    encoded = base64.b64encode(f"{pair[0].value}:{pair[1].value}".encode()).decode("ascii")
    return {"Authorization": f"Basic {encoded}"}


def _parse_token(response: httpx.Response, url: str) -> tuple[str, float]:
    if response.status_code in (400, 401, 403):
        raise AuthenticationError(
            f"the token endpoint {url} refused the credentials (HTTP {response.status_code})"
        )
    if response.status_code != 200:
        raise AuthenticationError(f"the token endpoint {url} answered HTTP {response.status_code}")
    try:
        body = response.json()
        return str(body["access_token"]), float(body.get("expires_in", 3600))
    except (ValueError, KeyError, TypeError) as exc:  # HTML, cut short, or not an object
        raise AuthenticationError(f"the token endpoint {url} sent no access_token") from exc


class GenesysClientCredentials:
    """POST {login host}/oauth/token with HTTP Basic client id and secret (genesys-api.md §5)."""

    def __init__(
        self,
        *,
        auth_url: str,
        client_id: Secret,
        client_secret: Secret,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = auth_url.rstrip("/") + "/oauth/token"
        self._id, self._secret = client_id, client_secret
        self._cache = _CachedToken(clock)

    async def token(self, http: httpx.AsyncClient, *, refresh: bool = False) -> str:
        form = {"grant_type": "client_credentials"}
        return await self._cache.get(
            http, url=self.url, form=form, basic=(self._id, self._secret), refresh=refresh
        )


class CxonePasswordGrant:
    """POST {issuer}/auth/token, password grant with the access key, client id/secret as Basic (cxone-api.md §2.1)."""

    def __init__(
        self,
        *,
        auth_url: str,
        client_id: Secret,
        client_secret: Secret,
        access_key_id: Secret,
        access_key_secret: Secret,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = auth_url.rstrip("/") + "/auth/token"
        self._client = (client_id, client_secret)
        self._key = (access_key_id, access_key_secret)
        self._cache = _CachedToken(clock)

    async def token(self, http: httpx.AsyncClient, *, refresh: bool = False) -> str:
        form = {"grant_type": "password", "username": self._key[0].value, "password": self._key[1].value}
        return await self._cache.get(http, url=self.url, form=form, basic=self._client, refresh=refresh)
