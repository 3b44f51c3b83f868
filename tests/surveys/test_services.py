"""services.response_submit and response_withdraw (T12, T14)."""

import pytest
from django.db import models

from surveys import services
from surveys.models import Answer, PooledResponse, SurveyResponse
from surveys.receipts import new_nonce, nonce_token, receipt_for
from surveys.selectors import survey_questions
from tests.pool import flush

pytestmark = pytest.mark.django_db


def fresh_receipt() -> str:
    return receipt_for(nonce_token(new_nonce()))


def submit(small_survey, answers, receipt=None):
    return services.response_submit(
        wave=small_survey.wave,
        questions=survey_questions(survey=small_survey.survey),
        answers=answers,
        language="da",
        receipt=receipt or fresh_receipt(),
    )


def test_submit_is_idempotent_per_receipt(small_survey):
    receipt = fresh_receipt()
    first, created = submit(small_survey, {"represented": "4"}, receipt)
    again, created_again = submit(small_survey, {"represented": "1"}, receipt)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    flush()
    assert list(Answer.objects.values_list("choice", flat=True)) == ["4"]


def test_failure_on_third_answer_row_rolls_the_batch_back(small_survey, monkeypatch):
    """T14: a batch's first two answer rows reach the database, the third
    fails: nothing is stored and nothing is lost from the pool."""
    real_bulk_create = models.QuerySet.bulk_create

    def failing_bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if self.model is not Answer:
            return real_bulk_create(self, objs, *args, **kwargs)
        real_bulk_create(self, objs[:2], *args, **kwargs)
        raise RuntimeError("disk full while saving the third answer")

    answers = {"represented": "4", "member": "yes", "kinds": ["sport"], "hours": 3}
    _pooled, created = submit(small_survey, answers)
    assert created
    monkeypatch.setattr(models.QuerySet, "bulk_create", failing_bulk_create)
    with pytest.raises(RuntimeError):
        flush()
    assert SurveyResponse.objects.count() == 0
    assert Answer.objects.count() == 0
    assert PooledResponse.objects.count() == 1

    monkeypatch.undo()
    assert flush() == 1
    assert PooledResponse.objects.count() == 0
    assert Answer.objects.filter(response__in=SurveyResponse.objects.all()).count() == 4


def test_a_failed_submit_leaves_nothing_in_the_pool(small_survey, monkeypatch):
    """T14: an error after the pool insert rolls the insert back."""

    def fail(*args, **kwargs):
        raise RuntimeError("connection lost")

    real_save = PooledResponse.save

    def save_then_fail(self, *args, **kwargs):
        real_save(self, *args, **kwargs)
        fail()

    monkeypatch.setattr(PooledResponse, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        submit(small_survey, {"represented": "4"})
    assert PooledResponse.objects.count() == 0
    assert flush() == 0
    assert SurveyResponse.objects.count() == 0


def test_withdraw_unknown_or_malformed_receipt_is_false(small_survey):
    submit(small_survey, {"represented": "4"})
    assert services.response_withdraw(receipt="0000-0000-0000") is False
    assert services.response_withdraw(receipt="") is False
    flush()
    assert SurveyResponse.objects.count() == 1


def test_withdrawn_receipt_cannot_submit_again(small_survey):
    receipt = fresh_receipt()
    submit(small_survey, {"represented": "4"}, receipt)
    assert services.response_withdraw(receipt=receipt) is True
    with pytest.raises(services.AlreadyWithdrawn):
        submit(small_survey, {"represented": "4"}, receipt)
    flush()
    assert SurveyResponse.objects.count() == 0
