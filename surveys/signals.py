"""Marks a survey's instrument as changed whenever any part of it is saved or
deleted, by any path (the Wagtail admin, the demo loader, a shell), so the
per-process instrument cache in surveys/selectors.py is never stale."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from surveys.models import Choice, Question, Section, Survey, Wave, new_revision


def _survey_id(instance) -> int | None:
    if isinstance(instance, Survey):
        return instance.pk
    if isinstance(instance, Choice):
        return (
            Question.objects.filter(pk=instance.question_id)
            .values_list("survey_id", flat=True)
            .first()
        )
    return instance.survey_id


@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Question)
@receiver([post_save, post_delete], sender=Choice)
@receiver([post_save, post_delete], sender=Wave)
@receiver(post_save, sender=Survey)
def instrument_changed(sender, instance, **kwargs):
    survey_id = _survey_id(instance)
    if survey_id is not None:
        # update() sends no signal, so this does not recurse.
        Survey.objects.filter(pk=survey_id).update(revision=new_revision())
