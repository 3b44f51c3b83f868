"""Which survey texts are translated (django-modeltranslation: one column per
language, falling back to Danish)."""

from modeltranslation.translator import TranslationOptions, register

from surveys.models import Choice, Question, Section, Survey, Wave


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "intro", "consent", "thanks")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label",)


@register(Wave)
class WaveTranslation(TranslationOptions):
    """A wave's name ("Baseline 2023") is shown on the public results page."""

    fields = ("name",)
