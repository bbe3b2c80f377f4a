from __future__ import annotations

import random
import re

import phonenumbers
import pytest

from reconciler.plan.masking import (
    Masker,
    canonical_number,
    looks_like_phone,
    mask_text,
    mask_value,
    without_fingerprints,
)

MASKED = re.compile(r"\*\*\*(\d{4})#[0-9a-f]{4,}")


@pytest.mark.parametrize(
    "number",
    ["+15555550123", "+1 (555) 555-0123", "+44 20 7946 0123", "5555550123", "555.555.0123", "(555) 555-0123"],
)
def test_phone_numbers_keep_their_last_four_digits_and_a_fingerprint(number: str) -> None:
    shown = mask_value(number)
    assert MASKED.fullmatch(shown) and shown.startswith("***0123#")
    assert number not in shown


def test_one_number_renders_the_same_however_it_is_written() -> None:
    writings = [
        "+12125550199",
        "+1 212-555-0199",
        "+1 (212) 555.0199",
        "2125550199",
        "12125550199",
        12125550199,
    ]
    assert len({mask_value(writing) for writing in writings}) == 1


def test_a_changed_number_with_the_same_last_four_digits_shows_as_a_change() -> None:
    before, after = mask_value("+12125550199"), mask_value("+13125550199")
    assert before != after
    assert without_fingerprints(before) == without_fingerprints(after) == "***0199"


def test_a_fresh_key_renders_the_same_number_differently() -> None:
    first, second = Masker(b"k" * 32), Masker(b"q" * 32)
    assert first.number("+12125550199") != second.number("+12125550199")
    assert first.number("+12125550199") == Masker(b"k" * 32).number("+12125550199")  # keyed, not random


def test_a_fingerprint_collision_lengthens_the_later_number_and_keeps_every_number_apart() -> None:
    masker = Masker(b"fixed key", fingerprint_hex=1)  # 16 fingerprints: 40 numbers must collide
    numbers = [f"+1{area}5550199" for area in range(200, 240)]
    shown = [masker.number(number) for number in numbers]
    assert len(set(shown)) == len(numbers)
    assert any(len(item) > len("***0199#0") for item in shown)
    assert all(item.startswith("***0199#") for item in shown)
    assert [masker.number(number) for number in reversed(numbers)] == shown[::-1]  # stable within the run


def test_the_first_number_keeps_the_short_fingerprint_the_later_one_is_lengthened() -> None:
    masker = Masker(b"fixed key", fingerprint_hex=1)
    numbers = [f"+1{area}5550199" for area in range(200, 240)]
    seen: dict[str, str] = {}
    for number in numbers:
        shown = masker.number(number)
        short = shown[: len("***0199#0")]
        if short in seen:  # a collision: the earlier one kept the short form
            assert seen[short] == short and shown != short
        else:
            seen[short] = shown


def test_the_key_is_not_in_the_masker_repr() -> None:
    key = b"secret-key-bytes-0123456789abcdef"
    masker = Masker(key)
    masker.number("+12125550199")
    assert key.hex() not in repr(masker) and str(key) not in repr(masker)


def test_fast_nanp_canonical_form_is_what_phonenumbers_gives() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        digits = f"{rng.randint(2, 9)}{rng.randint(0, 99_999_999_9):09d}"
        for text in (f"+1{digits}", digits, f"1{digits}", f"+1 ({digits[:3]}) {digits[3:6]}-{digits[6:]}"):
            parsed = phonenumbers.parse(text, None if text.startswith("+") else "US")
            assert canonical_number(text) == phonenumbers.format_number(
                parsed, phonenumbers.PhoneNumberFormat.E164
            )


def test_numbers_that_phonenumbers_cannot_read_compare_by_their_digits() -> None:
    assert canonical_number("+44 20 7946 0123") == "+442079460123"
    assert canonical_number("442079460123") == "442079460123"  # bare and not NANP-shaped: digits only


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
    masked = mask_value(value)
    assert without_fingerprints(masked) == {
        "caller_address": "***0123",
        "entries": ["***0100", "***0101"],
        "records": [{"phone_number": "***0142", "expired_date": "2027-01-31"}],
        "abandon_rate": 3,
        "enabled": True,
        "as_number": "***0199",
    }
    assert masked["caller_address"] == mask_value("+15555550123")
    assert MASKED.fullmatch(masked["as_number"])


def test_numbers_inside_free_text_are_masked() -> None:
    text = "DNC entry '+1 555 555 0123' is invalid; caller id 5555550124. Version 12 at 2026-07-01."
    masked = mask_text(text)
    assert masked == (
        f"DNC entry '{mask_value('+15555550123')}' is invalid; caller id {mask_value('+15555550124')}. "
        "Version 12 at 2026-07-01."
    )
    assert mask_text(masked) == masked  # masking twice changes nothing


def test_a_closing_parenthesis_after_a_number_stays_in_the_text() -> None:
    masked = mask_text("caller_address: not a string (got 15555550100); call (555) 555-0123)")
    assert masked == (
        f"caller_address: not a string (got {mask_value('15555550100')}); call {mask_value('5555550123')})"
    )


def test_identifiers_and_hashes_are_not_mistaken_for_numbers() -> None:
    text = "id 0f3c2b1a-1234-5678-9abc-123456789012 fingerprint sha256:ab12345678901234cd"
    assert mask_text(text) == text


@pytest.mark.parametrize(
    "uuid",
    [
        "12345513-0634-4acb-901c-13578d1a21b3",
        "55555501-2345-4678-9012-345678901234",
        "0f3c2b1a-1234-5678-9abc-1234",
    ],
)
def test_a_uuid_whose_groups_are_digits_is_not_a_number(uuid: str) -> None:
    """A correlation id quoted in an API error stays whole, whatever digits it happens to start with."""
    text = f"HTTP 400 bad.request: refused (correlation id {uuid})"
    assert mask_text(text) == text


@pytest.mark.parametrize(
    "message",
    [
        "overlaps 2021-10-02 09:00 to 2021-10-02 17:00 (America/New_York)",
        "the entry 2026-03-08 02 does not exist in America/Chicago",
        "first run 2021-10-02T09:00:00, last 2021-10-03",
    ],
)
def test_dates_with_their_hour_are_not_masked_as_numbers(message: str) -> None:
    assert mask_text(message) == message


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("2125550111 3125550122", 2),
        ("12125550111 13125550122", 2),
        ("+12125550111 2021-10-02 09", 1),
        ("2021-10-02 09 212 555 0111", 1),
        ("on 2021-10-02 0912125550111", 1),
    ],
)
def test_numbers_side_by_side_or_next_to_a_date_are_each_masked(text: str, numbers: int) -> None:
    shown = mask_text(text)
    assert len(MASKED.findall(shown)) == numbers
    assert not re.search(r"\d{7}", MASKED.sub("", shown).replace("2021-10-02", ""))
    assert "2021-10-02" not in text or "2021-10-02" in shown
