"""Fixtures of the XLSForm tests: reports read in English, and a survey
shaped like the demo's with some reviewed texts."""

import pytest
from django.utils import translation

from surveys import translation_review
from surveys.models import QuestionKind
from tests.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
)
from tests.surveys.xlsform.helpers import LANGS


@pytest.fixture(autouse=True)
def _english():
    """Reports and admin pages are read in English here (staff_with's users
    have an English admin), whatever the Danish catalogue says."""
    with translation.override("en"):
        yield


def in_nine(field: str, text: str) -> dict[str, str]:
    """A made-up text in every language, as the export writes them all."""
    return {f"{field}_{code}": f"{text} [{code}]" for code in LANGS}


@pytest.fixture
def demo():
    """A survey shaped like the demo's (whose own XLSForm is tested in
    tests/cms/test_demo_instrument.py): a step with agreement questions and
    a yes/no with "don't know", a later step with a multiple choice shown on
    "yes", a number with bounds and a free text; every text in all nine
    languages; a few texts reviewed."""
    survey = SurveyFactory(
        code="representation",
        **in_nine("title", "Føler du dig repræsenteret?"),
        **in_nine("intro", "Det tager 5 minutter."),
        **in_nine("consent", "Vi gemmer dine svar anonymt.\n\nDu kan gå tilbage."),
        **in_nine("thanks", "Tak"),
    )
    first = SectionFactory(
        survey=survey, code="represented", **in_nine("title", "Repræsenteret")
    )
    later = SectionFactory(
        survey=survey, code="discrimination", **in_nine("title", "Forskelsbehandling")
    )
    question = QuestionFactory(
        section=first,
        code="represented_local",
        kind=QuestionKind.AGREE,
        **in_nine("text", "Jeg føler mig repræsenteret."),
    )
    QuestionFactory(
        section=first,
        code="trust_people",
        kind=QuestionKind.AGREE,
        **in_nine("text", "De fleste mennesker kan man stole på."),
    )
    asked = QuestionFactory(
        section=first,
        code="discrimination_12m",
        kind=QuestionKind.YESNO,
        dont_know=True,
        **in_nine("text", "Er du blevet behandlet uretfærdigt?"),
    )
    where = QuestionFactory(
        section=later,
        code="discrimination_where",
        kind=QuestionKind.MULTI,
        condition_question=asked,
        condition_values="yes",
        **in_nine("text", "Hvor skete det?"),
        **in_nine("help_text", "Du kan vælge flere svar."),
    )
    for code in ("work", "housing", "other"):
        ChoiceFactory(question=where, code=code, **in_nine("label", code))
    QuestionFactory(
        section=later,
        code="hours_month",
        kind=QuestionKind.NUMBER,
        min_value=0,
        max_value=300,
        **in_nine("text", "Hvor mange timer?"),
    )
    QuestionFactory(
        section=later,
        code="anything_else",
        kind=QuestionKind.TEXT,
        **in_nine("text", "Noget andet?"),
    )
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
