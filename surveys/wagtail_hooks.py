"""The survey instrument in the Wagtail admin: surveys, questions, waves.

Translated texts get a tab per language; listings show which languages still
fall back to Danish.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import surveys.xlsform_admin  # noqa: F401 - translations, XLSForm import and export
from surveys import paper_admin  # noqa: F401
from surveys.models import Question, Survey, Wave
from surveys.panels import language_columns, language_tabs


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "form"
    list_display = ["title", "code", "missing_translations"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("code"),
                    FieldPanel("free_text_retention_months"),
                    FieldPanel("response_retention_years"),
                    InlinePanel(
                        "sections",
                        label=_("Sections (steps)"),
                        panels=[
                            FieldPanel("code"),
                            *language_columns("title"),
                            *language_columns("intro"),
                        ],
                    ),
                ],
                heading=_("Survey"),
            ),
            *language_tabs(Survey.translated_fields),
        ]
    )


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    list_display = ["code", "text", "kind", "section", "missing_translations"]
    list_filter = ["survey", "kind"]
    search_fields = ["code", "text"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("survey"),
                    FieldPanel("section"),
                    FieldPanel("code"),
                    FieldPanel("kind"),
                    FieldPanel("sort_order"),
                    FieldPanel("required"),
                    FieldPanel("dont_know"),
                    FieldPanel("background_role"),
                    MultiFieldPanel(
                        [
                            FieldPanel("min_value"),
                            FieldPanel("max_value"),
                            FieldPanel("max_length"),
                        ],
                        heading=_("Limits"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("condition_question"),
                            FieldPanel("condition_values"),
                        ],
                        heading=_("Condition"),
                    ),
                    InlinePanel(
                        "choices",
                        label=_("Choices"),
                        panels=[
                            FieldPanel("code"),
                            FieldPanel("exclusive"),
                            *language_columns("label"),
                        ],
                    ),
                ],
                heading=_("Question"),
            ),
            *language_tabs(Question.translated_fields),
        ]
    )


class WaveViewSet(SnippetViewSet):
    model = Wave
    icon = "date"
    list_display = ["name", "survey", "opens_on", "closes_on"]
    panels = [
        FieldPanel("survey"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("opens_on"),
        FieldPanel("closes_on"),
    ]


class SurveyGroup(SnippetViewSetGroup):
    menu_label = _("Surveys")
    menu_icon = "form"
    menu_order = 200
    items = (SurveyViewSet, QuestionViewSet, WaveViewSet)


register_snippet(SurveyGroup)
