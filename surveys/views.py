"""The resident's path through a survey: consent, steps, thank-you, withdraw;
and the printable version of the survey.

Called from SurveyPage's routes. Each post carries the whole form (see
surveys/forms.py); this module decides which step to show and, after the
last step, hands the cleaned answers to services.response_submit.

A survey that requires an invitation asks for the code on the consent step;
the code's hash then rides along as a hidden input signed for this form's
nonce (surveys/invitations.py), like the answers. A survey opened in a
language that is not offered yet (surveys/translation_review.py) shows a page
saying so, with links to the languages that are, and stores nothing.
"""

from http import HTTPStatus

from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from surveys import (
    invitations,
    messages,
    selectors,
    services,
    throttle,
    translation_review,
)
from surveys.forms import InvitationCodeForm, SurveyForm, printed_questions
from surveys.receipts import (
    NonceError,
    new_nonce,
    nonce_age,
    nonce_token,
    normalise_receipt,
    receipt_for,
)

CONSENT = "consent"
ACTIONS = {"consent", "decline", "next", "back"}


def _render(request, template, context, status=HTTPStatus.OK):
    response = TemplateResponse(request, template, context, status=status)
    # Answers are on these pages: never keep them in a shared or browser cache.
    patch_cache_control(response, no_store=True, private=True)
    return response


class SurveyFlow:
    """One request's view of the survey: its wave, steps and posted answers."""

    def __init__(self, request, page):
        self.request = request
        self.page = page
        self.survey = page.survey
        self.today = timezone.localdate()
        instrument = selectors.survey_instrument(survey=self.survey)
        self.wave = instrument.open_wave(self.today)
        self.sections = instrument.sections
        self.questions = instrument.questions
        data = request.POST if request.method == "POST" else None
        self.form = SurveyForm(data, questions=self.questions)
        # The hash of an accepted invitation code, and this form's nonce
        # token it is signed for (set in post()).
        self.invitation = ""
        self.token = ""

    def context(self, **extra):
        carried_invitation = (
            invitations.carry(digest=self.invitation, nonce_token=self.token)
            if self.invitation
            else ""
        )
        return {
            "page": self.page,
            "survey": self.survey,
            "wave": self.wave,
            "invitation": carried_invitation,
            **extra,
        }

    def steps(self):
        """Sections that have at least one question to show."""
        return [s for s in self.sections if self.form.step_questions(s)]

    # -- what to render ---------------------------------------------------
    def render_closed(self):
        return _render(self.request, "surveys/closed.html", self.context())

    def render_consent(self, nonce, *, error="", code_form=None):
        asks_code = self.survey.requires_invitation and not self.invitation
        if asks_code and code_form is None:
            code_form = InvitationCodeForm(wave=self.wave)
        return _render(
            self.request,
            "surveys/consent.html",
            self.context(
                nonce=nonce,
                step_number=1,
                step_total=1 + len(self.steps()),
                carried=self.form.carried(exclude=[]),
                consent_error=error,
                code_form=code_form if asks_code else None,
            ),
        )

    def refuse_code(self, nonce, message):
        """The consent step again, with `message` next to the code field."""
        self.invitation = ""
        code_form = InvitationCodeForm(
            self.request.POST, wave=self.wave, refused=message
        )
        code_form.is_valid()
        return self.render_consent(nonce, code_form=code_form)

    def render_step(self, nonce, section, *, show_errors=False, notice=""):
        steps = self.steps()
        questions = self.form.step_questions(section)
        views = self.form.views(questions, show_errors=show_errors)
        return _render(
            self.request,
            "surveys/step.html",
            self.context(
                nonce=nonce,
                section=section,
                items=views,
                has_errors=any(v.errors for v in views),
                error_summary=messages.FORM_ERRORS,
                carried=self.form.carried(exclude=questions),
                step_number=2 + steps.index(section),
                step_total=1 + len(steps),
                is_last=section == steps[-1],
                notice=notice,
            ),
        )

    # -- moving between steps ----------------------------------------------
    def neighbour(self, section, offset):
        """The nearest shown step after (offset +1) or before (-1) `section`,
        in survey order, even when `section` itself is no longer shown."""
        shown = {s.pk for s in self.steps()}
        index = self.sections.index(section)
        ahead = (
            self.sections[index + 1 :] if offset > 0 else self.sections[:index][::-1]
        )
        return next((s for s in ahead if s.pk in shown), None)

    def first_step_with_errors(self):
        for section in self.steps():
            if self.form.errors_in(self.form.step_questions(section)):
                return section
        return None

    def post(self):
        post = self.request.POST
        nonce = post.get("nonce", "")
        try:
            token = nonce_token(nonce)
        except NonceError:
            return _render(
                self.request,
                "surveys/expired.html",
                self.context(),
                status=HTTPStatus.BAD_REQUEST,
            )
        action = post.get("action", "next")
        step = post.get("step", CONSENT)
        by_code = {s.code: s for s in self.sections}
        if action not in ACTIONS or (step != CONSENT and step not in by_code):
            raise BadRequest("unknown survey step or action")
        self.token = token
        if self.survey.requires_invitation:
            self.invitation = invitations.carried(
                value=post.get("invitation", ""), nonce_token=token
            )
        steps = self.steps()
        if step == CONSENT:
            if action == "decline":
                return _render(self.request, "surveys/declined.html", self.context())
            if action == "consent" and steps:
                if self.survey.requires_invitation and not self.invitation:
                    code_form = InvitationCodeForm(post, wave=self.wave)
                    if not code_form.is_valid():
                        return self.render_consent(nonce, code_form=code_form)
                    self.invitation = code_form.cleaned_data["invitation_code"]
                return self.render_step(nonce, steps[0])
            return self.render_consent(nonce)
        if post.get("consent") != "yes":
            # Consent is the first step; a post without it stores nothing.
            return self.render_consent(nonce, error=messages.CONSENT_MISSING)
        if self.survey.requires_invitation and not self.invitation:
            # A post that skipped the code (or forged it) stores nothing.
            return self.refuse_code(nonce, invitations.CODE_REQUIRED)
        section = by_code[step]
        if action == "back":
            previous = self.neighbour(section, -1)
            return (
                self.render_step(nonce, previous)
                if previous
                else self.render_consent(nonce)
            )
        if self.form.errors_in(self.form.step_questions(section)):
            return self.render_step(nonce, section, show_errors=True)
        following = self.neighbour(section, +1)
        if following is not None:
            return self.render_step(nonce, following)
        if not steps:  # a survey with nothing to ask
            return self.render_consent(nonce)
        return self.submit(token, nonce)

    def submit(self, token, nonce):
        if not self.form.is_valid():
            section = self.first_step_with_errors()
            if section is not None:
                return self.render_step(nonce, section, show_errors=True)
        if self.request.POST.get("website"):
            return _render(
                self.request,
                "surveys/rejected.html",
                self.context(),
                status=HTTPStatus.BAD_REQUEST,
            )
        if nonce_age(nonce) < settings.SURVEY_MIN_SECONDS:
            return self.render_step(nonce, self.steps()[-1], notice=messages.TOO_FAST)
        receipt = receipt_for(token)
        try:
            services.response_submit(
                wave=self.wave,
                questions=self.questions,
                answers=self.form.answers(),
                language=get_language(),
                receipt=receipt,
                invitation=self.invitation,
            )
        except services.AlreadyWithdrawn:
            return _render(
                self.request, "surveys/withdrawn.html", self.context(deleted=True)
            )
        except invitations.InvitationRefused as refused:
            # Used in another tab or by someone else meanwhile: the answers
            # ride along on the consent step, waiting for another code.
            return self.refuse_code(nonce, refused.message)
        return _render(
            self.request, "surveys/thanks.html", self.context(receipt=receipt)
        )


def _throttled(request, page):
    return _render(
        request,
        "surveys/throttled.html",
        {"page": page, "survey": page.survey},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )


def is_offered(survey, language: str) -> bool:
    """Whether residents may answer `survey` in `language`
    (surveys.translation_review: a language waits until its texts are
    reviewed)."""
    return translation_review.is_offered(survey=survey, language=language)


def _not_offered(request, page):
    """The survey is not available in this language yet: say so in it, and
    link to the languages it is available in (stores nothing)."""
    links = []
    translations = {
        p.locale.language_code: p
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
    for code, _name in settings.LANGUAGES:
        translation = translations.get(code)
        url = translation.get_url(request) if translation else None
        if url and is_offered(page.survey, code):
            info = get_language_info(code)
            links.append(
                {
                    "code": code,
                    "name": info["name_local"],
                    "url": url,
                    "rtl": info["bidi"],
                }
            )
    return _render(
        request,
        "surveys/not_offered.html",
        {"page": page, "survey": page.survey, "links": links},
    )


# Answers never appear in error reports (T02).
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def survey(request, *, page):
    if request.method == "POST" and not throttle.allow(request):
        return _throttled(request, page)
    if not is_offered(page.survey, get_language()):
        return _not_offered(request, page)
    flow = SurveyFlow(request, page)
    if flow.wave is None:
        return flow.render_closed()
    if request.method == "POST":
        return flow.post()
    return flow.render_consent(new_nonce())


@require_http_methods(["GET", "HEAD"])
def printable(request, *, page):
    """The whole survey on paper (A4): consent, every question with boxes to
    tick or write in, condition hints instead of hidden questions."""
    if not is_offered(page.survey, get_language()):
        return _not_offered(request, page)
    instrument = selectors.survey_instrument(survey=page.survey)
    printed = printed_questions(instrument.questions)
    sections = [
        (section, [p for p in printed if p.question.section_id == section.pk])
        for section in instrument.sections
    ]
    return TemplateResponse(
        request,
        "surveys/print.html",
        {
            "page": page,
            "survey": page.survey,
            "sections": [(s, items) for s, items in sections if items],
        },
    )


class WithdrawForm(forms.Form):
    receipt = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        error_messages={
            "required": messages.REQUIRED,
            "max_length": messages.RECEIPT_INVALID,
        },
    )

    def clean_receipt(self):
        receipt = normalise_receipt(self.cleaned_data["receipt"])
        if not receipt:
            raise forms.ValidationError(messages.RECEIPT_INVALID, code="invalid")
        return receipt


@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, *, page):
    if request.method == "POST" and not throttle.allow(request):
        return _throttled(request, page)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    context = {"page": page, "survey": page.survey, "form": form}
    if form.is_bound and form.is_valid():
        context["deleted"] = services.response_withdraw(
            receipt=form.cleaned_data["receipt"]
        )
        return _render(request, "surveys/withdrawn.html", context)
    return _render(request, "surveys/withdraw.html", context)
