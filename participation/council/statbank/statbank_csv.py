"""The semicolon CSV Statistikbanken and its API write: ``is_statbank_csv``
and ``read_statbank_csv``."""

from __future__ import annotations

import csv
import math

import pandas as pd

from participation.council.statbank.errors import _Problems
from participation.council.statbank.limits import (
    MAX_CELLS,
    MAX_DIMENSIONS,
    MAX_LABEL,
)
from participation.council.statbank.table import (
    MISSING,
    RESERVED,
    Dimension,
    StatbankTable,
    _check_dimensions,
    _no_nul,
    _number,
    _too_big,
)

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
