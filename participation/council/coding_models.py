"""Staff's coding of the open answers: the themes and each answer's
coding (themes, quote). Kept apart from participation/council/models.py for
size; that module re-exports them, and the app label is "participation", so
no table or migration moved."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.associations.models import CodedName


class Theme(CodedName):
    """A theme staff code open answers into ("language barriers", "not
    invited" ...). The name is translated; counts are grouped by the code."""

    description = models.TextField(_("description"), blank=True)

    class Meta(CodedName.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class QuoteStatus(models.TextChoices):
    NONE = "", _("Not proposed as a quote")
    PENDING = "pending", _("Proposed, waiting for approval")
    APPROVED = "approved", _("Approved quote")
    REJECTED = "rejected", _("Not to be quoted")


class AnswerCoding(models.Model):
    """Staff's coding of one free-text answer: its themes and whether (and
    in which words) it may be quoted to the council and the public. The
    quote is the answer's scrubbed text, which staff may shorten or redact
    further; it is scrubbed again when saved. Nothing here names the
    person who coded it (the Wagtail log keeps that)."""

    answer = models.OneToOneField(
        "surveys.Answer",
        on_delete=models.CASCADE,
        related_name="coding",
        verbose_name=_("answer"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="codings", verbose_name=_("themes")
    )
    quote_status = models.CharField(
        _("quote"), max_length=10, choices=QuoteStatus, blank=True, default=""
    )
    quote = models.TextField(
        _("quote text"),
        blank=True,
        max_length=2000,
        help_text=_("What the council may read; leave empty to use the answer."),
    )
    translation = models.TextField(
        _("translation into Danish"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Optional: the quote in Danish, shown under the resident's own words."
        ),
    )
    coded_on = models.DateField(_("coded on"), default=timezone.localdate)

    class Meta:
        app_label = "participation"
        verbose_name = _("coded answer")
        verbose_name_plural = _("coded answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(quote_status__in=QuoteStatus.values),
                name="answer_coding_known_quote_status",
            )
        ]

    def __str__(self):
        return f"{self.answer.question.code} #{self.answer_id}"

    @property
    def quote_text(self) -> str:
        return self.quote or self.answer.text
