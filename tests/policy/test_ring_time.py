"""RING-TIME reads each campaign's jurisdictions: the strictest minimum ring time of its rows, cited."""

from __future__ import annotations

from pathlib import Path

from reconciler.validation import validate_paths

CAMPAIGN = """\
apiVersion: genesys/v1
kind: Campaign
metadata:
  name: renewals
spec:
  contact_list: renewals
  dialing_mode: progressive
  phone_columns:
    - {{column_name: phone, type: cell}}
  caller_name: Acme
  caller_address: "+12125550100"
  abandon_rate: 2.5
  no_answer_timeout: 10
compliance:
  jurisdictions: [{jurisdiction}]
"""


def _ring_findings(tmp_path: Path, jurisdiction: str) -> list[str]:
    path = tmp_path / "campaign.yaml"
    path.write_text(CAMPAIGN.format(jurisdiction=jurisdiction), encoding="utf-8")
    result = validate_paths([path])
    return [item.message for item in result.findings if item.code.value == "RING-TIME"]


def test_a_uk_campaign_that_rings_10_s_is_told_ofcom_asks_for_15(tmp_path: Path) -> None:
    [message] = _ring_findings(tmp_path, "UK")
    assert "after 10 s" in message and "at least 15 s" in message
    assert "United Kingdom" in message and "Communications Act 2003" in message


def test_a_us_campaign_cites_the_federal_rule(tmp_path: Path) -> None:
    [message] = _ring_findings(tmp_path, "US")
    assert "at least 15 s" in message and "47 CFR" in message


def test_a_jurisdiction_without_a_minimum_ring_time_raises_nothing(tmp_path: Path) -> None:
    assert _ring_findings(tmp_path, "CA") == []
