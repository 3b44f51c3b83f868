"""How the council pages and the public results page write a figure."""

from django import template
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext

from participation.council.catalogue import NUMBER, PERCENT, PLACES, RATIO, SHARE
from participation.stats.rounding import half_up_decimal

register = template.Library()


def format_figure(value, kind: str = NUMBER) -> str:
    """``value`` in the active language's number format, rounded half up
    (participation/stats/rounding.py) to the places every other reader of
    it gets (catalogue.PLACES): a share (0-1) or a percentage (0-100) with
    one decimal and a per cent sign, a ratio with two decimals, a mean or
    other number with one (a whole number with none); "" for None (hidden).
    Django's number_format cuts digits off, so it only ever gets the
    rounded Decimal."""
    if value is None:
        return ""
    if kind == SHARE:
        number = half_up_decimal(value, PLACES[SHARE] - 2, scale=100)
        return _percent(number)
    number = half_up_decimal(value, PLACES.get(kind, PLACES[NUMBER]))
    if kind == PERCENT:
        return _percent(number)
    if kind == RATIO:
        return number_format(number, 2, use_l10n=True)
    if number == number.to_integral_value():
        return number_format(int(number), 0, use_l10n=True)
    return number_format(number, 1, use_l10n=True)


def _percent(number) -> str:
    return gettext("%(number)s %%") % {
        "number": number_format(number, 1, use_l10n=True)
    }


def chart_number_format() -> dict[str, str]:
    """How :func:`format_figure` writes numbers in the active language, for
    static/js/charts.js (participation/stats/charts.py ``number_format``):
    the decimal separator and the per cent pattern, so that a chart's ticks
    and tooltips read as the table's cells do ("42,9 %", Turkish "%42,9",
    Western digits in Arabic as in the table)."""
    pattern = gettext("%(number)s %%")
    return {
        "decimal": str(get_format("DECIMAL_SEPARATOR")),
        "percent": pattern.replace("%(number)s", "{number}").replace("%%", "%"),
    }


@register.filter
def figure(value, kind=NUMBER):
    return format_figure(value, kind)


@register.filter
def get(mapping, key):
    """``mapping[key]`` in a template (a record's statistic by its code)."""
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return None
