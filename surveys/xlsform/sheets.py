"""Reading the sheets of an XLSForm file (.xlsx, legacy .xls, or pyxform's
CSV layout) into rows of text cells keyed by normalised header.

Only the sheets of an XLSForm are kept (``survey``, ``choices``,
``settings`` and our own, layout.py); the others are noted and ignored. The
limits below keep a hostile upload (a zip bomb, a sheet of a million rows)
from exhausting the server, and a file that cannot be read gets a report
naming where, never an exception (docs/SECURITY.md, T26).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

import openpyxl
import xlrd
from django.utils.translation import gettext
from openpyxl.utils import get_column_letter

from config.csvread import CsvLimits, CsvReadError, csv_rows
from surveys.xlsform.layout import FORM_SHEETS, SURVEY
from surveys.xlsform.report import Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_ROWS = 5000
MAX_COLUMNS = 500
# The CSV layout: a cell may be as long as a spreadsheet's, a row no wider.
CSV_LIMITS = CsvLimits()
# Like pyxform: a sheet ends after this many empty rows / header cells.
EMPTY_ROWS_END = 60
EMPTY_COLUMNS_END = 20


@dataclass
class Row:
    number: int
    cells: dict[str, str]


@dataclass
class Sheet:
    """One sheet: header keys (normalised) → (header as written, letter)."""

    name: str
    headers: dict[str, tuple[str, str]] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)

    def problem(self, message: str, row: Row | None = None, key: str = "") -> Problem:
        header, letter = self.headers.get(key, ("", ""))
        return Problem(
            message=message,
            sheet=self.name,
            row=row.number if row else None,
            column=letter,
            header=header,
        )

    def keys(self, base: str) -> list[str]:
        return [k for k in self.headers if split_key(k)[0] == base]


_HEADER_ALIASES = {
    "list name": "list_name",
    "relevance": "relevant",
    "bind:relevant": "relevant",
    "bind:required": "required",
    "bind:constraint": "constraint",
    "bind:jr:constraintmsg": "constraint_message",
    "bind:readonly": "read_only",
    "control:appearance": "appearance",
    "caption": "label",
}
_TRANSLATABLE = {
    "label",
    "hint",
    "guidance_hint",
    "constraint_message",
    "required_message",
    "image",
    "big-image",
    "audio",
    "video",
}


def _key(header: str) -> str:
    """A header as we look it up: ``label::English (en)``, ``relevant``."""
    text = " ".join(str(header).split())
    base, sep, rest = text.partition("::")
    if not sep:
        low = text.lower()
        if low in _HEADER_ALIASES:
            return _HEADER_ALIASES[low]
        head, colon, tail = text.partition(":")
        if colon and head.lower() in _TRANSLATABLE and tail.strip():
            return f"{head.lower()}::{tail.strip()}"  # legacy "label:english"
        return low
    base = base.strip().lower()
    base = _HEADER_ALIASES.get(base, base)
    return f"{base}::{rest.strip()}"


def split_key(key: str) -> tuple[str, str | None]:
    """(base, language tag) of a header key; media::image::x has base media."""
    base, sep, rest = key.partition("::")
    return base, (rest if sep else None)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\u00a0", " ").strip()


Grid = list[tuple[str, Iterable[tuple[int, Sequence[str]]]]]


def _xlsx_grid(data: bytes) -> Grid:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _Unreadable(gettext("The file is not a valid .xlsx file.")) from error
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES
    ):
        raise _Unreadable(gettext("The file is too large when unpacked."))
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a broken upload gets a report, not a 500
        raise _Unreadable(gettext("The file is not a valid .xlsx file.")) from error

    def rows(sheet):
        for number, values in enumerate(
            sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1
        ):
            yield number, [_cell_text(v) for v in values]

    return [(name, rows(book[name])) for name in book.sheetnames]


def _xls_grid(data: bytes) -> Grid:
    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception as error:  # a broken upload gets a report, not a 500
        raise _Unreadable(gettext("The file is not a valid .xls file.")) from error

    def value(cell) -> str:
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return "TRUE" if cell.value else "FALSE"
        if cell.ctype == xlrd.XL_CELL_DATE:
            try:
                return xlrd.xldate.xldate_as_datetime(
                    cell.value, book.datemode
                ).isoformat()
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                return ""
        if cell.ctype == xlrd.XL_CELL_ERROR:
            return ""
        return _cell_text(cell.value)

    def rows(sheet):
        for r in range(sheet.nrows):
            cells = sheet.row(r)[:MAX_COLUMNS]
            yield r + 1, [value(c) for c in cells]

    return [(sheet.name, rows(sheet)) for sheet in book.sheets()]


def _csv_grid(data: bytes) -> Grid:
    """pyxform's CSV layout: a sheet name in the first column starts a sheet;
    its rows have an empty first column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _Unreadable(gettext("The CSV file is not UTF-8 text.")) from error
    sheets: dict[str, list[tuple[int, list[str]]]] = {}
    current = None
    try:
        for row in csv_rows(text, limits=CSV_LIMITS):
            cells = row.cells
            if not cells:
                continue
            if cells[0].strip():
                current = cells[0].strip()
                sheets.setdefault(current, [])
            content = [c.strip() for c in cells[1:MAX_COLUMNS]]
            if current is not None and any(content):
                sheets[current].append((row.number, ["", *content]))
    except CsvReadError as error:
        column = error.column or 0
        # openpyxl has letters up to ZZZ; a cell further right goes by number.
        letter = (
            get_column_letter(column) if 0 < column <= 18_278 else str(column or "")
        )
        raise _Unreadable(
            error.message, sheet=current or "", row=error.row, column=letter
        ) from error
    if not sheets:
        raise _Unreadable(gettext("The CSV file holds no XLSForm sheets."))
    return list(sheets.items())


class _Unreadable(Exception):
    """A file that cannot be read at all; ``problem`` says where, if known."""

    def __init__(self, message: str, **where):
        super().__init__(message)
        self.problem = Problem(message, **where)


def _sheet_from_grid(
    name: str, rows: Iterable[tuple[int, Sequence[str]]]
) -> tuple[Sheet, list[Problem]]:
    sheet = Sheet(name=name)
    problems: list[Problem] = []
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return sheet, problems
    header_row, header_cells = first
    positions: list[tuple[int, str]] = []
    empty = 0
    for index, cell in enumerate(header_cells):
        if not cell:
            empty += 1
            if empty > EMPTY_COLUMNS_END:
                break
            continue
        empty = 0
        key = _key(cell)
        letter = get_column_letter(index + 1)
        if key in sheet.headers:
            problems.append(
                Problem(
                    gettext("Two columns have the same name “%(name)s”.")
                    % {"name": cell},
                    sheet=name,
                    row=header_row,
                    column=letter,
                    header=cell,
                )
            )
            continue
        sheet.headers[key] = (cell, letter)
        positions.append((index, key))
    empty = 0
    for number, cells in iterator:
        values = {
            key: cells[index]
            for index, key in positions
            if index < len(cells) and cells[index]
        }
        if not values:
            empty += 1
            if empty > EMPTY_ROWS_END:
                break
            continue
        empty = 0
        if len(sheet.rows) >= MAX_ROWS:
            problems.append(
                Problem(
                    gettext("The sheet has more than %(max)s rows.")
                    % {"max": MAX_ROWS},
                    sheet=name,
                    row=number,
                )
            )
            break
        sheet.rows.append(Row(number=number, cells=values))
    return sheet, problems


def read_sheets(
    data: bytes, filename: str
) -> tuple[dict[str, Sheet], list[Problem], list[Problem], str]:
    """The form's sheets keyed by lower-case name, errors, notes, file type.
    Sheets that are not part of an XLSForm are left out (and noted)."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in (".xlsx", ".xls", ".csv"):
        return (
            {},
            [
                Problem(
                    gettext(
                        "Unsupported file type “%(suffix)s”: use an XLSForm as "
                        ".xlsx, .xls or .csv."
                    )
                    % {"suffix": suffix or "?"}
                )
            ],
            [],
            "",
        )
    if len(data) > MAX_FILE_BYTES:
        return {}, [Problem(gettext("The file is larger than 5 MB."))], [], ""
    if data[:4] == b"PK\x03\x04":
        kind, reader = "xlsx", _xlsx_grid
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        kind, reader = "xls", _xls_grid
    elif suffix == ".csv":
        kind, reader = "csv", _csv_grid
    else:
        return (
            {},
            [
                Problem(
                    gettext("The file is not a valid %(suffix)s file.")
                    % {"suffix": suffix}
                )
            ],
            [],
            "",
        )
    try:
        grid = reader(data)
        names = [name for name, _rows in grid]
        chosen: dict[str, Sheet] = {}
        errors: list[Problem] = []
        notes: list[Problem] = []
        for name, rows in grid:
            low = name.strip().lower()
            if low not in FORM_SHEETS and len(names) == 1:
                low = SURVEY  # pyxform reads a lone sheet as the survey
            if low not in FORM_SHEETS or low in chosen:
                notes.append(
                    Problem(
                        gettext(
                            "This sheet is not part of an XLSForm and was ignored."
                        ),
                        sheet=name,
                    )
                )
                continue
            sheet, problems = _sheet_from_grid(name, rows)
            chosen[low] = sheet
            errors += problems
    except _Unreadable as error:
        return {}, [error.problem], [], kind
    except Exception:  # noqa: BLE001 - a broken upload gets a report, not a 500
        return {}, [Problem(gettext("The file cannot be read."))], [], kind
    return chosen, errors, notes, kind
