"""The emulator as an ASGI app: token endpoints, admin API, Genesys and CXone routes, behind the middleware."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response

from reconciler.emulator import admin, auth
from reconciler.emulator.body_limit import BodyLimitMiddleware
from reconciler.emulator.core import Emulator
from reconciler.emulator.cxone.routes import routes as cxone_routes
from reconciler.emulator.errors import CxoneError, GenesysError, cxone_response, genesys_response
from reconciler.emulator.genesys.routes import routes as genesys_routes
from reconciler.emulator.middleware import EmulatorMiddleware


async def _genesys_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, GenesysError)
    return genesys_response(exc)


async def _cxone_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CxoneError)
    return cxone_response(exc)


def create_app(emulator: Emulator | None = None, *, admin_token: str | None = None) -> Starlette:
    """Build the app around an emulator (a fresh default one when none is given).

    With `admin_token`, every /_emulator/ route but health needs `Authorization: Bearer <admin_token>`.
    """
    emulator = emulator or Emulator()
    app = Starlette(
        routes=[*auth.routes(), *admin.routes(), *genesys_routes(), *cxone_routes()],
        exception_handlers={GenesysError: _genesys_error, CxoneError: _cxone_error},
    )
    app.state.emulator = emulator
    app.state.admin_token = admin_token
    app.add_middleware(EmulatorMiddleware, emulator=emulator)
    app.add_middleware(BodyLimitMiddleware, limit=lambda: emulator.settings.max_body_bytes)  # outermost
    return app
