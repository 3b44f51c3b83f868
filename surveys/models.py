"""The survey instrument, its waves, and the anonymous responses.

An instrument (Survey) has sections (the steps a resident walks through) and
questions with stable codes. Texts are translated with django-modeltranslation
(surveys/translation.py); answers are stored against question and choice
codes, never labels, so answers given in any language add up.

A response carries no account, IP address, user agent, session or time finer
than the day (SPEC §4.1; tests/surveys/test_anonymity.py holds the allowlist).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from surveys.origin import CountryGroup, Origin


class QuestionKind(models.TextChoices):
    AGREE = "agree", _("Agreement scale (5 points + don't know)")
    YESNO = "yesno", _("Yes / no")
    SINGLE = "single", _("Single choice")
    MULTI = "multi", _("Multiple choice")
    NUMBER = "number", _("Whole number")
    TEXT = "text", _("Free text")


class BackgroundRole(models.TextChoices):
    """What a background question feeds into (origin category, breakdowns)."""

    BORN_DK = "born_dk", _("Born in Denmark?")
    CITIZEN_DK = "citizen_dk", _("Danish citizen?")
    MOTHER_DK = "mother_dk", _("Mother born in Denmark and a Danish citizen?")
    FATHER_DK = "father_dk", _("Father born in Denmark and a Danish citizen?")
    COUNTRY_GROUP = "country_group", _("Country group (western / non-western)")
    YEARS_IN_DK = "years_in_dk", _("Years in Denmark")
    AGE_BAND = "age_band", _("Age band")
    GENDER = "gender", _("Gender")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    PAPER = "paper", _("Paper, entered by staff")
    ASSISTED = "assisted", _("Assisted (interpreter)")


class TranslationStatusMixin:
    """Lets staff see which languages still fall back to Danish."""

    translated_fields: tuple[str, ...] = ()

    def missing_languages(self) -> list[str]:
        codes = [code for code, _name in settings.LANGUAGES]
        return [
            code
            for code in codes
            if any(
                getattr(self, f"{field}_da", "")
                and not getattr(self, f"{field}_{code}", "")
                for field in self.translated_fields
            )
        ]

    @property
    def missing_translations(self) -> str:
        return ", ".join(self.missing_languages()) or "—"


def new_revision() -> str:
    return uuid.uuid4().hex


class Survey(TranslationStatusMixin, ClusterableModel):
    """A survey instrument: repeated in waves so trends are comparable.

    `revision` changes whenever the survey, its sections, questions, choices
    or waves change (surveys/signals.py), so web processes can keep the
    instrument in memory and know when it is stale.
    """

    code = models.SlugField(_("code"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=255)
    intro = models.TextField(_("introduction"), blank=True)
    consent = models.TextField(
        _("consent text"),
        help_text=_("What is collected, why, that it is anonymous, how to withdraw."),
    )
    thanks = models.TextField(_("thank-you text"), blank=True)
    requires_invitation = models.BooleanField(
        _("requires an invitation code"),
        default=False,
        help_text=_(
            "Residents must enter a single-use code from their invitation letter."
        ),
    )
    languages_forced = models.JSONField(
        _("languages offered before review"),
        default=list,
        blank=True,
        help_text=_(
            "Language codes offered to residents although some of their texts "
            "are not reviewed yet (machine-made translations are shown)."
        ),
    )
    free_text_retention_months = models.PositiveSmallIntegerField(
        _("delete free text after (months)"),
        null=True,
        blank=True,
        help_text=_("Counted from the day a wave closes. Empty: kept."),
    )
    response_retention_years = models.PositiveSmallIntegerField(
        _("delete responses after (years)"),
        null=True,
        blank=True,
        help_text=_(
            "Counted from the day a wave closes; the disclosed tables of the "
            "wave are kept. Empty: kept."
        ),
    )
    revision = models.CharField(max_length=32, default=new_revision, editable=False)

    translated_fields = ("title", "intro", "consent", "thanks")

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.title


class Section(TranslationStatusMixin, Orderable):
    """One step of the survey; its questions are shown together."""

    survey = ParentalKey(Survey, related_name="sections", on_delete=models.CASCADE)
    code = models.SlugField(_("code"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    intro = models.TextField(_("introduction"), blank=True)

    translated_fields = ("title", "intro")

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"], name="section_code_unique_per_survey"
            )
        ]

    def __str__(self):
        return self.title


class Question(TranslationStatusMixin, ClusterableModel):
    """A question with a stable code; answers are stored against the code."""

    survey = models.ForeignKey(
        Survey, related_name="questions", on_delete=models.CASCADE
    )
    section = models.ForeignKey(
        Section, related_name="questions", on_delete=models.PROTECT
    )
    code = models.SlugField(
        _("code"),
        max_length=64,
        help_text=_(
            "Stable, language-neutral name; never change it once answers exist."
        ),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    text = models.TextField(_("question text"))
    help_text = models.TextField(_("help text"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    required = models.BooleanField(_("required"), default=False)
    dont_know = models.BooleanField(
        _("offer “don't know”"),
        default=False,
        help_text=_("Yes/no questions only; the agreement scale always offers it."),
    )
    min_value = models.IntegerField(_("minimum"), null=True, blank=True)
    max_value = models.IntegerField(_("maximum"), null=True, blank=True)
    max_length = models.PositiveIntegerField(
        _("maximum length"), default=2000, validators=[MinValueValidator(1)]
    )
    background_role = models.CharField(
        _("background role"), max_length=32, choices=BackgroundRole.choices, blank=True
    )
    condition_question = models.ForeignKey(
        "self",
        verbose_name=_("show only if this question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependent_questions",
    )
    condition_values = models.CharField(
        _("was answered with one of these codes"),
        max_length=255,
        blank=True,
        help_text=_("Comma-separated choice codes, e.g. yes or work,school."),
    )

    translated_fields = ("text", "help_text")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "section__sort_order", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"], name="question_code_unique_per_survey"
            ),
            models.UniqueConstraint(
                fields=["survey", "background_role"],
                condition=~models.Q(background_role=""),
                name="background_role_unique_per_survey",
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"

    @property
    def condition_codes(self) -> frozenset[str]:
        return frozenset(
            c.strip() for c in self.condition_values.split(",") if c.strip()
        )

    def clean(self):
        errors = {}
        if (
            self.section_id
            and self.survey_id
            and self.section.survey_id != self.survey_id
        ):
            errors["section"] = _("The section belongs to another survey.")
        if self.condition_question_id:
            other = self.condition_question
            if other.survey_id != self.survey_id or other.pk == self.pk:
                errors["condition_question"] = _(
                    "Choose an earlier question of this survey."
                )
            elif (
                self.section_id and other.section.sort_order >= self.section.sort_order
            ):
                errors["condition_question"] = _(
                    "The condition must refer to a question in an earlier section, "
                    "so the survey works without JavaScript."
                )
            if not self.condition_codes:
                errors["condition_values"] = _("Name at least one answer code.")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            errors["max_value"] = _("The maximum must not be below the minimum.")
        if errors:
            raise ValidationError(errors)


class Choice(TranslationStatusMixin, Orderable):
    """An answer option of a single- or multiple-choice question."""

    question = ParentalKey(Question, related_name="choices", on_delete=models.CASCADE)
    code = models.SlugField(_("code"), max_length=64)
    label = models.CharField(_("label"), max_length=255)
    exclusive = models.BooleanField(
        _("stands alone"),
        default=False,
        help_text=_(
            "Like “None of these”: cannot be chosen together with other answers."
        ),
    )

    translated_fields = ("label",)

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "code"], name="choice_code_unique_per_question"
            )
        ]

    def __str__(self):
        return self.label


class Wave(models.Model):
    """One round of a survey (e.g. baseline 2023), open between two dates."""

    survey = models.ForeignKey(Survey, related_name="waves", on_delete=models.CASCADE)
    code = models.SlugField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=128)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))

    class Meta:
        verbose_name = _("wave")
        ordering = ["survey", "opens_on"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="wave_code_unique"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="wave_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return f"{self.survey.code} {self.name}"

    def is_open(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.opens_on <= on <= self.closes_on


class SurveyResponse(models.Model):
    """One resident's anonymous answers to one wave.

    receipt_hash is a keyed hash of the receipt code shown on the thank-you
    page: it makes a replayed submission idempotent and lets the resident
    withdraw. It is derived from a random per-form nonce, never from anything
    about the person.
    """

    wave = models.ForeignKey(Wave, related_name="responses", on_delete=models.PROTECT)
    language = models.CharField(_("language answered in"), max_length=8)
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.WEB
    )
    submitted_on = models.DateField(_("submitted on"))
    origin = models.CharField(
        _("origin category"), max_length=16, choices=[(o, o) for o in Origin]
    )
    country_group = models.CharField(
        _("country group"), max_length=16, choices=[(c, c) for c in CountryGroup]
    )
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("response")
        indexes = [models.Index(fields=["wave", "origin"])]

    def __str__(self):
        return f"{self.wave} #{self.pk}"


class Answer(models.Model):
    """One answer: a choice code, a number or (scrubbed) text.

    A multiple-choice question gives one row per chosen option.
    """

    response = models.ForeignKey(
        SurveyResponse, related_name="answers", on_delete=models.CASCADE
    )
    question = models.ForeignKey(
        Question, related_name="answers", on_delete=models.PROTECT
    )
    choice = models.CharField(max_length=64, blank=True)
    number = models.IntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self):
        return f"{self.question.code}={self.choice or self.number or '…'}"


class PooledResponse(models.Model):
    """A finished response waiting to be stored with others (surveys/pool.py).

    Submissions land here first; a background job moves them into
    SurveyResponse and Answer in batches of at least k, in random order and
    in one transaction, so neither the responses' ids nor their system
    columns say who answered when (SPEC §4.1). A random key, the wave, the
    receipt hash (a replay finds it, a withdrawal deletes it) and the
    response as JSON: language, channel, origin, country group and the
    answer rows by question id. No day, no time, no address, no user.
    Never counted anywhere: releases count SurveyResponse only.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, related_name="pooled", on_delete=models.PROTECT)
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    content = models.JSONField()

    class Meta:
        verbose_name = _("response waiting to be stored")
        verbose_name_plural = _("responses waiting to be stored")

    def __str__(self):
        return "pooled response"


class WithdrawnReceipt(models.Model):
    """Hash of a receipt whose answers were withdrawn.

    Keeps a replay of the original form post from storing the answers again.
    Holds nothing else.
    """

    receipt_hash = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return "withdrawn receipt"


class SurveyPage(RoutablePageMixin, Page):
    """The page a resident opens to answer a survey (/<code>/survey/).

    One page per locale, all pointing at the same instrument, so answers in
    every language land in the same wave under the same question codes. It
    also hosts the withdraw page at withdraw/.
    """

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="pages")
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("survey"), FieldPanel("intro")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("survey page")

    @path("")
    def answer(self, request):
        from surveys import views  # a cycle: surveys.views imports these models

        return views.survey(request, page=self)

    @path("withdraw/")
    def withdraw(self, request):
        from surveys import views  # a cycle: surveys.views imports these models

        return views.withdraw(request, page=self)

    @path("print/")
    def printable(self, request):
        from surveys import views  # a cycle: surveys.views imports these models

        return views.printable(request, page=self)


class TranslationReview(models.Model):
    """That one translated text of a survey (a field of the survey, a
    section, a question or a choice, in one language) has been reviewed by
    a person. No row: the text is machine-made (or missing). Danish, the
    source language, needs no review."""

    survey = models.ForeignKey(
        Survey, related_name="translation_reviews", on_delete=models.CASCADE
    )
    model = models.CharField(_("kind of text"), max_length=32)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=32)
    language = models.CharField(_("language"), max_length=8)
    reviewed_on = models.DateField(_("reviewed on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("reviewed translation")
        verbose_name_plural = _("reviewed translations")
        constraints = [
            models.UniqueConstraint(
                fields=["model", "object_id", "field", "language"],
                name="one_review_per_text",
            )
        ]

    def __str__(self):
        return f"{self.model}:{self.object_id}.{self.field}_{self.language}"


class Invitation(models.Model):
    """A single-use invitation code for a wave that may still be used,
    stored as a keyed hash.

    Using the code deletes its row, in the transaction that stores the
    response (surveys/invitations.py): nothing of a used code is left to be
    joined to the answers (SPEC §4.1, T01). Marking a row used instead would
    not do: on PostgreSQL an updated row carries the id of the transaction
    that changed it (the xmin system column), the same as the response's
    rows, and moves to the end of the table.
    """

    wave = models.ForeignKey(Wave, related_name="invitations", on_delete=models.CASCADE)
    code_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")

    def __str__(self):
        return f"{self.wave} invitation"
