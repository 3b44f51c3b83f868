"""Floor views: the least a plain Django view must do for the same job.

bench/load.py measures the survey pages against these, in the same run, on
the same server, behind the same middleware, so a ratio says how much the
product's own machinery (Wagtail page routing, the language switcher, the
survey flow) costs on top of Django itself.

* render_floor: the survey's first 20 questions (read per request, two
  queries: questions, then their choices) as a plain Django form built with
  surveys.forms.make_field and rendered with form.as_div (Django's default
  widgets: selects, a number input, text inputs) in a minimal page with a CSRF
  token. The floor for a survey step GET.
* insert_floor: one transaction inserting 1 SurveyResponse row and N Answer
  rows (bulk_create) into the product's own tables; N comes from ?answers=
  (default 20) so the bench can make it equal to the rows a real submission
  stores. The wave and question ids are read once per process and cached: the
  floor is the write alone. The floor for a submission POST.
"""

import functools
import secrets

from django import forms
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest
from django.template import engines
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from surveys.forms import field_name, make_field
from surveys.models import Answer, Choice, Question, SurveyResponse, Wave
from surveys.origin import CountryGroup, Origin

SURVEY_CODE = "representation"  # the demo survey (cms/demo/instrument.py)
FLOOR_QUESTIONS = 20
MAX_ANSWERS = 200

_PAGE = engines["django"].from_string(
    "<!doctype html>\n"
    '<html lang="{{ LANGUAGE_CODE }}"><head><meta charset="utf-8">'
    "<title>floor</title></head><body><main>\n"
    '<form method="post">{% csrf_token %}\n{{ form.as_div }}\n'
    '<button type="submit">Send</button></form>\n'
    "</main></body></html>\n"
)


@require_GET
def render_floor(request):
    questions = (
        Question.objects.filter(survey__code=SURVEY_CODE)
        .prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("sort_order"))
        )
        .order_by("section__sort_order", "sort_order", "pk")[:FLOOR_QUESTIONS]
    )
    form = forms.Form()
    for question in questions:
        field = make_field(question)
        field.label = question.text
        field.help_text = question.help_text
        form.fields[field_name(question)] = field
    return HttpResponse(_PAGE.render({"form": form}, request))


@functools.cache
def _ids() -> tuple[int, list[int]]:
    """(open wave id, question ids in survey order), once per process."""
    wave = (
        Wave.objects.filter(
            survey__code=SURVEY_CODE,
            opens_on__lte=timezone.localdate(),
            closes_on__gte=timezone.localdate(),
        )
        .order_by("-opens_on")
        .first()
    )
    question_ids = list(
        Question.objects.filter(survey__code=SURVEY_CODE)
        .order_by("section__sort_order", "sort_order", "pk")
        .values_list("pk", flat=True)
    )
    return wave.pk, question_ids


# csrf_exempt in bench code only: the floor measures a bare insert, and the
# load driver posts to it without first fetching a form. The product's
# survey view keeps Django's CSRF protection and is measured with it.
@csrf_exempt
@require_POST
def insert_floor(request):
    try:
        count = int(request.GET.get("answers", "20"))
    except ValueError:
        return HttpResponseBadRequest("answers must be a number")
    if not 0 < count <= MAX_ANSWERS:
        return HttpResponseBadRequest("answers out of range")
    wave_id, question_ids = _ids()
    with transaction.atomic():
        response = SurveyResponse.objects.create(
            wave_id=wave_id,
            language="da",
            submitted_on=timezone.localdate(),
            origin=Origin.IMMIGRANT,
            country_group=CountryGroup.NON_WESTERN,
            receipt_hash=secrets.token_hex(32),
        )
        Answer.objects.bulk_create(
            Answer(
                response=response,
                question_id=question_ids[i % len(question_ids)],
                choice="1",
            )
            for i in range(count)
        )
    return HttpResponse("ok", content_type="text/plain")
