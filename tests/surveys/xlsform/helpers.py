"""Files and checks the XLSForm tests share: the public fixture forms,
workbooks built in the test, reading an export back and editing a cell, and
a snapshot of every text and review of a survey."""

import io
from pathlib import Path

import openpyxl

from surveys import translation_review, xlsform
from surveys.models import Choice, Question, Section, Survey, TranslationReview

_HERE = Path(__file__).resolve()
# The public forms of ../shared/fixtures/xlsform/ (pyxform's own test files,
# BSD-2-Clause), copied into tests/surveys/data/ so a clean checkout has them.
FIXTURES = _HERE.parent.parent / "data" / "xlsform"


LANGS = ["da", "en", "ar", "fa", "so", "tr", "uk", "ti", "pl"]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx workbook with these sheets (rows of cell values)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def notes_text(report) -> str:
    return "\n".join(str(note) for note in report.notes)


def import_fixture(name: str, **kwargs):
    report = xlsform.xlsform_import(data=fixture(name), filename=name, **kwargs)
    assert report.ok, [str(e) for e in report.errors]
    return report


CHOICES = [
    ["list_name", "name", "label::English (en)", "label::Dansk (da)"],
    ["yn", "yes", "Yes", "Ja"],
    ["yn", "no", "No", "Nej"],
    ["kinds", "sport", "Sport", "Sport"],
    ["kinds", "culture", "Culture", "Kultur"],
]


def conditional_form() -> bytes:
    return xlsx(
        {
            "survey": [
                [
                    "type",
                    "name",
                    "label::English (en)",
                    "label::Dansk (da)",
                    "required",
                    "relevant",
                    "constraint",
                ],
                ["begin group", "one", "One", "Et", "", "", ""],
                ["select_one yn", "member", "Member?", "Medlem?", "yes", "", ""],
                ["end group", "", "", "", "", "", ""],
                ["begin group", "two", "Two", "To", "", "", ""],
                [
                    "select_multiple kinds",
                    "kinds",
                    "Kinds",
                    "Slags",
                    "",
                    "selected(${member}, 'yes')",
                    "",
                ],
                ["integer", "age", "Age", "Alder", "true", "", ". >= 0 and . <= 120"],
                ["text", "why", "Why?", "Hvorfor?", "", "${member} != 'no'", ""],
                ["select_one yn", "same", "Same?", "Samme?", "", "", ""],
                ["text", "later", "Later", "Senere", "", "${same} = 'yes'", ""],
                ["end group", "", "", "", "", "", ""],
                [
                    "begin group",
                    "three",
                    "Three",
                    "Tre",
                    "",
                    "${member} = 'yes' or ${member} = 'no'",
                    "",
                ],
                ["text", "more", "More", "Mere", "", "", "string-length(.) <= 200"],
                ["end group", "", "", "", "", "", ""],
            ],
            "choices": CHOICES,
            "settings": [["form_title", "form_id"], ["Members", "members"]],
        }
    )


def assert_nothing_imported():
    assert not Survey.objects.exists()
    assert not Section.objects.exists()
    assert not Question.objects.exists()
    assert not Choice.objects.exists()


def read_back(data: bytes) -> dict[str, list[dict]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheets = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        sheets[sheet.title] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return sheets


def snapshot(survey: Survey):
    """Every translated column of the survey and every review row."""
    texts = []
    for label, model in translation_review.MODELS.items():
        queryset = model.objects.filter(
            **({"pk": survey.pk} if label == "survey" else {})
        )
        if label in ("section", "question"):
            queryset = model.objects.filter(survey=survey)
        if label == "choice":
            queryset = model.objects.filter(question__survey=survey)
        columns = [f"{f}_{c}" for f in model.translated_fields for c in LANGS]
        texts += [
            (label, row) for row in queryset.order_by("pk").values("pk", *columns)
        ]
    reviews = list(
        TranslationReview.objects.filter(survey=survey)
        .order_by("pk")
        .values("pk", "model", "object_id", "field", "language", "reviewed_on")
    )
    return texts, reviews


def edit_cell(data: bytes, sheet: str, row_name: str, header: str, value) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    names = headers.index("name")
    for row in ws.iter_rows(min_row=2):
        if row[names].value == row_name and (
            sheet != "survey" or row[0].value != "end group"
        ):
            row[headers.index(header)].value = value
            break
    else:
        raise AssertionError(row_name)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
