"""Open answers in the Wagtail admin ("Open answers" menu): staff code the
residents' free-text answers into themes and decide which may be quoted to
the council, and keep the list of themes (a tab per language).

The coding page lists the answers a page at a time with a form per answer
(prefixed by the answer's id, which is all that addresses it: no response
or respondent is shown). One Save writes every changed form through
participation.council.coding.answer_code, or nothing if any form has an error.
Staff need the "change coded answer" permission; superusers have it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from participation.associations.panels import TranslatedNameForm
from participation.council.coding import (
    QUOTE_REQUIRED,
    answer_code,
    answers_to_code,
    normalise_text,
    text_questions,
)
from participation.council.models import AnswerCoding, QuoteStatus, Theme
from surveys.models import Wave
from surveys.panels import language_tabs

CODING_PERMISSION = "participation.change_answercoding"


def may_code(user) -> bool:
    return user.is_authenticated and user.has_perm(CODING_PERMISSION)


class QuestionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code}: {obj.text}"


class CodingFilterForm(forms.Form):
    """The listing's filters (GET). An invalid value is reported next to
    its field and that filter is left out."""

    question = QuestionChoiceField(
        label=_("Question"),
        queryset=text_questions(),
        required=False,
        empty_label=_("All free-text questions"),
    )
    wave = forms.ModelChoiceField(
        label=_("Wave"),
        queryset=Wave.objects.select_related("survey"),
        required=False,
        empty_label=_("All waves"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("Any theme"),
    )
    uncoded = forms.BooleanField(label=_("Not coded yet"), required=False)

    def filters(self) -> dict:
        """The valid filters, as keyword arguments of answers_to_code()."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, False, "")
        }


class QuoteField(forms.CharField):
    """A textarea whose text counts as unchanged when the browser only
    turned its line breaks into CR LF."""

    def to_python(self, value):
        return normalise_text(super().to_python(value) or "")

    def has_changed(self, initial, data):
        return normalise_text(initial or "") != self.to_python(data)


class AnswerCodingForm(forms.Form):
    """One answer's themes, quote status and the words to quote. The quote
    starts as the answer's (already scrubbed) text."""

    themes = forms.MultipleChoiceField(
        label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    quote_status = forms.ChoiceField(
        label=_("Quote"), choices=QuoteStatus.choices, required=False
    )
    quote = QuoteField(
        label=_("Words to quote"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shorten or redact as needed. CPR numbers, phone numbers and "
            "e-mail addresses are removed when saved."
        ),
    )

    translation = QuoteField(
        label=_("Translation into Danish"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Optional, for a quote in another language: shown under the "
            "resident's own words on the council's pages and the public results."
        ),
    )

    def __init__(self, *args, answer, themes: list[Theme], **kwargs):
        self.answer = answer
        self.coding = coding = getattr(answer, "coding", None)
        self.theme_by_pk = {str(theme.pk): theme for theme in themes}
        initial = {
            "themes": [str(t.pk) for t in coding.themes.all()] if coding else [],
            "quote_status": coding.quote_status if coding else QuoteStatus.NONE,
            "quote": (coding.quote if coding else "") or answer.text,
            "translation": coding.translation if coding else "",
        }
        super().__init__(*args, prefix=f"a{answer.pk}", initial=initial, **kwargs)
        self.fields["themes"].choices = [
            (str(theme.pk), theme.name) for theme in themes
        ]

    def clean_themes(self) -> list[Theme]:
        return [self.theme_by_pk[pk] for pk in self.cleaned_data["themes"]]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("quote_status") and not cleaned.get("quote"):
            self.add_error("quote", QUOTE_REQUIRED)
        return cleaned

    def save(self) -> AnswerCoding:
        return answer_code(
            answer=self.answer,
            themes=self.cleaned_data["themes"],
            quote_status=self.cleaned_data["quote_status"],
            quote=self.cleaned_data["quote"],
            translation=self.cleaned_data["translation"],
        )


def form_error(form: forms.Form, error: ValidationError) -> None:
    """Show the service's refusal next to the field it names (or above the
    form when the form has no such field)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class CodingView(WagtailAdminTemplateMixin, TemplateView):
    """The free-text answers with a coding form each; GET filters and pages,
    POST saves the page's changed forms and comes back to the same page."""

    template_name = "participation_admin/coding.html"
    page_title = gettext_lazy("Code open answers")
    header_icon = "comment"
    per_page = 20

    def dispatch(self, request, *args, **kwargs):
        if not may_code(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @cached_property
    def filter_form(self) -> CodingFilterForm:
        return CodingFilterForm(self.request.GET)

    @cached_property
    def themes(self) -> list[Theme]:
        return list(Theme.objects.all())

    @cached_property
    def page(self):
        paginator = WagtailPaginator(
            answers_to_code(**self.filter_form.filters()), self.per_page
        )
        return paginator.get_page(self.request.GET.get("p"))

    def coding_form(self, answer, data=None) -> AnswerCodingForm:
        return AnswerCodingForm(data, answer=answer, themes=self.themes)

    def get(self, request, *args, **kwargs):
        forms_ = [self.coding_form(answer) for answer in self.page]
        return self.render_to_response(self.get_context_data(forms=forms_))

    def posted_answers(self):
        pks = [pk for pk in self.request.POST.getlist("answer") if pk.isdigit()]
        return answers_to_code().filter(pk__in=pks)

    def post(self, request, *args, **kwargs):
        forms_ = [
            self.coding_form(answer, data=request.POST)
            for answer in self.posted_answers()
        ]
        if all(form.is_valid() for form in forms_) and self.save(forms_):
            return redirect(request.get_full_path())
        messages.error(
            request,
            gettext("Nothing was saved. Correct the answers marked below."),
        )
        return self.render_to_response(self.get_context_data(forms=forms_))

    def save(self, forms_: list[AnswerCodingForm]) -> bool:
        """Write every changed form, or none if the service refuses one."""
        changed = [form for form in forms_ if form.has_changed()]
        saved = []
        with transaction.atomic():
            for form in changed:
                existed = AnswerCoding.objects.filter(answer=form.answer).exists()
                try:
                    coding = form.save()
                except ValidationError as error:
                    form_error(form, error)
                    continue
                saved.append((coding, existed))
            if len(saved) < len(changed):
                transaction.set_rollback(True)
                return False
            for coding, existed in saved:
                log(
                    instance=coding,
                    action="wagtail.edit" if existed else "wagtail.create",
                    user=self.request.user,
                )
        if saved:
            messages.success(
                self.request,
                ngettext(
                    "Saved the coding of %(count)s answer.",
                    "Saved the coding of %(count)s answers.",
                    len(saved),
                )
                % {"count": len(saved)},
            )
        else:
            messages.info(self.request, gettext("Nothing was changed."))
        return True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.page
        context.update(
            filter_form=self.filter_form,
            page_obj=page,
            elided_page_range=page.paginator.get_elided_page_range(page.number),
            action_url=self.request.get_full_path(),
            themes_url=reverse(Theme.snippet_viewset.get_url_name("list")),
            has_themes=bool(self.themes),
        )
        return context


class CodingMenuItem(MenuItem):
    def is_shown(self, request):
        return may_code(request.user)


class CodingViewSet(ViewSet):
    name = "open_answers"
    icon = "comment"
    menu_label = _("Code answers")
    menu_item_class = CodingMenuItem

    def get_urlpatterns(self):
        return [path("", CodingView.as_view(), name="index")]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = [
        "name",
        "code",
        "sort_order",
        Column("answers", label=_("Coded answers"), accessor="answers"),
    ]
    search_fields = ["code", "name_da"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("code"), FieldPanel("sort_order")], heading=_("Theme")
            ),
            *language_tabs(("name", "description")),
        ],
        base_form_class=TranslatedNameForm,
    )

    def get_queryset(self, request):
        return Theme.objects.annotate(answers=Count("codings"))


class OpenAnswersGroup(SnippetViewSetGroup):
    menu_label = _("Open answers")
    menu_icon = "comment"
    menu_order = 215
    items = (CodingViewSet, ThemeViewSet)
