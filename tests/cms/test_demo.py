"""The demo municipality (`manage.py load_demo`)."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page

from cms.demo import instrument, pages, synthetic
from surveys.models import Answer, Question, Survey, SurveyResponse, Wave

pytestmark = pytest.mark.django_db


def load(**options) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def test_demo_data_files_are_complete_in_nine_languages():
    assert instrument.validate() == []
    assert pages.validate() == []


def test_demo_loads_once_and_prints_the_staff_login():
    first = load(responses=80, seed=1)
    second = load(responses=80, seed=1)
    assert "staff@medborger.example" in first
    assert "already loaded" in second
    assert SurveyResponse.objects.count() == 80
    assert Wave.objects.count() == 2
    assert Page.objects.filter(slug="survey").count() == 9
    assert Question.objects.count() == sum(
        len(s["questions"]) for s in instrument.SURVEY["sections"]
    )


def test_synthetic_answers_in_every_language_add_up_under_one_code():
    load(responses=300, seed=7)
    languages = set(SurveyResponse.objects.values_list("language", flat=True))
    assert {"da", "ar"} <= languages
    by_language = (
        Answer.objects.filter(question__code="represented_local")
        .values("response__language")
        .annotate(n=Count("id"))
    )
    assert len(by_language) == len(languages)
    origins = set(SurveyResponse.objects.values_list("origin", flat=True))
    assert {"danish", "immigrant", "descendant"} <= origins


def test_the_generator_is_repeatable():
    load(responses=40, seed=3)
    first = list(
        Answer.objects.order_by("response_id", "question_id", "choice").values_list(
            "question__code", "choice", "number"
        )
    )
    SurveyResponse.objects.all().delete()
    survey = Survey.objects.get()
    waves = tuple(Wave.objects.order_by("opens_on"))
    synthetic.generate(
        survey=survey, waves=waves, count=40, seed=3, today=timezone.localdate()
    )
    second = list(
        Answer.objects.order_by("response_id", "question_id", "choice").values_list(
            "question__code", "choice", "number"
        )
    )
    assert first == second
