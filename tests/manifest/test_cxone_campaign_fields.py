"""CXone Campaign manifests: a division cannot be resolved through the Admin API, so it is refused clearly."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from reconciler.manifest.models.cxone_lists import CampaignSpec


def test_a_campaign_division_is_refused_with_what_to_do_instead() -> None:
    with pytest.raises(ValidationError) as refused:
        CampaignSpec.model_validate({"description": "x", "division": "Sales"})
    message = str(refused.value)
    assert "division is not supported on CXone" in message
    assert "publishes no division listing" in message and "set the campaign's division in CXone" in message
    assert CampaignSpec.model_validate({"description": "x"}).division is None
