"""Fixtures of the XLSForm tests: reports read in English, and the demo
survey with some reviewed texts."""

import pytest
from django.utils import translation

from cms.demo.loader import build_survey
from surveys import translation_review
from surveys.models import Question


@pytest.fixture(autouse=True)
def _english():
    """Reports and admin pages are read in English here (staff_with's users
    have an English admin), whatever the Danish catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def demo():
    """The demo survey, with some reviewed texts."""
    survey = build_survey()
    question = Question.objects.get(survey=survey, code="represented_local")
    for language in ("so", "ar"):
        translation_review.mark_reviewed(
            survey=survey,
            model="question",
            object_id=question.pk,
            field="text",
            language=language,
        )
    translation_review.mark_reviewed(
        survey=survey, model="survey", object_id=survey.pk, field="title", language="so"
    )
    return survey
