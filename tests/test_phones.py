"""Dutch phone numbers: one national format, emergency and service numbers handled."""

from __future__ import annotations

import re

import pytest

from generator.inputs.phones import format_dutch_phone, is_premium


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("013 751 67 50", "013 751 6750"),
        ("0137516750", "013 751 6750"),
        ("+31 13 751 6750", "013 751 6750"),
        ("0031 33 448 11 86", "033 448 1186"),
        ("0800 – 2000", "0800 2000"),
        ("0800-2000", "0800 2000"),
        ("0900-8844", "0900 8844"),
        ("112", "112"),
        ("06 12345678", "06 12345678"),
    ],
)
def test_numbers_print_in_one_national_format(written: str, printed: str) -> None:
    assert format_dutch_phone(written) == printed


@pytest.mark.parametrize("bad", ["020 123", "013 751 67 5", "abc", "0800", ""])
def test_invalid_numbers_are_refused_with_advice(bad: str) -> None:
    with pytest.raises(ValueError, match=re.escape("(a Dutch number has 10 digits from 0 (0xx xxx xx xx, 06 xx xx xx xx) or is 0800/0900")):
        format_dutch_phone(bad)


def test_premium_numbers_are_flagged() -> None:
    assert is_premium(format_dutch_phone("0900-8844"))
    assert not is_premium(format_dutch_phone("0800-2000"))
