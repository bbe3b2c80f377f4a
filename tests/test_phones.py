"""One form for numbers: E.164 in manifests and comparisons, each platform's stored form on the wire."""

from __future__ import annotations

import pytest

from reconciler.phones import from_stored, problem_of, stored_form, to_e164


def test_formatting_is_dropped_but_the_country_code_is_required() -> None:
    assert to_e164("+1 (212) 555-0121") == "+12125550121"
    assert to_e164("2125550121") is None
    assert problem_of("2125550121") is not None and "E.164" in str(problem_of("2125550121"))


@pytest.mark.parametrize(
    ("e164", "cxone"), [("+12125550121", "2125550121"), ("+442079460000", "442079460000")]
)
def test_cxone_stores_north_american_numbers_without_the_country_code(e164: str, cxone: str) -> None:
    assert stored_form(e164, platform="cxone") == cxone
    assert stored_form(e164, platform="genesys") == e164
    assert from_stored(cxone, platform="cxone") == e164  # read back, one number on both sides
    assert from_stored("1" + cxone if e164.startswith("+1") else cxone, platform="cxone") == e164


def test_a_genesys_number_stored_as_written_reads_back_as_written() -> None:
    assert from_stored("+1 212 555 0121", platform="genesys") == "+12125550121"
    assert from_stored("12125550145", platform="genesys") == "12125550145"  # no guessing


@pytest.mark.parametrize("cell", ["=1+1", "@SUM(A1)", "-2+3", "+HYPERLINK(x)"])
def test_spreadsheet_formulas_are_refused(cell: str) -> None:
    assert problem_of(cell) == "looks like a spreadsheet formula, not a phone number"


@pytest.mark.parametrize(
    ("written", "piece", "e164"),
    [
        ("+1 212 555 0121 ext. 12", "has an extension (ext. 12)", "+12125550121"),
        ("+12125550121x12", "has an extension (x12)", "+12125550121"),
        ("+12125550121x", "has an extension (x)", "+12125550121"),
        ("011 44 20 7946 0000", "international dialing prefix 011", "+442079460000"),
        ("00 44 20 7946 0000", "international dialing prefix 00", "+442079460000"),
        ("+44 (0)20 7946 0000", "is not written as E.164", "+442079460000"),
        ("12125550121", "no leading +", "+12125550121"),
    ],
)
def test_numbers_not_written_in_e164_are_refused_with_their_e164_form(
    written: str, piece: str, e164: str
) -> None:
    problem = problem_of(written)
    assert problem is not None and piece in problem
    assert problem.endswith(e164) or f"{e164} if that is the number meant" in problem


def test_a_national_number_gets_no_guessed_country() -> None:
    problem = problem_of("(212) 555 0121")
    assert problem is not None and "E.164" in problem and "212" not in problem  # no +1212... suggested
