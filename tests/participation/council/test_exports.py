"""participation/council/exports.py: every file carries the page's numbers (T08),
hidden cells stay hidden in every format, text is never a formula (T10)."""

import csv
import io
import json
import math
import tempfile

import openpyxl
import pandas as pd
import pyreadstat
from django.utils.translation import override

from participation.council import exports
from participation.council.catalogue import SHARE, Statistic, Table
from participation.stats.disclosure import Policy, disclose

FORMULA = '=HYPERLINK("http://evil.example","x")'


def make_table(title="Jeg føler mig repræsenteret"):
    counts = pd.DataFrame(
        {"1": [10, 2, 20], "2": [15, 9, 25]},
        index=pd.Index(["danish", "descendant", "immigrant"], dtype=object),
    )
    counts.columns = pd.Index(["1", "2"], dtype=object)
    share = (counts["2"] / counts.sum(axis=1)).rename(None)
    disclosed = disclose(counts, Policy(k=5), row_values={"share": share})
    return Table(
        key="survey:q:1:origin",
        title=title,
        row_heading="Origin group",
        rows=[
            ("danish", "Danish origin"),
            ("descendant", FORMULA),
            ("immigrant", "@SUM(1+1)"),
        ],
        columns=[("1", "Disagree"), ("2", "+Agree")],
        disclosed=disclosed,
        statistics=[Statistic("share", "Agree", SHARE)],
    )


def from_csv(content: bytes):
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def from_xlsx(content: bytes):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return book


def test_t08_every_format_has_the_same_cells_and_hidden_cells():
    table = make_table()
    records = table.records()
    expected = exports.rows(table)
    # The small descendant cell is hidden, and with it a complement.
    assert None in expected[1]
    csv_rows = from_csv(exports.to_csv(table))
    book = from_xlsx(exports.to_xlsx(table))
    xlsx_rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    data = json.loads(exports.to_json(table))
    with tempfile.NamedTemporaryFile(suffix=".sav") as handle:
        handle.write(exports.to_sav(table))
        handle.flush()
        sav, meta = pyreadstat.read_sav(handle.name)
    assert len(csv_rows) == len(xlsx_rows) == len(expected) + 1
    for i, row in enumerate(expected):
        numbers = row[1:]
        csv_numbers = [None if v == "" else float(v) for v in csv_rows[i + 1][1:]]
        xlsx_numbers = xlsx_rows[i + 1][1:]
        sav_numbers = [None if math.isnan(v) else v for v in sav.iloc[i, 1:]]
        json_numbers = [
            *data["rows"][i]["cells"],
            data["rows"][i]["total"],
            data["rows"][i]["share"],
        ]
        assert csv_numbers == xlsx_numbers == sav_numbers == json_numbers == numbers
    assert data["rows"] == json.loads(
        json.dumps([{**r, "code": str(r["code"])} for r in records])
    )
    # SPSS keeps the headings as variable labels and the rows as value labels.
    assert meta.column_labels[1:3] == ["Disagree", "+Agree"]
    assert meta.variable_value_labels["row"][1.0] == "Danish origin"


def test_t10_csv_text_cells_cannot_run_as_formulas():
    rows = from_csv(exports.to_csv(make_table(title=FORMULA)))
    labels = [row[0] for row in rows[1:]] + rows[0]
    for value in labels:
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert rows[2][0] == "'" + FORMULA
    assert rows[0][2] == "'+Agree"


def test_t10_xlsx_cells_are_strings_or_numbers_never_formulas_and_nothing_hidden():
    book = from_xlsx(exports.to_xlsx(make_table(title=FORMULA)))
    assert [ws.sheet_state for ws in book.worksheets] == ["visible", "visible"]
    for ws in book.worksheets:
        assert not any(d.hidden for d in ws.column_dimensions.values())
        assert not any(d.hidden for d in ws.row_dimensions.values())
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type in ("s", "n")
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    assert not cell.value.startswith(("=", "+", "-", "@"))
    assert book.worksheets[1]["A1"].value == "'" + FORMULA


def test_files_are_named_after_the_table():
    content, content_type, name = exports.export(make_table(), "xlsx")
    assert name == "medborger-survey-q-1-origin.xlsx"
    assert content_type.startswith("application/vnd.openxmlformats")
    assert content[:2] == b"PK"


def test_notes_state_the_threshold():
    with override("en"):
        data = json.loads(exports.to_json(make_table()))
    assert data["k"] == 5
    assert "fewer than 5 people" in data["notes"][0]
