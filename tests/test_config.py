from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.config import find_project, load_project
from reconciler.diagnostics import Code
from reconciler.exceptions import ConfigError
from reconciler.validation import default_calling, default_jurisdictions, default_reach

GOOD = """
manifests: campaigns/
default_target: local
targets:
  local: {platform: genesys, emulator: true}
  prod-us:
    platform: genesys
    region: us-east-1
    client_id_env: GENESYS_CLIENT_ID
    client_secret_env: GENESYS_CLIENT_SECRET
    rate_limit_per_minute: 300
  staging:
    platform: genesys
    base_url: http://127.0.0.1:8700
    auth_url: http://127.0.0.1:8700
    client_id_env: EMU_ID
    client_secret_env: EMU_SECRET
  cx-prod:
    platform: cxone
    access_key_id_env: CXONE_ACCESS_KEY_ID
    access_key_secret_env: CXONE_ACCESS_KEY_SECRET
    client_id_env: CXONE_CLIENT_ID
    client_secret_env: CXONE_CLIENT_SECRET
compliance: {jurisdictions: [US, US-FL]}
policy: {AUDIENCE-OVERLAP: warning}
prune: {enabled: true, scope: {name_prefix: "team-a-"}}
audit: {path: .reconciler/audit.jsonl}
notifications: [{url_env: WFM_WEBHOOK_URL, secret_env: WFM_WEBHOOK_SECRET, events: [apply.finished]}]
"""


def test_full_project_file_parses(write) -> None:
    project = load_project(write("reconciler.yaml", GOOD))
    assert project.default_target == "local"
    assert project.targets["prod-us"].rate_limit_per_minute == 300
    assert project.policy == {Code.AUDIENCE_OVERLAP: "warning"}
    assert project.compliance.jurisdictions == ["US", "US-FL"]
    assert project.prune.scope.name_prefix == "team-a-"
    assert project.genesys.rule_edit == "disable_first"  # the default: the API documents the refusal
    edited = load_project(write("in-place.yaml", GOOD + "genesys: {rule_edit: in_place}\n"))
    assert edited.genesys.rule_edit == "in_place"
    assert (project.monitor.warn_at_percent_of_cap, project.monitor.time_zone) == (80, "UTC")  # defaults
    monitored = load_project(
        write("monitor.yaml", GOOD + "monitor: {warn_at_percent_of_cap: 90, time_zone: Europe/London}\n")
    )
    assert (monitored.monitor.warn_at_percent_of_cap, monitored.monitor.time_zone) == (90, "Europe/London")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "targets:\n  p: {platform: genesys, region: us-east-1, client_id_env: A, client_secret: hunter2}\n",
            "'client_secret' looks like a credential written inline",
        ),
        (
            "targets:\n  p: {platform: genesys, region: us-east-1, client_id_env: A, client_secret_env: s3cr3t-Value}\n",
            "targets.p.client_secret_env",
        ),
        (
            "targets:\n  p: {platform: genesys, region: mars-1, client_id_env: A, client_secret_env: B}\n",
            "unknown Genesys region 'mars-1'",
        ),
        (
            "targets:\n  p: {platform: cxone, client_id_env: A, client_secret_env: B}\n",
            "credentials missing: access_key_id_env, access_key_secret_env",
        ),
        ("default_target: nope\n", "default_target 'nope' is not one of targets"),
        ("policy: {NOT-A-CODE: error}\n", "policy.NOT-A-CODE"),
        ("prune: {enabled: true}\n", "needs a scope"),
        ("colour: blue\n", "colour: unknown setting"),
        (
            "genesys: {rule_edit: sideways}\n",
            "genesys.rule_edit: Input should be 'disable_first' or 'in_place'",
        ),
        ("monitor: {warn_at_percent_of_cap: 120}\n", "monitor.warn_at_percent_of_cap: Input should be less"),
        ("monitor: {calibration_tolerance_percent: 0}\n", "monitor.calibration_tolerance_percent"),
        ("monitor: {time_zone: Mars/Olympus}\n", "monitor.time_zone: unknown time zone 'Mars/Olympus'"),
        ("monitor: {window: 30}\n", "monitor.window: unknown setting"),
        ("monitor: {cxone_fields: {abandoned: 'abandon count'}}\n", "monitor.cxone_fields.abandoned"),
        ("monitor: {cxone_fields: {dropped: x}}\n", "monitor.cxone_fields.dropped: unknown setting"),
    ],
)
def test_bad_project_files_name_the_line_and_problem(write, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_project(write("reconciler.yaml", text))
    assert expected in str(err.value)
    assert "reconciler.yaml:" in str(err.value)


def test_secret_value_never_echoed(write) -> None:
    with pytest.raises(ConfigError) as err:
        load_project(
            write(
                "reconciler.yaml",
                "targets:\n  p: {platform: genesys, region: us-east-1, client_secret: hunter2}\n",
            )
        )
    assert "hunter2" not in str(err.value)


def test_project_is_found_in_parent_folders(tmp_path: Path) -> None:
    (tmp_path / "reconciler.yaml").write_text("manifests: campaigns/\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_project(nested) == tmp_path / "reconciler.yaml"


def test_monitor_takes_the_genesys_query_bounds_and_refuses_out_of_range_ones(write) -> None:
    project = load_project(
        write("reconciler.yaml", "monitor: {genesys_analytics: {max_interval_days: 14}}\n")
    )
    assert project.monitor.genesys_analytics.max_interval_days == 14
    assert project.monitor.genesys_analytics.max_predicates == 50
    with pytest.raises(ConfigError) as err:
        load_project(write("reconciler.yaml", "monitor: {genesys_analytics: {max_interval_days: 90}}\n"))
    assert "monitor.genesys_analytics.max_interval_days" in str(err.value)


def test_compliance_purpose_and_technology_default_to_sales_and_the_dialing_mode(write) -> None:
    plain = load_project(write("plain.yaml", "manifests: campaigns/\n"))
    assert (plain.compliance.purpose, plain.compliance.technology) == ("sales", None)
    assert default_calling(plain) == ("sales", None)
    text = (
        "compliance: {jurisdictions: [US], purpose: debt_collection, technology: prerecorded}\n"
        "targets:\n"
        "  local: {platform: genesys, emulator: true}\n"
        "  texts: {platform: genesys, emulator: true, compliance: {technology: text}}\n"
        "  charity: {platform: genesys, emulator: true, compliance: {jurisdictions: [US], purpose: charity}}\n"
    )
    project = load_project(write("reconciler.yaml", text))
    assert default_calling(project) == ("debt_collection", "prerecorded")
    assert default_calling(project, "local") == ("debt_collection", "prerecorded")
    # a target's compliance section overrides only what it sets
    assert default_calling(project, "texts") == ("debt_collection", "text")
    assert default_calling(project, "charity") == ("charity", "prerecorded")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "compliance: {purpose: marketing}\n",
            "compliance.purpose: Input should be 'sales', 'informational'",
        ),
        ("compliance: {technology: robocall}\n", "compliance.technology: Input should be 'live'"),
    ],
)
def test_an_unknown_purpose_or_technology_is_refused_with_the_known_ones(
    write, text: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as err:
        load_project(write("reconciler.yaml", text))
    assert expected in str(err.value)
    assert "reconciler.yaml:1" in str(err.value)


def test_a_target_compliance_section_overrides_only_the_keys_it_sets(write) -> None:
    text = (
        "compliance: {jurisdictions: [US, US-FL], reach: nationwide, purpose: debt_collection}\n"
        "targets:\n"
        "  collections: {platform: genesys, emulator: true, compliance: {purpose: sales}}\n"
        "  florida: {platform: genesys, emulator: true, compliance: {reach: [US-GA], technology: text}}\n"
    )
    project = load_project(write("reconciler.yaml", text))
    # setting only `purpose` keeps the project's jurisdictions and reach (Florida's rules are not dropped)
    assert default_jurisdictions(project, "collections") == ("US", "US-FL")
    assert default_reach(project, "collections") == "nationwide"
    assert default_calling(project, "collections") == ("sales", None)
    assert default_jurisdictions(project, "florida") == ("US", "US-FL")
    assert default_reach(project, "florida") == ("US-GA",)
    assert default_calling(project, "florida") == ("debt_collection", "text")
