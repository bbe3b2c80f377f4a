"""Reading the official Genesys Cloud Python SDK's source without importing it (its package `__init__`
loads thousands of models): model classes (`swagger_types`, `attribute_map`, setters' `allowed_values`,
getters' docstrings) and Api classes (each method's HTTP operation). Used by update_genesys_models.py.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_PARAM_DOC = re.compile(r"^:param (.+) (\w+):(.*)$")


class GenerationError(Exception):
    """An artifact is missing, of the wrong version, or not shaped as expected."""


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def model_files(root: Path) -> dict[str, Path]:
    """Model class name -> its source file, from the `from .x import X` lines of models/__init__.py."""
    files: dict[str, Path] = {}
    for node in _parse(root / "models" / "__init__.py").body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            for alias in node.names:
                files[alias.name] = root / "models" / f"{node.module}.py"
    return files


# --- models -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ModelFacts:
    """One SDK model class: attribute -> SDK type, attribute -> JSON name, enums and descriptions."""

    name: str
    types: dict[str, str]
    json_names: dict[str, str]
    enums: dict[str, list[str]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)


def _decorator_names(function: ast.FunctionDef) -> list[str]:
    return [ast.unparse(decorator) for decorator in function.decorator_list]


def _description(docstring: str | None) -> str:
    """The getter docstring's text after its "Gets the x of this Y." line, up to the blank line."""
    lines = [line.strip() for line in (docstring or "").strip().splitlines()]
    text: list[str] = []
    for line in lines[1:]:
        if not line or line.startswith(":"):
            break
        text.append(line)
    return " ".join(text)


def _allowed_values(function: ast.FunctionDef) -> list[str] | None:
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "allowed_values" for target in node.targets
        ):
            values = ast.literal_eval(node.value)
            return [str(value) for value in values]
    return None


def _init_dicts(init: ast.FunctionDef) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for node in init.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute):
            attribute = node.targets[0].attr
            if attribute in ("swagger_types", "attribute_map"):
                found[attribute] = ast.literal_eval(node.value)
    return found


def read_model(name: str, path: Path) -> ModelFacts:
    """The facts of one model class, read from its source."""
    cls = next(
        (node for node in _parse(path).body if isinstance(node, ast.ClassDef) and node.name == name), None
    )
    if cls is None:
        raise GenerationError(f"{path}: no class {name}")
    functions = [node for node in cls.body if isinstance(node, ast.FunctionDef)]
    init = next(function for function in functions if function.name == "__init__")
    dicts = _init_dicts(init)
    facts = ModelFacts(name, dicts.get("swagger_types", {}), dicts.get("attribute_map", {}))
    for function in functions:
        decorators = _decorator_names(function)
        if "property" in decorators:
            facts.descriptions[function.name] = _description(ast.get_docstring(function, clean=False))
        elif f"{function.name}.setter" in decorators:
            allowed = _allowed_values(function)
            if allowed is not None:
                facts.enums[function.name] = allowed
    return facts


# --- operations ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Operation:
    """One SDK method: the HTTP operation it calls."""

    sdk_operation: str
    api: str
    method: str
    path: str
    summary: str
    request_body: str | None
    response: str | None
    query_params: tuple[dict[str, str], ...]
    deprecated: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "api": self.api,
            "deprecated": self.deprecated,
            "method": self.method,
            "path": self.path,
            "queryParams": list(self.query_params),
            "requestBody": self.request_body,
            "response": self.response,
            "sdkOperation": self.sdk_operation,
            "summary": self.summary,
        }


def _param_docs(docstring: str) -> dict[str, tuple[str, str]]:
    """Python parameter name -> (SDK type, description) from the `:param TYPE name: text` lines."""
    found: dict[str, tuple[str, str]] = {}
    for line in docstring.splitlines():
        match = _PARAM_DOC.match(line.strip())
        if match:
            found[match.group(2)] = (match.group(1), match.group(3).strip())
    return found


def _call_facts(function: ast.FunctionDef) -> tuple[str, str, str | None, list[tuple[str, str]]]:
    """(path, method, response type, [(JSON query name, Python name)]) from the method's body."""
    path = method = ""
    response: str | None = None
    queries: list[tuple[str, str]] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id == "resource_path":
                call = node.value
                assert isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                path = ast.literal_eval(call.func.value)
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
            target = node.targets[0]
            if ast.unparse(target.value) == "query_params" and isinstance(node.value, ast.Subscript):
                queries.append((ast.literal_eval(target.slice), ast.literal_eval(node.value.slice)))
        elif isinstance(node, ast.Call) and ast.unparse(node.func) == "self.api_client.call_api":
            method = ast.literal_eval(node.args[1])
            keyword = next(k for k in node.keywords if k.arg == "response_type")
            response = ast.literal_eval(keyword.value)
    if not path or not method:
        raise GenerationError(f"{function.name}: no resource_path or call_api")
    return path, method, response, queries


def read_operation(api: str, function: ast.FunctionDef) -> Operation:
    docstring = ast.get_docstring(function) or ""
    params = _param_docs(docstring)
    path, method, response, queries = _call_facts(function)
    query_params = tuple(
        {
            "name": json_name,
            "type": params.get(py_name, ("str", ""))[0],
            "description": params.get(py_name, ("", ""))[1],
        }
        for json_name, py_name in queries
    )
    return Operation(
        sdk_operation=function.name,
        api=api,
        method=method,
        path=path,
        summary=docstring.strip().splitlines()[0].strip() if docstring.strip() else "",
        request_body=params["body"][0] if "body" in params else None,
        response=response,
        query_params=query_params,
        deprecated=any(name.startswith("deprecated") for name in _decorator_names(function)),
    )


def read_operations(path: Path, wanted: Iterable[str] | None = None) -> list[Operation]:
    """The operations of one Api module: all of them, or the `wanted` ones (each must exist)."""
    cls = next(node for node in _parse(path).body if isinstance(node, ast.ClassDef))
    methods = {
        node.name: node
        for node in cls.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    }
    names = list(wanted) if wanted is not None else sorted(methods)
    missing = [name for name in names if name not in methods]
    if missing:
        raise GenerationError(f"{path.name}: no method {', '.join(missing)}")
    return [read_operation(cls.name, methods[name]) for name in names]
