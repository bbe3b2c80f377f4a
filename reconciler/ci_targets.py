"""The targets CI runs against, for a workflow matrix: platform, credential variables, touched inputs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from reconciler.config import PROJECT_FILE, ProjectFile, Target

CREDENTIAL_SLOTS = 4
"""The workflows map credentials in four fixed slots (`secrets[matrix.credentials[0..3]]`): the most a
target names (a CXone app route: access key id and secret, client id and secret)."""
_CREDENTIAL_FIELDS = ("client_id_env", "client_secret_env", "access_key_id_env", "access_key_secret_env")


@dataclass(frozen=True)
class CiTarget:
    """One matrix entry: the target, its platform and the environment variables its credentials use."""

    target: str
    platform: str
    credentials: tuple[str, ...]
    environment: str = "production"
    after: str = ""

    def to_dict(self) -> dict[str, object]:
        padded = [*self.credentials, *[""] * (CREDENTIAL_SLOTS - len(self.credentials))]
        return {
            "target": self.target,
            "platform": self.platform,
            "credentials": padded,
            "environment": self.environment,
            "after": self.after,
        }


def credential_names(target: Target) -> tuple[str, ...]:
    """The environment variables the target reads its credentials from, in a fixed order."""
    return tuple(name for field in _CREDENTIAL_FIELDS if (name := getattr(target, field)) is not None)


def _depth(project: ProjectFile, name: str) -> int:
    """How many targets are applied before `name` (the project file refuses circles)."""
    after = project.targets[name].after
    return 0 if after is None else 1 + _depth(project, after)


def ci_targets(project: ProjectFile) -> list[CiTarget]:
    """Every target of a real org (emulated targets need no CI run), in promotion order (a target after
    the one it is applied after), else in the project file's order."""
    chosen = [
        CiTarget(
            target=name,
            platform=target.platform,
            credentials=credential_names(target),
            environment=target.environment,
            after=target.after or "",
        )
        for name, target in project.targets.items()
        if not target.emulator
    ]
    return sorted(chosen, key=lambda item: _depth(project, item.target))


def input_prefixes(project: ProjectFile, target: str | None = None) -> list[str]:
    """The repository paths whose change calls for a plan of `target` (of any target when None): the
    manifest folders or files, the target's overlays, and the project file itself (relative to the
    project's folder, '/'-separated, without a leading './')."""
    entries = [project.manifests] if isinstance(project.manifests, str) else list(project.manifests)
    for name, settings in project.targets.items():
        if target is None or name == target:
            entries.extend(settings.overlays)
    return [_normal(entry) for entry in entries] + [PROJECT_FILE]


def touches_inputs(project: ProjectFile, changed: Iterable[str], target: str | None = None) -> bool:
    """Whether any changed file (repository-relative) is an input of `target` (of any target when None)."""
    prefixes = input_prefixes(project, target)
    for path in (_normal(item) for item in changed if item.strip()):
        for prefix in prefixes:
            if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
                return True
    return False


def _normal(path: str) -> str:
    text = str(PurePosixPath(path.strip().replace("\\", "/")))
    return text.removeprefix("./")
