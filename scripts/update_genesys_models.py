"""Regenerate reconciler/emulator/genesys/models.json, the Genesys Cloud API the emulator follows, as data.

Read from pinned public artifacts, never imported (the SDK's package `__init__` is huge):

- the official Python SDK, purecloudplatformclientv2 269.0.0 (PyPI), read by genesys_sdk_source.py
  beside this script: every OutboundApi operation and the lookups the emulator serves (method, path,
  query parameters, body and response model, deprecated), and every model they reach
  (`swagger_types`, `attribute_map`, the setters' `allowed_values`, the getters' docstrings);
- the TypeScript typings of the official JavaScript SDK, purecloud-platform-client-v2 262.0.0 (npm,
  `package/index.d.ts`): a property declared without `?` is required (the Python SDK does not say);
- the 2018 swagger.json of platform-client-sdk-python 28.0.0 vendored at
  tests/fixtures/genesys-outbound-openapi.json: `readOnly` of the fields that existed then.

The SDK is needed only to regenerate, in a scratch virtual environment:

    python -m venv /tmp/genesys-sdk && . /tmp/genesys-sdk/bin/activate
    pip install purecloudplatformclientv2==269.0.0
    python scripts/update_genesys_models.py [--typings PATH/index.d.ts] [--out FILE]

Without --typings the typings come from `npm pack purecloud-platform-client-v2@262.0.0` in a temporary
folder. The output is deterministic (sorted keys, no timestamps): running it again gives no diff, which
tests/emulator/genesys/test_model_data.py checks when the pinned SDK is installed.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from genesys_sdk_source import (
    GenerationError,
    ModelFacts,
    Operation,
    model_files,
    read_model,
    read_operations,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reconciler" / "emulator" / "genesys" / "models.json"
SWAGGER_2018 = ROOT / "tests" / "fixtures" / "genesys-outbound-openapi.json"

SDK_DISTRIBUTION = "purecloudplatformclientv2"
SDK_PACKAGE = "PureCloudPlatformClientV2"
SDK_VERSION = "269.0.0"
TYPINGS_PACKAGE = "purecloud-platform-client-v2"
TYPINGS_VERSION = "262.0.0"

# The operations the emulator serves outside OutboundApi: its read-only lookups, the DNC export download,
# and the conversation aggregates query the compliance monitor reads measured counts from.
LOOKUP_OPERATIONS: dict[str, tuple[str, ...]] = {
    "analytics_api.py": ("post_analytics_conversations_aggregates_query",),
    "routing_api.py": (
        "get_routing_queues",
        "get_routing_queue",
        "get_routing_wrapupcodes",
        "get_routing_wrapupcode",
        "get_routing_sms_phonenumbers",
        "get_routing_sms_phonenumber",
        "get_routing_email_outbound_domains",
        "get_routing_email_outbound_domain",
    ),
    "scripts_api.py": ("get_scripts", "get_script"),
    "telephony_providers_edge_api.py": (
        "get_telephony_providers_edges_edgegroups",
        "get_telephony_providers_edges_edgegroup",
        "get_telephony_providers_edges_sites",
        "get_telephony_providers_edges_site",
    ),
    "authorization_api.py": ("get_authorization_divisions", "get_authorization_division"),
    "architect_api.py": ("get_flows", "get_flow"),
    "downloads_api.py": ("get_download",),
    "integrations_api.py": ("get_integrations_actions", "get_integrations_action"),
    "response_management_api.py": (
        "get_responsemanagement_libraries",
        "get_responsemanagement_library",
        "get_responsemanagement_responses",
        "get_responsemanagement_response",
    ),
}
EXTRA_MODELS = ("ErrorBody",)  # the body of every error answer; no operation names it

# Set by the server in every model that carries them (entities the platform stamps).
SERVER_OWNED = ("dateCreated", "dateModified", "selfUri")
# A getter without a setter in the official Java SDK (MyPureCloud/platform-client-sdk-java,
# build/src/main/java/com/mypurecloud/sdk/v2/model/<Model>.java): fields added after 2018 that clients
# cannot set, where the Python SDK has setters for everything.
READ_ONLY_GETTERS = (
    ("CampaignRule", "warnings"),
    ("OutboundSettings", "maxConfigurableCallsPerAgent"),
    ("CampaignStats", "timeZoneRescheduledCalls"),
    ("CampaignStats", "filteredOutContactsCount"),
)
# Declared required by the typings but evidently not enforced by the platform.
REQUIRED_NOT_ENFORCED: dict[tuple[str, str], str] = {
    ("PhoneColumn", "type"): (
        "MyPureCloud/terraform-provider-genesyscloud sends a campaign's phone columns with columnName "
        "only (buildPhoneColumns, genesyscloud/outbound_campaign), and its acceptance tests create such "
        "campaigns on real orgs"
    ),
    ("Campaign", "callerName"): (
        "MyPureCloud/terraform-provider-genesyscloud leaves callerName out of the campaign body when "
        "caller_name is unset (Optional; buildOutboundCampaign, genesyscloud/outbound_campaign), and its "
        "acceptance test TestAccResourceOutboundCampaignBasic creates an external-mode campaign without one "
        "on real orgs; the other dialing modes get 400 missing.caller.id.name (the emulator's campaign rules)"
    ),
}

_PRIMITIVES: dict[str, dict[str, Any]] = {
    "str": {"type": "string"},
    "int": {"type": "integer"},
    "float": {"type": "number"},
    "bool": {"type": "boolean"},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "LocalDateTime": {"type": "string", "format": "local-date-time"},  # a date and time without a zone
    "object": {},
}
_TYPE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TYPINGS_INTERFACE = re.compile(r"export interface (\w+) \{(.*?)\n\t\}", re.DOTALL)
_TYPINGS_PROPERTY = re.compile(r'^\s*"(\w+)"(\??):', re.MULTILINE)


# --- the installed SDK ---------------------------------------------------------------------------------
def sdk_root() -> Path:
    """The installed SDK package folder, after checking its version (the package is never imported)."""
    try:
        installed = importlib.metadata.version(SDK_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise GenerationError(
            f"{SDK_DISTRIBUTION} is not installed: pip install {SDK_DISTRIBUTION}=={SDK_VERSION} "
            "(in a scratch virtual environment)"
        ) from None
    if installed != SDK_VERSION:
        raise GenerationError(
            f"{SDK_DISTRIBUTION} {installed} is installed; this script is pinned to {SDK_VERSION}"
        )
    spec = importlib.util.find_spec(SDK_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise GenerationError(f"{SDK_PACKAGE} is not importable from this Python")
    return Path(next(iter(spec.submodule_search_locations)))


# --- models as JSON Schema ------------------------------------------------------------------------------
def schema_of(sdk_type: str) -> dict[str, Any]:
    """JSON Schema of an SDK type: primitives, list[X], dict(str, X), and model names as $ref."""
    text = sdk_type.strip()
    if text.startswith("list[") and text.endswith("]"):
        return {"type": "array", "items": schema_of(text[5:-1])}
    if text.startswith("dict(") and text.endswith(")"):
        _key, _, value = text[5:-1].partition(",")
        return {"type": "object", "additionalProperties": schema_of(value)}
    if text in _PRIMITIVES:
        return dict(_PRIMITIVES[text])
    return {"$ref": f"#/definitions/{text}"}


def models_named(sdk_type: str | None) -> set[str]:
    """The model names an SDK type string mentions (`list[DialerContact]` -> {DialerContact})."""
    words = set(_TYPE_WORD.findall(sdk_type or ""))
    return {word for word in words if word not in _PRIMITIVES and word not in ("list", "dict")}


def definition_of(facts: ModelFacts) -> dict[str, Any]:
    """The JSON Schema definition of a model: its properties under their JSON names."""
    properties: dict[str, Any] = {}
    for attribute, sdk_type in facts.types.items():
        spec = schema_of(sdk_type)
        if attribute in facts.enums and spec.get("type") == "string":
            spec["enum"] = facts.enums[attribute]
        if facts.descriptions.get(attribute):
            spec["description"] = facts.descriptions[attribute]
        properties[facts.json_names[attribute]] = spec
    return {"type": "object", "properties": properties}


# --- required (typings) and readOnly (2018 swagger) ---------------------------------------------------
def typings_required(text: str) -> dict[str, set[str]]:
    """Interface name -> the properties declared without `?`, in the typings' Models namespace."""
    start = text.find("declare namespace Models {")
    if start < 0:
        raise GenerationError("the typings have no `declare namespace Models`")
    required: dict[str, set[str]] = {}
    for match in _TYPINGS_INTERFACE.finditer(text, start):
        required[match.group(1)] = {
            prop.group(1) for prop in _TYPINGS_PROPERTY.finditer(match.group(2)) if not prop.group(2)
        }
    return required


def fetch_typings(folder: Path) -> str:
    """index.d.ts of the pinned JavaScript SDK, by `npm pack` into `folder`."""
    spec = f"{TYPINGS_PACKAGE}@{TYPINGS_VERSION}"
    try:
        done = subprocess.run(
            ["npm", "pack", spec, "--silent"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GenerationError(f"npm pack {spec} failed ({exc}); give the file with --typings") from None
    archive = folder / done.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as tar:
        member = tar.extractfile("package/index.d.ts")
        if member is None:
            raise GenerationError(f"{archive.name} has no package/index.d.ts")
        return member.read().decode("utf-8")


def read_only_2018(swagger: dict[str, Any]) -> set[tuple[str, str]]:
    """(model, property) pairs the 2018 swagger marks readOnly."""
    return {
        (model, prop)
        for model, definition in swagger["definitions"].items()
        for prop, spec in definition.get("properties", {}).items()
        if spec.get("readOnly")
    }


def _is_entity(properties: dict[str, Any]) -> bool:
    """An object the server creates and stamps (it carries a version or a creation date), not a reference."""
    return "id" in properties and ("version" in properties or "dateCreated" in properties)


def mark_read_only(definitions: dict[str, Any], flagged_2018: set[tuple[str, str]]) -> None:
    """readOnly: the 2018 flags, the server-owned stamps (and `id` of entities), the Java getter-only list."""
    for model, definition in definitions.items():
        properties: dict[str, Any] = definition["properties"]
        owned = {*SERVER_OWNED, "id"} if _is_entity(properties) else set(SERVER_OWNED)
        for prop, spec in properties.items():
            if (model, prop) in flagged_2018 or (model, prop) in READ_ONLY_GETTERS or prop in owned:
                spec["readOnly"] = True


def mark_required(definitions: dict[str, Any], typed: dict[str, set[str]]) -> None:
    """required: what the typings declare without `?`, less the sourced exceptions."""
    for model, definition in definitions.items():
        names = {
            prop
            for prop in typed.get(model, set())
            if prop in definition["properties"] and (model, prop) not in REQUIRED_NOT_ENFORCED
        }
        if names:
            definition["required"] = sorted(names)


# --- assembly -------------------------------------------------------------------------------------------
def all_operations(root: Path) -> list[Operation]:
    """Every OutboundApi operation and the lookups', sorted by path and method."""
    operations = read_operations(root / "apis" / "outbound_api.py")
    for module, names in LOOKUP_OPERATIONS.items():
        operations += read_operations(root / "apis" / module, names)
    return sorted(operations, key=lambda operation: (operation.path, operation.method))


def model_closure(root: Path, roots: Iterable[str]) -> dict[str, ModelFacts]:
    """Every model reachable from `roots` through property types."""
    files = model_files(root)
    found: dict[str, ModelFacts] = {}
    pending = sorted(set(roots))
    while pending:
        name = pending.pop()
        if name in found:
            continue
        if name not in files:
            raise GenerationError(f"model {name} is not in the SDK")
        found[name] = read_model(name, files[name])
        for sdk_type in found[name].types.values():
            pending += sorted(models_named(sdk_type) - set(found))
    return found


def generate(root: Path, typings: str, swagger: dict[str, Any]) -> dict[str, Any]:
    """The whole document: source, definitions, operations."""
    operations = all_operations(root)
    roots = set(EXTRA_MODELS)
    for operation in operations:
        roots |= models_named(operation.request_body) | models_named(operation.response)
    models = model_closure(root, roots)
    definitions = {name: definition_of(facts) for name, facts in models.items()}
    mark_read_only(definitions, read_only_2018(swagger))
    typed = typings_required(typings)
    mark_required(definitions, typed)
    return {
        "source": source_block(sorted(set(definitions) - set(typed))),
        "definitions": definitions,
        "operations": [operation.as_json() for operation in operations],
    }


def source_block(untyped: list[str]) -> dict[str, Any]:
    """What the data was made from, and what it cannot say."""
    return {
        "generator": "scripts/update_genesys_models.py",
        "artifacts": [
            {
                "package": f"{SDK_DISTRIBUTION}=={SDK_VERSION}",
                "registry": "PyPI",
                "what": "the official Genesys Cloud Python SDK, generated from the public API definition",
                "gives": "operations (apis/*_api.py) and models (models/*.py: swagger_types, attribute_map, "
                "setters' allowed_values as enum, getters' docstrings as description)",
            },
            {
                "package": f"{TYPINGS_PACKAGE}@{TYPINGS_VERSION}",
                "registry": "npm",
                "file": "package/index.d.ts",
                "gives": "required: a property declared without `?`",
            },
            {
                "file": "tests/fixtures/genesys-outbound-openapi.json",
                "what": "swagger.json of MyPureCloud/platform-client-sdk-python 28.0.0 (2018)",
                "gives": "readOnly of the fields that existed in 2018",
            },
        ],
        "readOnly": {
            "serverOwned": [*SERVER_OWNED, "id (of entities: models with a version or dateCreated)"],
            "getterOnlyInJavaSdk": [f"{model}.{prop}" for model, prop in READ_ONLY_GETTERS],
        },
        "requiredNotEnforced": {
            f"{model}.{prop}": why for (model, prop), why in REQUIRED_NOT_ENFORCED.items()
        },
        "modelsWithoutTypings": untyped,
        "caveats": [
            "readOnly of fields added after 2018 is known only for the server-owned stamps and the "
            "getter-only list; other new fields are treated as writable.",
            "enums are the SDK's allowed_values; the SDK itself maps unknown values to "
            "'outdated_sdk_version' instead of refusing them.",
            "numeric formats (int32/int64/double) are not kept: integer or number only.",
        ],
    }


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--typings", type=Path, help="index.d.ts of the pinned JavaScript SDK (else npm pack)"
    )
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"where to write (default {OUT.relative_to(ROOT)})"
    )
    args = parser.parse_args(argv)
    try:
        root = sdk_root()
        if args.typings is not None:
            typings = args.typings.read_text(encoding="utf-8")
        else:
            with tempfile.TemporaryDirectory() as folder:
                typings = fetch_typings(Path(folder))
        swagger = json.loads(SWAGGER_2018.read_text(encoding="utf-8"))
        document = generate(root, typings, swagger)
    except (GenerationError, OSError) as exc:
        print(f"update_genesys_models: {exc}", file=sys.stderr)
        return 1
    args.out.write_text(render(document), encoding="utf-8")
    print(
        f"wrote {args.out}: {len(document['definitions'])} models, {len(document['operations'])} operations"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
