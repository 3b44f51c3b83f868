"""T01: a response row can never carry anything that identifies a person.

If a field is added to SurveyResponse or Answer, this test fails until the
allowlist below is changed, which makes the change visible in review.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from surveys.models import Answer, SurveyResponse, WithdrawnReceipt
from tests.conftest import submit_all
from tests.pool import flush

pytestmark = pytest.mark.django_db

ALLOWED = {
    SurveyResponse: {
        "id",
        "wave",
        "language",
        "channel",
        "submitted_on",
        "origin",
        "country_group",
        "receipt_hash",
        "answers",
    },
    # "coding": the reverse side of participation.AnswerCoding, staff's
    # themes and quote decision for a free-text answer (allowlisted below).
    Answer: {"id", "response", "question", "choice", "number", "text", "coding"},
    WithdrawnReceipt: {"id", "receipt_hash"},
}
# What staff's coding of an answer may hold: themes, the quote and the day it
# was coded; nothing about the person who answered or who coded.
CODING_FIELDS = {
    "id",
    "answer",
    "themes",
    "quote_status",
    "quote",
    "translation",
    "coded_on",
}
FORBIDDEN_WORDS = ("ip", "agent", "session", "user", "email", "time", "created", "name")


@pytest.mark.parametrize("model", list(ALLOWED), ids=lambda m: m.__name__)
def test_model_fields_are_exactly_the_allowlist(model):
    names = {f.name for f in model._meta.get_fields()}
    assert names == ALLOWED[model]


@pytest.mark.parametrize("model", list(ALLOWED), ids=lambda m: m.__name__)
def test_database_columns_are_exactly_the_allowlist(model):
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, model._meta.db_table
            )
        }
    expected = {
        f.column for f in model._meta.get_fields() if getattr(f, "column", None)
    }
    assert columns == expected
    for column in columns - {"id", "receipt_hash"}:
        assert not any(word in column.split("_") for word in FORBIDDEN_WORDS), column


def test_no_datetime_field_and_the_day_is_the_finest_time(client, small_survey):
    for model in ALLOWED:
        for field in model._meta.get_fields():
            assert (
                field.get_internal_type() != "DateTimeField"
                if hasattr(field, "get_internal_type")
                else True
            ), f"{model.__name__}.{field.name}"
    submit_all(client, small_survey.url_da, {"represented": "4"})
    flush()
    response = SurveyResponse.objects.get()
    assert type(response.submitted_on) is datetime.date


def test_no_foreign_key_to_users_or_sessions():
    from participation.council.models import AnswerCoding, Theme

    for model in ALLOWED:
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            if related is not None and related is not AnswerCoding:
                assert related._meta.app_label == "surveys", (
                    f"{model.__name__}.{field.name}"
                )
    assert {f.name for f in AnswerCoding._meta.get_fields()} == CODING_FIELDS
    for field in AnswerCoding._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related in (None, Answer, Theme), field.name
        assert getattr(field, "get_internal_type", lambda: "")() != "DateTimeField"


# --- T01: invitation codes cannot be joined to responses ----------------------------

INVITATION_FIELDS = {"id", "wave", "code_hash"}


def _use_codes(client, small_survey, codes):
    """Answer once with each code, in the order given."""
    import re

    from tests.conftest import start, step_data

    carried = re.compile(r'name="invitation" value="([^"]+)"')
    for number, code in enumerate(codes):
        nonce = start(client, small_survey.url_da)
        step = client.post(
            small_survey.url_da,
            {
                "nonce": nonce,
                "step": "consent",
                "action": "consent",
                "invitation_code": code,
            },
        )
        data = step_data(nonce, "about", {"represented": str(number % 5 + 1)})
        data["invitation"] = carried.search(step.content.decode()).group(1)
        assert b'class="receipt"' in client.post(small_survey.url_da, data).content


def test_t01_invitation_holds_only_the_allowlisted_fields_and_columns():
    from surveys.models import Invitation

    assert {f.name for f in Invitation._meta.get_fields()} == INVITATION_FIELDS
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(
                cursor, Invitation._meta.db_table
            )
        }
    assert columns == {"id", "wave_id", "code_hash"}
    assert not Invitation._meta.ordering


def test_t01_nothing_joins_a_used_code_to_a_response(client, small_survey):
    from surveys import invitations
    from surveys.models import Invitation, Survey

    Survey.objects.filter(pk=small_survey.survey.pk).update(requires_invitation=True)
    codes = invitations.invitations_generate(wave=small_survey.wave, number=8)
    before = {
        row["id"]: row for row in Invitation.objects.values("id", "wave", "code_hash")
    }
    # Used in an order unrelated to the order they were made in.
    used_codes = [codes[5], codes[1], codes[7], codes[2]]
    _use_codes(client, small_survey, used_codes)

    # No field or column on a response or an answer refers to invitations.
    for model in (SurveyResponse, Answer):
        for field in model._meta.get_fields():
            assert getattr(field, "related_model", None) is not Invitation, field.name
            assert "invitation" not in field.name
    # Using a code deleted its row and changed no other: no date, no flag,
    # no counter that could put the codes in order of use. What is left is
    # exactly the unused codes, as they were made.
    used_hashes = {invitations.code_hash(code) for code in used_codes}
    after = {
        row["id"]: row for row in Invitation.objects.values("id", "wave", "code_hash")
    }
    assert after == {
        pk: row for pk, row in before.items() if row["code_hash"] not in used_hashes
    }
    # No stored value of a response or answer holds a code or its hash.
    flush()
    stored = repr(list(SurveyResponse.objects.values())) + repr(
        list(Answer.objects.values())
    )
    for code in codes:
        assert invitations.code_hash(code) not in stored
        assert code not in stored and code.replace("-", "") not in stored
    # Responses carry the day only, as before.
    flush()
    assert set(SurveyResponse.objects.values_list("submitted_on", flat=True)) == {
        timezone.localdate()
    }
