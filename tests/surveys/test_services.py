"""services.response_submit and response_withdraw (T12, T14)."""

import pytest
from django.db import models
from django.utils import timezone

from surveys import services
from surveys.models import Answer, SurveyResponse
from surveys.receipts import new_nonce, nonce_token, receipt_for
from surveys.selectors import survey_questions

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
        on=timezone.localdate(),
    )


def test_submit_is_idempotent_per_receipt(small_survey):
    receipt = fresh_receipt()
    first, created = submit(small_survey, {"represented": "4"}, receipt)
    again, created_again = submit(small_survey, {"represented": "1"}, receipt)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert list(Answer.objects.values_list("choice", flat=True)) == ["4"]


def test_failure_on_third_answer_row_rolls_everything_back(small_survey, monkeypatch):
    """T14: the first two answer rows reach the database, the third fails."""
    real_bulk_create = models.QuerySet.bulk_create

    def failing_bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        real_bulk_create(self, objs[:2], *args, **kwargs)
        raise RuntimeError("disk full while saving the third answer")

    monkeypatch.setattr(models.QuerySet, "bulk_create", failing_bulk_create)
    answers = {"represented": "4", "member": "yes", "kinds": ["sport"], "hours": 3}
    with pytest.raises(RuntimeError):
        submit(small_survey, answers)
    assert SurveyResponse.objects.count() == 0
    assert Answer.objects.count() == 0


def test_withdraw_unknown_or_malformed_receipt_is_false(small_survey):
    submit(small_survey, {"represented": "4"})
    assert services.response_withdraw(receipt="0000-0000-0000") is False
    assert services.response_withdraw(receipt="") is False
    assert SurveyResponse.objects.count() == 1


def test_withdrawn_receipt_cannot_submit_again(small_survey):
    receipt = fresh_receipt()
    submit(small_survey, {"represented": "4"}, receipt)
    assert services.response_withdraw(receipt=receipt) is True
    with pytest.raises(services.AlreadyWithdrawn):
        submit(small_survey, {"represented": "4"}, receipt)
    assert SurveyResponse.objects.count() == 0
