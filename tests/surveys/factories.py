"""factory_boy factories for the survey instrument."""

import datetime

import factory
from django.utils import timezone

from surveys.models import (
    Answer,
    Choice,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyResponse,
    Wave,
)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    code = factory.Sequence(lambda n: f"survey-{n}")
    title_da = "Føler du dig repræsenteret?"
    title_ar = "هل تشعر بأنك ممثل؟"
    consent_da = "Vi spørger anonymt."
    consent_ar = "نسأل بشكل مجهول."


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    survey = factory.SubFactory(SurveyFactory)
    code = factory.Sequence(lambda n: f"section-{n}")
    title_da = factory.Sequence(lambda n: f"Afsnit {n}")
    sort_order = factory.Sequence(int)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    survey = factory.SelfAttribute("section.survey")
    code = factory.Sequence(lambda n: f"q{n}")
    kind = QuestionKind.AGREE
    text_da = factory.Sequence(lambda n: f"Spørgsmål {n}")
    sort_order = factory.Sequence(int)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.MULTI)
    code = factory.Sequence(lambda n: f"c{n}")
    label_da = factory.Sequence(lambda n: f"Valg {n}")


class WaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wave

    survey = factory.SubFactory(SurveyFactory)
    code = factory.Sequence(lambda n: f"w{n}")
    name = factory.Sequence(lambda n: f"Wave {n}")
    opens_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=30)
    )
    closes_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    """A stored response, made directly (not through the survey's service):
    for tests of what is read from responses."""

    class Meta:
        model = SurveyResponse

    wave = factory.SubFactory(WaveFactory)
    language = "da"
    submitted_on = factory.SelfAttribute("wave.opens_on")
    origin = "danish"
    country_group = "unknown"
    receipt_hash = factory.Faker("sha256")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(SurveyResponseFactory)
    question = factory.SubFactory(QuestionFactory)
