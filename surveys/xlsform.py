"""Survey definitions as XLSForm spreadsheets (the format of KoboToolbox and
ODK, https://xlsform.org), in and out.

Three services, used by ``manage.py import_xlsform`` / ``export_xlsform`` and
by the Wagtail admin (surveys/xlsform_admin.py):

- ``xlsform_import(data=, filename=, code=)`` makes a new Survey from an
  XLSForm (.xlsx, legacy .xls, or pyxform's CSV layout).
- ``xlsform_update(data=, filename=, survey=)`` takes the texts of an
  XLSForm back into an existing survey ("update translations from a
  spreadsheet"): only texts change, matched by codes; nothing is added or
  removed. Exporting a survey and updating it from that file changes nothing.
- ``xlsform_export(survey=)`` writes a survey as an .xlsx XLSForm.

Both imports read and check the whole file first and write in one
transaction: a file with a problem (each reported with its sheet, row and
column) imports nothing. What is read but cannot be represented in
Medborger is listed in the report's notes, never dropped silently.

How an XLSForm maps to a survey
-------------------------------
- ``begin group`` / ``end group``: a section (one step). Nested groups
  become steps of their own; questions outside any group go to a default
  step. ``begin repeat``: a step asked once (reported).
- ``select_one L`` / ``select_multiple L``: single / multiple choice with the
  choices of list ``L``; ``integer``: a whole number, with bounds from a
  simple constraint such as ``. >= 0 and . <= 120``; ``text``: free text
  (``string-length(.) <= N`` gives its maximum length). ``note``: the
  survey's introduction when it comes before every question, a step's
  introduction at the start of a step, otherwise reported. Every other type
  (decimal, date, media, calculate, device metadata ...) is reported and not
  imported.
- ``name`` becomes the stable code (Question.code, Choice.code); it must be
  a slug (letters, digits, ``_`` and ``-``, at most 64 characters).
- ``required``: yes/true. ``relevant``: only ``${q} = 'x'``,
  ``selected(${q}, 'x')`` and ``or`` of those on one choice question of an
  earlier step can be represented (Question.condition_question /
  condition_values); anything else is reported and the question is shown
  always. A group's simple ``relevant`` applies to its questions.
- ``choice_filter`` (cascading selects), ``or_other``, media columns,
  appearance and other columns are reported, not imported.
- Languages: ``label::<Name> (<code>)`` and ``hint::...`` columns; the code
  in parentheses (two or three letters) or the language's name picks one of
  our languages. Columns in other languages are reported and not imported.
  The settings sheet's ``default_language`` names the language of the
  columns without a language. When the form has no Danish column, its
  default language fills the Danish texts (and the report says so).
- Sheets other than ``survey``, ``choices``, ``settings`` and our own
  ``medborger_texts`` are ignored.

What the export adds (and the import reads back)
------------------------------------------------
- settings: ``form_title`` (the Danish title), ``form_id`` (the survey's
  code), ``default_language`` = ``Danish (da)``.
- Every language as ``label::<English name> (<code>)`` and ``hint::...``.
- ``medborger_texts`` sheet: the survey's own texts (rows ``title``,
  ``intro``, ``consent``, ``thanks`` in the ``name`` column).
- ``medborger_kind`` (agree, yesno, single, multi, number, text),
  ``medborger_role`` (background role), ``medborger_dont_know`` (yes) on the
  survey sheet and ``medborger_exclusive`` (yes) on the choices sheet, so an
  export imports back as the same survey. The agreement scale and yes/no
  questions use the fixed lists ``medborger_agree``, ``medborger_yesno`` and
  ``medborger_yesno_dk`` (their labels are the app's own translations; they
  are not imported as choices).

Review states in the spreadsheet
--------------------------------
For every language but Danish, ``medborger_review_<code>`` (e.g.
``medborger_review_so``) holds the state of the row's label (the question
text, the step title, the choice label, the survey text) in that language,
and ``medborger_review_hint_<code>`` the state of the row's hint (help text,
step introduction): ``reviewed`` or ``machine``; empty where the text is
empty. (No spaces or ``::`` in these names: pyxform turns extra choice
columns into XML names.)

The export also writes a hidden sheet, ``medborger_exported``: a
fingerprint of every text and the review state it was exported with. On an
update it tells what the translator changed:

- a text edited in the spreadsheet is written, and becomes machine-made
  unless its review cell was changed to ``reviewed`` (a reviewed text that
  is edited needs a new review);
- a review cell changed in the spreadsheet sets that state (``reviewed``
  marks an unedited text reviewed: bulk review in a spreadsheet);
- everything else is left as it is in the database, so a spreadsheet that
  was out for translation for weeks does not undo edits or reviews made in
  the admin meanwhile.

Without that sheet (a form made elsewhere) the spreadsheet is all there is:
a text that differs from the database is written, and a non-empty review
cell sets the state (an edited text with an empty cell is machine-made).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

import openpyxl
import xlrd
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from config.csvread import CsvLimits, CsvReadError, csv_rows
from surveys import messages, translation_review
from surveys.models import (
    BackgroundRole,
    Choice,
    Question,
    QuestionKind,
    Section,
    Survey,
)

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
CODE_MAX = 64
LABEL_MAX = 255

SURVEY, CHOICES, SETTINGS, TEXTS = "survey", "choices", "settings", "medborger_texts"
EXPORTED = "medborger_exported"
FORM_SHEETS = (SURVEY, CHOICES, SETTINGS, TEXTS, EXPORTED)
REVIEW, REVIEW_HINT = "medborger_review", "medborger_review_hint"
KIND, ROLE, DONT_KNOW, EXCLUSIVE = (
    "medborger_kind",
    "medborger_role",
    "medborger_dont_know",
    "medborger_exclusive",
)
REVIEWED, MACHINE = "reviewed", "machine"
AGREE_LIST, YESNO_LIST, YESNO_DK_LIST = (
    "medborger_agree",
    "medborger_yesno",
    "medborger_yesno_dk",
)
FIXED_LISTS = (AGREE_LIST, YESNO_LIST, YESNO_DK_LIST)
DEFAULT_MAX_LENGTH = Question._meta.get_field("max_length").default

DEFAULT_CONSENT = _(
    "Your answers are anonymous: we do not ask for your name or anything else "
    "that tells who you are. Taking part is voluntary and you can stop at any "
    "time. With the receipt code you get at the end you can withdraw your "
    "answers later."
)

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+\Z")
TRUE_WORDS = {"yes", "true", "true()", "1"}
FALSE_WORDS = {"no", "false", "false()", "0", ""}


# --- Reports ---------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One finding, with where it is in the spreadsheet (1-based row, column
    letter and the column's header)."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    header: str = ""

    @property
    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(gettext("sheet “%(sheet)s”") % {"sheet": self.sheet})
        if self.row:
            parts.append(gettext("row %(row)s") % {"row": self.row})
        if self.column:
            column = gettext("column %(column)s") % {"column": self.column}
            if self.header:
                column += f" ({self.header})"
            parts.append(column)
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class ImportReport:
    """What an import did. ``errors``: the file was not imported at all.
    ``notes``: what was imported differently or left out. ``changes``: for
    an update, the texts that changed."""

    survey: Survey | None = None
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    summary: str = ""
    reviews_marked: int = 0
    reviews_removed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def __post_init__(self):
        self._seen: set[Problem] = set()

    def note(self, problems: Iterable[Problem]) -> None:
        """Add notes, each once (a list used by two questions is read twice)."""
        for problem in problems:
            if problem not in self._seen:
                self._seen.add(problem)
                self.notes.append(problem)


# --- Reading a workbook ----------------------------------------------------


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
        return [k for k in self.headers if _split(k)[0] == base]


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
MEDIA_BASES = {"image", "big-image", "audio", "video", "media"}


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


def _split(key: str) -> tuple[str, str | None]:
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


# --- Languages ---------------------------------------------------------------

_ISO3 = {
    "dan": "da",
    "eng": "en",
    "ara": "ar",
    "fas": "fa",
    "per": "fa",
    "som": "so",
    "tur": "tr",
    "ukr": "uk",
    "tir": "ti",
    "pol": "pl",
}
# Names forms use beside Django's English and native names.
_NAMES = {
    "da": ("dansk",),
    "en": ("engelsk",),
    "ar": ("arabisk", "العربية"),
    "fa": ("farsi", "persisk", "فارسی"),
    "so": ("af-soomaali", "af soomaali", "somalisk"),
    "tr": ("türkçe", "tyrkisk"),
    "uk": ("українська", "ukrainsk"),
    "ti": ("tigrinja",),
    "pl": ("polski", "polsk"),
}
_CODE_IN_PARENS = re.compile(r"\(\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*\)\s*$")
_BARE_CODE = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]+)*")


def our_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_tag(code: str) -> str:
    """How a column names one of our languages: ``Somali (so)``."""
    return f"{get_language_info(code)['name']} ({code})"


def language_code(tag: str | None) -> str | None:
    """Our language code for an XLSForm language tag (``Somali (so)``,
    ``english``, ``Dansk``, ``fa-IR``), or None when it is not ours."""
    if not tag:
        return None
    ours = our_languages()
    text = " ".join(tag.split())
    match = _CODE_IN_PARENS.search(text)
    if match:
        code = _ISO3.get(match.group(1).lower(), match.group(1).lower())
        return code if code in ours else None
    name = text.lower()
    for code in ours:
        info = get_language_info(code)
        names = {
            info["name"].lower(),
            info["name_local"].lower(),
            *_NAMES.get(code, ()),
        }
        if name in names:
            return code
    match = _BARE_CODE.fullmatch(name)
    if match:
        code = _ISO3.get(match.group(1), match.group(1))
        return code if code in ours else None
    return None


@dataclass
class Languages:
    """Which column holds which of our languages.

    ``default_tag``: the form's default language as the form names it (the
    columns without a language are in it). ``danish_from_default``: the form
    has no Danish column, so its default language fills the Danish texts."""

    default_tag: str | None
    codes: dict[str | None, str | None]
    danish_from_default: bool

    def is_default(self, tag: str | None) -> bool:
        if tag is None:
            return True
        if self.default_tag is None:
            return False
        if tag.lower() == self.default_tag.lower():
            return True
        code = self.codes.get(tag)
        return code is not None and code == language_code(self.default_tag)

    def columns(self, sheet: Sheet, base: str) -> dict[str, list[str]]:
        """{our code: header keys holding that language's ``base``}, the
        column that names the language first."""
        found: dict[str, list[str]] = {}
        keys = sheet.keys(base)
        ordered = [k for k in keys if _split(k)[1] is not None] + [
            k for k in keys if _split(k)[1] is None
        ]
        for key in ordered:
            tag = _split(key)[1]
            code = self.codes.get(tag)
            if code:
                found.setdefault(code, []).append(key)
        if self.danish_from_default:
            default_keys = [k for k in ordered if self.is_default(_split(k)[1])]
            if default_keys:
                found["da"] = default_keys
        return found

    def review_columns(self, sheet: Sheet, base: str) -> dict[str, str]:
        """{our code: header key} of the review columns ``<base>_<code>``
        (``<base>::<language>`` is read too)."""
        found: dict[str, str] = {}
        pattern = re.compile(rf"{re.escape(base)}_([a-z]{{2,3}})")
        for key in sheet.headers:
            match = pattern.fullmatch(key)
            if match:
                code = match.group(1)
            elif _split(key)[0] == base:
                code = language_code(_split(key)[1])
            else:
                continue
            if code and code in translation_review.review_languages():
                found.setdefault(code, key)
        return found


def _languages(
    sheets: dict[str, Sheet], default_language: str, *, danish_fallback: bool
) -> tuple[Languages, list[Problem]]:
    tags: list[str] = []
    plain = False
    for name in (SURVEY, CHOICES, TEXTS):
        sheet = sheets.get(name)
        for key in sheet.headers if sheet else ():
            base, tag = _split(key)
            if base not in ("label", "hint"):
                continue
            if tag is None:
                plain = True
            elif tag not in tags:
                tags.append(tag)
    default_tag = default_language.strip() or None
    if default_tag is None and tags:
        default_tag = tags[0]
    codes: dict[str | None, str | None] = {tag: language_code(tag) for tag in tags}
    codes[None] = language_code(default_tag)
    langs = Languages(default_tag=default_tag, codes=codes, danish_from_default=False)
    has_danish = any(code == "da" for tag, code in codes.items() if tag or plain)
    langs.danish_from_default = danish_fallback and not has_danish
    notes = []
    for tag in tags:
        if codes[tag] is None and not (
            langs.danish_from_default and langs.is_default(tag)
        ):
            notes.append(
                Problem(
                    gettext(
                        "Texts in “%(language)s” were not imported: it is not one "
                        "of the survey's languages (%(ours)s)."
                    )
                    % {"language": tag, "ours": ", ".join(our_languages())}
                )
            )
    if langs.danish_from_default:
        if default_tag:
            message = gettext(
                "The form has no Danish texts: the Danish texts were filled with "
                "the form's default language, “%(language)s”. Translate them "
                "into Danish before the survey opens."
            ) % {"language": default_tag}
        else:
            message = gettext(
                "The form does not say which language its texts are in and has no "
                "Danish column: its texts were imported as the Danish texts."
            )
        notes.append(Problem(message))
    elif plain and not danish_fallback and default_tag is None:
        notes.append(
            Problem(
                gettext(
                    "Columns without a language (such as “label”) were not used: "
                    "the settings sheet names no default language."
                )
            )
        )
    return langs, notes


# --- The form as rows with texts -------------------------------------------


@dataclass
class Texts:
    """One text of a row in each of our languages that has a column, and the
    review state its review cell names (None: no cell or an empty one)."""

    values: dict[str, str] = field(default_factory=dict)
    reviewed: dict[str, bool | None] = field(default_factory=dict)

    def get(self, code: str) -> str:
        return self.values.get(code, "")

    def any(self) -> bool:
        return any(v for v in self.values.values())


@dataclass
class FormRow:
    sheet: Sheet
    row: Row
    label: Texts
    hint: Texts

    def get(self, key: str) -> str:
        return self.row.cells.get(key, "")

    def problem(self, message: str, key: str = "") -> Problem:
        return self.sheet.problem(message, self.row, key)

    def name_problem(self, message: str) -> Problem:
        """A problem with this row's name, which ``message`` quotes as
        %(name)s."""
        return self.problem(message % {"name": self.name}, "name")

    @property
    def name(self) -> str:
        return self.get("name")

    @property
    def type(self) -> str:
        return " ".join(self.get("type").split())

    def any_label(self) -> str:
        """The first label in any language (also ones we do not import)."""
        for key in self.sheet.keys("label"):
            if self.row.cells.get(key):
                return self.row.cells[key]
        return ""


@dataclass
class Form:
    kind: str
    sheets: dict[str, Sheet]
    settings: dict[str, str]
    settings_row: Row | None
    languages: Languages
    survey_rows: list[FormRow]
    lists: dict[str, list[FormRow]]
    text_rows: list[FormRow]
    # What our export wrote, by text key: (fingerprint, review state); None
    # for a form that was not exported by Medborger.
    exported: dict[str, tuple[str, bool | None]] | None = None


def _review_value(value: str) -> bool | None | str:
    word = value.strip().lower()
    if not word:
        return None
    if word == REVIEWED:
        return True
    if word == MACHINE:
        return False
    return value


def _form_rows(sheet: Sheet | None, langs: Languages, notes: list[Problem]):
    if sheet is None:
        return []
    label_columns = langs.columns(sheet, "label")
    hint_columns = langs.columns(sheet, "hint")
    review = langs.review_columns(sheet, REVIEW)
    review_hint = langs.review_columns(sheet, REVIEW_HINT)
    rows = []
    for row in sheet.rows:
        texts = []
        for columns, reviews in ((label_columns, review), (hint_columns, review_hint)):
            item = Texts()
            for code, keys in columns.items():
                item.values[code] = next(
                    (row.cells[k] for k in keys if row.cells.get(k)), ""
                )
            for code, key in reviews.items():
                state = _review_value(row.cells.get(key, ""))
                if isinstance(state, str):
                    notes.append(
                        sheet.problem(
                            gettext(
                                "“%(value)s” is not a review state (write "
                                "“reviewed” or “machine”); the text's state was "
                                "left as it is."
                            )
                            % {"value": state},
                            row,
                            key,
                        )
                    )
                    state = None
                item.reviewed[code] = state
            texts.append(item)
        rows.append(FormRow(sheet=sheet, row=row, label=texts[0], hint=texts[1]))
    return rows


def read_form(
    data: bytes, filename: str, *, danish_fallback: bool = True
) -> tuple[Form | None, list[Problem], list[Problem]]:
    """Read an XLSForm into rows with texts per language. Returns the form
    (None when it cannot be read at all), errors and notes."""
    sheets, errors, notes, kind = read_sheets(data, filename)
    if not sheets and not errors:
        errors.append(Problem(gettext("The file holds no sheets.")))
    if errors and not sheets:
        return None, errors, notes
    survey = sheets.get(SURVEY)
    if survey is None:
        errors.append(
            Problem(gettext("The file has no sheet named “survey”."), sheet=SURVEY)
        )
        return None, errors, notes
    for key in ("type", "name"):
        if key not in survey.headers:
            errors.append(
                Problem(
                    gettext("The survey sheet has no “%(column)s” column.")
                    % {"column": key},
                    sheet=survey.name,
                    row=1,
                )
            )
    choices = sheets.get(CHOICES)
    if choices is not None and choices.rows:
        for key in ("list_name", "name"):
            if key not in choices.headers:
                errors.append(
                    Problem(
                        gettext("The choices sheet has no “%(column)s” column.")
                        % {"column": key},
                        sheet=choices.name,
                        row=1,
                    )
                )
    settings_sheet = sheets.get(SETTINGS)
    settings_row = (
        settings_sheet.rows[0] if settings_sheet and settings_sheet.rows else None
    )
    form_settings = dict(settings_row.cells) if settings_row else {}
    langs, language_notes = _languages(
        sheets,
        form_settings.get("default_language", ""),
        danish_fallback=danish_fallback,
    )
    notes += language_notes
    if errors:
        return None, errors, notes
    lists: dict[str, list[FormRow]] = {}
    for form_row in _form_rows(choices, langs, notes):
        list_name = form_row.get("list_name")
        if not list_name:
            errors.append(
                form_row.problem(gettext("The choice has no list name."), "list_name")
            )
            continue
        lists.setdefault(list_name, []).append(form_row)
    form = Form(
        kind=kind,
        sheets=sheets,
        settings=form_settings,
        settings_row=settings_row,
        languages=langs,
        survey_rows=_form_rows(survey, langs, notes),
        lists=lists,
        text_rows=_form_rows(sheets.get(TEXTS), langs, notes),
        exported=_exported(sheets.get(EXPORTED)),
    )
    return form, errors, notes


def fingerprint(text: str) -> str:
    """A short hash of a text as exported, to tell later whether it was edited."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()[:16]


def _exported(sheet: Sheet | None) -> dict[str, tuple[str, bool | None]] | None:
    if sheet is None:
        return None
    found = {}
    for row in sheet.rows:
        key = row.cells.get("key")
        if key:
            state = _review_value(row.cells.get("review", ""))
            found[key] = (
                row.cells.get("text_sha", ""),
                state if isinstance(state, bool) else None,
            )
    return found


# --- Expressions we can represent ------------------------------------------

_REF = r"\$\{\s*([A-Za-z_][\w.\-]*)\s*\}"
_VALUE = r"""(?:'([^']*)'|"([^"]*)"|(-?\d+))"""
_EQUALS = re.compile(rf"^{_REF}\s*=\s*{_VALUE}$")
_SELECTED = re.compile(rf"^selected\s*\(\s*{_REF}\s*,\s*{_VALUE}\s*\)$")
_OR = re.compile(r"\s+or\s+")
_AND = re.compile(r"\s+and\s+")
_BOUND = re.compile(r"^\.\s*(>=|<=|>|<|=)\s*(-?\d+)$")
_BOUND_REVERSED = re.compile(r"^(-?\d+)\s*(>=|<=|>|<)\s*\.$")
_LENGTH = re.compile(r"^string-length\s*\(\s*\.\s*\)\s*(<=|<)\s*(\d+)$")


def _strip_parens(text: str) -> str:
    text = " ".join(text.split())
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for index, char in enumerate(text):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0 and index < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


def parse_relevant(expression: str) -> tuple[str, list[str]] | None:
    """``${q} = 'x' or selected(${q}, 'y')`` → ("q", ["x", "y"]); None for
    anything else (other operators, several questions, and, not ...)."""
    reference = None
    values: list[str] = []
    for term in _OR.split(_strip_parens(expression)):
        term = _strip_parens(term)
        match = _EQUALS.match(term) or _SELECTED.match(term)
        if not match:
            return None
        name = match.group(1)
        value = next(g for g in match.groups()[1:] if g is not None)
        if reference not in (None, name) or not value:
            return None
        reference = name
        if value not in values:
            values.append(value)
    return (reference, values) if reference else None


def parse_bounds(expression: str) -> tuple[int | None, int | None] | None:
    """``. >= 0 and . <= 120`` → (0, 120); None when not that simple."""
    low = high = None
    for part in _AND.split(_strip_parens(expression)):
        part = _strip_parens(part)
        match = _BOUND.match(part)
        if match:
            op, number = match.group(1), int(match.group(2))
        else:
            match = _BOUND_REVERSED.match(part)
            if not match:
                return None
            flipped = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}
            op, number = flipped[match.group(2)], int(match.group(1))
        if op in (">=", ">", "="):
            value = number + 1 if op == ">" else number
            low = value if low is None else max(low, value)
        if op in ("<=", "<", "="):
            value = number - 1 if op == "<" else number
            high = value if high is None else min(high, value)
    return low, high


def parse_max_length(expression: str) -> int | None:
    """``string-length(.) <= 200`` → 200; None when not that simple."""
    match = _LENGTH.match(_strip_parens(expression))
    if not match:
        return None
    limit = int(match.group(2)) - (1 if match.group(1) == "<" else 0)
    return limit if limit >= 1 else None


# --- Types -------------------------------------------------------------------

_SELECT = re.compile(
    r"^(select_one|select one from|select one|select1|add select one prompt using"
    r"|select_multiple|select all that apply from|select all that apply"
    r"|select multiple from|select multiple|add select multiple prompt using)"
    r"\s+(\S+)(?:\s+(or_other))?$",
    re.IGNORECASE,
)
_FROM_FILE = (
    "select_one_from_file",
    "select_multiple_from_file",
    "select one from file",
    "select multiple from file",
    "select_one_external",
    "select one external",
    "rank",
)
TEXT_TYPES = {"text", "string", "q string", "add text prompt"}
INTEGER_TYPES = {"integer", "int", "q int", "add integer prompt"}
NOTE_TYPES = {"note", "q note", "add note prompt"}
METADATA_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "imei",
    "start-geopoint",
    "background-audio",
    "background-geopoint",
    "start time",
    "end time",
    "device id",
    "subscriber id",
    "sim id",
    "phone number",
}


def _control(type_: str) -> str:
    """begin_group / end_group / begin_repeat / end_repeat, or ""."""
    words = type_.lower().replace("_", " ").split()
    if len(words) == 2 and words[0] in ("begin", "end"):
        kind = {"group": "group", "repeat": "repeat", "loop": "repeat"}.get(words[1])
        if kind:
            return f"{words[0]}_{kind}"
    return ""


# --- Import as a new survey --------------------------------------------------


@dataclass
class PlanChoice:
    code: str
    label: Texts
    exclusive: bool
    source: FormRow


@dataclass
class PlanSection:
    code: str
    title: Texts
    intro: Texts
    source: FormRow | None
    questions: list[PlanQuestion] = field(default_factory=list)


@dataclass
class PlanQuestion:
    code: str
    kind: str
    text: Texts
    help: Texts
    section: PlanSection
    source: FormRow
    required: bool = False
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = DEFAULT_MAX_LENGTH
    dont_know: bool = False
    role: str = ""
    relevant: tuple[str, FormRow, str] | None = None  # expression, row, column
    condition: tuple[str, list[str]] | None = None
    choices: list[PlanChoice] = field(default_factory=list)


@dataclass
class _Group:
    kind: str
    source: FormRow
    section: PlanSection
    relevant: str
    continuation: int = 1


def _merge(*parts: Texts) -> Texts:
    """Texts joined with a blank line per language; reviewed only when every
    part that has text is reviewed."""
    merged = Texts()
    codes = {code for part in parts for code in part.values}
    for code in codes:
        with_text = [p for p in parts if p.get(code)]
        merged.values[code] = "\n\n".join(p.get(code) for p in with_text)
        states = [p.reviewed.get(code) for p in with_text]
        merged.reviewed[code] = all(states) if states else None
    return merged


def _truthy(value: str) -> bool | None:
    word = value.strip().lower().lstrip("=")
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def _unique(code: str, used: set[str]) -> str:
    candidate, n = code, 1
    while candidate in used:
        n += 1
        suffix = f"-{n}"
        candidate = code[: CODE_MAX - len(suffix)] + suffix
    used.add(candidate)
    return candidate


class _Planner:
    """Walks the survey sheet and builds the sections, questions and choices
    that will be written, collecting errors and notes on the way."""

    def __init__(self, form: Form, filename: str = ""):
        self.form = form
        self.filename = filename
        self.errors: list[Problem] = []
        self.notes: list[Problem] = []
        self.sections: list[PlanSection] = []
        self.questions: dict[str, PlanQuestion] = {}
        self.stack: list[_Group] = []
        self.current: PlanSection | None = None
        self.section_codes: set[str] = set()
        self.survey_intro: list[Texts] = []
        self.title = self._title()
        self.defaults = 0

    def _title(self) -> Texts:
        form = self.form
        title = (
            form.settings.get("form_title")
            or form.settings.get("title")
            or form.settings.get("form_id")
            or form.settings.get("id_string")
            or PurePath(self.filename).stem
            or gettext("Imported survey")
        )
        return Texts(values={"da": title[:LABEL_MAX]} if title else {})

    # sections

    def _new_section(
        self, code: str, title: Texts, intro: Texts, source
    ) -> PlanSection:
        section = PlanSection(
            code=_unique(code, self.section_codes),
            title=title,
            intro=intro,
            source=source,
        )
        self.sections.append(section)
        self.current = section
        return section

    def section(self) -> PlanSection:
        """The step the next question goes into (made when first needed)."""
        if self.current is not None:
            return self.current
        if self.stack:
            group = self.stack[-1]
            group.continuation += 1
            return self._new_section(
                f"{group.section.code}-{group.continuation}",
                group.section.title,
                Texts(),
                group.source,
            )
        self.defaults += 1
        return self._new_section(f"part-{self.defaults}", self.title, Texts(), None)

    def begin(self, row: FormRow, kind: str):
        name = row.name
        if not name:
            self.errors.append(row.problem(gettext("The group has no name."), "name"))
            name = "group"
        code = name
        if not SLUG_RE.match(code) or len(code) > CODE_MAX:
            code = slugify(name)[:CODE_MAX] or "group"
            self.notes.append(
                row.problem(
                    gettext("“%(name)s” is not a valid step code; “%(code)s” is used.")
                    % {"name": name, "code": code},
                    "name",
                )
            )
        title = row.label
        if not title.get("da"):
            title = self.stack[-1].section.title if self.stack else self.title
        section = self._new_section(code, title, row.hint, row)
        if kind == "repeat":
            self.notes.append(
                row.problem(
                    gettext(
                        "Repeats are not supported: the questions of “%(name)s” are "
                        "asked once, as one step."
                    )
                    % {"name": name},
                    "type",
                )
            )
        relevant = row.get("relevant")
        if relevant and parse_relevant(relevant) is None:
            self.notes.append(
                row.problem(
                    gettext(
                        "Condition not mapped, its questions are shown always: "
                        "%(expression)s"
                    )
                    % {"expression": relevant},
                    "relevant",
                )
            )
            relevant = ""
        self.stack.append(
            _Group(kind=kind, source=row, section=section, relevant=relevant)
        )

    def end(self, row: FormRow, kind: str):
        if not self.stack:
            self.errors.append(
                row.problem(
                    gettext("“%(type)s” closes nothing: there is no open group.")
                    % {"type": row.type},
                    "type",
                )
            )
            return
        if self.stack[-1].kind != kind:
            self.errors.append(
                row.problem(
                    gettext("“%(type)s” does not match the open “begin %(kind)s”.")
                    % {"type": row.type, "kind": self.stack[-1].kind},
                    "type",
                )
            )
        self.stack.pop()
        self.current = None

    # notes

    def note(self, row: FormRow):
        if not row.label.any():
            return
        if any("${" in v for v in row.label.values.values()):
            self.notes.append(
                row.problem(
                    gettext(
                        "The note shows earlier answers, which Medborger cannot do; "
                        "it was not imported."
                    ),
                    "type",
                )
            )
            return
        if row.get("relevant"):
            self.notes.append(
                row.problem(
                    gettext("The note's condition is not mapped: %(expression)s")
                    % {"expression": row.get("relevant")},
                    "relevant",
                )
            )
        texts = _merge(row.label, row.hint)
        if self.current is None and not self.stack and not self.sections:
            self.survey_intro.append(texts)
            return
        section = self.section()
        if not section.questions:
            section.intro = _merge(section.intro, texts)
            return
        self.notes.append(
            row.problem(
                gettext(
                    "A note between questions was not imported (only a note at the "
                    "start of a step becomes its introduction): “%(text)s”"
                )
                % {"text": row.any_label()[:80]},
                "type",
            )
        )

    # questions

    def question(self, row: FormRow, kind: str, list_name: str, or_other: bool):
        code = row.name
        if not code:
            self.errors.append(
                row.problem(gettext("The question has no name."), "name")
            )
            return
        if not SLUG_RE.match(code) or len(code) > CODE_MAX:
            self.errors.append(
                row.problem(
                    gettext(
                        "“%(name)s” is not a valid code: use letters, digits, _ and "
                        "-, at most 64 characters."
                    )
                    % {"name": code},
                    "name",
                )
            )
            return
        if code in self.questions:
            self.errors.append(
                row.problem(
                    gettext("Two questions are named “%(name)s”.") % {"name": code},
                    "name",
                )
            )
            return
        declared = row.get(KIND).lower()
        if declared:
            if declared not in QuestionKind.values:
                self.errors.append(
                    row.problem(
                        gettext("“%(value)s” is not a question kind.")
                        % {"value": row.get(KIND)},
                        KIND,
                    )
                )
                return
            kind = declared
        text = row.label
        if not text.get("da"):
            fallback = row.any_label() or code
            text = Texts(values={**text.values, "da": fallback}, reviewed=text.reviewed)
            self.notes.append(
                row.problem(
                    gettext(
                        "The question has no text in the default language; "
                        "“%(text)s” is used."
                    )
                    % {"text": fallback[:80]},
                    "label",
                )
            )
        if any("${" in v for v in text.values.values()):
            self.notes.append(
                row.problem(
                    gettext(
                        "The text refers to other answers with ${...}; it is shown "
                        "as written."
                    ),
                    "label",
                )
            )
        question = PlanQuestion(
            code=code,
            kind=kind,
            text=text,
            help=row.hint,
            section=self.section(),
            source=row,
        )
        self._required(question, row)
        self._constraint(question, row)
        self._extras(question, row)
        relevant = row.get("relevant")
        inherited = next((g for g in reversed(self.stack) if g.relevant), None)
        if relevant:
            question.relevant = (relevant, row, "relevant")
            if inherited:
                self.notes.append(
                    row.problem(
                        gettext(
                            "The condition of its group (row %(row)s) is not applied "
                            "to this question, which has its own."
                        )
                        % {"row": inherited.source.row.number},
                        "relevant",
                    )
                )
        elif inherited:
            question.relevant = (inherited.relevant, inherited.source, "relevant")
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
            self._choices(question, row, list_name)
        if or_other:
            self.notes.append(
                row.problem(
                    gettext(
                        "“or_other” is not supported: the “Other” option and its "
                        "“please specify” question were not imported."
                    ),
                    "type",
                )
            )
        if row.get("choice_filter"):
            self.notes.append(
                row.problem(
                    gettext(
                        "Cascading choices (choice_filter) are not supported: all "
                        "options of the list are shown."
                    ),
                    "choice_filter",
                )
            )
        question.section.questions.append(question)
        self.questions[code] = question

    def _required(self, question: PlanQuestion, row: FormRow):
        value = row.get("required")
        required = _truthy(value)
        if required is None:
            self.notes.append(
                row.problem(
                    gettext(
                        "“Required” only under a condition is not supported; the "
                        "question is optional: %(expression)s"
                    )
                    % {"expression": value},
                    "required",
                )
            )
            required = False
        question.required = required

    def _constraint(self, question: PlanQuestion, row: FormRow):
        expression = row.get("constraint")
        if not expression:
            return
        if question.kind == QuestionKind.NUMBER:
            bounds = parse_bounds(expression)
            if bounds is not None and (
                bounds[0] is None or bounds[1] is None or bounds[0] <= bounds[1]
            ):
                question.min_value, question.max_value = bounds
                return
        if question.kind == QuestionKind.TEXT:
            limit = parse_max_length(expression)
            if limit is not None:
                question.max_length = limit
                return
        self.notes.append(
            row.problem(
                gettext("Constraint not mapped: %(expression)s")
                % {"expression": expression},
                "constraint",
            )
        )

    def _extras(self, question: PlanQuestion, row: FormRow):
        role = row.get(ROLE)
        if role:
            if role in BackgroundRole.values:
                question.role = role
            else:
                self.errors.append(
                    row.problem(
                        gettext("“%(value)s” is not a background role.")
                        % {"value": role},
                        ROLE,
                    )
                )
        question.dont_know = bool(_truthy(row.get(DONT_KNOW)))

    def _choices(self, question: PlanQuestion, row: FormRow, list_name: str):
        rows = self.form.lists.get(list_name)
        if not rows:
            self.errors.append(
                row.problem(
                    gettext("The list “%(list)s” is not on the choices sheet.")
                    % {"list": list_name},
                    "type",
                )
            )
            return
        seen: set[str] = set()
        for choice_row in rows:
            code = choice_row.name
            if not code:
                self.errors.append(
                    choice_row.problem(gettext("The choice has no name."), "name")
                )
                continue
            if not SLUG_RE.match(code) or len(code) > CODE_MAX:
                self.errors.append(
                    choice_row.problem(
                        gettext(
                            "“%(name)s” is not a valid code: use letters, digits, _ "
                            "and -, at most 64 characters."
                        )
                        % {"name": code},
                        "name",
                    )
                )
                continue
            if code in seen:
                self.errors.append(
                    choice_row.problem(
                        gettext("The list “%(list)s” has two choices “%(name)s”.")
                        % {"list": list_name, "name": code},
                        "name",
                    )
                )
                continue
            seen.add(code)
            self._media(choice_row)
            label = choice_row.label
            if not label.get("da"):
                fallback = choice_row.any_label() or code
                label = Texts(
                    values={**label.values, "da": fallback}, reviewed=label.reviewed
                )
                self.notes.append(
                    choice_row.problem(
                        gettext(
                            "The choice has no label in the default language; "
                            "“%(text)s” is used."
                        )
                        % {"text": fallback[:80]},
                        "label",
                    )
                )
            question.choices.append(
                PlanChoice(
                    code=code,
                    label=label,
                    exclusive=bool(_truthy(choice_row.get(EXCLUSIVE))),
                    source=choice_row,
                )
            )

    # the walk

    def run(self):
        for row in self.form.survey_rows:
            type_ = row.type
            if not type_:
                if row.name or row.label.any():
                    self.errors.append(
                        row.problem(gettext("The row has no type."), "type")
                    )
                continue
            self._media(row)
            control = _control(type_)
            low = type_.lower()
            select = _SELECT.match(type_)
            if control.startswith("begin_"):
                self.begin(row, control.removeprefix("begin_"))
            elif control.startswith("end_"):
                self.end(row, control.removeprefix("end_"))
            elif low.startswith(_FROM_FILE):
                self._unsupported(row, type_)
            elif select:
                multi = (
                    "multiple" in select.group(1).lower()
                    or "all" in select.group(1).lower()
                )
                kind = QuestionKind.MULTI if multi else QuestionKind.SINGLE
                self.question(row, kind, select.group(2), bool(select.group(3)))
            elif low in TEXT_TYPES:
                self.question(row, QuestionKind.TEXT, "", False)
            elif low in INTEGER_TYPES:
                self.question(row, QuestionKind.NUMBER, "", False)
            elif low in NOTE_TYPES:
                self.note(row)
            else:
                self._unsupported(row, type_)
        for group in self.stack:
            self.errors.append(
                group.source.problem(
                    gettext("“begin %(kind)s” is never closed with “end %(kind)s”.")
                    % {"kind": group.kind},
                    "type",
                )
            )
        self._drop_empty_sections()
        self._resolve_conditions()
        self._unused_columns()
        if not self.questions and not self.errors:
            self.errors.append(
                Problem(
                    gettext("The form has no question that Medborger can ask."),
                    sheet=self.form.sheets[SURVEY].name,
                )
            )

    def _unsupported(self, row: FormRow, type_: str):
        if type_.lower() in METADATA_TYPES or type_.lower().startswith("uri:"):
            message = gettext(
                "“%(type)s” collects data about the device or the person "
                "automatically; Medborger collects none (answers are anonymous)."
            )
        elif type_.lower() == "decimal":
            message = gettext(
                "Decimal numbers are not supported (only whole numbers); the "
                "question was not imported."
            )
        else:
            message = gettext(
                "The question type “%(type)s” is not supported; the row was not "
                "imported."
            )
        self.notes.append(row.problem(message % {"type": type_}, "type"))

    def _media(self, row: FormRow):
        columns = [
            key
            for key, value in row.row.cells.items()
            if value and _split(key)[0] in MEDIA_BASES
        ]
        if columns:
            headers = ", ".join(row.sheet.headers[k][0] for k in columns)
            self.notes.append(
                row.problem(
                    gettext(
                        "Media are not supported and were not imported: %(columns)s"
                    )
                    % {"columns": headers},
                    columns[0],
                )
            )

    def _drop_empty_sections(self):
        kept = []
        for section in self.sections:
            if section.questions:
                kept.append(section)
                continue
            self.section_codes.discard(section.code)
            if section.intro.any() or (
                section.source is not None and section.source.label.any()
            ):
                source = section.source
                problem = gettext(
                    "The step “%(code)s” has no questions of its own; its title and "
                    "introduction were not imported."
                ) % {"code": section.code}
                self.notes.append(
                    source.problem(problem, "type") if source else Problem(problem)
                )
        self.sections = kept

    def _resolve_conditions(self):
        order = {id(s): i for i, s in enumerate(self.sections)}
        position = {code: i for i, code in enumerate(self.questions)}
        for code, question in self.questions.items():
            if question.relevant is None:
                continue
            expression, row, column = question.relevant
            reason = self._condition(question, expression, order, position)
            if reason:
                self.notes.append(
                    row.problem(
                        gettext(
                            "Condition of “%(code)s” not mapped, shown always "
                            "(%(reason)s): %(expression)s"
                        )
                        % {"code": code, "reason": reason, "expression": expression},
                        column,
                    )
                )

    def _condition(self, question, expression, order, position) -> str:
        parsed = parse_relevant(expression)
        if parsed is None:
            return gettext("only “${q} = 'x'” and “selected(${q}, 'x')” can be used")
        name, values = parsed
        parent = self.questions.get(name)
        if parent is None:
            return gettext("“%(name)s” is not an imported question") % {"name": name}
        if position[name] >= position[question.code]:
            return gettext("it refers to a later question")
        if order[id(parent.section)] >= order[id(question.section)]:
            return gettext(
                "the question it depends on is on the same step; conditions work "
                "across steps only"
            )
        allowed = {
            QuestionKind.AGREE: {*messages.AGREE_LABELS, "dk"},
            QuestionKind.YESNO: {"yes", "no", "dk"},
        }.get(parent.kind) or {c.code for c in parent.choices}
        if parent.kind not in (
            QuestionKind.AGREE,
            QuestionKind.YESNO,
            QuestionKind.SINGLE,
            QuestionKind.MULTI,
        ):
            return gettext("“%(name)s” is not a choice question") % {"name": name}
        unknown = [v for v in values if v not in allowed]
        if unknown:
            return gettext("“%(value)s” is not an answer of “%(name)s”") % {
                "value": unknown[0],
                "name": name,
            }
        question.condition = (name, values)
        return ""

    def _unused_columns(self):
        used_survey = {"type", "name", "required", "relevant", "constraint"}
        used_survey |= {"choice_filter", KIND, ROLE, DONT_KNOW}
        used_choices = {"list_name", "name", EXCLUSIVE}
        for sheet_name, used in ((SURVEY, used_survey), (CHOICES, used_choices)):
            sheet = self.form.sheets.get(sheet_name)
            if sheet is None:
                continue
            for key, (header, letter) in sheet.headers.items():
                base, tag = _split(key)
                if (
                    key in used
                    or base in ("label", "hint")
                    or base.startswith(REVIEW)
                    or base in MEDIA_BASES
                ):
                    continue
                count = sum(1 for r in sheet.rows if r.cells.get(key))
                if count:
                    self.notes.append(
                        Problem(
                            ngettext(
                                "This column is not used by Medborger; its value "
                                "(%(count)s row) was not imported.",
                                "This column is not used by Medborger; its values "
                                "(%(count)s rows) were not imported.",
                                count,
                            )
                            % {"count": count},
                            sheet=sheet.name,
                            column=letter,
                            header=header,
                        )
                    )
        ignored = [
            key
            for key, value in self.form.settings.items()
            if value
            and key
            not in ("form_title", "title", "form_id", "id_string", "default_language")
        ]
        if ignored:
            self.notes.append(
                Problem(
                    gettext("Settings not used by Medborger: %(names)s")
                    % {"names": ", ".join(ignored)},
                    sheet=self.form.sheets[SETTINGS].name,
                    row=self.form.settings_row.number,
                )
            )


# pyxform's CSV reader fails on a sheet it does not know (our own
# medborger_texts), where its .xlsx reader ignores such sheets.
PYXFORM_SHEETS = {
    "survey",
    "choices",
    "settings",
    "external_choices",
    "entities",
    "osm",
}


def _pyxform_csv(data: bytes) -> bytes:
    """The CSV layout with only the sheets pyxform reads."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keep = True
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
        if row and row[0].strip():
            keep = row[0].strip().lower() in PYXFORM_SHEETS
        if keep:
            writer.writerow(row)
    return out.getvalue().encode()


def _pyxform_problems(data: bytes, kind: str) -> list[Problem]:
    """What pyxform, the reference XLSForm converter, finds wrong."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    if kind == "csv":
        data = _pyxform_csv(data)
    try:
        convert(xlsform=io.BytesIO(data), file_type=f".{kind}", warnings=[])
    except PyXFormError as error:
        text = str(error)
        match = re.search(r"\[row\s*:\s*(\d+)\]", text)
        sheet = re.search(r"'(survey|choices|settings)' sheet", text)
        return [
            Problem(
                gettext("This is not a valid XLSForm: %(message)s") % {"message": text},
                sheet=sheet.group(1) if sheet else "",
                row=int(match.group(1)) if match else None,
            )
        ]
    except Exception:  # noqa: BLE001 - pyxform reads untrusted input; never a 500
        return [Problem(gettext("This is not a valid XLSForm."))]
    return []


def _assign(obj, field_name: str, texts: Texts) -> None:
    for code in our_languages():
        setattr(obj, f"{field_name}_{code}", texts.get(code))


def _review_states(label: str, obj, field_name: str, texts: Texts, states: dict):
    for code in translation_review.review_languages():
        if texts.get(code) and texts.reviewed.get(code):
            states[(label, obj.pk, field_name, code)] = True


_FIELD_COLUMNS = {
    "text": "label",
    "title": "label",
    "label": "label",
    "help_text": "hint",
    "intro": "hint",
    "code": "name",
    "min_value": "constraint",
    "max_value": "constraint",
    "max_length": "constraint",
    "condition_question": "relevant",
    "condition_values": "relevant",
}


class _Invalid(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def _clean(obj, source: FormRow | None, sheet_name: str = "") -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        problems = []
        for name, errors in error.message_dict.items():
            base = (
                name.rsplit("_", 1)[0]
                if name.rsplit("_", 1)[-1] in our_languages()
                else name
            )
            column = _FIELD_COLUMNS.get(base, "")
            for message in errors:
                if source is not None:
                    key = column if column in source.sheet.headers else ""
                    if column == "label":
                        key = next(iter(source.sheet.keys("label")), "")
                    problems.append(source.problem(message, key))
                else:
                    problems.append(Problem(message, sheet=sheet_name))
        raise _Invalid(problems) from error


def _survey_texts(form: Form, planner: _Planner, notes: list[Problem]) -> dict:
    texts = {name: Texts() for name in Survey.translated_fields}
    for row in form.text_rows:
        if row.name in texts:
            texts[row.name] = row.label
        elif row.name:
            notes.append(
                row.name_problem(
                    gettext("“%(name)s” is not a text of a survey; it was ignored.")
                )
            )
    if not texts["title"].get("da"):
        texts["title"] = planner.title
    if not texts["intro"].any() and planner.survey_intro:
        texts["intro"] = _merge(*planner.survey_intro)
    if not texts["consent"].get("da"):
        consent = Texts()
        with translation.override("en"):
            english = str(DEFAULT_CONSENT)
        for code in our_languages():
            with translation.override(code):
                text = str(DEFAULT_CONSENT)
            # A language whose catalogue lacks the text falls back to Danish.
            if code in ("da", "en") or text != english:
                consent.values[code] = text
        texts["consent"] = consent
        notes.append(
            Problem(
                gettext(
                    "The form has no consent text; a standard one was filled in. "
                    "Check it before the survey opens."
                )
            )
        )
    return texts


def _choose_code(form: Form, code: str, filename: str) -> tuple[str, list[Problem]]:
    settings_sheet = form.sheets.get(SETTINGS)
    row = form.settings_row
    key = "form_id" if "form_id" in form.settings else "id_string"
    where = (
        settings_sheet.problem("", row, key) if settings_sheet and row else Problem("")
    )
    if code:
        if not SLUG_RE.match(code) or len(code) > CODE_MAX:
            return "", [
                Problem(
                    gettext(
                        "“%(code)s” is not a valid survey code: use letters, digits, "
                        "_ and -, at most 64 characters."
                    )
                    % {"code": code}
                )
            ]
        chosen = code
    else:
        wanted = form.settings.get(key) or PurePath(filename or "").stem
        chosen = slugify(wanted)[:CODE_MAX] or "imported-survey"
        if chosen != wanted:
            return chosen, [
                Problem(
                    gettext("“%(id)s” is not a valid survey code; “%(code)s” is used.")
                    % {"id": wanted, "code": chosen},
                    sheet=where.sheet,
                    row=where.row,
                    column=where.column,
                    header=where.header,
                )
            ]
    if Survey.objects.filter(code=chosen).exists():
        raise _Invalid(
            [
                Problem(
                    gettext(
                        "A survey with the code “%(code)s” exists already. Choose "
                        "another code, or update that survey's translations from "
                        "the spreadsheet instead."
                    )
                    % {"code": chosen},
                    sheet=where.sheet,
                    row=where.row,
                    column=where.column,
                    header=where.header,
                )
            ]
        )
    return chosen, []


def xlsform_import(*, data: bytes, filename: str, code: str = "") -> ImportReport:
    """Make a new survey from an XLSForm file (its bytes and its name, whose
    suffix says the type). ``code``: the new survey's code (default: the
    form's form_id). Nothing is written unless the whole file is valid."""
    report = ImportReport()
    form, errors, notes = read_form(data, filename)
    report.note(notes)
    if form is None or errors:
        report.errors += errors
        return report
    planner = _Planner(form, filename)
    planner.run()
    report.errors += planner.errors
    if report.errors:
        return report
    report.errors += _pyxform_problems(data, form.kind)
    if report.errors:
        return report
    try:
        survey_code, code_notes = _choose_code(form, code, filename)
    except _Invalid as invalid:
        report.errors += invalid.problems
        return report
    if not survey_code:
        report.errors += code_notes
        return report
    report.note(planner.notes)
    report.note(code_notes)
    survey_texts = _survey_texts(form, planner, report.notes)
    try:
        with transaction.atomic():
            report.survey = _write_survey(survey_code, survey_texts, planner)
    except _Invalid as invalid:
        report.errors += invalid.problems
        report.survey = None
        return report
    questions = planner.questions.values()
    report.summary = gettext(
        "Imported the survey “%(code)s”: %(sections)s steps, %(questions)s "
        "questions, %(choices)s choices."
    ) % {
        "code": survey_code,
        "sections": len(planner.sections),
        "questions": len(questions),
        "choices": sum(len(q.choices) for q in questions),
    }
    return report


def _write_survey(code: str, texts: dict[str, Texts], planner: _Planner) -> Survey:
    states: dict = {}
    survey = Survey(code=code)
    for name, value in texts.items():
        _assign(survey, name, value)
    _clean(survey, None, SETTINGS)
    survey.save()
    for name, value in texts.items():
        _review_states("survey", survey, name, value, states)
    saved: dict[str, Question] = {}
    for order, plan in enumerate(planner.sections):
        section = Section(survey=survey, code=plan.code, sort_order=order)
        _assign(section, "title", plan.title)
        _assign(section, "intro", plan.intro)
        _clean(section, plan.source)
        section.save()
        _review_states("section", section, "title", plan.title, states)
        _review_states("section", section, "intro", plan.intro, states)
        for q_order, item in enumerate(plan.questions):
            question = Question(
                survey=survey,
                section=section,
                code=item.code,
                kind=item.kind,
                sort_order=q_order,
                required=item.required,
                dont_know=item.dont_know,
                min_value=item.min_value,
                max_value=item.max_value,
                max_length=item.max_length,
                background_role=item.role,
            )
            _assign(question, "text", item.text)
            _assign(question, "help_text", item.help)
            _clean(question, item.source)
            question.save()
            saved[item.code] = question
            _review_states("question", question, "text", item.text, states)
            _review_states("question", question, "help_text", item.help, states)
            if item.kind not in (QuestionKind.SINGLE, QuestionKind.MULTI):
                continue
            for c_order, plan_choice in enumerate(item.choices):
                choice = Choice(
                    question=question,
                    code=plan_choice.code,
                    sort_order=c_order,
                    exclusive=plan_choice.exclusive,
                )
                _assign(choice, "label", plan_choice.label)
                _clean(choice, plan_choice.source)
                choice.save()
                _review_states("choice", choice, "label", plan_choice.label, states)
    for code_, item in planner.questions.items():
        if item.condition is None:
            continue
        question = saved[code_]
        question.condition_question = saved[item.condition[0]]
        question.condition_values = ",".join(item.condition[1])
        _clean(question, item.source)
        question.save(update_fields=["condition_question", "condition_values"])
    translation_review.reviews_apply(survey=survey, states=states)
    return survey


# --- Update the texts of an existing survey ----------------------------------


@dataclass
class _Target:
    obj: object
    label: str
    field: str
    texts: Texts
    source: FormRow
    base: str  # "label" or "hint": the columns the text came from
    name: str  # what the change list calls it

    def key(self, code: str) -> str:
        """The text's key in the export's medborger_exported sheet."""
        return f"{self.label}:{self.name}:{self.field}:{code}"


REQUIRED_TEXTS = {
    ("survey", "title"),
    ("survey", "consent"),
    ("section", "title"),
    ("question", "text"),
    ("choice", "label"),
}


def _targets(form: Form, survey: Survey, notes: list[Problem]) -> list[_Target]:
    targets: list[_Target] = []
    for row in form.text_rows:
        if row.name in Survey.translated_fields:
            targets.append(
                _Target(survey, "survey", row.name, row.label, row, "label", "")
            )
        elif row.name:
            notes.append(
                row.name_problem(
                    gettext("“%(name)s” is not a text of a survey; it was ignored.")
                )
            )
    sections = {s.code: s for s in survey.sections.all()}
    questions = {
        q.code: q
        for q in Question.objects.filter(survey=survey).prefetch_related("choices")
    }
    seen_sections, seen_questions = set(), set()
    list_users: dict[str, list[Question]] = {}
    for row in form.survey_rows:
        control = _control(row.type)
        if control.startswith("end_") or not row.name:
            continue
        if control.startswith("begin_"):
            section = sections.get(row.name)
            if section is None:
                notes.append(
                    row.name_problem(
                        gettext(
                            "“%(name)s” is not a step of this survey; it was not "
                            "added (an update changes texts only)."
                        )
                    )
                )
                continue
            seen_sections.add(section.code)
            targets += [
                _Target(
                    section, "section", "title", row.label, row, "label", section.code
                ),
                _Target(
                    section, "section", "intro", row.hint, row, "hint", section.code
                ),
            ]
            continue
        question = questions.get(row.name)
        if question is None:
            notes.append(
                row.name_problem(
                    gettext(
                        "“%(name)s” is not a question of this survey; it was not "
                        "added (an update changes texts only)."
                    )
                )
            )
            continue
        seen_questions.add(question.code)
        targets += [
            _Target(
                question, "question", "text", row.label, row, "label", question.code
            ),
            _Target(
                question, "question", "help_text", row.hint, row, "hint", question.code
            ),
        ]
        select = _SELECT.match(row.type)
        if select:
            list_users.setdefault(select.group(2), []).append(question)
    for list_name, rows in form.lists.items():
        if list_name in FIXED_LISTS:
            continue
        users = list_users.get(list_name, [])
        for row in rows:
            for question in users:
                choice = next(
                    (c for c in question.choices.all() if c.code == row.name), None
                )
                if choice is None:
                    notes.append(
                        row.problem(
                            gettext(
                                "“%(name)s” is not a choice of “%(question)s”; it was "
                                "not added."
                            )
                            % {"name": row.name, "question": question.code},
                            "name",
                        )
                    )
                    continue
                targets.append(
                    _Target(
                        choice,
                        "choice",
                        "label",
                        row.label,
                        row,
                        "label",
                        f"{question.code}/{choice.code}",
                    )
                )
    missing = [code for code in questions if code not in seen_questions]
    missing_sections = [code for code in sections if code not in seen_sections]
    if missing or missing_sections:
        notes.append(
            Problem(
                gettext("Not in the spreadsheet, left as they are: %(codes)s")
                % {"codes": ", ".join(missing_sections + missing)}
            )
        )
    return targets


def _form_id_problem(form: Form, survey: Survey) -> Problem | None:
    key = "form_id" if "form_id" in form.settings else "id_string"
    form_id = form.settings.get(key, "")
    if form_id and form_id != survey.code:
        sheet = form.sheets[SETTINGS]
        return sheet.problem(
            gettext("This spreadsheet is for the survey “%(form)s”, not “%(survey)s”.")
            % {"form": form_id, "survey": survey.code},
            form.settings_row,
            key,
        )
    return None


def xlsform_update(
    *, data: bytes, filename: str, survey: Survey | None = None
) -> ImportReport:
    """Take the texts of an XLSForm (usually one exported from this survey
    and filled in by a translator) into ``survey`` (default: the survey whose
    code is the form's form_id). Only texts in the languages that have a
    column change, with their review states (see the module docstring);
    questions, choices and steps are matched by code and never added or
    removed. Nothing is written unless the whole file is valid."""
    report = ImportReport()
    form, errors, notes = read_form(data, filename, danish_fallback=False)
    report.note(notes)
    if form is None or errors:
        report.errors += errors
        return report
    if survey is None:
        form_id = form.settings.get("form_id") or form.settings.get("id_string", "")
        survey = Survey.objects.filter(code=form_id).first() if form_id else None
        if survey is None:
            report.errors.append(
                Problem(
                    gettext("No survey has the code “%(code)s” (the form's form_id).")
                    % {"code": form_id},
                    sheet=SETTINGS,
                )
            )
            return report
    report.survey = survey
    mismatch = _form_id_problem(form, survey)
    if mismatch:
        report.errors.append(mismatch)
        return report
    targets = _targets(form, survey, report.notes)
    changed: dict[int, tuple[object, set[str]]] = {}
    states: dict = {}
    review = set(translation_review.review_languages())
    for target in targets:
        for code, new in target.texts.values.items():
            column = f"{target.field}_{code}"
            old = (getattr(target.obj, column) or "").strip()
            new = new.strip()
            key = (target.label, target.obj.pk, target.field, code)
            cell = target.texts.reviewed.get(code)
            if form.exported is None:
                # Not our export: the sheet is all we know.
                write = new != old
                review_said = cell is not None
            else:
                sha, exported_cell = form.exported.get(target.key(code), ("", None))
                edited_in_sheet = fingerprint(new) != (sha or fingerprint(""))
                write = edited_in_sheet and new != old
                review_said = cell is not None and cell != exported_cell
            if write:
                problem = _text_problem(target, code, new)
                if problem:
                    report.errors.append(problem)
                    continue
                setattr(target.obj, column, new)
                changed.setdefault(id(target.obj), (target.obj, set()))[1].add(column)
                report.changes.append(
                    gettext("%(what)s %(name)s: %(field)s (%(language)s)")
                    % {
                        "what": target.label,
                        "name": target.name or survey.code,
                        "field": target.field,
                        "language": code,
                    }
                )
            if code not in review:
                continue
            text = new if write else old
            if review_said and (text or not cell):
                states[key] = bool(cell)
            elif write:
                states[key] = False
    if report.errors:
        report.changes = []
        return report
    with transaction.atomic():
        for obj, columns in changed.values():
            obj.save(update_fields=sorted(columns))
        report.reviews_marked, report.reviews_removed = (
            translation_review.reviews_apply(survey=survey, states=states)
        )
    report.summary = ngettext(
        "%(texts)s text changed; %(marked)s marked reviewed, %(removed)s marked "
        "machine-made.",
        "%(texts)s texts changed; %(marked)s marked reviewed, %(removed)s marked "
        "machine-made.",
        len(report.changes),
    ) % {
        "texts": len(report.changes),
        "marked": report.reviews_marked,
        "removed": report.reviews_removed,
    }
    return report


def _text_problem(target: _Target, code: str, new: str) -> Problem | None:
    sheet = target.source.sheet
    column = next(
        (k for k in sheet.keys(target.base) if language_code(_split(k)[1]) == code),
        "",
    )
    if (
        not new
        and code == translation_review.source_language()
        and (
            target.label,
            target.field,
        )
        in REQUIRED_TEXTS
    ):
        return target.source.problem(
            gettext("The Danish text must not be empty."), column
        )
    model_field = type(target.obj)._meta.get_field(f"{target.field}_{code}")
    limit = getattr(model_field, "max_length", None)
    if limit and len(new) > limit and model_field.get_internal_type() == "CharField":
        return target.source.problem(
            gettext("The text is longer than %(max)s characters.") % {"max": limit},
            column,
        )
    return None


# --- Export --------------------------------------------------------------------


def _cell(ws, row: int, column: int, value) -> None:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = ws.cell(row=row, column=column, value=value if value != "" else None)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a text, never a formula


def _write_sheet(ws, headers: list[str], rows: list[dict[str, str]]) -> None:
    for column, header in enumerate(headers, start=1):
        _cell(ws, 1, column, header)
        ws.cell(row=1, column=column).font = Font(bold=True)
    for number, values in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            if values.get(header):
                _cell(ws, number, column, values[header])
    ws.freeze_panes = "C2"


def xlsform_export(*, survey: Survey) -> bytes:
    """The survey as an .xlsx XLSForm with every language and the review
    state of every translated text (see the module docstring)."""
    langs = our_languages()
    review = translation_review.review_languages()
    tags = {code: language_tag(code) for code in langs}
    reviewed = translation_review.reviewed_keys(survey)

    exported: list[dict[str, str]] = []

    def texts(label, name: str, obj, field_name: str, prefix: str, review_prefix):
        values = {}
        for code in langs:
            value = getattr(obj, f"{field_name}_{code}") or ""
            values[f"{prefix}::{tags[code]}"] = value
            if not value.strip():
                continue
            state = ""
            if code in review:
                reviewed_now = (label, obj.pk, field_name, code) in reviewed
                state = REVIEWED if reviewed_now else MACHINE
                values[f"{review_prefix}_{code}"] = state
            exported.append(
                {
                    "key": f"{label}:{name}:{field_name}:{code}",
                    "text_sha": fingerprint(value),
                    "review": state,
                }
            )
        return values

    survey_headers = [
        "type",
        "name",
        "required",
        "relevant",
        "constraint",
        *[f"label::{tags[c]}" for c in langs],
        *[f"hint::{tags[c]}" for c in langs],
        *[f"{REVIEW}_{c}" for c in review],
        *[f"{REVIEW_HINT}_{c}" for c in review],
        KIND,
        ROLE,
        DONT_KNOW,
    ]
    choice_headers = [
        "list_name",
        "name",
        *[f"label::{tags[c]}" for c in langs],
        *[f"{REVIEW}_{c}" for c in review],
        EXCLUSIVE,
    ]
    questions = list(
        Question.objects.filter(survey=survey)
        .select_related("condition_question")
        .prefetch_related("choices")
    )
    survey_rows: list[dict[str, str]] = []
    choice_rows: list[dict[str, str]] = []
    fixed: set[str] = set()
    for section in survey.sections.order_by("sort_order", "pk"):
        survey_rows.append(
            {
                "type": "begin group",
                "name": section.code,
                **texts("section", section.code, section, "title", "label", REVIEW),
                **texts("section", section.code, section, "intro", "hint", REVIEW_HINT),
            }
        )
        for question in (q for q in questions if q.section_id == section.pk):
            row, list_name = _question_row(question)
            row.update(
                texts("question", question.code, question, "text", "label", REVIEW)
            )
            row.update(
                texts(
                    "question",
                    question.code,
                    question,
                    "help_text",
                    "hint",
                    REVIEW_HINT,
                )
            )
            survey_rows.append(row)
            if list_name in FIXED_LISTS:
                fixed.add(list_name)
            elif list_name:
                for choice in question.choices.all():
                    choice_rows.append(
                        {
                            "list_name": list_name,
                            "name": choice.code,
                            EXCLUSIVE: "yes" if choice.exclusive else "",
                            **texts(
                                "choice",
                                f"{question.code}/{choice.code}",
                                choice,
                                "label",
                                "label",
                                REVIEW,
                            ),
                        }
                    )
        survey_rows.append({"type": "end group", "name": section.code})
    for list_name in FIXED_LISTS:
        if list_name in fixed:
            choice_rows += _fixed_choices(list_name, langs, tags)
    text_rows = [
        {"name": name, **texts("survey", "", survey, name, "label", REVIEW)}
        for name in Survey.translated_fields
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SURVEY
    _write_sheet(sheet, survey_headers, survey_rows)
    _write_sheet(book.create_sheet(CHOICES), choice_headers, choice_rows)
    settings_headers = ["form_title", "form_id", "default_language"]
    _write_sheet(
        book.create_sheet(SETTINGS),
        settings_headers,
        [
            {
                "form_title": survey.title_da or survey.code,
                "form_id": survey.code,
                "default_language": tags[translation_review.source_language()],
            }
        ],
    )
    _write_sheet(
        book.create_sheet(TEXTS),
        [
            "name",
            *[f"label::{tags[c]}" for c in langs],
            *[f"{REVIEW}_{c}" for c in review],
        ],
        text_rows,
    )
    fingerprints = book.create_sheet(EXPORTED)
    _write_sheet(fingerprints, ["key", "text_sha", "review"], exported)
    # Kept out of the translator's way: it tells the update which texts
    # and review cells were edited after the export.
    fingerprints.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _question_row(question: Question) -> tuple[dict[str, str], str]:
    kind = question.kind
    row = {
        "name": question.code,
        "required": "yes" if question.required else "",
        KIND: kind,
        ROLE: question.background_role,
        DONT_KNOW: "yes" if question.dont_know else "",
    }
    list_name = ""
    if kind == QuestionKind.AGREE:
        list_name = AGREE_LIST
        row["type"] = f"select_one {list_name}"
    elif kind == QuestionKind.YESNO:
        list_name = YESNO_DK_LIST if question.dont_know else YESNO_LIST
        row["type"] = f"select_one {list_name}"
    elif kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
        list_name = question.code
        word = "select_one" if kind == QuestionKind.SINGLE else "select_multiple"
        row["type"] = f"{word} {list_name}"
    elif kind == QuestionKind.NUMBER:
        row["type"] = "integer"
        bounds = []
        if question.min_value is not None:
            bounds.append(f". >= {question.min_value}")
        if question.max_value is not None:
            bounds.append(f". <= {question.max_value}")
        row["constraint"] = " and ".join(bounds)
    else:
        row["type"] = "text"
        row["constraint"] = f"string-length(.) <= {question.max_length}"
    parent = question.condition_question
    if parent is not None and question.condition_codes:
        codes = [c.strip() for c in question.condition_values.split(",") if c.strip()]
        if parent.kind == QuestionKind.MULTI:
            terms = [f"selected(${{{parent.code}}}, '{c}')" for c in codes]
        else:
            terms = [f"${{{parent.code}}} = '{c}'" for c in codes]
        row["relevant"] = " or ".join(terms)
    return row, list_name


def _fixed_choices(list_name: str, langs, tags) -> list[dict[str, str]]:
    if list_name == AGREE_LIST:
        options = [*messages.AGREE_LABELS.items(), ("dk", messages.DONT_KNOW)]
    else:
        options = [("yes", messages.YES), ("no", messages.NO)]
        if list_name == YESNO_DK_LIST:
            options.append(("dk", messages.DONT_KNOW))
    rows = []
    for code, label in options:
        row = {"list_name": list_name, "name": code}
        for lang in langs:
            with translation.override(lang):
                row[f"label::{tags[lang]}"] = str(label)
        rows.append(row)
    return rows
