"""DNC list entries (DncList, purecloudplatformclientv2): phone numbers on internal (`rds`) lists only — POST a JSON array, PATCH
add/remove (204), DELETE all or only the expired (204) — and the export Terraform reads them back with:
POST export, GET export -> ExportUri, then download the CSV (terraform-provider-genesyscloud, genesyscloud_outbound_dnclist).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from reconciler.emulator.core import Emulator
from reconciler.emulator.errors import GenesysError
from reconciler.emulator.genesys.api_data import body_model
from reconciler.emulator.genesys.crud import find
from reconciler.emulator.genesys.kinds import BY_KEY
from reconciler.emulator.genesys.schema import json_body, json_object, validate_body
from reconciler.emulator.genesys.store import save_numbers, visible, visible_numbers
from reconciler.emulator.state import JsonObject

DNC_LISTS = BY_KEY["dnclists"]
_EXPORTS = "genesys_dnc_exports"  # meta: {list id: {"downloadId", "exportTimestamp", "csv"}}
CSV_HEADER = ("PhoneNumber", "DncListName", "ExpirationDateTime")
PHONE_NUMBERS = f"{DNC_LISTS.item_path}/phonenumbers"


def _internal_list(emulator: Emulator, list_id: str) -> JsonObject:
    dnc_list = find(emulator, DNC_LISTS, list_id)
    if dnc_list.get("dncSourceType") != "rds" or dnc_list.get("contactMethod") == "Email":
        raise GenesysError(
            400,
            "dnc.source.operation.not.supported",
            "An attempt was made to append numbers to a DNC list that is not of type Internal",
        )
    return dnc_list


def _expiration(value: Any) -> str | None:
    """`yyyy-MM-ddTHH:mmZ`, kept as sent; None for entries that never expire."""
    if value is None or value == "":
        return None
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        raise GenesysError(
            400, "invalid.date", "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mmZ"
        ) from None
    return str(value)


def _expired(expiration: str | None, now: float) -> bool:
    if expiration is None:
        return False
    moment = datetime.fromisoformat(expiration)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp() <= now


def _numbers(body: Any) -> list[str]:
    if not isinstance(body, list) or not all(isinstance(item, str) and item.strip() for item in body):
        raise GenesysError(400, "bad.request", "The body must be a JSON array of phone numbers.")
    return [item.strip() for item in body]


async def phone_numbers(request: Request) -> Response:
    emulator: Emulator = request.app.state.emulator
    list_id = request.path_params["dncListId"]
    _internal_list(emulator, list_id)
    entries = dict(emulator.state.dnc_numbers.get(list_id, {}))
    if request.method == "POST":
        expiration = _expiration(request.query_params.get("expirationDateTime"))
        entries.update(dict.fromkeys(_numbers(await json_body(request)), expiration))
        save_numbers(emulator, list_id, entries)
        return Response(status_code=200)
    if request.method == "PATCH":
        body = await json_object(request)
        validate_body(body_model("PATCH", PHONE_NUMBERS), body)
        numbers = _numbers(body.get("phoneNumbers", []))
        if body.get("action") == "Remove":
            entries = {number: when for number, when in entries.items() if number not in numbers}
        else:
            entries.update(dict.fromkeys(numbers, _expiration(body.get("expirationDateTime"))))
    elif request.query_params.get("expiredOnly", "").lower() == "true":
        entries = {number: when for number, when in entries.items() if not _expired(when, emulator.now())}
    else:
        entries = {}
    save_numbers(emulator, list_id, entries)
    return Response(status_code=204)


def _csv(dnc_list: JsonObject, numbers: dict[str, str | None]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for number, expiration in sorted(numbers.items()):
        writer.writerow((number, dnc_list.get("name", ""), expiration or ""))
    return out.getvalue()


async def export(request: Request) -> Response:
    emulator: Emulator = request.app.state.emulator
    list_id = request.path_params["dncListId"]
    dnc_list = visible(emulator, DNC_LISTS.key).get(list_id)
    if dnc_list is None:
        raise GenesysError(404, "dnc.list.not.found", "The do not call list could not be found.")
    exports: dict[str, JsonObject] = emulator.state.meta.setdefault(_EXPORTS, {})
    if request.method == "POST":
        download_id = emulator.new_id()
        exports[list_id] = {
            "downloadId": download_id,
            "exportTimestamp": emulator.timestamp(),
            "csv": _csv(dnc_list, visible_numbers(emulator, list_id)),
        }
        emulator.changed()
        return JSONResponse({"id": download_id, "selfUri": f"/api/v2/downloads/{download_id}"})
    done = exports.get(list_id)
    if done is None:
        raise GenesysError(
            404,
            "no.available.list.export.uri",
            "There is no available download URI for the dnc list at this time.",
        )
    uri = f"{str(request.base_url).rstrip('/')}/api/v2/downloads/{done['downloadId']}"
    if request.query_params.get("download", "").lower() == "true":
        return RedirectResponse(uri, status_code=303)
    return JSONResponse({"uri": uri, "exportTimestamp": done["exportTimestamp"]})


async def download(request: Request) -> Response:
    emulator: Emulator = request.app.state.emulator
    wanted = request.path_params["downloadId"]
    for done in emulator.state.meta.get(_EXPORTS, {}).values():
        if done["downloadId"] == wanted:
            return Response(done["csv"], media_type="text/csv")
    raise GenesysError(404, "not.found", "The requested resource was not found.")


def routes() -> list[Route]:
    base = DNC_LISTS.item_path
    return [
        Route(PHONE_NUMBERS, phone_numbers, methods=["POST", "PATCH", "DELETE"]),
        Route(f"{base}/export", export, methods=["GET", "POST"]),
        Route("/api/v2/downloads/{downloadId}", download, methods=["GET"]),
    ]
