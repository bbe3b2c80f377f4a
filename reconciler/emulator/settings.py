"""Emulator behaviour knobs: credentials, limits, delays and faults. All settable at start and at run time."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from reconciler.emulator.body_limit import DEFAULT_MAX_BODY_BYTES


class Credentials(BaseModel):
    """Accepted credentials. The same pair serves Genesys client credentials, CXone access keys and CXone
    client credentials, so a fresh clone works with one documented pair."""

    model_config = ConfigDict(extra="forbid")

    client_id: str = "emulator"
    client_secret: str = "emulator-secret"
    access_key_id: str = "emulator"
    access_key_secret: str = "emulator-secret"


class Faults(BaseModel):
    """Injected faults; each applies to API requests only (never to /_emulator/ or token endpoints)."""

    model_config = ConfigDict(extra="forbid")

    latency_ms: float = Field(default=0, ge=0, le=60_000, description="Added to every API response")
    error_rate: float = Field(default=0.0, ge=0, le=1, description="Share of requests answered 500/502/503")
    drop_rate: float = Field(default=0.0, ge=0, le=1, description="Share of requests whose connection drops")
    storm_requests: int = Field(default=0, ge=0, description="The next N requests are answered 429")
    storm_retry_after: int = Field(default=1, ge=0, le=3600, description="Retry-After of storm 429s")
    read_after_write_lag_ms: float = Field(
        default=0, ge=0, le=600_000, description="A GET this soon after a write still sees the old object"
    )
    seed: int | None = Field(default=None, description="Random seed for reproducible fault sequences")


class EmulatorSettings(BaseModel):
    """Everything /_emulator/settings reads and writes; `credentials` can be written but is never returned."""

    model_config = ConfigDict(extra="forbid")

    credentials: Credentials = Field(default_factory=Credentials)
    genesys_token_seconds: int = Field(default=86_400, ge=1, description="Genesys default lifetime is 24 h")
    cxone_token_seconds: int = Field(default=3_600, ge=1, description="CXone tokens last about an hour")
    rate_limit_per_minute: int = Field(default=300, ge=1, description="Per access token, like Genesys")
    campaign_stop_seconds: float = Field(
        default=2.0, ge=0, description="How long a campaign stays 'stopping'"
    )
    settings_apply_seconds: float = Field(
        default=1.0, ge=0, description="Delay before a settings PATCH applies"
    )
    max_body_bytes: int = Field(
        default=DEFAULT_MAX_BODY_BYTES, ge=1, description="Larger request bodies are answered 413, any route"
    )
    faults: Faults = Field(default_factory=Faults)
