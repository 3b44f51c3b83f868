"""How the council pages and the public results page write a figure."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext

from participation.council.catalogue import NUMBER, PERCENT, RATIO, SHARE

register = template.Library()


def format_figure(value, kind: str = NUMBER) -> str:
    """``value`` in the active language's number format: a share (0-1) or a
    percentage (0-100) with one decimal and a per cent sign, a ratio with
    two decimals, a mean or other number with one; "" for None (hidden)."""
    if value is None:
        return ""
    if kind == SHARE:
        return gettext("%(number)s %%") % {
            "number": number_format(100 * value, 1, use_l10n=True)
        }
    if kind == PERCENT:
        return gettext("%(number)s %%") % {
            "number": number_format(value, 1, use_l10n=True)
        }
    if kind == RATIO:
        return number_format(value, 2, use_l10n=True)
    if float(value).is_integer():
        return number_format(int(value), 0, use_l10n=True)
    return number_format(value, 1, use_l10n=True)


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
