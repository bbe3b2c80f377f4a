"""Reading the numbers of an internal (rds) DNC list: POST export, GET the export URI, download the CSV.

This is the flow the Terraform provider uses (terraform-provider-genesyscloud, genesyscloud_outbound_dnclist). The numbers are not part of
the list object, so this costs three requests per list, paid only for lists whose manifest declares
entries. A download on another host (the real platform hands out a presigned URL) is fetched without
the bearer token, which such URLs refuse. A list may hold millions of numbers, so the download has its
own bound (limits.dnc_export_mb, larger than other responses) and its rows are parsed one at a time.
"""

from __future__ import annotations

import asyncio
import csv
import io
from urllib.parse import urlsplit

from reconciler.exceptions import RequestFailed
from reconciler.kinds.genesys import OUTBOUND as API
from reconciler.providers.bodies import malformed, object_of
from reconciler.providers.bounded import BodyLimit, send_bounded
from reconciler.providers.http import ApiClient, failure

EXPORT_POLLS = 10
EXPORT_POLL_SECONDS = 1.0


async def _export_uri(client: ApiClient, list_id: str) -> str:
    path = f"{API}/dnclists/{list_id}/export"
    await client.request("POST", path)
    for attempt in range(EXPORT_POLLS):
        response = await client.request("GET", path, allow=(400, 404))
        if response.status_code == 200:
            uri = object_of(response).get("uri")
            if not isinstance(uri, str) or not uri:
                raise malformed(response, "no `uri` for the export")
            return uri
        await asyncio.sleep(EXPORT_POLL_SECONDS * (attempt + 1) / EXPORT_POLLS)
    raise RequestFailed(f"DNC list {list_id}: the export did not become ready", status=404)


async def read_dnc_entries(client: ApiClient, list_id: str) -> list[str]:
    """The list's phone numbers, sorted."""
    uri = await _export_uri(client, list_id)
    limit = BodyLimit(client.limits.dnc_export_bytes, "dnc_export_mb")
    if urlsplit(uri).netloc == urlsplit(client.base_url).netloc:
        response = await client.request("GET", uri, body_limit=limit)
    else:
        response = await send_bounded(client.http, client.http.build_request("GET", uri), limit)
        if response.status_code != 200:
            raise failure(response)
    return parse_entries(response.text)


def parse_entries(text: str) -> list[str]:
    """First column of the export CSV, header skipped (row by row: the rows are never held as lists)."""
    rows = csv.reader(io.StringIO(text))
    next(rows, None)
    numbers = [cell for cell in (row[0].strip() for row in rows if row) if cell]
    return sorted(numbers)
