"""The error a bad seed raises: unreadable, malformed, or holding an object the API would refuse."""

from __future__ import annotations

from reconciler.exceptions import ReconcilerError


class SeedError(ReconcilerError):
    """A seed file is unreadable or malformed, or holds an object the API would refuse; `field` names
    where (`genesys.campaigns[2].contactList`) when known."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
