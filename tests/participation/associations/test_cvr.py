"""participation/associations/cvr.py: the CVR check digit (pure, no database)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from participation.associations.cvr import WEIGHTS, is_valid_cvr, validate_cvr


def with_check_digit(first7: str) -> str | None:
    """The valid CVR starting with ``first7``, if there is one."""
    for last in "0123456789":
        candidate = first7 + last
        if sum(int(d) * w for d, w in zip(candidate, WEIGHTS, strict=True)) % 11 == 0:
            return candidate
    return None


@pytest.mark.parametrize("value", ["10150817", "29189773", "25313763"])
def test_real_cvr_numbers_are_valid(value):
    assert is_valid_cvr(value)


@pytest.mark.parametrize(
    "value",
    ["12345678", "1015081", "101508170", "0150817X", "١٠١٥٠٨١٧", "", "01234567"],
)
def test_invalid_values(value):
    assert not is_valid_cvr(value)


@given(st.from_regex(r"[1-9][0-9]{6}", fullmatch=True))
def test_changing_one_digit_breaks_the_check(first7):
    valid = with_check_digit(first7)
    if valid is None:
        return
    assert is_valid_cvr(valid)
    changed = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    assert not is_valid_cvr(changed)


def test_validator_allows_blank_and_names_the_problem():
    validate_cvr("")
    with pytest.raises(ValidationError) as error:
        validate_cvr("12345678")
    assert error.value.code == "invalid_cvr"
