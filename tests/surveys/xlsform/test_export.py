"""The export of a survey as an XLSForm (surveys/xlsform/export.py): every
language, groups, conditions and review states; other XLSForm tools read it;
it imports back as the same survey; a text that looks like a formula stays a
text."""

import io

import openpyxl
import pytest

from surveys import translation_review, xlsform
from surveys.models import Question, QuestionKind
from surveys.xlsform.importer import pyxform_problems
from tests.surveys.factories import ChoiceFactory, QuestionFactory, SectionFactory
from tests.surveys.xlsform.helpers import read_back

pytestmark = pytest.mark.django_db


def test_export_has_every_language_groups_conditions_and_review_states(demo):
    data = xlsform.xlsform_export(survey=demo)
    sheets = read_back(data)
    assert set(sheets) == {
        "survey",
        "choices",
        "settings",
        "medborger_texts",
        "medborger_exported",
    }
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["medborger_exported"].sheet_state == "hidden"
    headers = list(sheets["survey"][0])
    for name in ("Danish (da)", "Somali (so)", "Tigrinya (ti)", "Persian (fa)"):
        assert f"label::{name}" in headers and f"hint::{name}" in headers
    assert "medborger_review_so" in headers and "medborger_review_da" not in headers
    assert sheets["settings"] == [
        {
            "form_title": demo.title_da,
            "form_id": demo.code,
            "default_language": "Danish (da)",
        }
    ]
    rows = {row["name"]: row for row in sheets["survey"] if row["type"] != "end group"}
    assert rows["represented"]["type"] == "begin group"
    assert rows["represented_local"]["medborger_review_so"] == "reviewed"
    assert rows["represented_local"]["medborger_review_fa"] == "machine"
    where = rows["discrimination_where"]
    assert where["type"] == "select_multiple discrimination_where"
    assert where["relevant"] == "${discrimination_12m} = 'yes'"
    hours = Question.objects.get(survey=demo, code="hours_month")
    assert rows["hours_month"]["constraint"] == (
        f". >= {hours.min_value} and . <= {hours.max_value}"
    )
    labels = [r for r in sheets["choices"] if r["list_name"] == "medborger_agree"]
    assert [r["name"] for r in labels] == ["1", "2", "3", "4", "5", "dk"]
    title = next(r for r in sheets["medborger_texts"] if r["name"] == "title")
    assert title["label::Somali (so)"] == demo.title_so
    assert title["medborger_review_so"] == "reviewed"
    # Other XLSForm tools can read it.
    assert pyxform_problems(data, "xlsx") == []


def test_export_imports_back_as_the_same_survey(demo):
    data = xlsform.xlsform_export(survey=demo)
    report = xlsform.xlsform_import(data=data, filename="demo.xlsx", code="copy")
    assert report.ok, report.errors
    assert report.notes == []
    copy = report.survey

    def shape(survey):
        return [
            (
                q.section.code,
                q.code,
                q.kind,
                q.required,
                q.dont_know,
                q.min_value,
                q.max_value,
                q.max_length,
                q.background_role,
                q.condition_question.code if q.condition_question else None,
                q.condition_values,
                [(c.code, c.exclusive) for c in q.choices.all()],
            )
            for q in Question.objects.filter(survey=survey)
        ]

    assert shape(copy) == shape(demo)

    def words(survey):
        return [
            (t.model, t.field, t.language, t.value, t.reviewed)
            for t in translation_review.texts(survey)
        ]

    assert words(copy) == words(demo)


def test_a_text_that_looks_like_a_formula_stays_a_text():
    question = QuestionFactory(kind=QuestionKind.TEXT, text_da="=1+1", text_so="@x")
    data = xlsform.xlsform_export(survey=question.survey)
    row = next(r for r in read_back(data)["survey"] if r["name"] == question.code)
    assert row["label::Danish (da)"] == "=1+1"
    report = xlsform.xlsform_update(
        data=data, filename="x.xlsx", survey=question.survey
    )
    assert report.ok and report.changes == []


def test_export_of_a_small_survey_with_choices_and_condition():
    section = SectionFactory(code="first", title_da="Første", title_ar="الأول")
    later = SectionFactory(survey=section.survey, code="later", title_da="Senere")
    parent = QuestionFactory(section=section, code="kinds", kind=QuestionKind.MULTI)
    ChoiceFactory(question=parent, code="sport", label_da="Sport", label_so="Ciyaar")
    ChoiceFactory(question=parent, code="none", label_da="Ingen", exclusive=True)
    QuestionFactory(
        section=later,
        code="how",
        kind=QuestionKind.TEXT,
        condition_question=parent,
        condition_values="sport,none",
    )
    sheets = read_back(xlsform.xlsform_export(survey=section.survey))
    how = next(r for r in sheets["survey"] if r["name"] == "how")
    assert (
        how["relevant"] == "selected(${kinds}, 'sport') or selected(${kinds}, 'none')"
    )
    assert [
        (r["name"], r["label::Somali (so)"], r["medborger_exclusive"])
        for r in sheets["choices"]
    ] == [("sport", "Ciyaar", None), ("none", None, "yes")]
