"""Translation review: which translated texts of a survey a person checked.

Every translated text of a survey (a field of the survey, of a section, of a
question or of a choice, in one language other than Danish) is either
machine-made or reviewed. A TranslationReview row means "reviewed"; no row
means machine-made. Danish is the source language and needs no review.

A language is offered to residents for a survey (``is_offered``) when every
non-empty text of the survey in that language is reviewed, or when staff
chose to offer it before review (``Survey.languages_forced``). An empty text
falls back to Danish and needs no review. surveys/views.py asks
``is_offered(survey, language)`` before it shows the survey in a language.

When a translated text changes, by any path that saves the model (the
Wagtail admin, a shell, the XLSForm import), its review is dropped: the
``pre_save`` receivers below compare the texts with the stored row. They are
connected when this module is imported (surveys/xlsform/ and
surveys/xlsform_admin.py import it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext

from surveys.models import Choice, Question, Section, Survey, TranslationReview

# TranslationReview.model holds these labels.
MODELS: dict[str, type] = {
    "survey": Survey,
    "section": Section,
    "question": Question,
    "choice": Choice,
}
LABELS = {model: label for label, model in MODELS.items()}

# (model label, object id, field, language): one translated text.
Key = tuple[str, int, str, str]


def source_language() -> str:
    """The language every text is translated from (Danish)."""
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def review_languages() -> list[str]:
    """The languages whose texts are reviewed: every language but Danish."""
    source = source_language()
    return [code for code, _name in settings.LANGUAGES if code != source]


def fields_of(label: str) -> tuple[str, ...]:
    return MODELS[label].translated_fields


@dataclass(frozen=True)
class Text:
    """One translated text: where it lives, its value and its state."""

    model: str
    object_id: int
    field: str
    language: str
    value: str
    source: str
    reviewed: bool

    @property
    def key(self) -> Key:
        return (self.model, self.object_id, self.field, self.language)

    @property
    def token(self) -> str:
        """The key as one string, for a form's button value."""
        return f"{self.model}:{self.object_id}:{self.field}:{self.language}"


def _rows(survey: Survey, languages: list[str]):
    """(label, pk, {column: value}) for the survey and every part of it, in
    survey order; columns are the translated fields in ``languages`` and in
    Danish."""
    codes = sorted({*languages, source_language()})
    querysets = [
        ("survey", Survey.objects.filter(pk=survey.pk)),
        ("section", Section.objects.filter(survey=survey).order_by("sort_order", "pk")),
        ("question", Question.objects.filter(survey=survey)),
        (
            "choice",
            Choice.objects.filter(question__survey=survey).order_by(
                "question__section__sort_order",
                "question__sort_order",
                "question_id",
                "sort_order",
                "pk",
            ),
        ),
    ]
    for label, queryset in querysets:
        columns = [f"{f}_{code}" for f in fields_of(label) for code in codes]
        for row in queryset.values("pk", *columns):
            yield label, row["pk"], row


def reviewed_keys(survey: Survey, languages: Iterable[str] | None = None) -> set[Key]:
    """Every (model, object id, field, language) with a review row."""
    queryset = TranslationReview.objects.filter(survey=survey)
    if languages is not None:
        queryset = queryset.filter(language__in=list(languages))
    return set(queryset.values_list("model", "object_id", "field", "language"))


def texts(survey: Survey, *, languages: Iterable[str] | None = None) -> list[Text]:
    """Every non-empty translated text of the survey in the review languages
    (or in ``languages``), in survey order, with its Danish source text and
    whether it is reviewed. Empty texts fall back to Danish and are left out."""
    wanted = [c for c in (languages or review_languages()) if c in review_languages()]
    reviewed = reviewed_keys(survey, wanted)
    source = source_language()
    found = []
    for label, pk, row in _rows(survey, wanted):
        for field in fields_of(label):
            for code in wanted:
                value = row[f"{field}_{code}"] or ""
                if value.strip():
                    found.append(
                        Text(
                            model=label,
                            object_id=pk,
                            field=field,
                            language=code,
                            value=value,
                            source=row[f"{field}_{source}"] or "",
                            reviewed=(label, pk, field, code) in reviewed,
                        )
                    )
    return found


def coverage(
    survey: Survey, *, found: list[Text] | None = None
) -> dict[str, tuple[int, int]]:
    """{language: (reviewed, total)} over the non-empty texts of each review
    language (every language but Danish), in settings order. ``found``: the
    survey's ``texts()`` when the caller has them already."""
    counts = {code: [0, 0] for code in review_languages()}
    for text in texts(survey) if found is None else found:
        counts[text.language][1] += 1
        counts[text.language][0] += int(text.reviewed)
    return {code: (done, total) for code, (done, total) in counts.items()}


def is_offered(survey: Survey, language: str) -> bool:
    """Whether residents may answer ``survey`` in ``language``: Danish always;
    another of our languages when it is in ``survey.languages_forced`` or
    when every one of its non-empty texts in the survey is reviewed."""
    if language == source_language():
        return True
    if language not in review_languages():
        return False
    if language in (survey.languages_forced or []):
        return True
    return all(text.reviewed for text in texts(survey, languages=[language]))


def describe(survey: Survey) -> dict[tuple[str, int], str]:
    """{(model label, object id): what staff call it}, e.g. "Question trust",
    "Choice kinds / sport", "Step feel", "Survey"."""
    names: dict[tuple[str, int], str] = {("survey", survey.pk): gettext("Survey")}
    for pk, code in Section.objects.filter(survey=survey).values_list("pk", "code"):
        names[("section", pk)] = gettext("Step %(code)s") % {"code": code}
    for pk, code in Question.objects.filter(survey=survey).values_list("pk", "code"):
        names[("question", pk)] = gettext("Question %(code)s") % {"code": code}
    for pk, question, code in Choice.objects.filter(
        question__survey=survey
    ).values_list("pk", "question__code", "code"):
        names[("choice", pk)] = gettext("Choice %(question)s / %(code)s") % {
            "question": question,
            "code": code,
        }
    return names


def _owner_survey_id(label: str, object_id: int) -> int | None:
    if label == "survey":
        return Survey.objects.filter(pk=object_id).values_list("pk", flat=True).first()
    if label == "choice":
        return (
            Choice.objects.filter(pk=object_id)
            .values_list("question__survey_id", flat=True)
            .first()
        )
    return (
        MODELS[label]
        .objects.filter(pk=object_id)
        .values_list("survey_id", flat=True)
        .first()
    )


def _check(*, survey: Survey, model: str, object_id: int, field: str, language: str):
    if model not in MODELS or field not in fields_of(model):
        raise ValidationError(gettext("There is no such text."), code="unknown_text")
    if language not in review_languages():
        raise ValidationError(
            gettext("Texts in this language are not reviewed."), code="language"
        )
    if _owner_survey_id(model, object_id) != survey.pk:
        raise ValidationError(
            gettext("This text does not belong to the survey."), code="other_survey"
        )


def parse_token(token: str) -> tuple[str, int, str, str]:
    """A Text.token back into its parts; ValidationError when malformed."""
    parts = (token or "").split(":")
    if len(parts) != 4 or not parts[1].isdigit():
        raise ValidationError(gettext("There is no such text."), code="unknown_text")
    return parts[0], int(parts[1]), parts[2], parts[3]


def mark_reviewed(
    *, survey: Survey, model: str, object_id: int, field: str, language: str
) -> TranslationReview:
    """Record that a person reviewed one text (idempotent). ValidationError
    when the text does not exist in this survey, is empty or is Danish."""
    _check(
        survey=survey, model=model, object_id=object_id, field=field, language=language
    )
    value = (
        MODELS[model]
        .objects.filter(pk=object_id)
        .values_list(f"{field}_{language}", flat=True)
        .first()
    )
    if not (value or "").strip():
        raise ValidationError(
            gettext("An empty text cannot be reviewed: it shows the Danish text."),
            code="empty",
        )
    review, _created = TranslationReview.objects.get_or_create(
        model=model,
        object_id=object_id,
        field=field,
        language=language,
        defaults={"survey": survey},
    )
    return review


def unreview(
    *, survey: Survey, model: str, object_id: int, field: str, language: str
) -> bool:
    """Mark one text machine-made again. True when it had been reviewed."""
    _check(
        survey=survey, model=model, object_id=object_id, field=field, language=language
    )
    deleted, _detail = TranslationReview.objects.filter(
        survey=survey, model=model, object_id=object_id, field=field, language=language
    ).delete()
    return bool(deleted)


def reviews_apply(*, survey: Survey, states: dict[Key, bool]) -> tuple[int, int]:
    """Set many review states at once: True reviewed, False machine-made.
    Texts not named keep their state; existing rows keep their date. Returns
    (marked, removed). Used by the XLSForm import."""
    existing = reviewed_keys(survey)
    add = [key for key, state in states.items() if state and key not in existing]
    remove = [key for key, state in states.items() if not state and key in existing]
    today = timezone.localdate()
    with transaction.atomic():
        TranslationReview.objects.bulk_create(
            [
                TranslationReview(
                    survey=survey,
                    model=m,
                    object_id=pk,
                    field=f,
                    language=lang,
                    reviewed_on=today,
                )
                for m, pk, f, lang in add
            ]
        )
        if remove:
            condition = Q()
            for m, pk, f, lang in remove:
                condition |= Q(model=m, object_id=pk, field=f, language=lang)
            TranslationReview.objects.filter(condition, survey=survey).delete()
    return len(add), len(remove)


def languages_forced_set(*, survey: Survey, languages: Iterable[str]) -> Survey:
    """Offer these languages to residents before their texts are all
    reviewed (machine-made texts are shown); every other language waits
    for review. ValidationError for a language we do not serve."""
    chosen = list(dict.fromkeys(languages))
    unknown = [code for code in chosen if code not in review_languages()]
    if unknown:
        raise ValidationError(
            gettext("Unknown language: %(codes)s") % {"codes": ", ".join(unknown)},
            code="language",
        )
    survey.languages_forced = [c for c in review_languages() if c in chosen]
    survey.full_clean()
    survey.save(update_fields=["languages_forced"])
    return survey


# --- A changed text loses its review ---------------------------------------


@receiver(pre_save, sender=Survey)
@receiver(pre_save, sender=Section)
@receiver(pre_save, sender=Question)
@receiver(pre_save, sender=Choice)
def drop_reviews_of_changed_texts(sender, instance, raw=False, **kwargs):
    """Before a survey part is saved, delete the reviews of the translated
    texts whose value differs from the stored row."""
    if raw or instance.pk is None:
        return
    label = LABELS[sender]
    columns = {
        f"{field}_{code}": (field, code)
        for field in sender.translated_fields
        for code in review_languages()
    }
    update_fields = kwargs.get("update_fields")
    if update_fields is not None:
        columns = {c: fc for c, fc in columns.items() if c in set(update_fields)}
    if not columns:
        return
    stored = sender._default_manager.filter(pk=instance.pk).values(*columns).first()
    if stored is None:
        return
    changed = [
        (field, code)
        for column, (field, code) in columns.items()
        if (getattr(instance, column) or "") != (stored[column] or "")
    ]
    if not changed:
        return
    condition = Q()
    for field, code in changed:
        condition |= Q(field=field, language=code)
    TranslationReview.objects.filter(
        condition, model=label, object_id=instance.pk
    ).delete()


@receiver(post_delete, sender=Section)
@receiver(post_delete, sender=Question)
@receiver(post_delete, sender=Choice)
def drop_reviews_of_deleted_texts(sender, instance, **kwargs):
    """A deleted section, question or choice leaves no review rows behind."""
    TranslationReview.objects.filter(
        model=LABELS[sender], object_id=instance.pk
    ).delete()
