"""Request and response helpers shared by the CXone handlers: version segment, bodies, ids, paging."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone.fields import invalid
from reconciler.emulator.errors import CxoneError

BASE = "/inContactAPI/services/{version}"
BUSINESS_UNIT_ID = 4600123
DEFAULT_TOP = 50
MAX_TOP = 100
_VERSION = re.compile(r"v([0-9]{1,3})\.0")


def emulator_of(request: Request) -> Emulator:
    emulator: Emulator = request.app.state.emulator
    return emulator


def api_version(request: Request) -> int:
    """The NN of /inContactAPI/services/vNN.0/; any other segment is an unknown route (404)."""
    match = _VERSION.fullmatch(str(request.path_params.get("version", "")))
    if match is None:
        raise CxoneError(
            404, "NotFound", "Unknown API version; paths look like /inContactAPI/services/v30.0/"
        )
    return int(match.group(1))


def path_id(request: Request, name: str, what: str) -> int:
    """An integer id from the path; anything else cannot name an object (404)."""
    raw = str(request.path_params[name])
    if not raw.isdigit():
        raise CxoneError(404, "NotFound", f"{what} '{raw}' was not found")
    return int(raw)


async def json_body(request: Request, *, required: bool = True) -> Any:
    raw = await request.body()
    if not raw.strip():
        if required:
            raise invalid("A JSON request body is required")
        return None
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise invalid("The request body is not valid JSON") from None


async def object_body(request: Request) -> dict[str, Any]:
    body = await json_body(request)
    if not isinstance(body, dict):
        raise invalid("The request body must be a JSON object")
    return body


def ok(body: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status)


def no_content() -> Response:
    """CXone answers an empty result set with 204 and no body (outboundani/cxone-mcp observes it)."""
    return Response(status_code=204)


def query_bool(request: Request, name: str) -> bool | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise invalid(f"{name} must be true or false")


def _query_int(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise invalid(f"{name} must be an integer") from None


def page(request: Request, items: list[Any]) -> tuple[list[Any], dict[str, str | None]]:
    """skip/top paging (top defaults to 50, at most 100) and the _links of the page."""
    skip = _query_int(request, "skip", 0)
    top = _query_int(request, "top", DEFAULT_TOP)
    if skip < 0 or top < 1:
        raise invalid("skip must be 0 or more and top 1 or more")
    top = min(top, MAX_TOP)
    chosen = items[skip : skip + top]
    url = request.url
    links: dict[str, str | None] = {
        "self": str(url),
        "next": str(url.include_query_params(skip=skip + top, top=top)) if skip + top < len(items) else None,
        "previous": str(url.include_query_params(skip=max(0, skip - top), top=top)) if skip > 0 else None,
    }
    return chosen, links
