"""Dates and numbers are written in each language's own way (issue 17): the
languages Django ships no formats for (Somali, Tigrinya) get them from
config/formats/, their month names from locale_vendor."""

import datetime

import pytest
from django.conf import settings
from django.utils import formats, translation

DAY = datetime.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [
        ("so", "7 Desembar 2026", "07/12/2026"),
        ("ti", "7 ታሕሳስ 2026", "07/12/2026"),
        ("da", "7. december 2026", "07.12.2026"),
    ],
)
def test_a_day_is_written_as_the_language_writes_it(language, long, short):
    with translation.override(language):
        assert formats.date_format(DAY, "DATE_FORMAT") == long
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == short


@pytest.mark.parametrize(
    "language", [code for code, _name in settings.LANGUAGES if code != "en"]
)
def test_no_language_but_english_writes_an_american_date(language):
    with translation.override(language):
        long = formats.date_format(DAY, "DATE_FORMAT")
        assert "Dec" not in long and "December" not in long, long
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") != "12/07/2026"
