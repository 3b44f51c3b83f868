"""Updating a survey's texts from a spreadsheet (surveys/xlsform/update.py):
the round trip export → update changes only what was edited, keeps review
states, does not undo edits made since the export, and adds nothing."""

import io

import openpyxl
import pytest

from surveys import translation_review, xlsform
from surveys.models import Choice, Question
from tests.surveys.factories import SurveyFactory
from tests.surveys.xlsform.helpers import edit_cell, notes_text, snapshot

pytestmark = pytest.mark.django_db


def test_round_trip_without_edits_changes_nothing(demo):
    before = snapshot(demo)
    data = xlsform.xlsform_export(survey=demo)
    report = xlsform.xlsform_update(data=data, filename="demo.xlsx", survey=demo)
    assert report.ok, report.errors
    assert report.changes == []
    assert (report.reviews_marked, report.reviews_removed) == (0, 0)
    assert snapshot(demo) == before


def test_round_trip_changes_only_the_edited_somali_label(demo):
    question = Question.objects.get(survey=demo, code="represented_local")
    texts_before, reviews_before = snapshot(demo)
    data = xlsform.xlsform_export(survey=demo)
    edited = edit_cell(
        data, "survey", "represented_local", "label::Somali (so)", "Qoraal cusub"
    )
    report = xlsform.xlsform_update(data=edited, filename="demo.xlsx", survey=demo)
    assert report.ok, report.errors
    assert report.changes == ["question represented_local: text (so)"]
    question.refresh_from_db()
    assert question.text_so == "Qoraal cusub"
    texts_after, reviews_after = snapshot(demo)
    changed = [
        (label, column)
        for (label, old), (_label, new) in zip(texts_before, texts_after, strict=True)
        for column in old
        if old[column] != new[column]
    ]
    assert changed == [("question", "text_so")]
    # The edited text is machine-made now; every other review is kept as it was.
    gone = [r for r in reviews_before if r not in reviews_after]
    assert [(r["object_id"], r["field"], r["language"]) for r in gone] == [
        (question.pk, "text", "so")
    ]
    assert len(reviews_after) == len(reviews_before) - 1


def test_an_edited_text_marked_reviewed_in_the_sheet_stays_reviewed(demo):
    question = Question.objects.get(survey=demo, code="trust_people")
    data = xlsform.xlsform_export(survey=demo)
    data = edit_cell(data, "survey", "trust_people", "label::Polish (pl)", "Nowy tekst")
    data = edit_cell(data, "survey", "trust_people", "medborger_review_pl", "reviewed")
    data = edit_cell(data, "choices", "work", "medborger_review_ar", "reviewed")
    report = xlsform.xlsform_update(data=data, filename="demo.xlsx", survey=demo)
    assert report.ok, report.errors
    assert report.reviews_marked == 2
    keys = translation_review.reviewed_keys(demo)
    assert ("question", question.pk, "text", "pl") in keys
    work = Choice.objects.get(question__survey=demo, code="work")
    assert ("choice", work.pk, "label", "ar") in keys


def test_an_old_sheet_does_not_undo_edits_and_reviews_made_since(demo):
    data = xlsform.xlsform_export(survey=demo)
    question = Question.objects.get(survey=demo, code="trust_people")
    question.text_so = "Edited in the admin after the export"
    question.save()
    translation_review.mark_reviewed(
        survey=demo,
        model="question",
        object_id=question.pk,
        field="text",
        language="so",
    )
    before = snapshot(demo)
    report = xlsform.xlsform_update(data=data, filename="demo.xlsx", survey=demo)
    assert report.ok and report.changes == []
    assert snapshot(demo) == before


def test_a_sheet_made_elsewhere_updates_what_differs(demo):
    question = Question.objects.get(survey=demo, code="represented_local")
    data = xlsform.xlsform_export(survey=demo)
    data = edit_cell(data, "survey", "represented_local", "label::Somali (so)", "Cusub")
    data = edit_cell(data, "survey", "represented_local", "medborger_review_so", None)
    book = openpyxl.load_workbook(io.BytesIO(data))
    del book["medborger_exported"]
    out = io.BytesIO()
    book.save(out)
    report = xlsform.xlsform_update(data=out.getvalue(), filename="d.xlsx", survey=demo)
    assert report.ok, report.errors
    assert report.changes == ["question represented_local: text (so)"]
    keys = translation_review.reviewed_keys(demo)
    assert ("question", question.pk, "text", "so") not in keys
    assert ("question", question.pk, "text", "ar") in keys


def test_update_refuses_a_sheet_of_another_survey_and_an_empty_danish_text(demo):
    other = SurveyFactory(code="other")
    data = xlsform.xlsform_export(survey=demo)
    report = xlsform.xlsform_update(data=data, filename="demo.xlsx", survey=other)
    assert not report.ok
    assert "for the survey “representation”, not “other”" in str(report.errors[0])
    emptied = edit_cell(data, "survey", "trust_people", "label::Danish (da)", None)
    edited = edit_cell(emptied, "survey", "trust_people", "label::Somali (so)", "X")
    before = snapshot(demo)
    report = xlsform.xlsform_update(data=edited, filename="demo.xlsx", survey=demo)
    assert not report.ok
    assert "Danish text must not be empty" in str(report.errors[0])
    assert snapshot(demo) == before


def test_update_adds_nothing_and_says_so(demo):
    data = xlsform.xlsform_export(survey=demo)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["survey"].append(["text", "brand_new"])
    out = io.BytesIO()
    book.save(out)
    report = xlsform.xlsform_update(data=out.getvalue(), filename="d.xlsx", survey=demo)
    assert report.ok
    assert "“brand_new” is not a question of this survey" in notes_text(report)
    assert not Question.objects.filter(code="brand_new").exists()
