"""Differences between one answer and a JSON schema: wrong types and missing required fields, not extras.

Messages name JSON types and the schema's own words, never a value of the answer (answers hold phone
numbers: DNC records, caller ids)."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft7Validator, ValidationError

from reconciler.doctor.report import Difference

JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}


def differences(read: str, schema: dict[str, Any], answer: Any) -> list[Difference]:
    """Every place `answer` breaks `schema` (draft 7 types: 1.0 counts as an integer, as JSON has one number)."""
    found = []
    for error in sorted(Draft7Validator(schema).iter_errors(answer), key=lambda e: list(e.absolute_path)):
        if error.validator == "type" and error.instance is None:
            # The CXone specification text marks nullability on few fields, while unset ids, links and dates
            # are answered as null (the v33 client calljacob/nice-cxone-api types them optional); the tool
            # reads a null as "not set" everywhere, so a null is no difference that matters.
            continue
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        found.append(Difference(read, where, _message(error)))
    return found


def _message(error: ValidationError) -> str:
    if error.validator == "type":
        return f"{JSON_TYPES.get(type(error.instance), 'value')} where {error.validator_value} is expected"
    if error.validator == "required":
        return str(error.message)  # "'name' is a required property": a field name, no value
    return f"breaks {error.validator} {error.validator_value!r}"
