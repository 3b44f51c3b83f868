"""The one rounding rule (participation/stats/rounding.py)."""

import math
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from participation.stats.rounding import half_up, half_up_decimal


def test_halves_go_up_as_by_hand():
    assert half_up(0.285, 2) == 0.29  # round() gives 0.28
    assert half_up(42.85, 1) == 42.9
    assert half_up(2.5, 0) == 3.0  # round() gives 2
    assert half_up(-0.05, 1) == -0.1  # away from zero


def test_a_share_is_a_tenth_of_a_percentage_point():
    assert half_up_decimal(202 / 470, 1, scale=100) == Decimal("43.0")
    assert half_up_decimal(0.29, 1, scale=100) == Decimal("29.0")  # 28.999... in float
    assert half_up(0.42945, 3) == 0.429
    assert half_up(0.4295, 3) == 0.43


def test_nothing_to_round_stays_nothing():
    assert half_up(None, 1) is None
    assert half_up(math.nan, 1) is None
    assert half_up(math.inf, 1) is None


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(0, 4))
def test_rounding_twice_changes_nothing_and_moves_at_most_half_a_place(value, places):
    once = half_up(value, places)
    assert half_up(once, places) == once
    half_a_place = Decimal(1).scaleb(-places) / 2
    assert abs(Decimal(str(once)) - Decimal(str(value))) <= half_a_place
