"""Request-body validation against the published Genesys models (models.json, generated from the official
SDK by scripts/update_genesys_models.py): a body that breaks its definition gets the 400 the platform
sends (ErrorBody in purecloudplatformclientv2: `bad.request` / `invalid.value`, with `details` naming the field).

Read-only fields are the server's (Platform API models, purecloudplatformclientv2): they are dropped from a body before it is checked, and never
required. Unknown properties are allowed, as the real API ignores them.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError
from starlette.requests import Request

from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys import api_data
from reconciler.emulator.state import JsonObject
from reconciler.manifest.typing import format_path


@cache
def definitions() -> dict[str, Any]:
    """The model definitions of the API data, with read-only fields no longer required of a request."""
    defs: dict[str, Any] = copy.deepcopy(api_data.definitions())
    for definition in defs.values():
        properties = definition.get("properties", {})
        if "required" in definition:
            definition["required"] = [
                name for name in definition["required"] if not properties.get(name, {}).get("readOnly")
            ]
    return defs


@cache
def read_only_fields(definition: str) -> frozenset[str]:
    """Top-level fields the server owns (id, dates, selfUri, size, currentCampaign ...)."""
    properties = definitions()[definition].get("properties", {})
    return frozenset(name for name, spec in properties.items() if spec.get("readOnly"))


@cache
def writable_fields(definition: str) -> frozenset[str]:
    """Top-level fields a client sets: the model's properties less the read-only ones and `version`."""
    properties = definitions()[definition].get("properties", {})
    return frozenset(properties) - read_only_fields(definition) - {"version"}


def _shaped(value: Any, spec: dict[str, Any]) -> Any:
    if "$ref" in spec:
        return shaped(spec["$ref"].rsplit("/", 1)[1], value)
    if spec.get("type") == "array" and isinstance(value, list):
        return [_shaped(item, spec.get("items", {})) for item in value]
    if isinstance(spec.get("additionalProperties"), dict) and isinstance(value, dict):
        return {key: _shaped(item, spec["additionalProperties"]) for key, item in value.items()}
    return value


def shaped(definition: str, value: Any) -> Any:
    """`value` cut down to what `definition` declares, nested models included: what the platform keeps of
    a body (it ignores unknown properties), and the view of an object a narrower model answers with."""
    if not isinstance(value, dict):
        return value
    properties: dict[str, Any] = api_data.definitions()[definition].get("properties", {})
    return {key: _shaped(item, properties[key]) for key, item in value.items() if key in properties}


@cache
def _validator(definition: str) -> Draft4Validator:
    return Draft4Validator({"definitions": definitions(), "$ref": f"#/definitions/{definition}"})


def _field_of(error: ValidationError) -> str:
    parts = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        required: list[str] = list(error.validator_value)  # type: ignore[arg-type]
        missing = [name for name in required if name not in error.instance]
        parts.append(missing[0] if missing else "")
    return format_path(tuple(parts)) or "body"


def _message(error: ValidationError, field: str) -> str:
    if error.validator == "required":
        return f"The field '{field}' is required."
    if error.validator == "enum":
        allowed = ", ".join(str(value) for value in error.validator_value)  # type: ignore[union-attr]
        return f"Value [{error.instance}] is not valid for field [{field}]. Allowable values are: {allowed}"
    if error.validator == "type":
        return f"Value [{error.instance!r}] is not valid for field [{field}]: expected type {error.validator_value}."
    return f"The field '{field}' is invalid: {error.message}"


def validate_body(definition: str, body: JsonObject) -> None:
    """Raise the platform's 400 when `body` does not match `definition` (read-only fields aside)."""
    checked = {key: value for key, value in body.items() if key not in read_only_fields(definition)}
    errors = sorted(
        _validator(definition).iter_errors(checked), key=lambda e: [str(p) for p in e.absolute_path]
    )
    if not errors:
        return
    details = []
    for error in errors:
        code = "invalid.value" if error.validator in ("enum", "type") else "bad.request"
        details.append({"errorCode": code, "fieldName": _field_of(error)})
    first = errors[0]
    field = _field_of(first)
    raise GenesysError(400, details[0]["errorCode"], _message(first, field), details=details)


async def json_body(request: Request) -> Any:
    """The parsed JSON body, or the platform's 400 for a malformed one."""
    raw = await request.body()
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise GenesysError(
            400, "bad.request", "The request could not be understood by the server due to malformed syntax."
        ) from None


async def json_object(request: Request) -> JsonObject:
    body = await json_body(request)
    if not isinstance(body, dict):
        raise GenesysError(400, "bad.request", "The request body must be a JSON object.")
    return body
