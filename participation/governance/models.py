"""What retention leaves behind: the disclosed tables archived before a
wave's responses are deleted, and the counts of each retention run.

Both models keep the app label "participation" (docs/ARCHITECTURE.md).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArchivedTable(models.Model):
    """A catalogue table of a wave, disclosed and frozen before retention
    deleted the wave's responses (T30): what stays of the wave. ``records``
    holds only what participation.council.catalogue showed (Table.records())."""

    key = models.CharField(_("table"), max_length=200, unique=True)
    wave = models.ForeignKey(
        "surveys.Wave",
        on_delete=models.CASCADE,
        related_name="archived_tables",
        verbose_name=_("wave"),
    )
    title = models.TextField(_("title"))
    k = models.PositiveSmallIntegerField(_("threshold used"))
    table = models.JSONField(_("table"))
    archived_on = models.DateField(_("archived on"), default=timezone.localdate)

    class Meta:
        app_label = "participation"
        ordering = ["wave", "key"]
        verbose_name = _("archived table")
        verbose_name_plural = _("archived tables")

    def __str__(self):
        return self.key


class RetentionLog(models.Model):
    """What one run of ``manage.py apply_retention`` deleted, as counts only
    (no content, no identifiers)."""

    ran_on = models.DateField(_("ran on"), default=timezone.localdate)
    survey_code = models.CharField(_("survey"), max_length=64)
    wave_code = models.CharField(_("wave"), max_length=32)
    free_texts_deleted = models.PositiveIntegerField(_("free texts deleted"), default=0)
    responses_deleted = models.PositiveIntegerField(_("responses deleted"), default=0)
    tables_archived = models.PositiveIntegerField(_("tables archived"), default=0)

    class Meta:
        app_label = "participation"
        ordering = ["-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self):
        return f"{self.ran_on} {self.survey_code}/{self.wave_code}"
