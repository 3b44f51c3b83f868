"""Reading an XLSForm file (surveys/xlsform/sheets.py): .xlsx, .xls and
CSV are read, sheets that are not part of the form are ignored, and a file
that is not an XLSForm, or too large unpacked, gets a clear report and
imports nothing."""

import pytest

from surveys import xlsform
from surveys.models import Question
from surveys.xlsform import sheets
from tests.surveys.xlsform.helpers import (
    assert_nothing_imported,
    conditional_form,
    import_fixture,
    notes_text,
    xlsx,
)

pytestmark = pytest.mark.django_db


def test_csv_forms_are_read():
    widgets = import_fixture("widgets.csv").survey
    number = Question.objects.get(survey=widgets, code="my_int")
    assert (number.kind, number.min_value, number.max_value) == ("number", None, 9)
    assert Question.objects.get(survey=widgets, code="my_select").kind == "multi"
    good_day = import_fixture("yes_or_no_question.csv").survey
    question = Question.objects.get(survey=good_day, code="good_day")
    assert question.text_en == question.text_da == "have you had a good day today?"
    emoji = import_fixture("utf_csv.csv").survey
    assert "🍔" in Question.objects.get(survey=emoji, code="burger_toppings").text_da


def test_sheets_that_are_not_part_of_the_form_are_ignored():
    data = xlsx(
        {
            "Read me": [["This form was made for Aalborg"], ["=1+1"]],
            "survey": [["type", "name", "label"], ["text", "q", "Q?"]],
            "choices": [["list_name", "name", "label"]],
        }
    )
    report = xlsform.xlsform_import(data=data, filename="r.xlsx", code="with-notes")
    assert report.ok, report.errors
    assert "sheet “Read me”: This sheet is not part of an XLSForm" in notes_text(report)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"not a spreadsheet at all", "form.xlsx", "not a valid .xlsx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1broken", "form.xls", "not a valid .xls"),
        (b"PK\x03\x04broken zip", "form.xlsx", "not a valid .xlsx file"),
        (b"hello", "form.txt", "Unsupported file type"),
        (b"\xff\xfe\x00bad", "form.csv", "not UTF-8"),
        (b"a,b\n", "form.csv", "no “type” column"),
        (b"\n,\n\n", "form.csv", "no XLSForm sheets"),
        (b"", "form.xlsx", "not a valid .xlsx file"),
    ],
)
def test_a_file_that_is_not_an_xlsform_gets_a_clear_report(data, filename, message):
    report = xlsform.xlsform_import(data=data, filename=filename)
    assert not report.ok
    assert message in str(report.errors[0])
    assert_nothing_imported()


def test_a_workbook_without_a_survey_sheet_or_columns_is_refused():
    no_survey = xlsx({"choices": [["list_name", "name"]], "settings": [["form_id"]]})
    report = xlsform.xlsform_import(data=no_survey, filename="x.xlsx")
    assert "no sheet named “survey”" in str(report.errors[0])
    no_type = xlsx({"survey": [["name", "label"], ["q", "Q"]]})
    report = xlsform.xlsform_import(data=no_type, filename="x.xlsx")
    assert str(report.errors[0]).startswith("sheet “survey”, row 1")
    assert "“type”" in str(report.errors[0])
    assert_nothing_imported()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(sheets, "MAX_UNPACKED_BYTES", 1000)
    report = xlsform.xlsform_import(data=conditional_form(), filename="big.xlsx")
    assert "too large when unpacked" in str(report.errors[0])
    assert_nothing_imported()
