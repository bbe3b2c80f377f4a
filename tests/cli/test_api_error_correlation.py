"""An API error reported by `reconciler apply` quotes the platform's correlation id, for Genesys support."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import copy_demo, run_cli

_QUOTED = re.compile(r"\(correlation id [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)")


def test_a_refused_write_names_its_correlation_id(tmp_path: Path) -> None:
    copy_demo(tmp_path)
    campaigns = tmp_path / "campaigns" / "genesys" / "campaigns.yaml"
    text = campaigns.read_text(encoding="utf-8")
    anchor = "  no_answer_timeout: 25\n"
    assert anchor in text
    # a sort column the contact list lacks: the platform refuses it (contact.sorts.invalid.field.name)
    campaigns.write_text(
        text.replace(anchor, anchor + "  contact_sorts: [{field_name: no_such_column}]\n", 1)
    )
    result = run_cli("apply", "--auto-approve", cwd=tmp_path, timeout=120)
    assert result.code != 0
    output = result.stdout + result.stderr
    (line,) = [line for line in output.splitlines() if "contact.sorts.invalid.field.name" in line]
    assert _QUOTED.search(line), line
