"""The bounds of the work one run may do (`limits:` in reconciler.yaml), each with a safe default.

Every amount of work an input can cause is bounded (ARCHITECTURE.md §13): a manifest, a CSV file, a
server or a webhook receiver cannot make a run exhaust memory. Reaching a bound is a clear error that
names the file and line or the URL, never a crash.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MB = 1024 * 1024


class Limits(BaseModel):
    """`limits:` of reconciler.yaml; the defaults fit an org far larger than the §12 targets."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    yaml_values: int = Field(
        default=2_000_000,
        ge=1,
        description="Values all YAML documents of a run may hold, aliases counted expanded",
    )
    findings_per_code: int = Field(
        default=1_000, ge=1, description="Findings of one code listed; the rest are counted in one line"
    )
    pages_per_listing: int = Field(default=1_000, ge=1, description="Pages one API listing may take")
    response_mb: float = Field(default=50, gt=0, description="Largest API response body read, in MB")
    dnc_export_mb: float = Field(default=500, gt=0, description="Largest Genesys DNC export CSV read, in MB")
    webhook_response_kb: float = Field(
        default=4, gt=0, description="Most of a webhook receiver's answer read, in KB (the rest is dropped)"
    )

    @property
    def response_bytes(self) -> int:
        return int(self.response_mb * MB)

    @property
    def dnc_export_bytes(self) -> int:
        return int(self.dnc_export_mb * MB)

    @property
    def webhook_response_bytes(self) -> int:
        return int(self.webhook_response_kb * 1024)


DEFAULT_LIMITS = Limits()
