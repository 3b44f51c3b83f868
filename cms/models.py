"""Content pages residents read, one page tree per language (Wagtail i18n,
translated with wagtail-localize)."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from participation.council import snapshots
from surveys.models import SurveyPage

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class HomePage(Page):
    """Each language's front page: what the integration council is, and the way
    to the survey."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    survey_link_text = models.CharField(
        _("survey link text"),
        max_length=120,
        blank=True,
        help_text=_("The button that leads to the survey, e.g. “Answer the survey”."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("survey_link_text"),
    ]
    subpage_types = ["cms.ContentPage", "surveys.SurveyPage", "cms.ResultsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["survey_page"] = SurveyPage.objects.child_of(self).live().first()
        return context


class ContentPage(Page):
    """A plain page of text, such as “About the integration council”."""

    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("content page")


class ResultsPage(Page):
    """The public results page (/<code>/results/, SPEC §6): what the answers
    and records led to, published back to residents in their language. The
    intro and the plain-language summary are written by staff; the figures
    are the latest published snapshot of the indicators staff chose
    (participation/council/snapshots.py), never live numbers, so every figure shown
    passed disclosure control when staff published it."""

    intro = models.TextField(_("introduction"), blank=True)
    summary = RichTextField(
        _("summary"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "In plain words: what the council learnt from the answers and what "
            "it led to."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("summary")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("results page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["results"] = snapshots.snapshot_results(
            snapshots.snapshot_latest(), language=get_language()
        )
        return context
