"""CVR numbers (the Danish business register): eight digits with a modulus-11
check. Pure: no Django beyond the ValidationError it raises."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def is_valid_cvr(value: str) -> bool:
    """True when ``value`` is eight digits, not starting with 0, whose
    weighted digit sum is divisible by 11."""
    if len(value) != 8 or not value.isascii() or not value.isdigit() or value[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(value, WEIGHTS, strict=True)) % 11 == 0


def validate_cvr(value: str) -> None:
    if value and not is_valid_cvr(value):
        raise ValidationError(
            _("This is not a valid CVR number: it has eight digits and a check digit."),
            code="invalid_cvr",
        )
