"""Participation categories and the strategy's texts whose names are
translated (django-modeltranslation: one column per language, falling back to
Danish)."""

from modeltranslation.translator import TranslationOptions, register

from participation.models import (
    ActivityKind,
    Goal,
    Indicator,
    Neighbourhood,
    Strategy,
    Theme,
)


@register(Neighbourhood)
class NeighbourhoodTranslation(TranslationOptions):
    fields = ("name",)


@register(ActivityKind)
class ActivityKindTranslation(TranslationOptions):
    fields = ("name",)


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
