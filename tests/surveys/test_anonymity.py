"""T01: a response row can never carry anything that identifies a person.

If a field is added to SurveyResponse or Answer, this test fails until the
allowlist below is changed, which makes the change visible in review.
"""

import datetime

import pytest
from django.db import connection

from surveys.models import Answer, SurveyResponse, WithdrawnReceipt
from tests.conftest import submit_all

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
CODING_FIELDS = {"id", "answer", "themes", "quote_status", "quote", "coded_on"}
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
    response = SurveyResponse.objects.get()
    assert type(response.submitted_on) is datetime.date


def test_no_foreign_key_to_users_or_sessions():
    from participation.models import AnswerCoding, Theme

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
