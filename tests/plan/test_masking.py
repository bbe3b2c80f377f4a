from __future__ import annotations

import pytest

from reconciler.plan.masking import looks_like_phone, mask_text, mask_value


@pytest.mark.parametrize(
    "number",
    ["+15555550123", "+1 (555) 555-0123", "+44 20 7946 0123", "5555550123", "555.555.0123", "(555) 555-0123"],
)
def test_phone_numbers_keep_only_their_last_four_digits(number: str) -> None:
    assert mask_value(number) == "***0123"


@pytest.mark.parametrize(
    "text",
    [
        "2026-07-01",
        "2026-07-01T13:00:00.000Z",
        "09:00",
        "555-0123",
        "+12345",
        "q3-renewals",
        "3.5",
        "abc1234567890",
    ],
)
def test_other_values_are_left_alone(text: str) -> None:
    assert not looks_like_phone(text)
    assert mask_value(text) == text


def test_masking_recurses_and_keeps_shape() -> None:
    value = {
        "caller_address": "+15555550123",
        "entries": ["+15555550100", "+15555550101"],
        "records": [{"phone_number": "+15555550142", "expired_date": "2027-01-31"}],
        "abandon_rate": 3,
        "enabled": True,
        "as_number": 15555550199,
    }
    assert mask_value(value) == {
        "caller_address": "***0123",
        "entries": ["***0100", "***0101"],
        "records": [{"phone_number": "***0142", "expired_date": "2027-01-31"}],
        "abandon_rate": 3,
        "enabled": True,
        "as_number": "***0199",
    }


def test_numbers_inside_free_text_are_masked() -> None:
    text = "DNC entry '+1 555 555 0123' is invalid; caller id 5555550124. Version 12 at 2026-07-01."
    assert mask_text(text) == "DNC entry '***0123' is invalid; caller id ***0124. Version 12 at 2026-07-01."


def test_identifiers_and_hashes_are_not_mistaken_for_numbers() -> None:
    text = "id 0f3c2b1a-1234-5678-9abc-123456789012 fingerprint sha256:ab12345678901234cd"
    assert mask_text(text) == text
