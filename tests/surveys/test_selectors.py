"""The per-process instrument cache is never stale (surveys/selectors.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.models import Choice, Question, Survey, Wave
from surveys.selectors import survey_instrument
from tests.conftest import start

pytestmark = pytest.mark.django_db


def fresh(survey) -> Survey:
    return Survey.objects.get(pk=survey.pk)


def test_instrument_is_read_once_then_served_from_memory(small_survey):
    first = survey_instrument(survey=fresh(small_survey.survey))
    survey = fresh(small_survey.survey)
    with CaptureQueriesContext(connection) as queries:
        second = survey_instrument(survey=survey)
    assert second is first
    assert len(queries) == 0


@pytest.mark.parametrize("model", [Question, Choice, Wave, Survey])
def test_any_edit_makes_a_new_instrument(small_survey, model):
    before = survey_instrument(survey=fresh(small_survey.survey))
    instance = model.objects.filter(
        **({"pk": small_survey.survey.pk} if model is Survey else {})
    ).first()
    instance.save()
    after = survey_instrument(survey=fresh(small_survey.survey))
    assert after is not before


def test_an_edited_question_shows_at_once(client, small_survey):
    start(client, small_survey.url_da)  # fills the cache
    question = Question.objects.get(code="represented")
    question.text_da = "Ny formulering af spørgsmålet"
    question.save()
    nonce = start(client, small_survey.url_da)
    step = client.post(
        small_survey.url_da, {"nonce": nonce, "step": "consent", "action": "consent"}
    )
    assert "Ny formulering af spørgsmålet" in step.content.decode()


def test_closing_a_wave_shows_at_once(client, small_survey):
    start(client, small_survey.url_da)
    day = datetime.date(2020, 1, 1)
    Wave.objects.update(opens_on=day, closes_on=day)  # no signal
    Wave.objects.get().save()  # an admin edit sends one
    assert (
        "Spørgeskemaet er ikke åbent"
        in client.get(small_survey.url_da).content.decode()
    )
