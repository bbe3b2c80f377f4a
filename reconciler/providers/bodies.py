"""Reading a response body as the JSON the API documents, or a one-line MalformedResponse naming the URL.

A proxy's HTML error page with status 200, a body cut short, or a listing whose items are not objects
would otherwise surface as a traceback far from the request, or worse, as an org that looks empty.
The message names the request (method and path) and what was wrong, never the body itself.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from reconciler.exceptions import MalformedResponse

_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), "null")


def _request_of(response: httpx.Response) -> str:
    try:
        request = response.request
    except RuntimeError:  # a response built by hand has no request
        return "the API"
    return f"{request.method} {request.url.path}"


def malformed(response: httpx.Response, problem: str) -> MalformedResponse:
    return MalformedResponse(f"{_request_of(response)} answered HTTP {response.status_code} with {problem}")


def json_of(response: httpx.Response) -> Any:
    """The body as JSON; MalformedResponse for HTML, text or JSON cut short."""
    kind = response.headers.get("content-type", "").split(";")[0].strip()
    try:
        return json.loads(response.content)
    except ValueError as exc:  # not JSON, not UTF-8, or an integer past 4,300 digits
        raise malformed(response, _not_json(exc, kind)) from None


def _not_json(exc: ValueError, kind: str) -> str:
    if "json" not in kind:
        return f"a {kind} body, not JSON" if kind else "a body that is not JSON (and has no content type)"
    if isinstance(exc, json.JSONDecodeError):
        return f"a body that is invalid JSON ({exc.msg} at char {exc.pos})"
    if isinstance(exc, UnicodeDecodeError):
        return "a body that is not UTF-8"
    return "a body holding a number too long to read"


def object_of(response: httpx.Response) -> dict[str, Any]:
    """The body as a JSON object."""
    body = json_of(response)
    if not isinstance(body, dict):
        raise malformed(response, f"a JSON {_json_type(body)}, expected an object")
    return body


def objects_in(value: Any, response: httpx.Response, *, field: str) -> list[dict[str, Any]]:
    """`value` (the listing's `field`) as a list of objects; absent (None) is an empty listing."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise malformed(response, f"`{field}` as a JSON {_json_type(value)}, expected an array")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise malformed(response, f"`{field}[{index}]` as a JSON {_json_type(item)}, expected an object")
    return value
