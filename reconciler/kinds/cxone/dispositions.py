"""CXone dispositions (/dispositions), offered by skills."""

from __future__ import annotations

from reconciler.kinds.spec import KindSpec

SPECS = (
    KindSpec(
        platform="cxone",
        kind="Disposition",
        path="/dispositions",
        listing="envelope",
        items=("dispositions",),
        total=("totalRecords",),
        id_field="dispositionId",
        name_field="dispositionName",
        emulator_key="dispositions",
        run_state=None,
        delete_rank=2,  # after the skills that offer it
    ),
)
