"""The strategy's texts and the themes of open answers, translated with
django-modeltranslation (one column per language, falling back to Danish)."""

from modeltranslation.translator import TranslationOptions, register

from participation.council.models import Goal, Indicator, Strategy, Theme


@register(Strategy)
class StrategyTranslation(TranslationOptions):
    fields = ("name",)


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")
