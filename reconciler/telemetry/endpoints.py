"""Endpoint names for telemetry: a request path with every id-like segment replaced by `{id}`.

A segment is kept only when it is a plain word (letters, `-`, `_`, an optional leading `.`) or an API
version (`v2`, `v30.0`); anything holding a digit or another character — UUIDs, numeric ids, phone
numbers, percent-encoded text, tokens — is `{id}`. The platforms' paths carry ids, never names, so a
plain word is part of the route. Keeping only what is known to be harmless, rather than removing what
looks like an id, is what keeps ids, numbers and secrets out of metrics and span attributes.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_WORD = re.compile(r"\.?[A-Za-z][A-Za-z_\-]*")
_VERSION = re.compile(r"v\d+(?:\.\d+)*")


def endpoint_template(path: str) -> str:
    """`/api/v2/outbound/campaigns/3f2a…/progress` -> `/api/v2/outbound/campaigns/{id}/progress`."""
    route = urlsplit(path).path if "://" in path else path.split("?", 1)[0]
    segments = [
        segment if not segment or _WORD.fullmatch(segment) or _VERSION.fullmatch(segment) else "{id}"
        for segment in route.split("/")
    ]
    return "/".join(segments) or "/"
