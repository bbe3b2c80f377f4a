"""Genesys Cloud outbound kinds, one module per kind family; `outbound` builds a spec with the common facts."""

from __future__ import annotations

from typing import Any

from reconciler.kinds.spec import KindSpec, RunStateSpec

OUTBOUND = "/api/v2/outbound"


def force_new(resource: str, detail: str = "") -> str:
    """The source of a replace-forcing field: ForceNew in the schema of `resource` (outbound_<name>) of
    MyPureCloud/terraform-provider-genesyscloud, with what else says so (`detail`)."""
    source = f"terraform-provider-genesyscloud {resource} ForceNew"
    return f"{source}; {detail}" if detail else source


def outbound(
    kind: str,
    collection: str,
    *,
    run_state: RunStateSpec | None,
    delete_rank: int | None,
    emulator_key: str | None = None,
    listing: str = "paged",
    **facts: Any,
) -> KindSpec:
    """A Genesys kind under /api/v2/outbound/`collection`, served by the emulator collection of the same
    name unless `emulator_key` says otherwise. Paged listings take `allowEmptyResult` (sent as true, as
    terraform-provider-genesyscloud does; every outbound listing of purecloudplatformclientv2 269.0.0
    but campaigns takes it)."""
    facts.setdefault("allow_empty_result", True)
    return KindSpec(
        platform="genesys",
        kind=kind,
        path=f"{OUTBOUND}/{collection}",
        listing=listing,
        run_state=run_state,
        delete_rank=delete_rank,
        emulator_key=emulator_key or collection,
        **facts,
    )
