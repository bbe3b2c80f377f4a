"""Severity control (`policy:` overrides, `reconciler/allow`) and the DNC / abandonment checks' edges:
what a user sees in validate, with live objects standing in for what only the org has."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.config import ConfigError, ProjectFile, load_project
from reconciler.diagnostics import Code, Severity
from reconciler.phones import problem_of
from reconciler.policy.context import CheckContext
from reconciler.policy.dnc import dnc_required
from reconciler.state.objects import LiveObject
from reconciler.validation import validate_paths
from tests.conftest import FIXTURES

VIOLATING = FIXTURES / "policy" / "ABANDON-RATE" / "violating" / "above-us-cap.yaml"
NO_DNC = FIXTURES / "policy" / "DNC-REQUIRED" / "violating" / "campaign-without-dnc-list.yaml"


def _codes(path: Path, project: ProjectFile | None = None) -> dict[Code, list[tuple[Severity, str | None]]]:
    found: dict[Code, list[tuple[Severity, str | None]]] = {}
    for item in validate_paths([path], project=project).findings:
        found.setdefault(item.code, []).append((item.severity, item.suppressed))
    return found


def test_policy_override_changes_severity_or_drops_the_code() -> None:
    warn = ProjectFile.model_validate({"policy": {"ABANDON-RATE": "warning"}})
    assert _codes(VIOLATING, warn)[Code.ABANDON_RATE] == [(Severity.WARNING, None)]
    off = ProjectFile.model_validate({"policy": {"ABANDON-RATE": "off"}})
    assert Code.ABANDON_RATE not in _codes(VIOLATING, off)
    assert validate_paths([VIOLATING], project=off).errors == 0


def test_structural_codes_cannot_be_switched_off(tmp_path: Path) -> None:
    config = tmp_path / "reconciler.yaml"
    config.write_text("policy: {SCHEMA: off}\n")
    with pytest.raises(ConfigError, match="policy cannot change SCHEMA"):
        load_project(config)


def test_allow_annotation_keeps_the_finding_listed_with_its_reason_but_not_counted(tmp_path: Path) -> None:
    text = VIOLATING.read_text().replace(
        "metadata:\n  name: renewals\nspec:\n  contact_list",
        'metadata:\n  name: renewals\n  annotations:\n    reconciler/allow: "ABANDON-RATE: legal approved 4 % for the pilot (JIRA-12)"\n'
        "spec:\n  contact_list",
        1,
    )
    path = tmp_path / "allowed.yaml"
    path.write_text(text)
    result = validate_paths([path])
    (allowed,) = [item for item in result.findings if item.code == Code.ABANDON_RATE]
    assert allowed.suppressed == "legal approved 4 % for the pilot (JIRA-12)"
    assert result.errors == 0


def test_allow_without_a_reason_is_a_schema_error(tmp_path: Path) -> None:
    text = VIOLATING.read_text().replace(
        "metadata:\n  name: renewals\nspec:",
        'metadata:\n  name: renewals\n  annotations:\n    reconciler/allow: "ABANDON-RATE:"\nspec:',
        1,
    )
    path = tmp_path / "no-reason.yaml"
    path.write_text(text)
    schema = [item for item in validate_paths([path]).findings if item.code == Code.SCHEMA]
    assert schema and "a reason is required" in schema[0].message


def test_a_dnc_list_only_the_org_has_counts_at_plan_time() -> None:
    result = validate_paths([NO_DNC])
    campaign = result.manifests["genesys/Campaign/renewals"]
    patched = campaign.document.spec.model_copy(update={"dnc_lists": ["org-dnc"]})
    document = campaign.document.model_copy(update={"spec": patched})
    manifests = {**result.manifests, campaign.address: type(campaign)(campaign.info, document, campaign.raw)}

    def live(method: str) -> LiveObject:
        return LiveObject(
            address="genesys/DncList/org-dnc",
            platform="genesys",
            kind="DncList",
            name="org-dnc",
            platform_id="d1",
            essence={"dnc_source_type": "rds", "contact_method": method},
        )

    phone = CheckContext(
        manifests=manifests, live={"genesys/DncList/org-dnc": live("Phone")}, platform="genesys"
    )  # type: ignore[arg-type]
    assert dnc_required(phone) == []
    email = CheckContext(
        manifests=manifests, live={"genesys/DncList/org-dnc": live("Email")}, platform="genesys"
    )  # type: ignore[arg-type]
    (problem,) = dnc_required(email)
    assert "hold no phone numbers" in problem.message


def test_cxone_skills_are_not_judged_offline_when_groups_live_only_in_the_org(tmp_path: Path) -> None:
    skill = FIXTURES / "policy" / "DNC-REQUIRED" / "violating" / "cxone-skill-not-scrubbed.yaml"
    only_skill = tmp_path / "skill.yaml"
    only_skill.write_text(skill.read_text().split("---")[0])
    assert Code.DNC_REQUIRED not in _codes(only_skill)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("+12125550123", True),
        ("+1 (212) 555-0123", True),
        ("+44 20 7946 0000", True),
        ("2125550123", False),  # no country code: refused, not guessed
        ("(212) 555 0194", False),
        ("+15555550123", False),
        ("12", False),
        ("call me", False),
        ('=HYPERLINK("http://x","+12125550123")', False),
        ("+SUM(1,2)", False),
        ("@cmd", False),
    ],
)
def test_phone_number_validity(number: str, valid: bool) -> None:
    assert (problem_of(number) is None) is valid
