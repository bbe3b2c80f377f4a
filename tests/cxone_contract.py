"""The CXone request and response contract, from the published Admin API specification text vendored in
tests/fixtures/cxone-admin-spec (Swagger 2.0 fragments of developer.niceincontact.com/API/AdminAPI as
published in the public repository mark05e/NiceIncontactAPI-Admin, 2022-04-23).

The fragments are keyed by operation names, not paths, so `PATHS` maps each operation the tool calls to
its documented path. `request_log()` is an httpx event hook (tests/request_log.py): it keeps every
request sent under /inContactAPI/services/vNN.0/, and `problems()` checks each against its operation —
the operation exists, every query parameter is one it takes, and the body keeps the request schema
strictly (no unknown fields at any depth, types, required fields). `response_problems` checks an answer
against the schema documented for its status. Where the 2022 text is known to be sloppy or older than
the API the tool speaks, `LOOSENED` records the exception and its reason.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
from jsonschema import Draft4Validator

from tests.request_log import Contract, RequestLog

SPEC_DIR = Path(__file__).parent / "fixtures" / "cxone-admin-spec"
SERVICES = re.compile(r"^/inContactAPI/services/v\d+\.\d+(?P<path>/.*)$")

PATHS = {
    "Skills:skills": "/skills",
    "Skills:skills_skillId": "/skills/{skillId}",
    "Skills:skills_skillId_start": "/skills/{skillId}/start",
    "Skills:skills_skillId_stop": "/skills/{skillId}/stop",
    "Skills:skills_parameters": "/skills/parameters",
    "Skills:skills_skillid_parameters": "/skills/{skillId}/parameters",
    "Skills:skills_skillid_parameters_general-settings": "/skills/{skillId}/parameters/general-settings",
    "Skills:skills_skillid_parameters_retry-settings": "/skills/{skillId}/parameters/retry-settings",
    "Skills:skills_skillid_parameters_schedule-settings": "/skills/{skillId}/parameters/schedule-settings",
    "Skills:skills_skillid_parameters_time-zones": "/skills/{skillId}/parameters/time-zones",
    "Skills:skills_skillid_parameters_cpa-management": "/skills/{skillId}/parameters/cpa-management",
    "Skills:skills_skillid_parameters_delivery-preferences": "/skills/{skillId}/parameters/delivery-preferences",
    "Skills:skills_skillid_parameters_cadence-settings": "/skills/{skillId}/parameters/cadence-settings",
    "Skills:skills_skillid_parameters_xs-settings": "/skills/{skillId}/parameters/xs-settings",
    "Skills:skills_skillid_parameters_list-management": "/skills/{skillId}/parameters/list-management",
    "Skills:campaigns": "/campaigns",
    "Skills:campaigns_campaignId": "/campaigns/{campaignId}",
    "Skills:campaigns_campaignId_skills": "/campaigns/{campaignId}/skills",
    "General:dispositions": "/dispositions",
    "Skills:dispositions_classifications": "/dispositions/classifications",
    "Skills:dispositions_dispositionid": "/dispositions/{dispositionId}",
    "Skills:skills_skillId_dispositions": "/skills/{skillId}/dispositions",
    "General:business-unit_outbound-routes": "/business-unit/outbound-routes",
    "General:timezones": "/timezones",
    "General:scripts": "/scripts",
    "General:scripts_search": "/scripts/search",
    "General:scripts_scriptid": "/scripts/{scriptId}",
    "Lists:dnc_groups": "/dnc-groups",
    "Lists:dnc_groups_search": "/dnc-groups/search",
    "Lists:dnc_groups_groupId": "/dnc-groups/{groupId}",
    "Lists:dnc_groups_groupId_records": "/dnc-groups/{groupId}/records",
    "Lists:dnc_groups_groupId_contributing_skills": "/dnc-groups/{groupId}/contributing-skills",
    "Lists:dnc_groups_groupId_contributing_skill": "/dnc-groups/{groupId}/contributing-skills/{skillId}",
    "Lists:dnc_groups_groupId_scrubbed_skills": "/dnc-groups/{groupId}/scrubbed-skills",
    "Lists:dnc_groups_groupId_scrubbed_skill": "/dnc-groups/{groupId}/scrubbed-skills/{skillId}",
}
"""Operation (file:key in the spec text) -> its path under /inContactAPI/services/vNN.0."""

PAGING = frozenset({"skip", "top"})
"""Query parameters tolerated on every list: the paging helper sends them to lists the 2022 text does not
page (/dnc-groups, /skills/parameters); CXone ignores them (deviation CX-C3, a match)."""

NEWER_CLIENT = frozenset(
    {
        ("POST", "/campaigns"),
        ("PUT", "/campaigns/{campaignId}"),
        ("GET", "/campaigns"),
        ("GET", "/campaigns/{campaignId}"),
        ("POST", "/dnc-groups"),
        ("PUT", "/dispositions/{dispositionId}"),
    }
)
"""Operations whose 2022 text is older than the shapes the tool speaks: the campaign operations were
"Updated in v33.0" to flat `{name, divisionId, notes, description, isActive}` bodies (2022: pre-v33
`{campaigns: [...]}` wrappers; deviation CX-K1), and `POST /dnc-groups` takes a JSON body in the v33 client
where the 2022 text has query parameters (CX-D2, open), as does `PUT /dispositions/{id}` (the 2022 text:
required query parameters; the v33 client: a JSON body with notes as well; open). The generated client calljacob/nice-cxone-api
(src/services/admin/AdminSkillsService.ts, AdminListsService.ts) is followed: bodies not checked here."""

NEWER_OPERATIONS = {
    ("GET", "/campaigns/{campaignId}/skills"): "v33.0 (calljacob/nice-cxone-api getCampaignsIdSkills)",
}
"""Operations the tool calls that the 2022 text lacks but the v33 client has: accepted unchecked."""

ANSWER_EXCEPTIONS = {
    r": None is not of type": "the 2022 text rarely marks nullability, while unset ids, links and dates are "
    "answered as null (the v33 client types them optional)",
    r"generalSettings/waitTimeFactor: .* is not of type 'boolean'": "CX-P15: boolean in the aggregate GET "
    "text, a factor 0-999 in the PUT text: the GET type is a documentation slip",
    r"/dispositions -> 200: dispositions/\d+/classificationId: \d+ is not of type 'string'": "the 2022 list "
    "text types classificationId as a string, while GET /dispositions/{id} in the same text and the v33 client's "
    "list (calljacob/nice-cxone-api getDispositions) type it an integer: the integer is answered",
    r"/skills/\d+/dispositions -> 200: \(root\): 'resultSet' is a required property": "the 2022 text requires "
    "a resultSet its own properties do not have (skillId, totalRecords, dispositions sit at the root); the v33 "
    "client (calljacob/nice-cxone-api getSkillDispositionsResponse) has no resultSet: the root form is answered",
    r" -> 204: status 204 is not documented": "CX-C4: CXone answers 204 with no body for an empty list; "
    "the 2022 text documents it on most lists but not on every one",
}
"""Problems of answers accepted, each with its reason (regular expression -> reason)."""


@dataclass(frozen=True)
class Loosened:
    """One documented field whose 2022 type is known to be wrong or to differ between GET and PUT."""

    operation: str
    method: str
    where: str  # "request" or a status code
    pointer: tuple[str, ...]  # property names from the body root ("*" for array items)
    schema: dict[str, Any]
    reason: str


LOOSENED = (
    Loosened(
        "Skills:skills_skillid_parameters_general-settings",
        "PUT",
        "request",
        ("generalSettings", "aggressiveness"),
        {"type": ["string", "integer"]},
        "CX-P11: the PUT text types it string while the aggregate GET (and the v33 client) has an integer; "
        "its values are undocumented ('Need Possible values'), so either form is accepted",
    ),
    Loosened(
        "Skills:skills_skillid_parameters_general-settings",
        "PUT",
        "request",
        ("generalSettings", "waitTimeFactor"),
        {"type": ["number", "boolean"]},
        "CX-P15: a factor 0-999 in the PUT text, a boolean in the aggregate GET: the GET type is a "
        "documentation slip, both are accepted",
    ),
    Loosened(
        "Skills:skills_skillid_parameters_cpa-management",
        "PUT",
        "request",
        ("cpaSettings", "enableCPALogging"),
        {"type": ["boolean", "string"]},
        "CX-P15: boolean in the PUT text, string in the aggregate GET",
    ),
    *(
        Loosened(
            "Skills:skills_skillid_parameters_general-settings",
            "PUT",
            "request",
            ("generalSettings", name),
            {"type": "boolean"},
            "newer than the 2022 text: the v33 client calljacob/nice-cxone-api "
            "(AdminSkillsService.ts, AdminSkills_UpdateSkillGenral) has this field",
        )
        for name in ("deliverCallbacksOnDNCHolidays", "deliverPrioritiesOnDNCHolidays")
    ),
    *(
        Loosened(
            "Skills:skills_skillId",
            "PUT",
            "request",
            ("skill", name),
            {"type": kind},
            "CX-S7: newer than the 2022 text: the v33 client calljacob/nice-cxone-api (AdminSkillsService.ts, "
            "putSkillsId) takes it; deactivation is how a skill is removed",
        )
        for name, kind in (("isActive", "boolean"), ("outboundTelecomRouteId", "integer"))
    ),
    *(
        Loosened(
            operation,
            method,
            "request",
            (*root, name),
            {"type": "integer"},
            "the 2022 request text spells it stateIdAcw/maxSecondsAcw, while the skill GET (both texts) and "
            "the v33 client's PUT and POST (calljacob/nice-cxone-api putSkillsId, postSkills) spell it "
            "...ACW: the newer spelling, which reads back unchanged, is sent",
        )
        for operation, method, root in (
            ("Skills:skills_skillId", "PUT", ("skill",)),
            ("Skills:skills", "POST", ("skills", "*")),
        )
        for name in ("maxSecondsACW", "stateIdACW")
    ),
)


@cache
def _spec(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SPEC_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _nullable(schema: Any) -> Any:
    """The text's OpenAPI-3 `nullable: true` as Draft 4 `type: [T, "null"]`."""
    if isinstance(schema, list):
        return [_nullable(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: _nullable(value) for key, value in schema.items() if key != "nullable"}
    if schema.get("nullable") and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    return out


def _closed(schema: Any) -> Any:
    """Every object with properties closed: a property the text does not have is an error."""
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: _closed(value) for key, value in schema.items()}
    if "properties" in out and out.get("type", "object") == "object":
        out["additionalProperties"] = False
    return out


@dataclass(frozen=True)
class Operation:
    key: str
    method: str
    template: str
    spec: dict[str, Any]

    @property
    def file(self) -> str:
        return self.key.split(":", 1)[0]

    def parameters(self) -> list[dict[str, Any]]:
        shared = _spec(self.file)["definitions"].get("parameters", {})
        resolved = []
        for param in self.spec.get("parameters", []):
            ref = param.get("$ref", "")
            base = shared.get(ref.rsplit("/", 1)[-1], {}) if ref else {}
            resolved.append({**base, **{k: v for k, v in param.items() if k != "$ref"}})
        return resolved

    def query_names(self) -> set[str]:
        return {p["name"] for p in self.parameters() if p.get("in", "query") == "query" and p.get("name")}

    def request_schema(self) -> dict[str, Any] | None:
        bodies = [p["schema"] for p in self.parameters() if p.get("in") == "body" and "schema" in p]
        return bodies[0] if bodies else None

    def response_schema(self, status: int) -> dict[str, Any] | None:
        response = self.spec.get("responses", {}).get(str(status))
        if response is None:
            return None
        schema: dict[str, Any] | None = response.get("schema")
        return schema

    def documents(self, status: int) -> bool:
        return str(status) in self.spec.get("responses", {})


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")


@cache
def operations() -> tuple[Operation, ...]:
    """Every mapped operation; literal paths before templated ones (/skills/parameters before /skills/{id})."""
    rows = []
    for key, template in PATHS.items():
        file, name = key.split(":", 1)
        for method, spec in _spec(file)[name].items():
            rows.append(Operation(key, method.upper(), template, spec))
    return tuple(sorted(rows, key=lambda op: op.template.count("{")))


def operation_for(method: str, path: str) -> Operation | None:
    """The operation for a method and a path under /inContactAPI/services/vNN.0 (or already below it)."""
    match = SERVICES.match(path)
    below = match.group("path") if match else path
    for operation in operations():
        if operation.method == method and _pattern(operation.template).match(below):
            return operation
    return None


def _loosen(schema: dict[str, Any], operation: Operation, where: str) -> dict[str, Any]:
    out = copy.deepcopy(schema)
    for rule in LOOSENED:
        if (rule.operation, rule.method, rule.where) != (operation.key, operation.method, where):
            continue
        node = out
        for name in rule.pointer[:-1]:
            node = node["items"] if name == "*" else node["properties"][name]
        node["properties"][rule.pointer[-1]] = rule.schema
    return out


def _validator(operation: Operation, schema: dict[str, Any], where: str, *, strict: bool) -> Draft4Validator:
    definitions = _nullable(_spec(operation.file)["definitions"])
    body = _nullable(_loosen(_inline(schema, definitions), operation, where))
    if strict:
        body, definitions = _closed(body), _closed(definitions)
    else:
        body, definitions = _open(body), _open(definitions)
    return Draft4Validator({"definitions": definitions, **body})


def _inline(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """A top-level `$ref` resolved, so loosening can address the referenced schema's properties."""
    ref = schema.get("$ref", "")
    if ref.startswith("#/definitions/"):
        return _inline(copy.deepcopy(definitions[ref.rsplit("/", 1)[-1]]), definitions)
    return schema


def _errors(validator: Draft4Validator, body: Any, where: str) -> list[str]:
    problems = []
    for error in validator.iter_errors(body):
        at = "/".join(str(part) for part in error.absolute_path)
        problems.append(f"{where}: {at or '(root)'}: {error.message}")
    return problems


def request_problems(method: str, url: str, content: bytes) -> list[str]:
    """What a request breaks in its operation's contract (empty: it keeps it)."""
    parts = urlsplit(url)
    operation = operation_for(method, parts.path)
    where = f"{method} {parts.path}"
    if operation is None:
        return (
            [] if _newer(method, parts.path) else [f"{where}: no such operation in the published Admin API"]
        )
    problems = []
    known = operation.query_names() | PAGING
    for name, _ in parse_qsl(parts.query, keep_blank_values=True):
        if name not in known:
            problems.append(f"{where}: query parameter {name!r} is not one the operation takes")
    if (method, operation.template) in NEWER_CLIENT:
        return problems
    schema = operation.request_schema()
    if schema is not None and content:
        problems += _errors(_validator(operation, schema, "request", strict=True), json.loads(content), where)
    elif content and schema is None:
        problems.append(f"{where}: the operation takes no body")
    return problems


def response_problems(method: str, path: str, status: int, content: bytes) -> list[str]:
    """What an answer breaks in the schema documented for its status (types and required fields; fields
    the 2022 text does not list are allowed, since answers gain fields over versions)."""
    operation = operation_for(method, path)
    where = f"{method} {path} -> {status}"
    if operation is None:
        return [] if _newer(method, path) else [f"{where}: no such operation in the published Admin API"]
    if not operation.documents(status):
        problems = [f"{where}: status {status} is not documented for the operation"]
    else:
        schema = operation.response_schema(status)
        if schema is None or not content or (method, operation.template) in NEWER_CLIENT:
            return []
        validator = _validator(operation, schema, str(status), strict=False)
        problems = _errors(validator, json.loads(content), where)
    return [p for p in problems if not any(re.search(pattern, p) for pattern in ANSWER_EXCEPTIONS)]


def _newer(method: str, path: str) -> bool:
    match = SERVICES.match(path)
    below = match.group("path") if match else path
    return any(m == method and _pattern(t).match(below) for m, t in NEWER_OPERATIONS)


def _open(schema: Any) -> Any:
    """Answers gain fields over versions: a field the 2022 text does not list is not an error."""
    if isinstance(schema, list):
        return [_open(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {key: _open(value) for key, value in schema.items() if key != "additionalProperties"}


CXONE = Contract(covers=lambda path: SERVICES.match(path) is not None, problems=request_problems)
"""The CXone request contract for tests.request_log.RequestLog: every request under /inContactAPI/services/."""


def request_log() -> RequestLog:
    """A request hook that keeps every Admin API request, to check against the contract afterwards."""
    return RequestLog((CXONE,))


@dataclass
class ResponseLog:
    """An httpx response hook that keeps every Admin API answer, to check against the documented schemas."""

    seen: list[tuple[str, str, int, bytes]] = field(default_factory=list)

    async def __call__(self, response: httpx.Response) -> None:
        request = response.request
        if SERVICES.match(request.url.path):
            self.seen.append((request.method, request.url.path, response.status_code, await response.aread()))

    def problems(self) -> list[str]:
        return [
            problem
            for method, path, status, content in self.seen
            for problem in response_problems(method, path, status, content)
        ]
