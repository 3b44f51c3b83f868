"""Neighbourhoods and activity kinds: names translated with
django-modeltranslation (one column per language, falling back to Danish)."""

from modeltranslation.translator import TranslationOptions, register

from participation.associations.models import ActivityKind, Neighbourhood


@register(Neighbourhood)
class NeighbourhoodTranslation(TranslationOptions):
    fields = ("name",)


@register(ActivityKind)
class ActivityKindTranslation(TranslationOptions):
    fields = ("name",)
