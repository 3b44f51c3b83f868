"""Write an .xlsx XLSForm in pyxform's CSV layout: one UTF-8 text file, each
sheet starting on the row whose first cell holds the sheet's name (its
header row), its other rows with an empty first cell.

The demo's survey (cms/demo/data/medborger-demo.xlsform.csv) is kept in this
layout so that every change to it is a readable diff in git; the importer
(surveys/xlsform/sheets.py, ``read_sheets``) and pyxform read it as they read the
.xlsx. To change the demo's survey in a spreadsheet, open the CSV directly,
or export the survey from the Wagtail admin (or ``manage.py export_xlsform
representation demo.xlsx``), edit it, and convert it back:

    .venv/bin/python scripts/xlsform_csv.py demo.xlsx \
        cms/demo/data/medborger-demo.xlsform.csv

Hidden sheets are left out: the export's hidden ``medborger_exported``
sheet only tells an update which texts were edited since the export, and a
new import (what the demo does) never reads it.
"""

import csv
import sys
from pathlib import Path

import openpyxl


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_to_csv(source: Path, target: Path) -> None:
    book = openpyxl.load_workbook(source, read_only=False, data_only=True)
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            first = True
            for values in sheet.iter_rows(values_only=True):
                cells = [_text(v) for v in values]
                while cells and not cells[-1]:
                    cells.pop()
                if not cells:
                    continue
                writer.writerow([sheet.title if first else "", *cells])
                first = False


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: xlsform_csv.py FORM.xlsx FORM.csv")
    xlsx_to_csv(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sys.argv[2]}")
