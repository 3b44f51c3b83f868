"""One rounding rule for every figure a person reads or a file holds (issue
17): half up, from the figure's decimal digits.

Half up: a figure exactly halfway goes up (away from zero for negative
changes), so 42.85 % is shown as 42.9 %, as a person rounding by hand
would. Python's ``round`` rounds halves to even and works on the binary
value, so ``round(0.285, 2)`` is 0.28; and Django's ``number_format`` cuts
digits off, so 202/470 = 42.978... % was written 42.9 % in a sentence and
43.0 % in a table. Here a float is read through its shortest decimal
representation (``str``), which is what a person sees, then rounded once
with ``decimal.ROUND_HALF_UP``.

Callers round once, at the places shown (participation.council.catalogue
PLACES: a share to a tenth of a percentage point, a ratio to a hundredth);
rounding an already rounded figure again to the same places changes
nothing, so pages, charts, exports and the API agree.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def exact(value) -> Decimal | None:
    """``value`` (int, float, Decimal or numeric string) as the Decimal of
    its digits; None for None, NaN or infinity."""
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    number = Decimal(str(value))
    return number if number.is_finite() else None


def half_up_decimal(value, places: int, *, scale: int = 1) -> Decimal | None:
    """``value`` × ``scale`` rounded half up to ``places`` decimals, as a
    Decimal (for formatting: its digits are exactly those shown)."""
    number = exact(value)
    if number is None:
        return None
    return (number * scale).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def half_up(value, places: int, *, scale: int = 1) -> float | None:
    """:func:`half_up_decimal` as a float (for data: JSON, charts, files)."""
    rounded = half_up_decimal(value, places, scale=scale)
    return None if rounded is None else float(rounded)
