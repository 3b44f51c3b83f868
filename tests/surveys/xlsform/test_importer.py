"""Import of public XLSForms made elsewhere as new surveys
(surveys/xlsform/importer.py): every fixture imports with a report, nothing
is imported from a file pyxform rejects or that fails while writing, and an
imported form runs as a survey a resident answers (SPEC §3.1)."""

from http import HTTPStatus

import pytest
from wagtail.models import Locale

from surveys import translation_review, xlsform
from surveys.models import Question, QuestionKind, Survey, SurveyResponse
from tests.conftest import build_site, post_step, start
from tests.pool import flush
from tests.surveys.factories import WaveFactory
from tests.surveys.xlsform.helpers import (
    assert_nothing_imported,
    fixture,
    import_fixture,
    notes_text,
    xlsx,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "flat_xlsform_test.xlsx",
        "or_other.xlsx",
        "table-list.xls",
        "cascading_select_test_equivalent.xls",
        "widgets.csv",
        "yes_or_no_question.csv",
        "utf_csv.csv",
    ],
)
def test_every_public_fixture_imports_with_a_report(name):
    report = import_fixture(name)
    survey = report.survey
    assert Survey.objects.filter(pk=survey.pk).exists()
    assert Question.objects.filter(survey=survey).exists()
    assert report.summary
    # Nothing was filled in silently: the missing consent text is reported.
    assert "consent" in notes_text(report)


def test_importing_the_same_form_twice_needs_another_code():
    import_fixture("or_other.xlsx")
    again = xlsform.xlsform_import(
        data=fixture("or_other.xlsx"), filename="or_other.xlsx"
    )
    assert not again.ok
    assert "exists already" in str(again.errors[0])
    other = import_fixture("or_other.xlsx", code="colours-2")
    assert other.survey.code == "colours-2"


def test_a_file_pyxform_rejects_imports_nothing():
    data = xlsx(
        {
            "survey": [
                ["type", "name", "label"],
                ["text", "fine", "Fine"],
                ["frobnicate", "q", "Q"],
            ],
            "settings": [["form_id"], ["odd"]],
        }
    )
    report = xlsform.xlsform_import(data=data, filename="odd.xlsx")
    assert not report.ok
    assert "not a valid XLSForm" in str(report.errors[0])
    assert_nothing_imported()


def test_a_problem_found_while_writing_rolls_everything_back():
    data = xlsx(
        {
            "survey": [
                ["type", "name", "label"],
                ["text", "first", "Fine"],
                ["begin group", "long", "x" * 300],
                ["text", "second", "Fine too"],
                ["end group", "", ""],
            ]
        }
    )
    report = xlsform.xlsform_import(data=data, filename="long.xlsx")
    assert not report.ok
    assert report.errors[0].sheet == "survey" and report.errors[0].row == 3
    assert_nothing_imported()


def _valid_answer(question: Question):
    """A valid answer to `question`, by its kind (codes, never labels)."""
    choices = list(question.choices.values_list("code", flat=True))
    return {
        QuestionKind.AGREE: "4",
        QuestionKind.YESNO: "yes",
        QuestionKind.SINGLE: choices[:1] and choices[0],
        QuestionKind.MULTI: choices[:1],
        QuestionKind.NUMBER: str(max(question.min_value or 0, 1)),
        QuestionKind.TEXT: "Et svar",
    }[question.kind]


@pytest.mark.parametrize(
    ("name", "language"),
    [("flat_xlsform_test.xlsx", "en"), ("table-list.xls", "da")],
)
def test_a_form_made_elsewhere_runs_as_a_survey(client, name, language):
    """Done means: imported, hosted on a page with an open wave, answered by
    a resident in one of its languages, stored by code (SPEC §3.1)."""
    survey = import_fixture(name).survey
    page_da, _page_ar = build_site(survey)
    if language != "da":  # Danish, the source, is always offered
        translation_review.languages_forced_set(survey=survey, languages=[language])
    if language not in ("da", "ar"):
        locale = Locale.objects.get_or_create(language_code=language)[0]
        page_da.get_parent().copy_for_translation(locale).save_revision().publish()
        page_da.copy_for_translation(locale).save_revision().publish()
    WaveFactory(survey=survey)
    url = f"/{language}/survey/"

    first = client.get(url)
    assert first.status_code == HTTPStatus.OK
    assert f'lang="{language}"' in first.content.decode()
    questions = [
        q
        for q in Question.objects.filter(survey=survey).order_by(
            "section__sort_order", "sort_order"
        )
        # Conditional questions stay unasked; a choice question needs choices.
        if q.condition_question_id is None
        and (
            q.kind not in (QuestionKind.SINGLE, QuestionKind.MULTI)
            or q.choices.exists()
        )
    ]
    answers = {q.code: _valid_answer(q) for q in questions}
    last_step = survey.sections.order_by("sort_order").last().code
    done = post_step(client, url, last_step, answers, nonce=start(client, url))

    assert done.status_code == HTTPStatus.OK
    assert 'class="receipt"' in done.content.decode(), done.content.decode()[:3000]
    flush()
    response = SurveyResponse.objects.get(wave__survey=survey)
    assert response.language == language
    stored = {a.question.code for a in response.answers.select_related("question")}
    assert stored == set(answers)


def test_a_csv_form_with_our_own_texts_sheet_is_read():
    """pyxform's CSV reader fails on sheets it does not know; the check with
    pyxform must not refuse a CSV form for carrying medborger_texts."""
    texts = '"medborger_texts","name","label::Danish (da)"\n,"consent","Samtykke"\n'
    data = fixture("yes_or_no_question.csv") + texts.encode()
    report = xlsform.xlsform_import(data=data, filename="good_day.csv")
    assert report.ok, [str(e) for e in report.errors]
    assert report.survey.consent_da == "Samtykke"
    assert "consent" not in notes_text(report)
