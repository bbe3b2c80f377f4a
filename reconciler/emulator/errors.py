"""Error bodies as each platform sends them (ErrorBody in purecloudplatformclientv2; ApiErrorResponse in developer.niceincontact.com/API/AdminAPI)."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.responses import JSONResponse


class GenesysError(Exception):
    """Raised inside Genesys handlers; rendered as an ErrorBody with the same status."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


class CxoneError(Exception):
    """Raised inside CXone handlers; rendered as {error, errorDescription}."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error, self.description = status, error, description


def genesys_error_body(status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    correlation = str(uuid.uuid4())
    body: dict[str, Any] = {
        "message": message,
        "code": code,
        "status": status,
        "messageWithParams": message,
        "messageParams": {},
        "contextId": correlation,
        "details": [],
        "errors": [],
    }
    body.update(extra)
    return body


def genesys_rate_limit_body(retry_after: int) -> dict[str, Any]:
    """The normalized 429 body, exactly `message, code, status, contextId, details, errors` (developer
    forum "Normalized Platform API 429 responses", developer.genesys.cloud, effective 2021-11-10)."""
    message = f"Rate limit exceeded the maximum. Retry the request in [{retry_after}] seconds"
    full = genesys_error_body(429, "too.many.requests.retry.after", message)
    return {key: full[key] for key in ("message", "code", "status", "contextId", "details", "errors")}


def genesys_response(error: GenesysError, headers: dict[str, str] | None = None) -> JSONResponse:
    body = genesys_error_body(error.status, error.code, error.message, **error.extra)
    all_headers = {"ININ-Correlation-Id": body["contextId"], **(headers or {})}
    return JSONResponse(body, status_code=error.status, headers=all_headers)


def cxone_response(error: CxoneError) -> JSONResponse:
    return JSONResponse(
        {"error": error.error, "errorDescription": error.description}, status_code=error.status
    )
