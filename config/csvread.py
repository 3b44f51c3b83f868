"""Reading uploaded CSV text safely: the one CSV reader every importer uses.

The activity import (participation/associations/forms.py), the statistics upload and
``manage.py import_statistics`` (participation/council/indicators.py), the FOLK1E
population import (participation/council/folk1e.py) and the XLSForm CSV layout
(surveys/xlsform/sheets.py) read CSV through ``csv_rows`` or ``csv_line``. Whatever
is wrong with the text — a cell over the form's length limit (or over the
``csv`` module's own, which otherwise escapes as ``csv.Error`` and a server
error), a quoted cell that is never closed, text after a closing quotation
mark, a NUL character, too many cells in a row — comes out as one exception,
``CsvReadError``, that names the row and the column and carries a translated
message (SPEC §4.4). Each importer shows it where it shows its own problems.

Decoding the bytes stays with each importer (they accept different
encodings); this module reads text. Plain Python: no models, no settings
needed until a message is shown.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_noop

__all__ = [
    "EXCEL_MAX_CELL",
    "EXCEL_MAX_COLUMNS",
    "MESSAGES",
    "CsvLimits",
    "CsvReadError",
    "CsvRow",
    "csv_line",
    "csv_rows",
]

# A spreadsheet cannot hold more than this in one cell or one row, so a
# file saved from one never does: the default limits refuse only files that
# were not.
EXCEL_MAX_CELL = 32_767
EXCEL_MAX_COLUMNS = 16_384

# English templates, translated when shown. ``%(limit)s`` is the limit that
# was passed.
MESSAGES = {
    "too_long": gettext_noop("The cell is longer than %(limit)s characters."),
    "unclosed_quote": gettext_noop(
        'A quoted cell is never closed: a quotation mark (") is missing.'
    ),
    "after_quote": gettext_noop(
        'The cell has text after its closing quotation mark ("). Put the '
        "whole cell in quotation marks and double any inside it."
    ),
    "nul": gettext_noop(
        "The cell holds a NUL character, so this is not a CSV text file. Save "
        "it as “CSV UTF-8” and try again."
    ),
    "too_many_columns": gettext_noop("The row has more than %(limit)s cells."),
    "unreadable": gettext_noop("The row cannot be read as CSV."),
}


@dataclass(frozen=True)
class CsvLimits:
    """What one form accepts: ``cell_chars`` characters in a cell (at most
    the ``csv`` module's own limit, 131,072 unless changed) and
    ``columns`` cells in a row."""

    cell_chars: int = EXCEL_MAX_CELL
    columns: int = EXCEL_MAX_COLUMNS

    def __post_init__(self):
        if not 0 < self.cell_chars <= csv.field_size_limit():
            raise ValueError("cell_chars must be between 1 and csv.field_size_limit()")
        if self.columns < 1:
            raise ValueError("columns must be at least 1")


class CsvReadError(ValueError):
    """The text cannot be read as the form expects.

    ``code`` is a key of ``MESSAGES``; ``row`` is the 1-based row (record)
    the problem is in, counted as ``csv_rows`` counts; ``column`` the 1-based
    cell, or None where it is not known. ``message`` is the translated
    sentence without the place, ``where`` the place ("Row 3, column 2"),
    ``str()`` both."""

    def __init__(
        self, code: str, *, row: int, column: int | None = None, **params: object
    ):
        self.code, self.row, self.column, self.params = code, row, column, params
        super().__init__(code, row, column)

    @property
    def message(self) -> str:
        return gettext(MESSAGES[self.code]) % self.params

    @property
    def where(self) -> str:
        params = {"row": self.row, "column": self.column}
        if self.column is None:
            return gettext("Row %(row)s") % params
        return gettext("Row %(row)s, column %(column)s") % params

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class CsvRow:
    """One record: its 1-based ``number`` and its ``cells``. An empty line is
    a record without cells, so numbers stay those of the spreadsheet rows
    and, without line breaks inside quoted cells, of the text lines."""

    number: int
    cells: list[str] = field(default_factory=list)


class _Lines:
    """The lines of the record being read, for locating a ``csv.Error``."""

    def __init__(self, lines: Iterable[str]):
        self._lines = iter(lines)
        self.pending: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.pending.append(line)
        return line


def csv_rows(
    text: str,
    *,
    limits: CsvLimits,
    delimiter: str = ",",
    first_row: int = 1,
) -> Iterator[CsvRow]:
    """Yield the records of decoded CSV ``text`` (quotes ``"``, doubled
    inside a quoted cell; any line ends), numbered from ``first_row``.

    Raises ``CsvReadError`` at the first record that breaks ``limits``,
    holds a NUL character or is malformed; the records before it have been
    yielded, so a caller that imports all or nothing must not write until
    the iteration is over."""
    lines = _Lines(io.StringIO(text, newline=""))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    number = first_row
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            record = "".join(lines.pending)
            raise _located(error, record, number, delimiter, limits) from None
        lines.pending.clear()
        _check(cells, number, limits)
        yield CsvRow(number, cells)
        number += 1


def csv_line(
    line: str, *, number: int, limits: CsvLimits, delimiter: str = ","
) -> list[str]:
    """The cells of one line of text (for readers that go line by line),
    checked as ``csv_rows`` checks; errors name row ``number``."""
    for row in csv_rows(line, limits=limits, delimiter=delimiter, first_row=number):
        return row.cells
    return []


def _check(cells: list[str], number: int, limits: CsvLimits) -> None:
    if len(cells) > limits.columns:
        raise CsvReadError(
            "too_many_columns",
            row=number,
            column=limits.columns + 1,
            limit=limits.columns,
        )
    for column, cell in enumerate(cells, start=1):
        if len(cell) > limits.cell_chars:
            raise CsvReadError(
                "too_long", row=number, column=column, limit=limits.cell_chars
            )
        if "\x00" in cell:
            raise CsvReadError("nul", row=number, column=column)


def _located(
    error: csv.Error, record: str, number: int, delimiter: str, limits: CsvLimits
) -> CsvReadError:
    """Our error for the ``csv`` module's, which names neither row nor cell:
    the cell is found by scanning the record read so far."""
    text = str(error)
    column = _faulty_column(record, delimiter, csv.field_size_limit())
    if "field limit" in text:
        # Over the module's limit is over the form's (CsvLimits sees to it).
        return CsvReadError(
            "too_long", row=number, column=column, limit=limits.cell_chars
        )
    if "end of data" in text:
        return CsvReadError("unclosed_quote", row=number, column=column)
    if "expected after" in text:
        return CsvReadError("after_quote", row=number, column=column)
    return CsvReadError("unreadable", row=number, column=column)


def _faulty_column(record: str, delimiter: str, limit: int) -> int:
    """The 1-based cell of ``record`` (one record, perhaps cut short) where a
    strict ``csv`` reader stops: the cell longer than ``limit``, the cell
    with text after its closing quote, or the quoted cell still open at the
    end."""
    column, length, state = 1, 0, "start"
    position, end = 0, len(record)
    while position < end:
        char = record[position]
        position += 1
        if state == "quoted":
            if char != '"':
                length += 1
            elif record[position : position + 1] == '"':
                length += 1
                position += 1
            else:
                state = "closed"
        elif char == delimiter:
            column, length, state = column + 1, 0, "start"
        elif char in "\r\n":
            break
        elif state == "closed":
            return column
        elif char == '"' and state == "start":
            state = "quoted"
        else:
            length += 1
            state = "plain"
        if length > limit:
            return column
    return column
