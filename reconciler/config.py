"""The project file `reconciler.yaml`: targets, compliance defaults, policy, prune, audit, notifications,
and Genesys write options.

Secrets never live in this file: credentials are named by environment variable (`*_env` keys).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from reconciler.diagnostics import Code
from reconciler.exceptions import ConfigError, Location, ManifestLoadError, UsageError
from reconciler.limits import Limits
from reconciler.manifest.loader import display_path, read_text
from reconciler.manifest.models.base import Jurisdiction, Reach
from reconciler.manifest.models.call_purpose import Purpose, Technology
from reconciler.manifest.typing import data_path, format_path
from reconciler.manifest.yaml_reader import read_yaml_documents
from reconciler.platform import Platform
from reconciler.regions import CXONE_ISSUERS, GENESYS_REGIONS
from reconciler.transport import refusal

PROJECT_FILE = "reconciler.yaml"

EnvName = Annotated[
    str,
    Field(
        pattern=r"^[A-Z_][A-Z0-9_]*$",
        description="Name of an environment variable (upper case), never the secret itself",
    ),
]

TARGET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
"""Target names are file names: the emulated `local` kind keeps its state in .reconciler/<name>.json."""

_SECRET_KEYS = re.compile(r"(secret|password|token|client_id|access_key|api_key|url)$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _no_inline_secrets(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in data:
                if isinstance(key, str) and _SECRET_KEYS.search(key) and key not in cls.model_fields:
                    raise ValueError(
                        f"'{key}' looks like a credential written inline; name an environment variable "
                        f"instead with '{key}_env: VARIABLE_NAME'"
                    )
        return data


class ComplianceDefaults(_Strict):
    jurisdictions: list[Jurisdiction] = Field(default_factory=lambda: ["US"], min_length=1)
    reach: Reach = Field(
        default_factory=list,
        description="Where the called parties live beyond the jurisdictions: nationwide, or a list of states "
        "(US-FL ...), each state's rules applied in its own zones (docs/compliance.md)",
    )
    purpose: Purpose = Field(
        default="sales",
        description="Why campaigns and skills that declare no compliance.purpose call: sales, informational, "
        "debt_collection, charity, survey or political",
    )
    technology: Technology | None = Field(
        default=None,
        description="How campaigns and skills that declare no compliance.technology call (live, prerecorded, "
        "text) when their dialing mode does not say (agentless -> prerecorded, SMS -> text); unset: live",
    )
    _where: tuple[Location, ...] = PrivateAttr(default=())
    _reach_where: tuple[Location, ...] = PrivateAttr(default=())

    def where_of(self, index: int) -> Location | None:
        """The line in reconciler.yaml of the `index`th jurisdiction (None when built in code): an
        unknown code is reported there (reconciler.policy.jurisdiction_codes)."""
        return self._where[index] if index < len(self._where) else None

    def reach_where_of(self, index: int) -> Location | None:
        """The line of the `index`th state of `reach` (None when built in code)."""
        return self._reach_where[index] if index < len(self._reach_where) else None


VarName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
VarValue = str | bool | int | float


class Target(_Strict):
    """Where a run reads and writes: a real org, or the built-in emulator."""

    platform: Platform
    emulator: bool = Field(default=False, description="Use the built-in emulator (state under .reconciler/)")
    region: str | None = Field(default=None, description="Genesys region, e.g. us-east-1")
    issuer: Literal["global", "gov"] | None = Field(default=None, description="CXone token issuer")
    insecure: bool = Field(
        default=False, description="Allow plain http to a host that is not loopback (warned on every run)"
    )
    base_url: AnyHttpUrl | None = Field(
        default=None, description="API base URL override (e.g. a running emulator)"
    )
    auth_url: AnyHttpUrl | None = Field(default=None, description="Token endpoint host override")
    client_id_env: EnvName | None = None
    client_secret_env: EnvName | None = None
    access_key_id_env: EnvName | None = None
    access_key_secret_env: EnvName | None = None
    token_route: Literal["app", "access-key"] = Field(
        default="app",
        description=(
            "CXone token route: app (a registered app: password grant at {issuer}/auth/token, client id "
            "and secret plus access key) or access-key (POST https://{area}.nice-incontact.com"
            "/authentication/v1/token/access-key with the access key alone, no app registration)"
        ),
    )
    area: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2,3}[0-9]{1,2}$",
        description="CXone area of the access-key route's host, e.g. na1, eu1, au1 (auth_url overrides it)",
    )
    client_auth: Literal["basic", "post"] = Field(
        default="basic",
        description="CXone app route: client id and secret as HTTP Basic (default) or in the form (post)",
    )
    rate_limit_per_minute: int = Field(default=300, ge=1, le=100_000)
    overlays: list[str] = Field(
        default_factory=list,
        description="Folders or files of overlay documents applied over the base manifests, in this order "
        "(patch, add or remove documents: docs/environments.md)",
    )
    vars: dict[VarName, VarValue] = Field(
        default_factory=dict,
        description="Values of ${vars.NAME} in this target's manifests; never secrets (a name that looks "
        "like a credential is refused)",
    )
    compliance: ComplianceDefaults | None = Field(
        default=None,
        description="This target's jurisdictions, purpose and technology (each defaults to the project's "
        "compliance section)",
    )
    environment: str = Field(
        default="production",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$",
        description="The GitHub environment the apply workflow applies this target in (its secrets, its "
        "required reviewers)",
    )
    after: str | None = Field(
        default=None,
        description="Promotion: the apply workflow applies this target only after the named target applied "
        "successfully in the same run (e.g. production after test)",
    )
    _vars_where: dict[str, Location] = PrivateAttr(default_factory=dict)

    @field_validator("vars")
    @classmethod
    def _no_secret_vars(cls, values: dict[str, VarValue]) -> dict[str, VarValue]:
        for name in values:
            if _SECRET_KEYS.search(name.lower()):
                raise ValueError(
                    f"variable '{name}' looks like a credential; variables end up in manifests, plans and "
                    "exports, so secrets are named by environment variable (*_env settings) instead"
                )
        return values

    def where_of_var(self, name: str) -> Location | None:
        """The line in reconciler.yaml that defines variable `name` (None when built in code)."""
        return self._vars_where.get(name)

    def overlay_paths(self, root: Path) -> list[Path]:
        return [root / entry for entry in self.overlays]

    @field_validator("base_url", "auth_url")
    @classmethod
    def _safe_transport(cls, url: AnyHttpUrl | None, info: ValidationInfo) -> AnyHttpUrl | None:
        problem = None if url is None else refusal(str(url), insecure=bool(info.data.get("insecure")))
        if problem is not None:
            raise ValueError(f"{url} {problem}")
        return url

    @model_validator(mode="after")
    def _complete(self) -> Target:
        self._only_on_its_platform("region")
        if self.region is not None and self.region not in GENESYS_REGIONS:
            raise ValueError(f"unknown Genesys region '{self.region}' (known: {', '.join(GENESYS_REGIONS)})")
        for name in ("issuer", "token_route", "client_auth", "area"):
            self._only_on_its_platform(name)
        if self.emulator:
            return self
        missing = [name for name in CREDENTIALS[self.platform](self) if getattr(self, name) is None]
        if missing:
            raise ValueError(f"credentials missing: {', '.join(missing)} (environment variable names)")
        return self

    def _only_on_its_platform(self, name: str) -> None:
        owner, default, message = PLATFORM_ONLY[name]
        if self.platform != owner and getattr(self, name) != default:
            raise ValueError(message)


def _genesys_credentials(target: Target) -> list[str]:
    """A Genesys target's credential keys: an OAuth client; its API host is the region's or base_url."""
    if target.region is None and target.base_url is None:
        raise ValueError("a Genesys target needs a region (or base_url), or emulator: true")
    return ["client_id_env", "client_secret_env"]


def _cxone_credentials(target: Target) -> list[str]:
    """A CXone target's credential keys: an access key alone, or a registered app plus an access key."""
    if target.token_route != "access-key":
        return ["client_id_env", "client_secret_env", "access_key_id_env", "access_key_secret_env"]
    if target.area is None and target.auth_url is None:
        raise ValueError("token_route access-key needs the area of the token host (e.g. na1) or auth_url")
    return ["access_key_id_env", "access_key_secret_env"]


PLATFORM_ONLY: dict[str, tuple[Platform, object, str]] = {
    "region": (Platform.GENESYS, None, "region applies to Genesys targets; CXone discovers its API host"),
    "issuer": (Platform.CXONE, None, f"issuer applies to CXone targets ({', '.join(CXONE_ISSUERS)})"),
    "token_route": (Platform.CXONE, "app", "token_route applies to CXone targets"),
    "client_auth": (Platform.CXONE, "basic", "client_auth applies to CXone targets"),
    "area": (Platform.CXONE, None, "area applies to CXone targets"),
}
"""Target keys only one platform reads: (that platform, the default others must keep, the error otherwise)."""

CREDENTIALS: dict[Platform, Callable[[Target], list[str]]] = {
    Platform.GENESYS: _genesys_credentials,
    Platform.CXONE: _cxone_credentials,
}
"""Per platform: the credential keys a real (not emulated) target must name, after its own checks."""


class PruneScope(_Strict):
    name_prefix: str | None = None
    kinds: list[str] | None = None


class Prune(_Strict):
    enabled: bool = False
    scope: PruneScope = Field(default_factory=PruneScope)

    @model_validator(mode="after")
    def _scoped(self) -> Prune:
        if self.enabled and self.scope.name_prefix is None and self.scope.kinds is None:
            raise ValueError(
                "prune.enabled needs a scope (name_prefix and/or kinds) so it never deletes the whole org"
            )
        return self


BASELINE_ENV = "RECONCILER_DNC_BASELINE_REF"
"""Overrides dnc.baseline_ref for one run (the shipped workflows set HEAD^1)."""


class Dnc(_Strict):
    max_shrink_percent: float = Field(
        default=10, ge=0, le=100, description="DNC-SHRINK fires when a source drops more than this share"
    )
    baseline_ref: str | None = Field(
        default="HEAD",
        min_length=1,
        pattern=r"^[A-Za-z0-9_./^~@{}][A-Za-z0-9_./^~@{}-]*$",
        description="git revision whose DNC sources a shrink is measured against (null: none)",
    )

    def baseline(self) -> str | None:
        """The revision to compare with: the environment's override, else baseline_ref."""
        override = os.environ.get(BASELINE_ENV, "").strip()
        if re.fullmatch(r"[A-Za-z0-9_./^~@{}][A-Za-z0-9_./^~@{}-]*", override):
            return override
        return self.baseline_ref


RuleEdit = Literal["disable_first", "in_place"]


class GenesysOptions(_Strict):
    """How writes meet Genesys Cloud rules the public documentation and working clients disagree on."""

    rule_edit: RuleEdit = Field(
        default="disable_first",
        description="Editing an enabled campaign rule: disable_first (disable, edit, re-enable; the API "
        "documents cannot.modify.enabled.campaign.rule) or in_place (one PUT keeping enabled: true, as "
        "the Terraform provider does)",
    )


FieldName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", description="A JSON field name")]


class CxoneSummaryFields(_Strict):
    """Which CXone skill-summary fields hold each count, where a tenant's answer differs from the read's
    assumed names (GET /skills/summary; unset: the assumed name)."""

    items: FieldName | None = None
    skill_id: FieldName | None = None
    attempted: FieldName | None = None
    connected: FieldName | None = None
    abandoned: FieldName | None = None
    handled: FieldName | None = None
    average_handle: FieldName | None = None


class GenesysAnalyticsBounds(_Strict):
    """How large one Genesys conversation aggregates query may be. The defaults are assumed (no public
    figure was found); raise them only to what the developer center publishes for analytics queries."""

    max_interval_days: int = Field(default=7, ge=1, le=31, description="Days one query's interval spans")
    max_predicates: int = Field(default=50, ge=1, le=500, description="Campaign filters in one query")
    max_metrics: int = Field(default=10, ge=3, le=50, description="Metrics asked in one query")


class Monitor(_Strict):
    """`reconciler monitor`: when a measured abandonment figure warns, and when measured pacing inputs do."""

    warn_at_percent_of_cap: float = Field(
        default=80,
        gt=0,
        le=100,
        description="ABANDON-MEASURED warns when a window's rate reaches this share of its cap (percent)",
    )
    calibration_tolerance_percent: float = Field(
        default=20,
        gt=0,
        le=1000,
        description="PACING-CALIBRATION warns when the measured live-answer rate or handle time differs "
        "from compliance.staffing by more than this share of the declared value (percent)",
    )
    time_zone: str = Field(
        default="UTC",
        min_length=1,
        description="IANA zone whose midnights bound the measured days (Ofcom's day is the UK's: Europe/London)",
    )

    cxone_fields: CxoneSummaryFields = Field(
        default_factory=CxoneSummaryFields,
        description="CXone skill-summary field names, where a tenant's differ from the assumed ones",
    )
    genesys_analytics: GenesysAnalyticsBounds = Field(
        default_factory=GenesysAnalyticsBounds,
        description="Bounds of one Genesys aggregates query (assumed defaults; see docs/monitor-sources.md)",
    )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {zone!r} (an IANA name such as Europe/London)") from None
        return zone


class Audit(_Strict):
    path: str = ".reconciler/audit.jsonl"


NotificationEvent = Literal[
    "apply.started", "resource.changed", "apply.finished", "drift.detected", "compliance.breach"
]


_DEFAULT_EVENTS: tuple[NotificationEvent, ...] = ("apply.finished", "drift.detected")


class Notification(_Strict):
    url_env: EnvName
    secret_env: EnvName | None = None
    events: list[NotificationEvent] = Field(default_factory=lambda: list(_DEFAULT_EVENTS))
    _where: Location | None = PrivateAttr(default=None)

    @property
    def where(self) -> Location | None:
        """The url_env line in reconciler.yaml (None when built in code): errors about the URL point there."""
        return self._where


PolicySeverity = Literal["error", "warning", "off"]
STRUCTURAL_CODES = frozenset({Code.SCHEMA, Code.DUPLICATE, Code.REF_MISSING, Code.CYCLE})


class ProjectFile(_Strict):
    manifests: str | list[str] = "campaigns/"
    default_target: str | None = None
    targets: dict[str, Target] = Field(default_factory=dict)
    compliance: ComplianceDefaults = Field(default_factory=ComplianceDefaults)
    policy: dict[Code, PolicySeverity] = Field(default_factory=dict)
    prune: Prune = Field(default_factory=Prune)
    dnc: Dnc = Field(default_factory=Dnc)
    audit: Audit = Field(default_factory=Audit)
    monitor: Monitor = Field(default_factory=Monitor)
    notifications: list[Notification] = Field(default_factory=list)
    limits: Limits = Field(default_factory=Limits)
    genesys: GenesysOptions = Field(default_factory=GenesysOptions)
    _source: Path | None = PrivateAttr(default=None)

    @property
    def source(self) -> Path | None:
        """The file this project was loaded from (a saved plan pins it); None when built in code."""
        return self._source

    @model_validator(mode="after")
    def _structural_codes_are_fixed(self) -> ProjectFile:
        fixed = sorted(str(code) for code in self.policy if code in STRUCTURAL_CODES)
        if fixed:
            raise ValueError(
                f"policy cannot change {', '.join(fixed)}: a manifest that breaks its schema, repeats an "
                "object, names a missing object or forms a cycle cannot be planned"
            )
        return self

    @field_validator("targets")
    @classmethod
    def _names_are_file_names(cls, targets: dict[str, Target]) -> dict[str, Target]:
        for name in targets:  # an emulated target keeps its org in .reconciler/<name>.json
            if not TARGET_NAME.fullmatch(name):
                raise ValueError(
                    f"target name {name!r} must be a plain file name: letters, digits, '.', '_' and '-', "
                    "starting with a letter or digit, at most 64 characters"
                )
        return targets

    @model_validator(mode="after")
    def _promotion_order(self) -> ProjectFile:
        for name, target in self.targets.items():
            seen = [name]
            while target.after is not None:
                if target.after not in self.targets:
                    raise ValueError(
                        f"target '{seen[-1]}' is applied after '{target.after}', which is not a target"
                    )
                if target.after in seen:
                    raise ValueError(
                        f"targets are applied after each other in a circle: {' -> '.join([*seen, target.after])}"
                    )
                seen.append(target.after)
                target = self.targets[target.after]
        return self

    @model_validator(mode="after")
    def _default_exists(self) -> ProjectFile:
        if self.default_target is not None and self.default_target not in self.targets:
            raise ValueError(f"default_target '{self.default_target}' is not one of targets")
        return self

    def target_named(self, name: str | None) -> tuple[str, Target]:
        """The target `name` (the default target when None), or a UsageError naming the known ones."""
        chosen = name or self.default_target
        if chosen is None:
            raise UsageError("no --target given and reconciler.yaml has no default_target")
        if chosen not in self.targets:
            raise UsageError(f"unknown target '{chosen}' (reconciler.yaml has: {', '.join(self.targets)})")
        return chosen, self.targets[chosen]

    def manifest_paths(self, root: Path) -> list[Path]:
        entries = [self.manifests] if isinstance(self.manifests, str) else self.manifests
        return [root / entry for entry in entries]


def load_project(path: Path) -> ProjectFile:
    """Parse and validate the project file; every problem is a ConfigError with file and line."""
    shown = display_path(path)
    try:
        documents = read_yaml_documents(read_text(path, shown), file=shown)
    except ManifestLoadError as exc:
        raise ConfigError(exc.message, location=exc.location) from None
    except OSError as exc:
        raise ConfigError(f"cannot read project file: {exc.strerror}", location=Location(shown, 1)) from None
    if len(documents) != 1 or not isinstance(documents[0].data, dict):
        raise ConfigError("the project file must be one YAML mapping", location=Location(shown, 1))
    doc = documents[0]
    try:
        project = ProjectFile.model_validate(doc.data)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            where = data_path(doc.data, error["loc"])
            text = error["msg"].removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                text = "unknown setting"
            lines.append(f"{shown}:{doc.line_of(where)}: {format_path(where) or 'project file'}: {text}")
        raise ConfigError("invalid project file:\n  " + "\n  ".join(lines)) from None
    project._source = path
    for index, item in enumerate(project.notifications):
        item._where = Location(shown, doc.line_of(("notifications", index, "url_env")))
    _locate_jurisdictions(project.compliance, doc.line_of, shown, ("compliance",), doc.data)
    for name, target in project.targets.items():
        if target.compliance is not None:
            where = ("targets", name, "compliance")
            _locate_jurisdictions(target.compliance, doc.line_of, shown, where, doc.data)
        target._vars_where = {
            key: Location(shown, doc.line_of(("targets", name, "vars", key))) for key in target.vars
        }
    return project


def _locate_jurisdictions(
    compliance: ComplianceDefaults,
    line_of: Callable[[tuple[str | int, ...]], int],
    shown: str,
    at: tuple[str, ...],
    data: Any,
) -> None:
    """Remember the line of each jurisdiction and reach code written in the file (defaults are written
    nowhere)."""
    for key in at:
        if not isinstance(data, dict) or key not in data:
            return
        data = data[key]
    if not isinstance(data, dict):
        return
    if "jurisdictions" in data:
        compliance._where = tuple(
            Location(shown, line_of((*at, "jurisdictions", index)))
            for index in range(len(compliance.jurisdictions))
        )
    if "reach" in data and isinstance(compliance.reach, list):
        compliance._reach_where = tuple(
            Location(shown, line_of((*at, "reach", index))) for index in range(len(compliance.reach))
        )


def find_project(start: Path) -> Path | None:
    """The project file in `start` or its nearest parent."""
    for folder in (start, *start.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None
