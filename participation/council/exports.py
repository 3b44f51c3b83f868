"""Files of the council's tables: CSV, XLSX, SPSS (.sav) and JSON
(TESTPLAN T08 and T10).

Every file is written from a participation.council.catalogue.Table, the object the page
shows, so a file carries exactly the numbers of the page: the same cells,
the same hidden cells (empty in CSV and XLSX, system-missing in SPSS, null
in JSON), the same rounded statistics. A table's labels may be lazy: each
is made text in the active language before it is written. Text passes
config.csvsafe.neutralise, so a label a spreadsheet would run as a
formula is written with a leading apostrophe; XLSX text cells are strings,
never formulas, and the workbook has no hidden sheets, rows or columns.
"""

from __future__ import annotations

import csv
import io
import json
import math
import tempfile
from pathlib import Path

import pandas as pd
import pyreadstat
from django.utils.text import slugify
from django.utils.translation import gettext
from openpyxl import Workbook

from config.csvsafe import neutralise
from participation.council.catalogue import Table

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
    "json": "application/json",
}


def header(table: Table) -> list[str]:
    """The column headings of every flat file: the row heading, the
    categories, the total, the statistics and (for indicators) the target."""
    out = [table.row_heading, *(label for _code, label in table.columns)]
    if table.columns:
        out.append(gettext("Total"))
    out += [statistic.label for statistic in table.statistics]
    if table.targets:
        out.append(gettext("Target"))
    return [str(h) for h in out]


def rows(table: Table) -> list[list]:
    """One list per record, in header() order; None where hidden."""
    out = []
    for record in table.records():
        row = [record["label"], *record["cells"]]
        if table.columns:
            row.append(record["total"])
        row += [record[statistic.code] for statistic in table.statistics]
        if table.targets:
            row.append(record.get("target"))
        out.append(row)
    return out


def notes(table: Table) -> list[str]:
    return [
        gettext(
            "Empty cells are hidden: they count fewer than %(k)s people, or "
            "would let a hidden cell be worked out."
        )
        % {"k": table.k},
        *(str(note) for note in table.notes),
    ]


def filename(table: Table, extension: str) -> str:
    return f"medborger-{slugify(table.key.replace(':', '-'))}.{extension}"


def to_csv(table: Table) -> bytes:
    """RFC 4180 CSV, UTF-8 with a byte-order mark (Excel reads it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header(table)])
    for row in rows(table):
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """A visible sheet with the table and a visible sheet with its notes."""
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Table")[:31]
    sheet.append([neutralise(h) for h in header(table)])
    for row in rows(table):
        sheet.append([neutralise(v) for v in row])
    about = book.create_sheet(gettext("Notes")[:31])
    about.append([neutralise(str(table.title))])
    for note in notes(table):
        about.append([neutralise(note)])
    for ws in (sheet, about):
        for line in ws.iter_rows():
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _variable(name: str, taken: set[str]) -> str:
    """An SPSS variable name: a letter first, letters, digits and _ only,
    at most 64 characters, unique."""
    base = "".join(
        c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in name
    )
    base = ("v_" + base if not base[:1].isalpha() else base)[:60]
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base}_{n}"
    taken.add(candidate.lower())
    return candidate


def to_sav(table: Table) -> bytes:
    """SPSS with variable labels (the headings) and value labels for the
    row variable; hidden numbers are system-missing."""
    taken: set[str] = set()
    names = [_variable("row", taken)]
    names += [_variable(f"c_{code}", taken) for code, _label in table.columns]
    if table.columns:
        names.append(_variable("total", taken))
    names += [_variable(statistic.code, taken) for statistic in table.statistics]
    if table.targets:
        names.append(_variable("target", taken))
    data = rows(table)
    frame = pd.DataFrame(
        {
            names[0]: pd.Series(range(1, len(data) + 1), dtype="float64"),
            **{
                name: pd.Series(
                    [math.nan if row[i] is None else row[i] for row in data],
                    dtype="float64",
                )
                for i, name in enumerate(names[1:], start=1)
            },
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.sav"
        pyreadstat.write_sav(
            frame,
            str(path),
            file_label=str(table.title)[:64],
            column_labels=header(table),
            variable_value_labels={
                names[0]: {float(i): row[0] for i, row in enumerate(data, start=1)}
            },
        )
        return path.read_bytes()


def to_json(table: Table) -> bytes:
    """What the page shows, as data (the dashboard's JSON)."""
    return json.dumps(
        {
            "key": table.key,
            "title": str(table.title),
            "k": table.k,
            "row_heading": str(table.row_heading),
            "columns": [{"code": c, "label": str(label)} for c, label in table.columns],
            "statistics": [
                {"code": s.code, "label": str(s.label), "kind": s.kind}
                for s in table.statistics
            ],
            "rows": [
                {**record, "code": str(record["code"])} for record in table.records()
            ],
            "notes": notes(table),
        },
        ensure_ascii=False,
        indent=1,
    ).encode("utf-8")


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "sav": to_sav, "json": to_json}


def export(table: Table, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of ``table`` in ``fmt``."""
    return WRITERS[fmt](table), FORMATS[fmt], filename(table, fmt)
