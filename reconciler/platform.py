"""The platforms a manifest or target names: a closed `Platform` enum and the facts that are only data."""

from __future__ import annotations

from enum import StrEnum

from reconciler.exceptions import ConfigError


class Platform(StrEnum):
    """A contact-centre platform. A `StrEnum`: manifests, plan JSON and reconciler.yaml keep the plain strings."""

    GENESYS = "genesys"
    CXONE = "cxone"

    @property
    def display_name(self) -> str:
        """The product name users know, for messages and docs."""
        return DISPLAY_NAMES[self]

    @property
    def api_version(self) -> str:
        """The `apiVersion` of every manifest of this platform."""
        return f"{self.value}/v1"


DISPLAY_NAMES = {Platform.GENESYS: "Genesys Cloud", Platform.CXONE: "CXone"}

KNOWN = ", ".join(Platform)


def parse_platform(value: str) -> Platform:
    """The platform `value` names; anything else is a ConfigError listing the known ones."""
    try:
        return Platform(value)
    except ValueError:
        raise ConfigError(f"unknown platform {value!r} (known: {KNOWN})") from None
