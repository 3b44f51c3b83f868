"""Survey fieldwork in the Wagtail admin ("Fieldwork" menu): invitation
codes for letters, and answers given on paper or to an interviewer.

- Invitation codes: staff choose a wave and a number; the answer to that
  POST is the CSV of new codes for the letter merge (Digital Post). The
  codes exist in clear only in that download; the database keeps their
  keyed hashes (surveys/invitations.py). Permission: ``surveys.add_invitation``.
- Paper and assisted answers: staff choose an open wave, the language of the
  paper form and the channel (paper, or assisted by an interpreter), then
  type one response into the survey's own form (surveys/forms.py, all
  questions on one page, the same checks as on the web) and save it through
  services.response_submit with that channel (it waits in the pool with
  the web's responses and is stored in their next batch, surveys/pool.py). A
  question left empty on a paper form may stay empty, required or not: the
  form cannot be sent back to the person who filled it in. Permission:
  ``surveys.add_surveyresponse``.

Superusers have both permissions; other staff need them (and Wagtail admin
access) through a group. Its URLs and the "Fieldwork" menu are registered
in surveys/wagtail_hooks.py.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from surveys import invitations, selectors, services
from surveys import messages as survey_messages
from surveys.admin_permissions import (
    require_permission,
)
from surveys.forms import (
    InvitationCodeForm,
    PrintedQuestion,
    QuestionView,
    SurveyForm,
    printed_questions,
)
from surveys.models import Channel, Invitation, SurveyPage, Wave
from surveys.receipts import NonceError, new_nonce, nonce_token, receipt_for

INVITATIONS_PERMISSION = "surveys.add_invitation"
PAPER_PERMISSION = "surveys.add_surveyresponse"
INVITATIONS_URL_NAME = "surveys_invitations"
PAPER_URL_NAME = "surveys_paper"


class WaveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.survey.title} – {obj.name} ({obj.opens_on} – {obj.closes_on})"


# --- Invitation codes ---------------------------------------------------------


class InvitationsForm(forms.Form):
    wave = WaveChoiceField(
        label=_("Wave"),
        queryset=Wave.objects.select_related("survey").order_by(
            "survey__code", "-opens_on"
        ),
    )
    number = forms.IntegerField(
        label=_("Number of codes"),
        min_value=1,
        max_value=invitations.MAX_PER_BATCH,
        help_text=_("One code per letter."),
    )


@method_decorator(sensitive_post_parameters(), name="dispatch")
class InvitationsView(WagtailAdminTemplateMixin, View):
    """GET: the form and how many codes each wave has. POST: new codes,
    answered with the CSV download itself (shown once, never stored)."""

    template_name = "surveys_admin/invitations.html"
    page_title = gettext_lazy("Invitation codes")
    header_icon = "mail"
    http_method_names = ["get", "head", "post"]

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, INVITATIONS_PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def render(self, form):
        waves = (
            Wave.objects.select_related("survey")
            .filter(invitations__isnull=False)
            .order_by("survey__code", "-opens_on")
            .distinct()
        )
        counts = {
            wave.pk: Invitation.objects.filter(wave=wave).count() for wave in waves
        }
        context = self.get_context_data(
            form=form,
            waves=[(wave, counts[wave.pk]) for wave in waves],
            action_url=reverse(INVITATIONS_URL_NAME),
        )
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request):
        return self.render(InvitationsForm())

    def post(self, request):
        form = InvitationsForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        wave = form.cleaned_data["wave"]
        codes = invitations.invitations_generate(
            wave=wave, number=form.cleaned_data["number"]
        )
        response = HttpResponse(
            invitations.invitations_csv(wave=wave, codes=codes),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"invitations-{wave.survey.code}-{wave.code}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Content-Type-Options"] = "nosniff"
        # The codes in clear: never in any cache.
        patch_cache_control(response, no_store=True, private=True)
        return response


# --- Paper and assisted answers -----------------------------------------------


class PaperSetupForm(forms.Form):
    """Which wave, language and channel the answers are entered for."""

    wave = WaveChoiceField(label=_("Wave"), queryset=Wave.objects.none())
    language = forms.ChoiceField(
        label=_("Language of the paper form or interview"),
        choices=settings.LANGUAGES,
    )
    channel = forms.ChoiceField(
        label=_("How the answers were given"),
        choices=[
            (Channel.PAPER, Channel.PAPER.label),
            (Channel.ASSISTED, Channel.ASSISTED.label),
        ],
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = (
            Wave.objects.select_related("survey")
            .filter(opens_on__lte=today, closes_on__gte=today)
            .order_by("survey__code", "-opens_on")
        )
        self.fields["wave"].help_text = gettext(
            "Only waves that are open today can take answers."
        )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "The person agreed to the consent text (ticked the box on paper, "
            "or said so to the interviewer)."
        ),
        error_messages={
            "required": _("Without consent nothing may be stored. Put the form aside.")
        },
    )


@dataclass
class PaperItem:
    """One question on the entry page: the form's view of it, and its texts
    in the paper's language and in the staff member's."""

    view: QuestionView
    paper: PrintedQuestion
    staff: PrintedQuestion

    @property
    def options(self) -> list[tuple[int, str, str, str]]:
        """(counter, code, label on paper, label for staff or '')."""
        return [
            (index, code, label, "" if label == staff_label else staff_label)
            for index, ((code, label), (_c, staff_label)) in enumerate(
                zip(self.paper.options, self.staff.options, strict=True), start=1
            )
        ]


def _survey_pages(survey) -> dict[str, str]:
    """Language code -> URL of the survey's page in it (for the print links)."""
    pages = (
        SurveyPage.objects.live()
        .filter(survey=survey)
        .select_related("locale")
        .order_by("pk")
    )
    urls = {}
    for page in pages:
        url = page.get_url()
        if url:
            urls.setdefault(page.locale.language_code, url)
    return urls


@method_decorator(sensitive_post_parameters(), name="dispatch")
class PaperView(WagtailAdminTemplateMixin, View):
    """GET without a complete choice: choose wave, language and channel.
    GET with one: the empty survey form. POST: save one response, or show
    the form again with every answer kept and the problems beside them."""

    template_name = "surveys_admin/paper.html"
    page_title = gettext_lazy("Enter paper answers")
    header_icon = "doc-full"
    http_method_names = ["get", "head", "post"]

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, PAPER_PERMISSION)
        self.today = timezone.localdate()
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request):
        setup = PaperSetupForm(request.GET or None, today=self.today)
        if not setup.is_bound or not setup.is_valid():
            return self.render(setup=setup)
        return self.render_entry(setup, data=None, nonce=new_nonce())

    def post(self, request):
        setup = PaperSetupForm(request.POST, today=self.today)
        if not setup.is_valid():
            # The wave closed meanwhile, or a tampered post: choose again.
            return self.render(setup=setup)
        try:
            token = nonce_token(request.POST.get("nonce", ""))
        except NonceError:
            # Open for more than a day: keep every answer, ask for one more Save.
            return self.render_entry(
                setup,
                data=request.POST,
                nonce=new_nonce(),
                notice=gettext(
                    "This form was open for a long time. Check the answers and "
                    "press Save again."
                ),
            )
        return self.save(setup, token)

    # -- the entry form --------------------------------------------------------
    def forms_for(self, setup, data):
        wave = setup.cleaned_data["wave"]
        instrument = selectors.survey_instrument(survey=wave.survey)
        survey_form = SurveyForm(data, questions=instrument.questions)
        if setup.cleaned_data["channel"] == Channel.PAPER:
            # A blank on paper stays blank: the form cannot go back to its owner.
            for field in survey_form.fields.values():
                field.required = False
        code_form = (
            InvitationCodeForm(data, wave=wave)
            if wave.survey.requires_invitation
            else None
        )
        return instrument, survey_form, ConsentForm(data), code_form

    def save(self, setup, token):
        instrument, survey_form, consent_form, code_form = self.forms_for(
            setup, self.request.POST
        )
        valid = [survey_form.is_valid(), consent_form.is_valid()]
        if code_form is not None:
            valid.append(code_form.is_valid())
        if not all(valid):
            return self.render_entry(
                setup,
                data=self.request.POST,
                nonce=self.request.POST["nonce"],
                built=(instrument, survey_form, consent_form, code_form),
            )
        wave = setup.cleaned_data["wave"]
        try:
            _response, created = services.response_submit(
                wave=wave,
                questions=instrument.questions,
                answers=survey_form.answers(),
                language=setup.cleaned_data["language"],
                receipt=receipt_for(token),
                channel=setup.cleaned_data["channel"],
                invitation=code_form.cleaned_data["invitation_code"]
                if code_form
                else "",
            )
        except invitations.InvitationRefused as refused:
            code_form = InvitationCodeForm(
                self.request.POST, wave=wave, refused=refused.message
            )
            code_form.is_valid()
            return self.render_entry(
                setup,
                data=self.request.POST,
                nonce=self.request.POST["nonce"],
                built=(instrument, survey_form, consent_form, code_form),
            )
        except services.AlreadyWithdrawn:
            created = False
        if created:
            messages.success(
                self.request,
                gettext("The answers are saved. The form is empty for the next one."),
            )
        else:
            messages.warning(
                self.request,
                gettext("These answers were saved already; they were not saved twice."),
            )
        query = urlencode(
            {
                "wave": wave.pk,
                "language": setup.cleaned_data["language"],
                "channel": setup.cleaned_data["channel"],
            }
        )
        return redirect(f"{reverse(PAPER_URL_NAME)}?{query}")

    # -- rendering ---------------------------------------------------------------
    def render(self, *, setup, **extra):
        context = self.get_context_data(
            setup=setup, action_url=reverse(PAPER_URL_NAME), **extra
        )
        return TemplateResponse(self.request, self.template_name, context)

    def render_entry(self, setup, *, data, nonce, built=None, notice=""):
        instrument, survey_form, consent_form, code_form = built or self.forms_for(
            setup, data
        )
        bound = data is not None
        views = survey_form.views(instrument.questions, show_errors=bound)
        # Shown as posted: the survey form's checks ran in the staff's language.
        consent_errors = list(consent_form.errors.get("consent", [])) if bound else []
        code_errors = (
            list(code_form.errors.get("invitation_code", []))
            if bound and code_form
            else []
        )
        language = setup.cleaned_data["language"]
        staff_texts = printed_questions(instrument.questions)
        with translation.override(language):
            paper_texts = printed_questions(instrument.questions)
            paper_consent = str(setup.cleaned_data["wave"].survey.consent)
        items = [
            PaperItem(view=v, paper=p, staff=s)
            for v, p, s in zip(views, paper_texts, staff_texts, strict=True)
        ]
        has_errors = any(v.errors for v in views) or consent_errors or code_errors
        survey = setup.cleaned_data["wave"].survey
        print_urls = _survey_pages(survey)
        return self.render(
            setup=setup,
            entry=True,
            wave=setup.cleaned_data["wave"],
            survey=survey,
            language=language,
            language_bidi=translation.get_language_info(language)["bidi"],
            channel=setup.cleaned_data["channel"],
            channel_label=Channel(setup.cleaned_data["channel"]).label,
            nonce=nonce,
            items=items,
            consent_checked=bound and data.get("consent") in ("on", "true", "1"),
            consent_errors=consent_errors,
            paper_consent=paper_consent,
            code_form=code_form,
            code_errors=code_errors,
            has_errors=has_errors,
            error_summary=survey_messages.FORM_ERRORS,
            notice=notice,
            print_urls={
                code: print_urls[code] + "print/"
                for code, _name in settings.LANGUAGES
                if code in print_urls
            },
        )
