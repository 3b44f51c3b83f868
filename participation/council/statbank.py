"""Statistics Denmark's own table formats, read into one long DataFrame.

Staff download official figures from Statistikbanken (statistikbanken.dk)
or its API (api.statbank.dk) and import them unchanged (SPEC §3.3): as a
PC-Axis file (.px), as JSON-stat, or as the semicolon CSV the API writes.
``read_statbank`` tells the three apart by their content and returns a
``StatbankTable`` whose ``frame`` is long:

- one column per dimension, named by the dimension's id ("HERKOMST",
  "Tid"; for a PX file its VARIABLE-CODE or else its name, "herkomst"),
  holding the category labels ("Indvandrere");
- ``value`` (float; NaN where the figure is missing);
- ``status`` (str): the file's symbol for the cell, "" for none; ".." for a
  missing figure the file gives no symbol for.

Rows are in the file's order; for PX and JSON-stat that is every
combination of the categories, the last dimension changing fastest.

Two mappings onto what the project stores:

- ``population_frame``: FOLK1E in any of the formats, as the frame
  participation/council/folk1e.py's ``parse_folk1e`` gives for its CSV. Its
  label lookups (``folk1e.label_code``, ``folk1e.column_name``) decide what
  a label means, so every format means the same by "Mænd" or "Indvandrere".
- ``statistics_frame``: any table as rows of official statistics (table,
  indicator, breakdown, year, group, value), the dimensions named by a
  ``StatisticsMapping`` or detected: TID is the year, HERKOMST the group.

``px_bytes`` and ``jsonstat_text`` write the two formats (the demo's files,
tests).

Everything wrong with a file is collected, not only the first thing, and
raised as one ``StatbankError`` whose ``problems`` each have a stable
``code``, say what is wrong and where (the line and PX keyword, the place
in the JSON, the dimension and category, or the figure and its
categories), and render in the active language with ``render(gettext)``:
the English templates are marked for makemessages here, translated where
they are shown. Sizes are bounded before anything large is built
(``MAX_BYTES``, ``MAX_CELLS``, ``MAX_DIMENSIONS``, ``MAX_LABEL``).

Pure: standard library and pandas, and folk1e's lookups; no Django models
or settings.
"""

from __future__ import annotations

import codecs
import csv
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from participation.council import folk1e

__all__ = [
    "FORMATS",
    "GROUP_CODES",
    "MAX_BYTES",
    "MAX_CELLS",
    "MESSAGES",
    "WHERE",
    "Dimension",
    "StatbankError",
    "StatbankProblem",
    "StatbankTable",
    "StatisticsMapping",
    "cube_table",
    "detect_format",
    "is_statbank_csv",
    "jsonstat_text",
    "population_frame",
    "px_bytes",
    "read_jsonstat",
    "read_px",
    "read_statbank",
    "read_statbank_csv",
    "statistics_frame",
]


def gettext_noop(message: str) -> str:
    """Marks a message for makemessages; it is translated where shown
    (``StatbankProblem.render``), so this module needs no Django."""
    return message


# A download of one municipality's FOLK1E for a year of quarters is about
# 2 MB and 25,000 figures; the limits leave room for every municipality and
# keep a hostile file from filling the memory of the server.
MAX_BYTES = 20 * 1024 * 1024
MAX_CELLS = 500_000
MAX_DIMENSIONS = 20
MAX_LABEL = 1_000
# At most this many problems are kept; the last one says how many more.
MAX_PROBLEMS = 100

FORMATS = ("px", "json-stat", "csv")
# Statistikbanken's symbols for a figure that is not there (".." not
# available or confidential, "-" nothing to report); PX allows one to six dots.
MISSING = frozenset({"", ".", "..", "...", "....", ".....", "......", "-"})
# Names no dimension may have: the frame's own columns.
RESERVED = ("value", "status")

# Where a problem is, filled from its params.
WHERE = {
    "line": gettext_noop("Line %(line)s"),
    "line_column": gettext_noop("Line %(line)s, column %(column)s"),
    "figure": gettext_noop("Line %(line)s, figure %(position)s (%(cell)s)"),
    "json": gettext_noop("In the JSON at %(path)s"),
    "dimension": gettext_noop("Dimension %(dimension)s"),
    "category": gettext_noop("Dimension %(dimension)s, category “%(category)s”"),
    "cell": gettext_noop("Figure %(position)s (%(cell)s)"),
}

# What is wrong. Those with a place in WHERE start in lower case, as they
# follow it ("Line 4: ...").
MESSAGES = {
    # Any format.
    "too_big": gettext_noop(
        "The file is larger than %(limit)s MB. Download fewer categories at a time."
    ),
    "binary": gettext_noop(
        "the file holds a NUL character, so it is not a PX, JSON-stat or CSV text file."
    ),
    "encoding": gettext_noop(
        "the text is not %(encoding)s, as the file says: this byte cannot be read."
    ),
    "more_problems": gettext_noop("… and %(count)s more problems."),
    "too_many_cells": gettext_noop(
        "The table has more figures than the %(limit)s that can be imported. "
        "Choose fewer categories when downloading it."
    ),
    "too_many_dimensions": gettext_noop(
        "The table has %(count)s dimensions; at most %(limit)s can be imported."
    ),
    "empty_dimension": gettext_noop("the dimension has no categories."),
    "empty_label": gettext_noop("a category has no label."),
    "duplicate_dimension": gettext_noop("the dimension is named twice."),
    "reserved_name": gettext_noop("a dimension cannot be named “value” or “status”."),
    "duplicate_label": gettext_noop("two categories have the label “%(value)s”."),
    "duplicate_code": gettext_noop("two categories have the code “%(value)s”."),
    "label_too_long": gettext_noop("a label is longer than %(limit)s characters."),
    "bad_number": gettext_noop(
        "“%(value)s” is not a number, nor a symbol for a missing figure such as “..”."
    ),
    "no_figures": gettext_noop("The table has no figures."),
    # PX.
    "px_syntax": gettext_noop(
        "expected a keyword such as TITLE= here, found “%(value)s”."
    ),
    "px_unclosed": gettext_noop(
        'a quoted text is never closed: a quotation mark (") is missing.'
    ),
    "px_unterminated": gettext_noop("%(keyword)s does not end with “;”."),
    "px_duplicate": gettext_noop(
        "%(keyword)s is given twice (first on line %(first_line)s)."
    ),
    "px_missing": gettext_noop("The PX file has no %(keyword)s."),
    "px_no_variables": gettext_noop(
        "The PX file has neither STUB nor HEADING, so it names no dimensions."
    ),
    "px_unsupported": gettext_noop(
        "%(keyword)s is not supported: download the table again as PX without it."
    ),
    "px_codes_count": gettext_noop(
        "CODES gives %(found)s codes for %(expected)s VALUES."
    ),
    "px_data_count": gettext_noop(
        "DATA holds %(found)s figures, but %(sizes)s categories make %(expected)s."
    ),
    "px_after_data": gettext_noop("there is text after the “;” that ends DATA."),
    # JSON-stat.
    "json_syntax": gettext_noop("the file is not valid JSON: %(reason)s."),
    "json_invalid": gettext_noop("The file is not valid JSON: %(reason)s."),
    "json_not_dataset": gettext_noop(
        "The file is not a JSON-stat dataset: expected an object with "
        "“class”: “dataset”, “id”, “size”, “dimension” and “value”."
    ),
    "json_several": gettext_noop(
        "The file holds %(count)s datasets (%(value)s); import one table at a time."
    ),
    "json_missing": gettext_noop("the field is missing."),
    "json_type": gettext_noop("expected %(expected)s."),
    "json_size_mismatch": gettext_noop(
        "“id” names %(ids)s dimensions but “size” gives %(sizes)s sizes."
    ),
    "json_dimension_size": gettext_noop(
        "the dimension has %(found)s categories but “size” says %(expected)s."
    ),
    "json_index": gettext_noop(
        "the category positions are not 0 to %(last)s, each once."
    ),
    "json_value_count": gettext_noop(
        "“value” holds %(found)s figures, but %(sizes)s categories make %(expected)s."
    ),
    "json_value_position": gettext_noop(
        "“%(value)s” is not a position from 0 to %(last)s."
    ),
    # CSV.
    "csv_no_header": gettext_noop("The file has no header line."),
    "csv_not_statbank": gettext_noop(
        "the last column is “%(value)s”; a table from Statistikbanken ends "
        "with the column INDHOLD."
    ),
    "csv_unreadable": gettext_noop(
        "the line cannot be read as CSV (a quotation mark may be missing)."
    ),
    "csv_field_count": gettext_noop(
        "expected %(expected)s fields separated by “%(delimiter)s”, found %(found)s."
    ),
    "csv_column_name": gettext_noop("the column has no name, or is named twice."),
    "csv_duplicate": gettext_noop(
        "the same categories are already on line %(first_line)s."
    ),
    # Official statistics (statistics_frame).
    "no_dimension": gettext_noop(
        "The table has no dimension %(value)s. Its dimensions are %(dimensions)s."
    ),
    "no_year": gettext_noop(
        "Say which dimension holds the year: none is named TID. The table's "
        "dimensions are %(dimensions)s."
    ),
    "choose_breakdown": gettext_noop(
        "Say which dimension is the breakdown: %(dimensions)s each have several "
        "categories."
    ),
    "unmapped": gettext_noop(
        "the dimension has %(count)s categories but is not the year, group, "
        "indicator or breakdown. Choose one of its categories when downloading, "
        "or make it the breakdown."
    ),
    "no_table_name": gettext_noop("Name the table: the file does not give its name."),
    "not_a_year": gettext_noop(
        "not a year or a period of one, such as 2022 or 2022K1."
    ),
    "same_year": gettext_noop(
        "“%(value)s” and “%(other)s” are both in %(year)s; download one period a year."
    ),
    "same_group": gettext_noop(
        "“%(value)s” and “%(other)s” are both the group %(group)s."
    ),
    "too_long": gettext_noop(
        "“%(value)s” is longer than %(limit)s characters, the most a %(field)s "
        "can have."
    ),
    "too_large": gettext_noop("%(value)s is too large to store."),
    # Population (population_frame).
    "population_dimension": gettext_noop(
        "The table has no dimension %(value)s; FOLK1E has OMRÅDE, KØN, ALDER, "
        "HERKOMST and TID."
    ),
    "population_unmapped": gettext_noop(
        "the dimension is not one of FOLK1E's and has %(count)s categories: "
        "choose one of them when downloading."
    ),
    "bad_gender": gettext_noop("not a sex in the table (Mænd or Kvinder)."),
    "bad_age": gettext_noop("not a single year of age such as “25 år”."),
    "bad_origin": gettext_noop(
        "not an origin group this importer knows (such as “Indvandrere”)."
    ),
    "bad_period": gettext_noop("not a quarter such as 2025K1."),
    "same_meaning": gettext_noop(
        "“%(value)s” and “%(other)s” mean the same, so people would be counted twice."
    ),
    "split_and_total": gettext_noop(
        "the dimension has both “%(value)s” and its split into western and "
        "non-western countries (“%(other)s”), so people would be counted twice."
    ),
    "missing_count": gettext_noop(
        "the figure is missing (“%(value)s”); every population cell needs one."
    ),
    "bad_count": gettext_noop("%(value)s is not a whole number of persons."),
    "population_no_rows": gettext_noop(
        "The table has no population figures. Totals such as “I alt” are "
        "skipped: download FOLK1E with KØN, ALDER and HERKOMST broken down."
    ),
}

# Words put into "json_type"'s "%(expected)s", translated with it.
EXPECTED = {
    "texts": gettext_noop("a list of texts"),
    "whole_numbers": gettext_noop("a list of whole numbers"),
    "object": gettext_noop("an object"),
    "text": gettext_noop("a text"),
    "list_or_object": gettext_noop("a list or an object"),
    "number": gettext_noop("a number or null"),
}


def _same(message: str) -> str:
    return message


@dataclass(frozen=True)
class StatbankProblem:
    """One thing wrong with a file or with a mapping of it.

    ``code`` is a key of ``MESSAGES``; ``where`` a key of ``WHERE`` or ""
    for the whole file; ``params`` fill both templates (``line``,
    ``keyword``, ``path``, ``dimension``, ``category``, ``position``,
    ``cell``, ``value`` ... as the templates need)."""

    code: str
    where: str = ""
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code]

    def render(self, translate: Callable[[str], str] = _same) -> str:
        """The problem in words: ``translate`` is ``gettext`` to show it in
        the active language; without it, English."""
        params = dict(self.params)
        if "expected" in params and params["expected"] in EXPECTED.values():
            params["expected"] = translate(str(params["expected"]))
        text = translate(MESSAGES[self.code]) % params
        if not self.where:
            return text
        return f"{translate(WHERE[self.where]) % params}: {text}"

    def __str__(self) -> str:
        return self.render()


class StatbankError(ValueError):
    """A file, or a mapping of it, that cannot be imported. ``problems``
    lists at most ``MAX_PROBLEMS`` in the order found; ``total`` is how many
    there were."""

    def __init__(self, problems: list[StatbankProblem], *, total: int | None = None):
        self.problems = problems
        self.total = len(problems) if total is None else total
        super().__init__("\n".join(str(problem) for problem in problems))

    def render(self, translate: Callable[[str], str] = _same) -> list[str]:
        return [problem.render(translate) for problem in self.problems]


class _Problems:
    """Collects problems, keeping the first MAX_PROBLEMS."""

    def __init__(self):
        self.items: list[StatbankProblem] = []
        self.total = 0

    def add(self, code: str, where: str = "", **params) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(StatbankProblem(code, where, params))

    @property
    def full(self) -> bool:
        return self.total >= MAX_PROBLEMS

    def raise_if_any(self) -> None:
        if not self.items:
            return
        items = self.items
        if self.total > len(items):
            items = items[: MAX_PROBLEMS - 1]
            items.append(
                StatbankProblem("more_problems", "", {"count": self.total - len(items)})
            )
        raise StatbankError(items, total=self.total)


# --- the table ----------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    """One dimension of a table: ``id`` names its column in the frame;
    ``label`` is its text ("herkomst"; the id where the file has none);
    ``codes`` and ``labels`` its categories in order (the codes are the
    labels where the file has none); ``role`` "time", "metric" or ""."""

    id: str
    label: str
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    role: str = ""

    def __len__(self) -> int:
        return len(self.codes)

    def named(self, name: str) -> bool:
        """Whether ``name`` (any case) is this dimension's id or text."""
        wanted = name.strip().casefold()
        return wanted in (self.id.casefold(), self.label.casefold())

    def code_of(self) -> dict[str, str]:
        return dict(zip(self.labels, self.codes, strict=True))


@dataclass
class StatbankTable:
    """A table read from one file: its dimensions, the long ``frame`` (see
    the module docstring), and what the file says about it: ``table_id``
    (PX MATRIX, JSON-stat extension.px.tableid), ``title``, ``contents``,
    ``units``, ``source`` and ``notes``."""

    format: str
    dimensions: list[Dimension]
    frame: pd.DataFrame
    table_id: str = ""
    title: str = ""
    contents: str = ""
    units: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()

    @property
    def synthetic(self) -> bool:
        """Made-up figures say so at the start of a note or the title."""
        return any(
            text.lstrip().startswith("SYNTHETIC") for text in (self.title, *self.notes)
        )

    def dimension(self, name: str) -> Dimension | None:
        """The dimension named ``name`` (its id or text, any case)."""
        return next((d for d in self.dimensions if d.named(name)), None)


def _cells(dimensions: Sequence[Dimension]) -> int:
    count = 1
    for dimension in dimensions:
        count *= len(dimension)
    return count


def _cell_name(dimensions: Sequence[Dimension], position: int) -> str:
    """The labels of the figure at ``position`` (0-based) of a full table."""
    labels = []
    for dimension in reversed(dimensions):
        size = len(dimension) or 1
        labels.append(dimension.labels[position % size] if dimension.labels else "")
        position //= size
    return ", ".join(reversed(labels))


def _cube_frame(
    dimensions: Sequence[Dimension], values: list[float], statuses: list[str]
) -> pd.DataFrame:
    if dimensions:
        index = pd.MultiIndex.from_product(
            [list(d.labels) for d in dimensions], names=[d.id for d in dimensions]
        )
        frame = index.to_frame(index=False)
    else:
        frame = pd.DataFrame(index=range(len(values)))
    frame["value"] = pd.Series(values, dtype="float64", index=frame.index)
    frame["status"] = pd.Series(statuses, dtype=object, index=frame.index)
    return frame


def cube_table(
    dimensions: Sequence[Dimension],
    values: Sequence[float | None],
    statuses: Sequence[str] | None = None,
    *,
    format: str = "",
    **about,
) -> StatbankTable:
    """A table of every combination of ``dimensions`` (the last changing
    fastest) with ``values`` in that order (None where missing) and
    optional ``statuses``; ``about`` sets table_id, title, contents, units,
    source, notes. Raises StatbankError if the dimensions or the number of
    values are wrong, as a file with them would."""
    problems = _Problems()
    _check_dimensions(dimensions, problems)
    problems.raise_if_any()
    if len(values) != _cells(dimensions):
        problems.add(
            "json_value_count",
            found=len(values),
            sizes=_sizes(dimensions),
            expected=_cells(dimensions),
        )
        problems.raise_if_any()
    given = list(statuses) if statuses is not None else [""] * len(values)
    numbers = [math.nan if v is None else float(v) for v in values]
    marks = [
        (s or "..") if v is None else (s or "")
        for v, s in zip(values, given, strict=True)
    ]
    frame = _cube_frame(dimensions, numbers, marks)
    return StatbankTable(format, list(dimensions), frame, **about)


def _sizes(dimensions: Sequence[Dimension]) -> str:
    return " × ".join(str(len(d)) for d in dimensions) or "0"


def _check_dimensions(dimensions: Sequence[Dimension], problems: _Problems) -> None:
    """What every format must hold to: a bounded number of dimensions and
    figures, each dimension with categories whose labels and codes are
    unique and short, no two dimensions of one id."""
    if len(dimensions) > MAX_DIMENSIONS:
        problems.add("too_many_dimensions", count=len(dimensions), limit=MAX_DIMENSIONS)
        return
    ids: set[str] = set()
    for dimension in dimensions:
        where = {"dimension": dimension.id}
        if dimension.id in ids:
            problems.add("duplicate_dimension", "dimension", **where)
        ids.add(dimension.id)
        if dimension.id in RESERVED:
            problems.add("reserved_name", "dimension", **where)
        if not len(dimension):
            problems.add("empty_dimension", "dimension", **where)
        if any(not label for label in dimension.labels):
            problems.add("empty_label", "dimension", **where)
        for kind, texts in (("label", dimension.labels), ("code", dimension.codes)):
            seen: set[str] = set()
            for text in texts:
                if len(text) > MAX_LABEL:
                    problems.add(
                        "label_too_long", "dimension", limit=MAX_LABEL, **where
                    )
                    break
                if text in seen:
                    problems.add(f"duplicate_{kind}", "dimension", value=text, **where)
                    break
                seen.add(text)
    cells = _cells(dimensions)
    if cells > MAX_CELLS:
        problems.add("too_many_cells", limit=MAX_CELLS)


# --- reading --------------------------------------------------------------------

_PX_START = re.compile(rb"[A-Z][A-Z0-9_-]*(?:\[[^\]\n]*\])?(?:\([^\n]*?\))?[ \t]*=")
_BOM = b"\xef\xbb\xbf"


def detect_format(data: bytes) -> str:
    """The format of ``data`` (one of ``FORMATS``) by its content: JSON
    starts with "{" (or "["), a PX file with a keyword such as CHARSET= or
    AXIS-VERSION=; anything else is read as CSV."""
    head = data[:4096].removeprefix(_BOM).lstrip()
    if head[:1] in (b"{", b"["):
        return "json-stat"
    if _PX_START.match(head):
        return "px"
    return "csv"


def read_statbank(data: bytes) -> StatbankTable:
    """Read a table in any of ``FORMATS`` (``detect_format`` decides).
    Raises StatbankError."""
    if len(data) > MAX_BYTES:
        raise StatbankError(
            [StatbankProblem("too_big", "", {"limit": MAX_BYTES // (1024 * 1024)})]
        )
    reader = {"px": read_px, "json-stat": read_jsonstat, "csv": read_statbank_csv}
    return reader[detect_format(data)](data)


def _line_of(data: bytes | str, position: int) -> int:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, position) + 1  # type: ignore[arg-type]


def _no_nul(data: bytes, problems: _Problems) -> bool:
    nul = data.find(b"\x00")
    if nul >= 0:
        problems.add("binary", "line", line=_line_of(data, nul))
        return False
    return True


def _too_big(data: bytes, problems: _Problems) -> bool:
    if len(data) > MAX_BYTES:
        problems.add("too_big", limit=MAX_BYTES // (1024 * 1024))
        return True
    return False


_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d{1,3})?")


def _number(text: str) -> float | None:
    """A finite float from a plain decimal number; None for anything else."""
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


# --- PX -------------------------------------------------------------------------

_PX_CHARSET = re.compile(rb'(?m)^[ \t]*CHARSET[ \t]*=[ \t]*"([^"\r\n]*)"')
_PX_CODEPAGE = re.compile(rb'(?m)^[ \t]*CODEPAGE[ \t]*=[ \t]*"([^"\r\n]*)"')
_PX_KEYWORD = re.compile(
    r"([A-Za-z][A-Za-z0-9_-]*)"  # keyword
    r"(?:\[([^\]\"\n]*)\])?"  # [language]
    r"(?:\(((?:\"[^\"\n]*\"|[^)\"\n])*)\))?"  # ("subkey", ...)
    r"[ \t]*="
)
_PX_TOKEN = re.compile(
    r'"([^"\n]*)"|(,)|(;)|(TLIST\([^)\n]*\))|([^\s,;"=]+)|(=)|(")', re.IGNORECASE
)
_PX_DATUM = re.compile(r'"([^"\n]*)"|([^\s,";]+)|(")')
_SPACE = re.compile(r"\s*")
_PX_SUBKEY = re.compile(r'"([^"\n]*)"|([^,"\s]+)')


class _Lines:
    """Line numbers of positions met in increasing order, counted once."""

    def __init__(self, text: str, *, first: int = 1, start: int = 0):
        self.text = text
        self.position = start
        self.line = first

    def at(self, position: int) -> int:
        if position < self.position:  # only when recovering: count again
            return _line_of(self.text, position)
        self.line += self.text.count("\n", self.position, position)
        self.position = position
        return self.line


def _px_decode(data: bytes, problems: _Problems) -> str:
    """The text of a PX file. CHARSET="ANSI" (Statistikbanken's) means
    Windows-1252 unless CODEPAGE names another; a file that reads as UTF-8
    is UTF-8 whatever it says (it was saved again by an editor), as
    Windows-1252 Danish text never does."""
    if data.startswith(_BOM):
        data, declared = data[len(_BOM) :], "utf-8"
    else:
        head = data[:65536]
        codepage = _PX_CODEPAGE.search(head)
        charset = _PX_CHARSET.search(head)
        declared = "cp1252"
        if codepage:
            name = codepage.group(1).decode("latin-1").strip()
            try:
                declared = codecs.lookup(name).name
            except LookupError:
                declared = "cp1252"
        elif charset and charset.group(1).strip().upper() not in (b"ANSI", b""):
            declared = "utf-8"
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if declared == "utf-8":
            problems.add(
                "encoding",
                "line",
                line=_line_of(data, error.start),
                encoding="UTF-8",
            )
            return ""
    try:
        return data.decode(declared)
    except (UnicodeError, LookupError, ValueError):
        # Windows-1252 leaves five bytes undefined, and CODEPAGE may name a
        # codec that is no text encoding ("rot13"); Latin-1 reads anything.
        return data.decode("latin-1")


@dataclass
class _Statement:
    keyword: str
    language: str | None
    subkeys: tuple[str, ...]
    items: list[str]
    line: int


def _px_subkeys(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(
        (quoted if quoted is not None else bare).strip()
        for quoted, bare in _PX_SUBKEY.findall(text)
    )


def _px_value(
    text: str, position: int, statement: str, line: int, lines: _Lines, problems
) -> tuple[list[str] | None, int]:
    """The items of one keyword's value from ``position`` to its ";":
    quoted texts next to each other are one item (a long text over several
    lines), commas separate items. Returns (None, where to go on) when the
    value is broken; the problem is added."""
    items: list[str] = []
    parts: list[str] = []
    size = len(text)
    while True:
        position = _SPACE.match(text, position).end()
        if position >= size:
            problems.add("px_unterminated", "line", line=line, keyword=statement)
            return None, position
        match = _PX_TOKEN.match(text, position)
        quoted, comma, end, tlist, bare, equals, quote = match.groups()
        if quoted is not None:
            parts.append(quoted)
        elif comma:
            items.append("".join(parts))
            parts = []
        elif end:
            if parts or items:
                items.append("".join(parts))
            return items, match.end()
        elif tlist or bare:
            line_start = text.rfind("\n", 0, position) + 1
            starts_line = not text[line_start:position].strip()
            if starts_line and _PX_KEYWORD.match(text, position):
                # The next keyword: this one's ";" is missing.
                problems.add("px_unterminated", "line", line=line, keyword=statement)
                return None, position
            parts.append(tlist or bare)
        elif equals:
            problems.add("px_syntax", "line", line=lines.at(position), value="=")
            return None, _resync(text, position)
        else:  # a quotation mark never closed on its line
            problems.add("px_unclosed", "line", line=lines.at(position))
            return None, _resync(text, position)
        position = match.end()


_PX_LINE_KEYWORD = re.compile(
    r"(?m)^[ \t]*(?=[A-Za-z][A-Za-z0-9_-]*(?:\[[^\]\"\n]*\])?"
    r"(?:\((?:\"[^\"\n]*\"|[^)\"\n])*\))?[ \t]*=)"
)


def _resync(text: str, position: int) -> int:
    """The start of the next line that starts with a keyword (or the end):
    where to read on after a broken statement."""
    end_of_line = text.find("\n", position)
    if end_of_line < 0:
        return len(text)
    match = _PX_LINE_KEYWORD.search(text, end_of_line + 1)
    return match.end() if match else len(text)


def _px_scan(
    text: str, problems: _Problems
) -> tuple[list[_Statement], int | None, int, set[tuple]]:
    """The keyword statements before DATA, where DATA's figures start (None
    without DATA) and its line, and the keys of broken statements."""
    statements: list[_Statement] = []
    broken: set[tuple] = set()
    lines = _Lines(text)
    position = 0
    size = len(text)
    while True:
        position = _SPACE.match(text, position).end()
        if position >= size:
            return statements, None, 0, broken
        line = lines.at(position)
        match = _PX_KEYWORD.match(text, position)
        if not match:
            found = text[position : position + 40].split("\n", 1)[0].strip()
            problems.add("px_syntax", "line", line=line, value=found)
            position = _resync(text, position)
            continue
        keyword = match.group(1).upper()
        language = (match.group(2) or "").strip() or None
        subkeys = _px_subkeys(match.group(3))
        if keyword == "DATA":
            return statements, match.end(), line, broken
        shown = keyword + (
            "(" + ",".join(f'"{s}"' for s in subkeys) + ")" if subkeys else ""
        )
        items, position = _px_value(text, match.end(), shown, line, lines, problems)
        if items is None:
            broken.add((keyword, language, subkeys))
            continue
        statements.append(_Statement(keyword, language, subkeys, items, line))


def _px_data(
    text: str,
    start: int,
    line: int,
    dimensions: Sequence[Dimension],
    problems: _Problems,
) -> tuple[list[float], list[str]]:
    """DATA's figures, in order, and their status symbols."""
    end = text.find(";", start)
    stop = len(text) if end < 0 else end
    if end >= 0 and text[end + 1 :].strip():
        after = _SPACE.match(text, end + 1).end()
        problems.add("px_after_data", "line", line=_line_of(text, after))
    expected = _cells(dimensions)
    values: list[float] = []
    statuses: list[str] = []
    lines = _Lines(text, first=line, start=start)
    found = 0
    for match in _PX_DATUM.finditer(text, start, stop):
        found += 1
        if found > expected:
            continue  # counted, not kept
        quoted, bare, quote = match.groups()
        token = quoted if quoted is not None else bare
        if quote:
            problems.add("px_unclosed", "line", line=lines.at(match.start()))
            token = None
        value = _number(token.strip()) if token is not None else None
        if value is not None:
            values.append(value)
            statuses.append("")
        elif token is not None and token.strip() in MISSING:
            values.append(math.nan)
            statuses.append(token.strip() or "..")
        else:
            if token is not None and problems.full:
                problems.total += 1  # counted; no need to name the cell
            elif token is not None:
                problems.add(
                    "bad_number",
                    "figure",
                    line=lines.at(match.start()),
                    position=found,
                    cell=_cell_name(dimensions, found - 1),
                    value=token[:40],
                )
            values.append(math.nan)
            statuses.append("..")
    if found != expected:
        problems.add(
            "px_data_count",
            "line",
            line=line,
            found=found,
            sizes=_sizes(dimensions),
            expected=expected,
        )
    return values, statuses


def read_px(data: bytes) -> StatbankTable:
    """Read a PC-Axis file as Statistikbanken writes it.

    Keywords ``KEYWORD[lang]("subkey")=value;``: quoted texts, several next
    to each other making one (a long text over lines), items separated by
    commas. The table's own language is LANGUAGE's; keywords in another
    ([en]) are left out. Dimensions are STUB then HEADING, each with its
    VALUES (labels), CODES and VARIABLE-CODE (its id) if given, TIMEVAL
    making it the time. DATA lists every figure, the last dimension fastest,
    separated by spaces, tabs, commas or line ends; ".." and "-" (quoted or
    not) mark a missing figure. MATRIX, TITLE, CONTENTS, UNITS, SOURCE and
    NOTE/NOTEX describe the table. Raises StatbankError."""
    problems = _Problems()
    if _too_big(data, problems) or not _no_nul(data, problems):
        problems.raise_if_any()
    text = _px_decode(data, problems)
    problems.raise_if_any()
    statements, data_start, data_line, broken = _px_scan(text, problems)

    language = next(
        (s.items[0] for s in statements if s.keyword == "LANGUAGE" and s.items), None
    )
    keyed: dict[tuple, _Statement] = {}
    for statement in statements:
        if statement.language not in (None, language):
            continue
        key = (statement.keyword, statement.subkeys)
        if key in keyed and statement.keyword in ("NOTE", "NOTEX"):
            keyed[key].items.extend(statement.items)  # notes may come one by one
            continue
        if key in keyed:
            problems.add(
                "px_duplicate",
                "line",
                line=statement.line,
                keyword=statement.keyword,
                first_line=keyed[key].line,
            )
            continue
        keyed[key] = statement
        if statement.keyword == "KEYS":
            problems.add("px_unsupported", "line", line=statement.line, keyword="KEYS")
    broken_keys = {(keyword, subkeys) for keyword, _lang, subkeys in broken}

    def items(keyword: str, *subkeys: str) -> list[str] | None:
        statement = keyed.get((keyword, subkeys))
        return None if statement is None else [i.strip() for i in statement.items]

    def first(keyword: str) -> str:
        found = items(keyword)
        return found[0] if found else ""

    variables = (items("STUB") or []) + (items("HEADING") or [])
    if not variables and not {("STUB", ()), ("HEADING", ())} & broken_keys:
        problems.add("px_no_variables")
    dimensions: list[Dimension] = []
    for variable in variables:
        labels = items("VALUES", variable)
        if labels is None:
            if ("VALUES", (variable,)) not in broken_keys:
                problems.add("px_missing", keyword=f'VALUES("{variable}")')
            continue
        codes = items("CODES", variable)
        if codes is not None and len(codes) != len(labels):
            problems.add(
                "px_codes_count",
                "dimension",
                dimension=variable,
                found=len(codes),
                expected=len(labels),
            )
            codes = None
        code = items("VARIABLE-CODE", variable) or items("VARIABLECODE", variable)
        timeval = items("TIMEVAL", variable) is not None
        dimensions.append(
            Dimension(
                id=code[0] if code else variable,
                label=variable,
                codes=tuple(codes if codes is not None else labels),
                labels=tuple(labels),
                role="time" if timeval else "",
            )
        )
    if data_start is None:
        problems.add("px_missing", keyword="DATA")
    _check_dimensions(dimensions, problems)
    problems.raise_if_any()
    values, statuses = _px_data(text, data_start, data_line, dimensions, problems)
    problems.raise_if_any()
    notes = (items("NOTE") or []) + (items("NOTEX") or [])
    return StatbankTable(
        format="px",
        dimensions=dimensions,
        frame=_cube_frame(dimensions, values, statuses),
        table_id=first("MATRIX"),
        title=first("TITLE") or first("DESCRIPTION"),
        contents=first("CONTENTS"),
        units=first("UNITS"),
        source=first("SOURCE"),
        notes=tuple(notes),
    )


# --- JSON-stat -----------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _float(value: object) -> float | None:
    """A finite float from a JSON number; None for anything else."""
    if not _is_number(value):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _jsonstat_dataset(doc: object, problems: _Problems):
    """(dataset, its id list, size list, role, dimension object, path
    prefix) of a JSON-stat 2.0 dataset, or of the one dataset of a 1.0
    bundle such as api.statbank.dk's JSONSTAT ({"dataset": {...}}, the ids,
    sizes and roles inside "dimension"). None after adding the problem."""
    if not isinstance(doc, dict):
        problems.add("json_not_dataset")
        return None
    if doc.get("class") == "dataset" or ("id" in doc and "dimension" in doc):
        return doc, doc.get("id"), doc.get("size"), doc.get("role"), "", "2.0"
    if "class" in doc:
        problems.add("json_not_dataset")
        return None
    bundled = [
        (name, value)
        for name, value in doc.items()
        if isinstance(value, dict) and isinstance(value.get("dimension"), dict)
    ]
    if len(bundled) != 1:
        if bundled:
            names = ", ".join(name for name, _value in bundled[:5])
            problems.add("json_several", count=len(bundled), value=names)
        else:
            problems.add("json_not_dataset")
        return None
    name, dataset = bundled[0]
    dims = dataset["dimension"]
    return (
        dataset,
        dims.get("id"),
        dims.get("size"),
        dims.get("role"),
        f"{name}.",
        "1.0",
    )


def _shown(item: object) -> str:
    """A JSON value as a problem quotes it: short, and without walking into
    a nested list or object."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, list):
        return "[…]"
    if isinstance(item, dict):
        return "{…}"
    return str(item)[:40]


def _json_text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _jsonstat_dimension(
    dimension_id: str, body: object, size: int, prefix: str, problems: _Problems
) -> Dimension | None:
    path = f"{prefix}dimension.{dimension_id}"
    if not isinstance(body, dict):
        if body is None:
            problems.add("json_missing", "json", path=path)
        else:
            problems.add("json_type", "json", path=path, expected=EXPECTED["object"])
        return None
    category = body.get("category")
    if not isinstance(category, dict):
        problems.add(
            "json_type", "json", path=f"{path}.category", expected=EXPECTED["object"]
        )
        return None
    index = category.get("index")
    names = category.get("label")
    if names is not None and not (
        isinstance(names, dict) and all(isinstance(v, str) for v in names.values())
    ):
        problems.add(
            "json_type",
            "json",
            path=f"{path}.category.label",
            expected=EXPECTED["object"],
        )
        return None
    names = names or {}
    if isinstance(index, list):
        if not all(isinstance(code, str) for code in index):
            problems.add(
                "json_type",
                "json",
                path=f"{path}.category.index",
                expected=EXPECTED["texts"],
            )
            return None
        codes = list(index)
    elif isinstance(index, dict):
        positions = list(index.values())
        if sorted(p if _is_number(p) else -1 for p in positions) != list(
            range(len(positions))
        ):
            problems.add(
                "json_index",
                "json",
                path=f"{path}.category.index",
                last=len(positions) - 1,
            )
            return None
        codes = sorted(index, key=index.__getitem__)
    elif index is None and names:
        codes = list(names)  # JSON keeps the order; JSON-stat allows it for one
    else:
        problems.add(
            "json_type",
            "json",
            path=f"{path}.category.index",
            expected=EXPECTED["list_or_object"],
        )
        return None
    if len(codes) != size:
        problems.add(
            "json_dimension_size",
            "dimension",
            dimension=dimension_id,
            found=len(codes),
            expected=size,
        )
        return None
    return Dimension(
        id=dimension_id,
        label=_json_text(body.get("label")) or dimension_id,
        codes=tuple(code.strip() for code in codes),
        labels=tuple(str(names.get(code, code)).strip() for code in codes),
    )


def _json_positions(
    given: object, cells: int, path: str, problems: _Problems
) -> list[tuple[int, object]] | None:
    """(position, item) pairs of a JSON-stat value or status given as a list
    of every cell or as an object of positions."""
    if isinstance(given, list):
        return list(enumerate(given))
    if isinstance(given, dict):
        pairs = []
        for key, item in given.items():
            if not (key.isascii() and key.isdigit()) or int(key) >= cells:
                problems.add(
                    "json_value_position",
                    "json",
                    path=path,
                    value=key[:40],
                    last=cells - 1,
                )
                continue
            pairs.append((int(key), item))
        return pairs
    problems.add("json_type", "json", path=path, expected=EXPECTED["list_or_object"])
    return None


def read_jsonstat(data: bytes) -> StatbankTable:
    """Read a JSON-stat dataset: version 2.0 as api.statbank.dk and PxWeb
    write it ("class": "dataset", "id", "size", "role", "dimension" with
    each category's "index" (a list, or an object of positions) and
    "label", "value" as a list of every figure or an object of positions,
    null or left out where missing, "status" as one text, a list or an
    object), or the one dataset of a version 1.0 bundle. "label", "source",
    "note" and extension.px.tableid describe the table. Raises
    StatbankError."""
    problems = _Problems()
    if _too_big(data, problems) or not _no_nul(data, problems):
        problems.raise_if_any()
    try:
        text = data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(
            "encoding", "line", line=_line_of(data, error.start), encoding="UTF-8"
        )
        problems.raise_if_any()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        problems.add(
            "json_syntax",
            "line_column",
            line=error.lineno,
            column=error.colno,
            reason=error.msg,
        )
    except RecursionError:
        problems.add("json_invalid", reason="nested too deeply")
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        problems.add("json_invalid", reason=str(error)[:80])
    problems.raise_if_any()
    found = _jsonstat_dataset(doc, problems)
    problems.raise_if_any()
    dataset, ids, sizes, role, prefix, _version = found
    if not (isinstance(ids, list) and all(isinstance(i, str) and i for i in ids)):
        problems.add(
            "json_type", "json", path=f"{prefix}id", expected=EXPECTED["texts"]
        )
    if not (
        isinstance(sizes, list)
        and all(
            isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes
        )
    ):
        problems.add(
            "json_type",
            "json",
            path=f"{prefix}size",
            expected=EXPECTED["whole_numbers"],
        )
    if not isinstance(dataset.get("dimension"), dict):
        problems.add(
            "json_type", "json", path=f"{prefix}dimension", expected=EXPECTED["object"]
        )
    problems.raise_if_any()
    if len(ids) != len(sizes):
        problems.add("json_size_mismatch", ids=len(ids), sizes=len(sizes))
        problems.raise_if_any()
    if len(ids) > MAX_DIMENSIONS:
        problems.add("too_many_dimensions", count=len(ids), limit=MAX_DIMENSIONS)
        problems.raise_if_any()
    cells = 1
    for size in sizes:
        cells *= size
        if cells > MAX_CELLS:
            problems.add("too_many_cells", limit=MAX_CELLS)
            problems.raise_if_any()
    roles = role if isinstance(role, dict) else {}
    dimensions: list[Dimension] = []
    for dimension_id, size in zip(ids, sizes, strict=True):
        dimension = _jsonstat_dimension(
            dimension_id,
            dataset["dimension"].get(dimension_id),
            int(size),
            prefix,
            problems,
        )
        if dimension is None:
            continue
        for name in ("time", "metric", "geo"):
            listed = roles.get(name)
            if isinstance(listed, list) and dimension_id in listed:
                dimension = Dimension(
                    dimension.id,
                    dimension.label,
                    dimension.codes,
                    dimension.labels,
                    name,
                )
        dimensions.append(dimension)
    _check_dimensions(dimensions, problems)
    problems.raise_if_any()

    values = [math.nan] * cells
    statuses = [""] * cells
    if "value" not in dataset:
        problems.add("json_missing", "json", path=f"{prefix}value")
        problems.raise_if_any()
    given = dataset["value"]
    if isinstance(given, list) and len(given) != cells:
        problems.add(
            "json_value_count",
            found=len(given),
            sizes=_sizes(dimensions),
            expected=cells,
        )
        problems.raise_if_any()
    for position, item in (
        _json_positions(given, cells, f"{prefix}value", problems) or []
    ):
        if item is None:
            continue
        number = _float(item)
        if number is None:
            if problems.full:
                problems.total += 1
            else:
                problems.add(
                    "bad_number",
                    "cell",
                    position=position + 1,
                    cell=_cell_name(dimensions, position),
                    value=_shown(item),
                )
            continue
        values[position] = number
    status = dataset.get("status")
    if isinstance(status, str):
        statuses = [status.strip()] * cells
    elif status is not None:
        path = f"{prefix}status"
        if isinstance(status, list) and len(status) > cells:
            status = status[:cells]
        for position, item in _json_positions(status, cells, path, problems) or []:
            if isinstance(item, str):
                statuses[position] = item.strip()
            elif item is not None:
                problems.add("json_type", "json", path=path, expected=EXPECTED["text"])
                break
    problems.raise_if_any()
    statuses = [
        (s or "..") if math.isnan(v) else s
        for v, s in zip(values, statuses, strict=True)
    ]
    notes = dataset.get("note")
    extension = dataset.get("extension")
    px = extension.get("px") if isinstance(extension, dict) else None
    return StatbankTable(
        format="json-stat",
        dimensions=dimensions,
        frame=_cube_frame(dimensions, values, statuses),
        table_id=_json_text(px.get("tableid")) if isinstance(px, dict) else "",
        title=_json_text(dataset.get("label")),
        contents=_json_text(px.get("contents")) if isinstance(px, dict) else "",
        units=_json_text(px.get("units")) if isinstance(px, dict) else "",
        source=_json_text(dataset.get("source")),
        notes=tuple(n for n in notes if isinstance(n, str))
        if isinstance(notes, list)
        else (),
    )


# --- Statistikbanken's CSV -------------------------------------------------------

_VALUE_COLUMNS = ("indhold", "content")


def _csv_text(data: bytes) -> str:
    """UTF-8 with or without a byte-order mark, else Windows-1252 (what
    Statistikbanken writes for Danish), else Latin-1, which reads anything."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _csv_lines(text: str) -> list[tuple[int, str]]:
    """The numbered lines that are neither blank nor "#" comments."""
    return [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _delimiter(header: str) -> str:
    for delimiter in (";", "\t", ","):
        if delimiter in header:
            return delimiter
    return ";"


def _csv_fields(line: str, delimiter: str) -> list[str] | None:
    try:
        rows = list(csv.reader([line], delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    return [field.strip() for field in rows[0]] if rows else []


def is_statbank_csv(data: bytes) -> bool:
    """Whether a CSV file is laid out as Statistikbanken writes it: the
    header's last column is INDHOLD (CONTENT in English)."""
    lines = _csv_lines(_csv_text(data[:65536]))
    if not lines:
        return False
    header = lines[0][1]
    fields = _csv_fields(header, _delimiter(header)) or []
    return bool(fields) and fields[-1].lstrip("\ufeff").casefold() in _VALUE_COLUMNS


def _csv_value(text: str, delimiter: str) -> float | None:
    if delimiter == ";" and "," in text:  # a decimal comma (Danish)
        if "." in text:
            return None
        text = text.replace(",", ".")
    return _number(text)


def read_statbank_csv(data: bytes) -> StatbankTable:
    """Read the CSV Statistikbanken and its API write: a header naming the
    variables (OMRÅDE;KØN;...;TID;INDHOLD), then one line per figure with
    the category labels and the figure, which may have a decimal comma.
    Semicolons (tabs or commas also, judged from the header); ".." and "-"
    for a missing figure; blank and "#" lines are skipped. The dimensions'
    categories are in the order they first appear; codes are the labels.
    Line numbers count every line of the file. Raises StatbankError."""
    problems = _Problems()
    if _too_big(data, problems) or not _no_nul(data, problems):
        problems.raise_if_any()
    lines = _csv_lines(_csv_text(data))
    if not lines:
        problems.add("csv_no_header")
        problems.raise_if_any()
    header_line, header = lines[0]
    delimiter = _delimiter(header)
    names = _csv_fields(header, delimiter)
    if names is None:
        problems.add("csv_unreadable", "line", line=header_line)
        problems.raise_if_any()
    names = [name.lstrip("\ufeff").strip() for name in names]
    if not names or names[-1].casefold() not in _VALUE_COLUMNS:
        problems.add(
            "csv_not_statbank", "line", line=header_line, value=(names or [""])[-1][:40]
        )
        problems.raise_if_any()
    ids = names[:-1]
    if len(ids) > MAX_DIMENSIONS:
        problems.add("too_many_dimensions", count=len(ids), limit=MAX_DIMENSIONS)
        problems.raise_if_any()
    for column, name in enumerate(ids, start=1):
        if not name or ids.count(name) > 1 or name in RESERVED:
            problems.add(
                "csv_column_name", "line_column", line=header_line, column=column
            )
    problems.raise_if_any()
    if len(lines) - 1 > MAX_CELLS:
        problems.add("too_many_cells", limit=MAX_CELLS)
        problems.raise_if_any()

    rows: list[list[str]] = []
    values: list[float] = []
    statuses: list[str] = []
    seen: dict[tuple[str, ...], int] = {}
    width = len(names)
    for number, line in lines[1:]:
        fields = _csv_fields(line, delimiter)
        if fields is None:
            problems.add("csv_unreadable", "line", line=number)
            continue
        while len(fields) > width and fields[-1] == "":
            fields.pop()
        if len(fields) != width:
            problems.add(
                "csv_field_count",
                "line",
                line=number,
                expected=width,
                found=len(fields),
                delimiter=delimiter,
            )
            continue
        key = tuple(fields[:-1])
        if any(len(label) > MAX_LABEL for label in key):
            problems.add("label_too_long", "line", line=number, limit=MAX_LABEL)
            continue
        if key in seen:
            problems.add("csv_duplicate", "line", line=number, first_line=seen[key])
            continue
        seen[key] = number
        raw = fields[-1]
        value = _csv_value(raw, delimiter)
        if value is None and raw not in MISSING:
            problems.add(
                "bad_number",
                "line_column",
                line=number,
                column=names[-1],
                value=raw[:40],
            )
            continue
        rows.append(list(key))
        values.append(math.nan if value is None else value)
        statuses.append((raw or "..") if value is None else "")
    if not rows and not problems.items:
        problems.add("no_figures")
    problems.raise_if_any()
    dimensions = []
    for column, name in enumerate(ids):
        labels = tuple(dict.fromkeys(row[column] for row in rows))
        dimensions.append(Dimension(name, name, labels, labels))
    _check_dimensions(dimensions, problems)
    problems.raise_if_any()
    frame = (
        pd.DataFrame(rows, columns=ids) if ids else pd.DataFrame(index=range(len(rows)))
    )
    frame["value"] = pd.Series(values, dtype="float64", index=frame.index)
    frame["status"] = pd.Series(statuses, dtype=object, index=frame.index)
    return StatbankTable("csv", dimensions, frame)


# --- onto official statistics ------------------------------------------------------

# The group codes of the project's statistics files for DST's HERKOMST
# categories (as folk1e.label_code reads them); any other category keeps its
# code. A total ("I alt") is everyone.
GROUP_CODES = {
    ("danish", "unknown"): "danish_origin",
    ("immigrant", "unknown"): "immigrants",
    ("descendant", "unknown"): "descendants",
    ("immigrant", "western"): "immigrants_western",
    ("immigrant", "non_western"): "immigrants_non_western",
    ("descendant", "western"): "descendants_western",
    ("descendant", "non_western"): "descendants_non_western",
}
ALL_GROUP = "all"
_TIME_NAMES = ("tid", "time", "år", "aar", "year")
_GROUP_NAMES = ("herkomst", "ancestry")
_METRIC_NAMES = ("contentscode", "indhold", "content", "contents")
_YEAR = re.compile(r"(\d{4})(?:\s*[KQMH]\d{1,2})?", re.IGNORECASE)
STATISTICS_COLUMNS = [
    "table",
    "indicator",
    "breakdown",
    "year",
    "group",
    "value",
    "status",
    "position",
]


@dataclass(frozen=True)
class StatisticsMapping:
    """Which of a table's dimensions holds what (each named by its id or
    text, any case; "" to detect):

    - ``year_dimension``: the year (default: the time dimension, TID);
    - ``group_dimension``: the origin group (default: HERKOMST); without
      one, every figure is of ``group`` (default "all");
    - ``indicator`` names the indicator, or ``indicator_dimension`` holds
      it, one per category code (default: the contents dimension,
      ContentsCode, else the file's table id, else ``table``);
    - ``breakdown_dimension``: the breakdown, by category label (default:
      the one dimension left with several categories, or none);
    - ``table``: the table's name (default: the file's table id)."""

    table: str = ""
    indicator: str = ""
    indicator_dimension: str = ""
    year_dimension: str = ""
    group_dimension: str = ""
    group: str = ALL_GROUP
    breakdown_dimension: str = ""

    @property
    def chosen(self) -> bool:
        """Whether anything differs from the defaults."""
        return self != StatisticsMapping()


def _year(text: str) -> int | None:
    match = _YEAR.fullmatch(text.strip())
    return int(match.group(1)) if match else None


def _group_code(label: str, code: str) -> str:
    """The group a HERKOMST category stands for (see GROUP_CODES)."""
    meaning = folk1e.label_code("HERKOMST", label)
    if meaning == "total":
        return ALL_GROUP
    if meaning is None:
        meaning = folk1e.label_code("HERKOMST", code)
    if isinstance(meaning, tuple):
        return GROUP_CODES[meaning]
    return code


def _detect(table: StatbankTable, role: str, names: Iterable[str], *, part=False):
    """The dimension with ``role``, else the first named one of ``names``
    (``part``: or with one of them in its name, as IEHERKOMST)."""
    names = tuple(names)
    for dimension in table.dimensions:
        if role and dimension.role == role:
            return dimension
    for dimension in table.dimensions:
        for text in (dimension.id.casefold(), dimension.label.casefold()):
            if text in names or (part and any(name in text for name in names)):
                return dimension
    return None


def statistics_frame(
    table: StatbankTable,
    mapping: StatisticsMapping | None = None,
    *,
    max_lengths: Mapping[str, int] | None = None,
    years: tuple[int, int] = (1900, 2100),
    max_value: float = 1e10,
) -> pd.DataFrame:
    """The table as rows of official statistics, one per figure, in the
    table's order: columns ``STATISTICS_COLUMNS`` — table, indicator,
    breakdown ("" without one), group (str), year (int), value (float, NaN
    where missing), status (str) and position (int, the figure's row in
    ``table.frame`` counted from 1). The year comes from the period's label
    ("2022", "2022K1", "2022M03"); the group from GROUP_CODES for HERKOMST
    labels, else the category's code; the indicator from its dimension's
    codes; the breakdown from its dimension's labels. ``max_lengths`` caps
    the fields' lengths (what the database holds), ``years`` the years, and
    ``max_value`` the size of a figure. Raises StatbankError naming the
    dimension, category or figure."""
    mapping = mapping or StatisticsMapping()
    problems = _Problems()
    listed = ", ".join(d.id for d in table.dimensions) or "—"

    def chosen(name: str) -> Dimension | None:
        found = table.dimension(name)
        if found is None:
            problems.add("no_dimension", value=name, dimensions=listed)
        return found

    if mapping.year_dimension:
        year_dimension = chosen(mapping.year_dimension)
    else:
        year_dimension = _detect(table, "time", _TIME_NAMES)
        if year_dimension is None:
            problems.add("no_year", dimensions=listed)
    if mapping.group_dimension:
        group_dimension = chosen(mapping.group_dimension)
    else:
        group_dimension = _detect(table, "", _GROUP_NAMES, part=True)
    indicator_dimension = None
    indicator = mapping.indicator.strip()
    if not indicator:
        if mapping.indicator_dimension:
            indicator_dimension = chosen(mapping.indicator_dimension)
        else:
            indicator_dimension = _detect(table, "metric", _METRIC_NAMES)
            if indicator_dimension is None:
                indicator = table.table_id or mapping.table.strip()
    name = mapping.table.strip() or table.table_id
    if not name:
        problems.add("no_table_name")
    breakdown_dimension = None
    if mapping.breakdown_dimension:
        breakdown_dimension = chosen(mapping.breakdown_dimension)
    problems.raise_if_any()  # a dimension not found: the rest would be noise
    used = {d.id for d in (year_dimension, group_dimension, indicator_dimension) if d}
    if not mapping.breakdown_dimension:
        left = [d for d in table.dimensions if d.id not in used and len(d) > 1]
        breakdown_dimension = left[0] if len(left) == 1 else None
        if len(left) > 1:
            problems.add("choose_breakdown", dimensions=", ".join(d.id for d in left))
            used |= {d.id for d in left}
    if breakdown_dimension is not None:
        used.add(breakdown_dimension.id)
    for dimension in table.dimensions:
        if dimension.id not in used and len(dimension) > 1:
            problems.add(
                "unmapped", "dimension", dimension=dimension.id, count=len(dimension)
            )
    problems.raise_if_any()

    limits = dict(max_lengths or {})

    def check_length(value: str, field_name: str, where: str = "", **place) -> None:
        limit = limits.get(field_name)
        if limit is not None and len(value) > limit:
            problems.add(
                "too_long",
                where,
                value=value[:60],
                limit=limit,
                field=field_name,
                **place,
            )

    check_length(name, "table")
    if indicator_dimension is None:
        check_length(indicator, "indicator")
    group = mapping.group.strip() or ALL_GROUP
    if group_dimension is None:
        check_length(group, "group")

    year_of: dict[str, int] = {}
    if year_dimension is not None:
        first_of: dict[int, str] = {}
        for code, label in zip(
            year_dimension.codes, year_dimension.labels, strict=True
        ):
            place = {"dimension": year_dimension.id, "category": label}
            year = _year(label) or _year(code)
            if year is None or not years[0] <= year <= years[1]:
                problems.add("not_a_year", "category", **place)
                continue
            if year in first_of:
                problems.add(
                    "same_year",
                    "dimension",
                    dimension=year_dimension.id,
                    value=first_of[year],
                    other=label,
                    year=year,
                )
                continue
            first_of[year] = label
            year_of[label] = year
    group_of: dict[str, str] = {}
    if group_dimension is not None:
        label_of: dict[str, str] = {}
        for code, label in zip(
            group_dimension.codes, group_dimension.labels, strict=True
        ):
            group_code = _group_code(label, code)
            if group_code in label_of:
                problems.add(
                    "same_group",
                    "dimension",
                    dimension=group_dimension.id,
                    value=label_of[group_code],
                    other=label,
                    group=group_code,
                )
                continue
            label_of[group_code] = label
            group_of[label] = group_code
            check_length(
                group_code,
                "group",
                "category",
                dimension=group_dimension.id,
                category=label,
            )
    if indicator_dimension is not None:
        for code, label in zip(
            indicator_dimension.codes, indicator_dimension.labels, strict=True
        ):
            check_length(
                code,
                "indicator",
                "category",
                dimension=indicator_dimension.id,
                category=label,
            )
    if breakdown_dimension is not None:
        for label in breakdown_dimension.labels:
            check_length(
                label,
                "breakdown",
                "category",
                dimension=breakdown_dimension.id,
                category=label,
            )
    problems.raise_if_any()

    frame = table.frame
    out = pd.DataFrame(index=frame.index)
    out["table"] = name
    if indicator_dimension is not None:
        out["indicator"] = frame[indicator_dimension.id].map(
            indicator_dimension.code_of()
        )
    else:
        out["indicator"] = indicator
    out["breakdown"] = frame[breakdown_dimension.id] if breakdown_dimension else ""
    out["year"] = frame[year_dimension.id].map(year_of).astype("int64")
    out["group"] = frame[group_dimension.id].map(group_of) if group_dimension else group
    out["value"] = frame["value"].astype("float64")
    out["status"] = frame["status"]
    out["position"] = range(1, len(frame) + 1)
    too_large = out.index[out["value"].abs() >= max_value]
    for index in too_large[:MAX_PROBLEMS]:
        row = frame.loc[index]
        problems.add(
            "too_large",
            "cell",
            position=int(out.at[index, "position"]),
            cell=", ".join(str(row[d.id]) for d in table.dimensions),
            value=f"{row['value']:g}",
        )
    problems.raise_if_any()
    return out[STATISTICS_COLUMNS].reset_index(drop=True)


# --- onto the population (FOLK1E) -----------------------------------------------------

_POPULATION_DIMENSIONS = ("OMRÅDE", "KØN", "ALDER", "HERKOMST", "TID")
_BAD_LABEL = {
    "KØN": "bad_gender",
    "ALDER": "bad_age",
    "HERKOMST": "bad_origin",
    "TID": "bad_period",
}
_MAX_COUNT = 10**9  # folk1e's nine digits: PopulationCell.count is 32-bit


def population_frame(table: StatbankTable) -> pd.DataFrame:
    """FOLK1E read from any format as folk1e's ``parse_folk1e`` reads its
    CSV: folk1e.COLUMNS, one row per area × quarter × sex × age × origin
    group in the table's order, totals ("I alt") left out. The dimensions are
    found by their Danish or English id or text (område/OMRÅDE/region, ...);
    another dimension may have one category only. Each category is looked
    up once, so a label folk1e does not know is named once with its
    dimension. Raises StatbankError."""
    problems = _Problems()
    found: dict[str, Dimension] = {}
    for dimension in table.dimensions:
        name = folk1e.column_name(dimension.id)
        if name not in _POPULATION_DIMENSIONS:
            name = folk1e.column_name(dimension.label)
        if name in _POPULATION_DIMENSIONS and name not in found:
            found[name] = dimension
        elif len(dimension) > 1:
            problems.add(
                "population_unmapped",
                "dimension",
                dimension=dimension.id,
                count=len(dimension),
            )
    for name in _POPULATION_DIMENSIONS:
        if name not in found:
            problems.add("population_dimension", value=name)
    problems.raise_if_any()

    meaning: dict[str, dict[str, object]] = {}
    for name, bad in _BAD_LABEL.items():
        dimension = found[name]
        meaning[name] = {}
        first: dict[object, str] = {}
        for label in dimension.labels:
            code = folk1e.label_code(name, label)
            meaning[name][label] = code
            if code is None or (name == "TID" and code == "total"):
                problems.add(bad, "category", dimension=dimension.id, category=label)
            elif code != "total":
                if code in first:
                    problems.add(
                        "same_meaning",
                        "dimension",
                        dimension=dimension.id,
                        value=first[code],
                        other=label,
                    )
                first.setdefault(code, label)
    origins = found["HERKOMST"]
    whole: dict[str, str] = {}
    split: dict[str, str] = {}
    for label in origins.labels:
        code = meaning["HERKOMST"][label]
        if isinstance(code, tuple):
            (whole if code[1] == "unknown" else split).setdefault(code[0], label)
    for origin, label in whole.items():
        if origin in split:
            problems.add(
                "split_and_total",
                "dimension",
                dimension=origins.id,
                value=label,
                other=split[origin],
            )
    problems.raise_if_any()

    frame = table.frame
    columns = {name: frame[found[name].id] for name in _POPULATION_DIMENSIONS}
    keep = pd.Series(True, index=frame.index)
    for name in ("KØN", "ALDER", "HERKOMST"):
        totals = [label for label, code in meaning[name].items() if code == "total"]
        keep &= ~columns[name].isin(totals)
    chosen = frame[keep]
    values = chosen["value"]
    bad = values.isna() | (values < 0) | (values >= _MAX_COUNT) | (values % 1 != 0)
    for index in chosen.index[bad.to_numpy()][:MAX_PROBLEMS]:
        row = chosen.loc[index]
        place = {
            "position": int(frame.index.get_loc(index)) + 1,
            "cell": ", ".join(str(row[d.id]) for d in table.dimensions),
        }
        if math.isnan(row["value"]):
            problems.add("missing_count", "cell", value=row["status"], **place)
        else:
            problems.add("bad_count", "cell", value=f"{row['value']:g}", **place)
    problems.total += max(0, int(bad.sum()) - MAX_PROBLEMS)
    if chosen.empty and not problems.items:
        problems.add("population_no_rows")
    problems.raise_if_any()

    def mapped(name: str) -> list:
        return chosen[found[name].id].map(meaning[name]).tolist()

    genders, ages, origin_pairs, periods = (
        mapped(name) for name in ("KØN", "ALDER", "HERKOMST", "TID")
    )
    records = [
        (
            area,
            f"{period[0]}K{period[1]}",
            period[0],
            period[1],
            gender,
            age,
            folk1e.age_band(age),
            origin[0],
            origin[1],
            int(count),
        )
        for area, period, gender, age, origin, count in zip(
            chosen[found["OMRÅDE"].id].tolist(),
            periods,
            genders,
            ages,
            origin_pairs,
            chosen["value"].tolist(),
            strict=True,
        )
    ]
    return folk1e.records_frame(records)


# --- writing -------------------------------------------------------------------

_PX_WIDTH = 250  # Statistikbanken's lines stay under 256 characters


def _px_quoted(text: str) -> str:
    if '"' in text or "\n" in text:
        raise ValueError(
            f"a PX text cannot hold a quotation mark or line end: {text!r}"
        )
    return f'"{text}"'


def _px_list(texts: Sequence[str]) -> str:
    """Quoted items separated by commas, a new line before the line would
    grow past _PX_WIDTH; a long text is cut into quoted pieces on lines of
    their own (the reader joins them)."""
    lines: list[str] = []
    line = ""
    for number, text in enumerate(texts):
        pieces = [text[i : i + 200] for i in range(0, len(text), 200)] or [""]
        quoted = "\n".join(_px_quoted(piece) for piece in pieces)
        comma = "," if number < len(texts) - 1 else ""
        if line and len(line) + len(quoted) + 1 > _PX_WIDTH:
            lines.append(line)
            line = ""
        if "\n" in quoted:
            if line:
                lines.append(line)
            lines.append(quoted + comma)
            line = ""
        else:
            line += quoted + comma
    if line:
        lines.append(line)
    return "\n".join(lines)


_TLISTS = (
    ("A1", re.compile(r"\d{4}")),
    ("Q1", re.compile(r"\d{4}[KQ][1-4]")),
    ("M1", re.compile(r"\d{4}M\d\d")),
)


def _tlist(dimension: Dimension) -> str | None:
    """PX's name for the periods of a time dimension: A1 (years), Q1
    (quarters), M1 (months); None for anything else."""
    for name, pattern in _TLISTS:
        if all(pattern.fullmatch(code) for code in dimension.codes):
            return name
    return None


def _figure(value: float, status: str) -> str:
    if math.isnan(value):
        return f'"{status or ".."}"'
    return str(int(value)) if value.is_integer() else repr(value)


def _ordered(table: StatbankTable) -> tuple[list[float], list[str]]:
    """Values and statuses of every combination of the dimensions, the last
    fastest ("..", missing, where the frame has no row)."""
    dimensions = table.dimensions
    frame = table.frame
    if not dimensions:
        return frame["value"].tolist(), frame["status"].tolist()
    index = pd.MultiIndex.from_product(
        [list(d.labels) for d in dimensions], names=[d.id for d in dimensions]
    )
    full = frame.set_index([d.id for d in dimensions])[["value", "status"]]
    full = full.reindex(index)
    statuses = [s if isinstance(s, str) else ".." for s in full["status"].tolist()]
    return full["value"].astype("float64").tolist(), statuses


def _decimals(values: Iterable[float]) -> int:
    most = 0
    for value in values:
        if not math.isnan(value) and not value.is_integer():
            most = max(most, len(repr(value).split(".")[-1]))
    return min(most, 15)


def px_bytes(
    table: StatbankTable, *, language: str = "da", charset: str = "ANSI"
) -> bytes:
    """``table`` as a PX file laid out as Statistikbanken writes it: the
    last dimension is the HEADING, the others the STUB, one line of DATA
    per STUB combination; CODES and VARIABLE-CODE only where they differ
    from the labels and the name. ``charset`` "ANSI" writes Windows-1252
    with CRLF line ends, as Statistikbanken does; "UTF-8" writes UTF-8."""
    dimensions = table.dimensions
    values, statuses = _ordered(table)
    decimals = _decimals(values)
    ansi = charset.upper() == "ANSI"
    out = [
        f'CHARSET="{"ANSI" if ansi else "UTF-8"}";',
        'AXIS-VERSION="2006";',
        f'CODEPAGE="{"windows-1252" if ansi else "utf-8"}";',
        f"LANGUAGE={_px_quoted(language)};",
        f"DECIMALS={decimals};",
        f"SHOWDECIMALS={decimals};",
    ]
    for keyword, text in (
        ("MATRIX", table.table_id),
        ("TITLE", table.title),
        ("CONTENTS", table.contents),
        ("UNITS", table.units),
        ("SOURCE", table.source),
    ):
        if text:
            out.append(f"{keyword}={_px_list([text])};")
    if table.notes:
        out.append(f"NOTE={_px_list(table.notes)};")
    stub, heading = dimensions[:-1], dimensions[-1:]
    if stub:
        out.append(f"STUB={_px_list([d.label for d in stub])};")
    if heading:
        out.append(f"HEADING={_px_list([d.label for d in heading])};")
    for dimension in dimensions:
        name = _px_quoted(dimension.label)
        out.append(f"VALUES({name})={_px_list(dimension.labels)};")
    for dimension in dimensions:
        name = _px_quoted(dimension.label)
        if dimension.codes != dimension.labels:
            out.append(f"CODES({name})={_px_list(dimension.codes)};")
        if dimension.id != dimension.label:
            out.append(f"VARIABLE-CODE({name})={_px_quoted(dimension.id)};")
        tlist = _tlist(dimension) if dimension.role == "time" else None
        if tlist:
            out.append(f"TIMEVAL({name})=TLIST({tlist}),{_px_list(dimension.labels)};")
    out.append("DATA=")
    width = len(heading[0]) if heading else 1
    figures = [_figure(v, s) for v, s in zip(values, statuses, strict=True)]
    for start in range(0, len(figures), width):
        out.append(" ".join(figures[start : start + width]))
    out.append(";")
    text = "\n".join(out) + "\n"
    if ansi:
        return text.replace("\n", "\r\n").encode("cp1252")
    return text.encode("utf-8")


def jsonstat_text(table: StatbankTable, *, sparse: bool = False) -> str:
    """``table`` as a JSON-stat 2.0 dataset as api.statbank.dk writes it:
    "value" a list of every figure (``sparse``: an object of the figures
    there are), "status" an object of the positions that have one, the
    time and contents dimensions in "role", the table id in
    extension.px.tableid."""
    dimensions = table.dimensions
    values, statuses = _ordered(table)
    role: dict[str, list[str]] = {}
    for dimension in dimensions:
        if dimension.role:
            role.setdefault(dimension.role, []).append(dimension.id)
    doc: dict[str, object] = {"version": "2.0", "class": "dataset"}
    if table.title:
        doc["label"] = table.title
    if table.source:
        doc["source"] = table.source
    if table.notes:
        doc["note"] = list(table.notes)
    doc["id"] = [d.id for d in dimensions]
    doc["size"] = [len(d) for d in dimensions]
    if role:
        doc["role"] = role
    doc["dimension"] = {
        d.id: {
            "label": d.label,
            "category": {
                "index": list(d.codes),
                "label": dict(zip(d.codes, d.labels, strict=True)),
            },
        }
        for d in dimensions
    }
    numbers = [
        None if math.isnan(v) else (int(v) if v.is_integer() else v) for v in values
    ]
    if sparse:
        doc["value"] = {str(i): v for i, v in enumerate(numbers) if v is not None}
    else:
        doc["value"] = numbers
    marked = {str(i): s for i, s in enumerate(statuses) if s}
    if marked:
        doc["status"] = marked
    extension = {
        key: text
        for key, text in (
            ("tableid", table.table_id),
            ("contents", table.contents),
            ("units", table.units),
        )
        if text
    }
    if extension:
        doc["extension"] = {"px": extension}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
