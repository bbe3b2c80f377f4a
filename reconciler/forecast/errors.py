"""Forecast errors: bad or short history, a campaign the forecast cannot use, the extra missing."""

from __future__ import annotations

from reconciler.exceptions import ReconcilerError

INSTALL_HINT = "pip install 'outbound-reconciler[forecast]'"


class ForecastError(ReconcilerError):
    """The forecast cannot be made: history too short or malformed, or the manifest lacks an input."""


def missing_extra(package: str) -> ForecastError:
    return ForecastError(f"forecasting needs {package}, which is not installed: {INSTALL_HINT}")
