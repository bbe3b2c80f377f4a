"""The emulator's own API under /_emulator/: reset, seed, snapshot, settings and faults, external edits,
campaign stats and progress figures, per-day measured counts, and the request log. It is never rate
limited or fault-injected.

When the app has an admin token (`emulator serve` on a non-loopback address), every route but health
needs `Authorization: Bearer <token>`. No route ever returns the accepted credentials.
"""

from __future__ import annotations

import copy
import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from reconciler.emulator import history
from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone.store import external_edit as cxone_edit
from reconciler.emulator.genesys.admin_writes import external_edit as genesys_edit
from reconciler.emulator.genesys.dialing_figures import FigureError, find_campaign, set_figures
from reconciler.emulator.metrics import MetricsError, set_metrics
from reconciler.emulator.seed import apply_seed
from reconciler.emulator.seed_error import SeedError
from reconciler.emulator.settings import EmulatorSettings


def _emulator(request: Request) -> Emulator:
    emulator: Emulator = request.app.state.emulator
    emulator.tick()
    return emulator


async def _json_body(request: Request) -> Any:
    try:
        return await request.json()
    except ValueError:
        return None


def _problem(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


Handler = Callable[[Request], Awaitable[Response]]


def _guarded(handler: Handler) -> Handler:
    """`handler` behind the app's admin token, when it has one (compared in constant time)."""

    async def guarded(request: Request) -> Response:
        expected: str | None = request.app.state.admin_token
        if expected is not None:
            scheme, _, given = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), expected.encode()):
                return _problem(401, "the emulator's admin API needs 'Authorization: Bearer <admin token>'")
        return await handler(request)

    return guarded


def _public_settings(settings: EmulatorSettings) -> dict[str, Any]:
    return settings.model_dump(exclude={"credentials"})  # write-only: an admin API never hands them out


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def reset(request: Request) -> Response:
    """Empty the org; with ?reseed=true load the seed the emulator started with again."""
    emulator = _emulator(request)
    emulator.reset()
    if request.query_params.get("reseed") == "true" and emulator.seed is not None:
        apply_seed(emulator, emulator.seed)
    return JSONResponse({"status": "reset"})


async def seed(request: Request) -> Response:
    emulator = _emulator(request)
    body = await _json_body(request)
    if not isinstance(body, dict):
        return _problem(400, "the seed is a JSON object (see docs/emulator.md)")
    try:
        apply_seed(emulator, body)
    except SeedError as exc:
        return JSONResponse({"error": exc.message, "field": exc.field}, status_code=400)
    return JSONResponse({"status": "seeded"})


async def snapshot(request: Request) -> Response:
    return JSONResponse(_emulator(request).state.snapshot())


async def settings(request: Request) -> Response:
    """GET the settings; PUT/PATCH a partial settings object (for example {"faults": {"error_rate": 0.2}})."""
    emulator = _emulator(request)
    if request.method in ("PUT", "PATCH"):
        body = await _json_body(request)
        if not isinstance(body, dict):
            return _problem(400, "settings are a JSON object")
        merged = _merge(emulator.settings.model_dump(), body)
        try:
            emulator.settings = EmulatorSettings.model_validate(merged)
        except ValidationError as exc:
            return _problem(
                400, "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            )
        if "faults" in body and "seed" in body["faults"]:
            emulator.rng.seed(emulator.settings.faults.seed)
    return JSONResponse(_public_settings(emulator.settings))


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


async def external_edit(request: Request) -> Response:
    """Change an object as another admin would: {"platform", "collection", "id" or "name", "changes"}.

    Genesys objects get a new version and dateModified, as any write does.
    """
    emulator = _emulator(request)
    body = await _json_body(request)
    if not isinstance(body, dict) or not isinstance(body.get("changes"), dict):
        return _problem(400, 'body needs "platform", "collection", "id" or "name", and "changes"')
    edit = {"genesys": genesys_edit, "cxone": cxone_edit}.get(str(body.get("platform", "genesys")))
    if edit is None:
        return _problem(400, "platform is genesys or cxone")
    try:
        updated = edit(emulator, body["collection"], body.get("id"), body.get("name"), body["changes"])
    except KeyError as exc:
        return _problem(404, f"no such object: {exc.args[0]}")
    emulator.changed()
    return JSONResponse(updated)


async def campaign_state(request: Request) -> Response:
    """Set a Genesys campaign's stats and progress figures: {"id" or "name", "progress", "stats"}."""
    emulator = _emulator(request)
    body = await _json_body(request)
    if not isinstance(body, dict):
        return _problem(400, 'body needs "id" or "name", and "progress" and/or "stats"')
    campaign = find_campaign(emulator, body.get("id"), body.get("name"))
    if campaign is None:
        return _problem(404, f"no such campaign: {body.get('id') or body.get('name')}")
    try:
        return JSONResponse(set_figures(emulator, campaign, body))
    except FigureError as exc:
        return _problem(400, str(exc))


async def metrics(request: Request) -> Response:
    """Set per-day measured counts by campaign and skill name (reconciler/emulator/metrics.py)."""
    emulator = _emulator(request)
    try:
        return JSONResponse({"status": "set", **set_metrics(emulator, await _json_body(request))})
    except MetricsError as exc:
        return _problem(400, str(exc))


async def request_log(request: Request) -> Response:
    """GET the request counts per method and route; DELETE clears them."""
    emulator = _emulator(request)
    if request.method == "DELETE":
        emulator.requests.clear()
        return JSONResponse({"total": 0, "by_route": []})
    rows = [
        {"method": method, "path": path, "count": count}
        for (method, path), count in sorted(emulator.requests.items())
    ]
    return JSONResponse({"total": sum(emulator.requests.values()), "by_route": rows})


def routes() -> list[Route]:
    return [
        Route("/_emulator/health", health, methods=["GET"]),
        Route("/_emulator/reset", _guarded(reset), methods=["POST"]),
        Route("/_emulator/seed", _guarded(seed), methods=["POST"]),
        Route("/_emulator/snapshot", _guarded(snapshot), methods=["GET"]),
        Route("/_emulator/settings", _guarded(settings), methods=["GET", "PUT", "PATCH"]),
        Route("/_emulator/external-edit", _guarded(external_edit), methods=["POST"]),
        Route("/_emulator/campaign-state", _guarded(campaign_state), methods=["POST"]),
        Route("/_emulator/metrics", _guarded(metrics), methods=["POST"]),
        Route("/_emulator/requests", _guarded(request_log), methods=["GET", "DELETE"]),
        Route("/_emulator/history", _guarded(history.history), methods=["GET"]),
    ]
