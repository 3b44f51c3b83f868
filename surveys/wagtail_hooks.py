"""The survey instrument in the Wagtail admin: surveys, questions, waves.

Translated texts get a tab per language; listings show which languages still
fall back to Danish.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from surveys import paper_admin, xlsform_admin
from surveys.admin_permissions import PermissionMenuItem
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
        *language_columns("name"),
        FieldPanel("opens_on"),
        FieldPanel("closes_on"),
    ]


class SurveyGroup(SnippetViewSetGroup):
    menu_label = _("Surveys")
    menu_icon = "form"
    menu_order = 200
    items = (SurveyViewSet, QuestionViewSet, WaveViewSet)


register_snippet(SurveyGroup)


# --- Translations: XLSForm import, export, update and review (xlsform_admin.py) ---


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "survey-translations/",
            xlsform_admin.IndexView.as_view(),
            name=xlsform_admin.INDEX_URL,
        ),
        path(
            "survey-translations/import/",
            xlsform_admin.ImportView.as_view(),
            name=xlsform_admin.IMPORT_URL,
        ),
        path(
            "survey-translations/<int:pk>/xlsform/",
            xlsform_admin.export,
            name=xlsform_admin.EXPORT_URL,
        ),
        path(
            "survey-translations/<int:pk>/update/",
            xlsform_admin.UpdateView.as_view(),
            name=xlsform_admin.UPDATE_URL,
        ),
        path(
            "survey-translations/<int:pk>/review/",
            xlsform_admin.ReviewView.as_view(),
            name=xlsform_admin.REVIEW_URL,
        ),
        path(
            "survey-translations/<int:pk>/review/mark/",
            xlsform_admin.mark,
            name=xlsform_admin.MARK_URL,
        ),
        path(
            "survey-translations/<int:pk>/review/languages/",
            xlsform_admin.languages,
            name=xlsform_admin.LANGUAGES_URL,
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Survey translations"),
        reverse(xlsform_admin.INDEX_URL),
        name="survey-translations",
        icon_name="globe",
        order=210,
        permissions=(xlsform_admin.ADD, xlsform_admin.CHANGE),
    )


@hooks.register("register_snippet_listing_buttons")
def survey_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Survey) or not user.has_perm(xlsform_admin.CHANGE):
        return
    yield Button(
        gettext_lazy("Review translations"),
        reverse(xlsform_admin.REVIEW_URL, args=[snippet.pk]),
        icon_name="globe",
        priority=100,
    )
    yield Button(
        gettext_lazy("Download as XLSForm"),
        reverse(xlsform_admin.EXPORT_URL, args=[snippet.pk]),
        icon_name="download",
        priority=110,
    )
    yield Button(
        gettext_lazy("Update translations from a spreadsheet"),
        reverse(xlsform_admin.UPDATE_URL, args=[snippet.pk]),
        icon_name="upload",
        priority=120,
    )


# --- Fieldwork: invitation codes and paper answers (paper_admin.py) ---


@hooks.register("register_admin_urls")
def register_fieldwork_urls():
    return [
        path(
            "invitations/",
            paper_admin.InvitationsView.as_view(),
            name=paper_admin.INVITATIONS_URL_NAME,
        ),
        path(
            "paper-answers/",
            paper_admin.PaperView.as_view(),
            name=paper_admin.PAPER_URL_NAME,
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_fieldwork_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Invitation codes"),
                reverse(paper_admin.INVITATIONS_URL_NAME),
                name="invitation-codes",
                icon_name="mail",
                order=100,
                permissions=(paper_admin.INVITATIONS_PERMISSION,),
            ),
            PermissionMenuItem(
                _("Enter paper answers"),
                reverse(paper_admin.PAPER_URL_NAME),
                name="paper-answers",
                icon_name="doc-full",
                order=200,
                permissions=(paper_admin.PAPER_PERMISSION,),
            ),
        ]
    )
    return SubmenuMenuItem(
        _("Fieldwork"), menu, name="fieldwork", icon_name="mail", order=205
    )
