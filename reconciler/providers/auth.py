"""Access tokens: Genesys client credentials, CXone password grant or access key, cached until near expiry.

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
from typing import Literal, Protocol

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
        self.id_token: str | None = None
        """The id_token of the last answer, when the endpoint sent one (CXone: it names the tenant)."""

    async def get(
        self,
        http: httpx.AsyncClient,
        *,
        url: str,
        build: Callable[[httpx.AsyncClient], httpx.Request],
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
                response = await send_bounded(http, build(http), SMALL_ANSWER)
            except httpx.TransportError as exc:
                raise AuthenticationError(
                    f"cannot reach the token endpoint {url}: {type(exc).__name__}"
                ) from None
            token, expires_in, id_token = _parse_token(response, url)
            register_secret(token)  # an echo of the token, with or without "Bearer", is redacted
            if id_token is not None:
                register_secret(id_token)
            self._token, self._expires, self.id_token = token, self._clock() + expires_in, id_token
            return token


def _form_request(
    url: str, form: dict[str, str], basic: tuple[Secret, Secret] | None
) -> Callable[[httpx.AsyncClient], httpx.Request]:
    """A form-encoded token request; the client id and secret as HTTP Basic, or in the form when None."""

    def build(http: httpx.AsyncClient) -> httpx.Request:
        return http.build_request("POST", url, data=form, headers=_basic(basic) if basic else None)

    return build


def _basic(pair: tuple[Secret, Secret]) -> dict[str, str]:
    """The HTTP Basic Authorization header of a client id and secret (RFC 7617)."""
    encoded = base64.b64encode(f"{pair[0].value}:{pair[1].value}".encode()).decode("ascii")
    return {"Authorization": f"Basic {encoded}"}


def _parse_token(response: httpx.Response, url: str) -> tuple[str, float, str | None]:
    if response.status_code in (400, 401, 403):
        raise AuthenticationError(
            f"the token endpoint {url} refused the credentials (HTTP {response.status_code})"
        )
    if response.status_code != 200:
        raise AuthenticationError(f"the token endpoint {url} answered HTTP {response.status_code}")
    try:
        body = response.json()
        id_token = body.get("id_token")
        return (
            str(body["access_token"]),
            float(body.get("expires_in", 3600)),
            id_token if isinstance(id_token, str) and id_token else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # HTML, cut short, or not an object
        raise AuthenticationError(f"the token endpoint {url} sent no access_token") from exc


class GenesysClientCredentials:
    """POST {login host}/oauth/token with HTTP Basic client id and secret (developer.genesys.cloud/authorization/platform-auth/use-client-credentials)."""

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
        build = _form_request(self.url, {"grant_type": "client_credentials"}, (self._id, self._secret))
        return await self._cache.get(http, url=self.url, build=build, refresh=refresh)


ClientAuth = Literal["basic", "post"]
"""How the CXone client id and secret travel: HTTP Basic (client_secret_basic, the issuer's documented
method) or in the form body (client_secret_post, which an app registration may choose instead)."""


class CxonePasswordGrant:
    """POST {issuer}/auth/token, password grant with the access key (developer.niceincontact.com/Documentation/APIAuthenticationAndAuthorization).

    The client id and secret go as HTTP Basic by default, or in the form (client_auth "post"). The
    answer's id_token names the tenant (reconciler.providers.cxone.discovery)."""

    def __init__(
        self,
        *,
        auth_url: str,
        client_id: Secret,
        client_secret: Secret,
        access_key_id: Secret,
        access_key_secret: Secret,
        client_auth: ClientAuth = "basic",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = auth_url.rstrip("/") + "/auth/token"
        self._client = (client_id, client_secret)
        self._key = (access_key_id, access_key_secret)
        self.client_auth = client_auth
        self._cache = _CachedToken(clock)

    @property
    def id_token(self) -> str | None:
        return self._cache.id_token

    async def token(self, http: httpx.AsyncClient, *, refresh: bool = False) -> str:
        form = {"grant_type": "password", "username": self._key[0].value, "password": self._key[1].value}
        if self.client_auth == "post":
            form |= {"client_id": self._client[0].value, "client_secret": self._client[1].value}
            build = _form_request(self.url, form, None)
        else:
            build = _form_request(self.url, form, self._client)
        return await self._cache.get(http, url=self.url, build=build, refresh=refresh)


ACCESS_KEY_PATH = "/authentication/v1/token/access-key"


class CxoneAccessKey:
    """POST https://{area}.nice-incontact.com/authentication/v1/token/access-key with JSON
    {accessKeyId, accessKeySecret}: a token from an access key alone, no app registration (the
    UserHub flow of developer.niceincontact.com /API/DataExtractionAPI; public clients
    singer-io/tap-nice-incontact and WodongaTAFE/PSInContact Connect-IC use it)."""

    def __init__(
        self,
        *,
        auth_url: str,
        access_key_id: Secret,
        access_key_secret: Secret,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = auth_url.rstrip("/") + ACCESS_KEY_PATH
        self._key = (access_key_id, access_key_secret)
        self._cache = _CachedToken(clock)

    @property
    def id_token(self) -> str | None:
        return self._cache.id_token

    async def token(self, http: httpx.AsyncClient, *, refresh: bool = False) -> str:
        body = {"accessKeyId": self._key[0].value, "accessKeySecret": self._key[1].value}

        def build(client: httpx.AsyncClient) -> httpx.Request:
            return client.build_request("POST", self.url, json=body)

        return await self._cache.get(http, url=self.url, build=build, refresh=refresh)
