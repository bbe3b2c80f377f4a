"""Which undeclared live objects the reconciler may delete (or report as unmanaged): the prune scope."""

from __future__ import annotations

from reconciler.config import PruneScope
from reconciler.kinds.registry import spec_of
from reconciler.state.objects import LiveObject


def is_singleton(platform: str, kind: str) -> bool:
    spec = spec_of(platform, kind)
    return spec is not None and spec.singleton


def in_scope(live: LiveObject, scope: PruneScope) -> bool:
    """Inside an explicit scope: every given condition holds. An empty scope holds nothing.

    Org singletons are never in scope: they cannot be deleted.
    """
    if scope.name_prefix is None and scope.kinds is None:
        return False
    if is_singleton(live.platform, live.kind):
        return False
    if scope.name_prefix is not None and not live.name.startswith(scope.name_prefix):
        return False
    return scope.kinds is None or live.kind in scope.kinds
