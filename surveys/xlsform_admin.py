"""Survey spreadsheets and translation review in the Wagtail admin (menu
"Survey translations", and buttons in the survey listing).

- Import a new survey from an XLSForm (needs ``surveys.add_survey``).
- Per survey (needs ``surveys.change_survey``): download it as an XLSForm
  with every language for a translator; update its translations from a
  filled-in spreadsheet; review its translations language by language, and
  offer a language to residents before its review is finished.

Every write goes through surveys/xlsform/ or surveys/translation_review.py;
a bad file gets the report of what is wrong (sheet, row, column) and nothing
is imported. Its URLs, menu item and listing buttons are registered in
surveys/wagtail_hooks.py.
"""

import functools
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language_info, gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from surveys import translation_review, xlsform
from surveys.admin_permissions import (
    require_permission,
)
from surveys.models import Survey

ADD = "surveys.add_survey"
CHANGE = "surveys.change_survey"
INDEX_URL = "surveys_xlsform_index"
IMPORT_URL = "surveys_xlsform_import"
EXPORT_URL = "surveys_xlsform_export"
UPDATE_URL = "surveys_xlsform_update"
REVIEW_URL = "surveys_translation_review"
MARK_URL = "surveys_translation_review_mark"
LANGUAGES_URL = "surveys_translation_review_languages"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _language_name(code: str) -> str:
    return f"{get_language_info(code)['name_local']} ({code})"


# --- Forms -------------------------------------------------------------------


class SpreadsheetForm(forms.Form):
    file = forms.FileField(
        label=_("XLSForm file"),
        help_text=_("An .xlsx, .xls or .csv file of at most 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > xlsform.MAX_FILE_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."), code="too_large")
        if PurePath(upload.name).suffix.lower() not in (".xlsx", ".xls", ".csv"):
            raise ValidationError(
                _("Choose an XLSForm saved as .xlsx, .xls or .csv."), code="type"
            )
        return upload


class ImportForm(SpreadsheetForm):
    code = forms.SlugField(
        label=_("Code of the new survey"),
        max_length=64,
        required=False,
        help_text=_("Leave it empty to use the form's form_id."),
    )


class MarkForm(forms.Form):
    text = forms.CharField(max_length=200)
    state = forms.ChoiceField(
        choices=[
            (xlsform.REVIEWED, xlsform.REVIEWED),
            (xlsform.MACHINE, xlsform.MACHINE),
        ]
    )


def _language_choices():
    return [(c, _language_name(c)) for c in translation_review.review_languages()]


class LanguagesForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Offer before review"),
        choices=_language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class LanguageFilterForm(forms.Form):
    language = forms.ChoiceField(choices=_language_choices, required=False)


# --- Views -------------------------------------------------------------------


class _AdminPage(WagtailAdminTemplateMixin, TemplateView):
    permission = CHANGE

    def may(self, user) -> bool:
        return user.has_perm(self.permission)

    def dispatch(self, request, *args, **kwargs):
        if not self.may(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.get_page_title() != IndexView.page_title:
            items.append(
                {"url": reverse(INDEX_URL), "label": str(IndexView.page_title)}
            )
        return [*items, {"url": "", "label": self.get_page_title()}]


@method_decorator(require_GET, name="dispatch")
class IndexView(_AdminPage):
    """Every survey with its spreadsheet and review links, and the import."""

    template_name = "surveys_admin/xlsform_index.html"
    page_title = gettext_lazy("Survey translations")
    header_icon = "globe"

    def may(self, user) -> bool:
        return user.has_perm(ADD) or user.has_perm(CHANGE)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            surveys=Survey.objects.order_by("code"),
            may_add=self.request.user.has_perm(ADD),
            may_change=self.request.user.has_perm(CHANGE),
            **kwargs,
        )


class ImportView(_AdminPage):
    """Upload an XLSForm; the report says what was imported and how."""

    template_name = "surveys_admin/xlsform_upload.html"
    page_title = gettext_lazy("Import a survey from an XLSForm")
    header_icon = "upload"
    permission = ADD

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ImportForm())
        return super().get_context_data(
            action_url=reverse(IMPORT_URL), update=False, **kwargs
        )

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        report = xlsform.xlsform_import(
            data=upload.read(), filename=upload.name, code=form.cleaned_data["code"]
        )
        if report.ok:
            log(instance=report.survey, action="wagtail.create", user=request.user)
        return self.render_to_response(
            self.get_context_data(
                form=form if not report.ok else ImportForm(), report=report
            )
        )


class _SurveyPage(_AdminPage):
    def dispatch(self, request, *args, pk: int, **kwargs):
        if not self.may(request.user):
            raise PermissionDenied
        self.survey = get_object_or_404(Survey, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.survey)

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.survey, **kwargs)


class UpdateView(_SurveyPage):
    """Take the texts and review states of a spreadsheet into the survey."""

    template_name = "surveys_admin/xlsform_upload.html"
    page_title = gettext_lazy("Update translations from a spreadsheet")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", SpreadsheetForm())
        return super().get_context_data(
            action_url=reverse(UPDATE_URL, args=[self.survey.pk]),
            update=True,
            **kwargs,
        )

    def post(self, request, **kwargs):
        form = SpreadsheetForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        report = xlsform.xlsform_update(
            data=upload.read(), filename=upload.name, survey=self.survey
        )
        if report.ok and (
            report.changes or report.reviews_marked or report.reviews_removed
        ):
            log(instance=self.survey, action="wagtail.edit", user=request.user)
        return self.render_to_response(self.get_context_data(form=form, report=report))


@require_GET
def export(request, pk: int):
    """The survey as an XLSForm download (an attachment)."""
    require_permission(request, CHANGE)
    survey = get_object_or_404(Survey, pk=pk)
    response = HttpResponse(xlsform.xlsform_export(survey=survey), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{survey.code}.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@method_decorator(require_GET, name="dispatch")
class ReviewView(_SurveyPage):
    """Per language how much is reviewed; one language's texts to review."""

    template_name = "surveys_admin/translation_review.html"
    page_title = gettext_lazy("Translation review")
    header_icon = "globe"

    def get_context_data(self, **kwargs):
        survey = self.survey
        found = translation_review.texts(survey)
        counts = translation_review.coverage(survey, found=found)
        forced = set(survey.languages_forced or [])
        rows = []
        for code, (done, total) in counts.items():
            rows.append(
                {
                    "code": code,
                    "name": _language_name(code),
                    "reviewed": done,
                    "total": total,
                    "percent": round(100 * done / total) if total else 100,
                    "complete": done == total,
                    "forced": code in forced,
                    "offered": code in forced or done == total,
                }
            )
        chosen = ""
        language_filter = LanguageFilterForm(self.request.GET)
        if language_filter.is_valid():
            chosen = language_filter.cleaned_data["language"]
        names = translation_review.describe(survey)
        shown = [
            {"text": t, "what": names.get((t.model, t.object_id), t.model)}
            for t in found
            if t.language == chosen
        ]
        return super().get_context_data(
            languages=rows,
            chosen=chosen,
            chosen_name=_language_name(chosen) if chosen else "",
            to_review=[item for item in shown if not item["text"].reviewed],
            reviewed=[item for item in shown if item["text"].reviewed],
            languages_form=LanguagesForm(initial={"languages": sorted(forced)}),
            mark_url=reverse(MARK_URL, args=[survey.pk]),
            languages_url=reverse(LANGUAGES_URL, args=[survey.pk]),
            export_url=reverse(EXPORT_URL, args=[survey.pk]),
            update_url=reverse(UPDATE_URL, args=[survey.pk]),
            **kwargs,
        )


def _review_url(survey: Survey, language: str = "") -> str:
    url = reverse(REVIEW_URL, args=[survey.pk])
    return f"{url}?language={language}#texts" if language else url


def _review_post(form_class, invalid):
    """A review page's POST handler, ``handle(request, survey, form)``, for
    someone who may change surveys, with a valid form; an invalid one goes
    back to the review page with the (lazily translated) ``invalid``."""

    def decorator(handle):
        @require_POST
        @functools.wraps(handle)
        def view(request, pk: int):
            require_permission(request, CHANGE)
            survey = get_object_or_404(Survey, pk=pk)
            form = form_class(request.POST)
            if not form.is_valid():
                messages.error(request, str(invalid))
                return redirect(_review_url(survey))
            return handle(request, survey, form)

        return view

    return decorator


@_review_post(MarkForm, gettext_lazy("There is no such text."))
def mark(request, survey: Survey, form: MarkForm):
    """Mark one text reviewed or machine-made again (POST, CSRF-checked)."""
    if form.cleaned_data["state"] == xlsform.REVIEWED:
        change = translation_review.mark_reviewed
        done = gettext("The text is marked as reviewed.")
    else:
        change = translation_review.unreview
        done = gettext("The text is marked as machine-made.")
    try:
        model, object_id, field, language = translation_review.parse_token(
            form.cleaned_data["text"]
        )
        change(
            survey=survey,
            model=model,
            object_id=object_id,
            field=field,
            language=language,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_review_url(survey))
    messages.success(request, done)
    return redirect(_review_url(survey, language))


@_review_post(LanguagesForm, gettext_lazy("Choose languages from the list."))
def languages(request, survey: Survey, form: LanguagesForm):
    """Choose the languages offered before their review is finished."""
    translation_review.languages_forced_set(
        survey=survey, languages=form.cleaned_data["languages"]
    )
    log(instance=survey, action="wagtail.edit", user=request.user)
    chosen = survey.languages_forced
    if chosen:
        messages.warning(
            request,
            gettext(
                "Offered before review: %(languages)s. Residents see machine-made "
                "texts that nobody has checked."
            )
            % {"languages": ", ".join(_language_name(c) for c in chosen)},
        )
    else:
        messages.success(
            request,
            gettext("Every language waits until all its texts are reviewed."),
        )
    return redirect(_review_url(survey))
