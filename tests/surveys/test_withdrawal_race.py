"""A withdrawal racing replays of the same final post (security issue, part 2).

A replay that looked for the withdrawal before its transaction could store
the withdrawn answers again right after the withdrawal committed. Submit and
withdraw of one receipt are serialised now (services._receipt_lock) and the
submit looks again inside its transaction.
"""

import threading

import pytest
from django.db import connection, connections

from surveys import services
from surveys.models import Answer, SurveyResponse, WithdrawnReceipt
from surveys.receipts import new_nonce, nonce_token, receipt_for, receipt_hash
from surveys.selectors import survey_questions
from tests.pool import flush

# Five answer rows: two choices, two multiple-choice rows and a number.
ANSWERS = {
    "represented": "4",
    "member": "yes",
    "kinds": ["sport", "culture"],
    "hours": 7,
}
ROWS = 5
TRIALS = 50
REPLAYS = 10


def fresh_receipt() -> str:
    return receipt_for(nonce_token(new_nonce()))


def submit(small_survey, receipt, questions=None):
    return services.response_submit(
        wave=small_survey.wave,
        questions=questions or survey_questions(survey=small_survey.survey),
        answers=ANSWERS,
        language="da",
        receipt=receipt,
    )


def answers_are_consistent() -> bool:
    """Every answer row belongs to a stored response, and every stored
    response has all its rows (all or none)."""
    orphans = Answer.objects.exclude(response__in=SurveyResponse.objects.all())
    return (
        not orphans.exists()
        and Answer.objects.count() == SurveyResponse.objects.count() * ROWS
    )


# --- on any database ----------------------------------------------------------


@pytest.mark.django_db
def test_a_submit_after_the_withdrawal_stores_nothing(small_survey):
    receipt = fresh_receipt()
    _response, created = submit(small_survey, receipt)
    assert created
    flush()
    assert Answer.objects.count() == ROWS
    assert services.response_withdraw(receipt=receipt) is True

    with pytest.raises(services.AlreadyWithdrawn):
        submit(small_survey, receipt)

    flush()
    assert not SurveyResponse.objects.exists()
    assert not Answer.objects.exists()
    assert WithdrawnReceipt.objects.count() == 1


@pytest.mark.django_db
def test_a_withdrawal_landing_after_the_first_look_is_caught_in_the_transaction(
    small_survey, monkeypatch
):
    """The replay's early look finds no withdrawal; the withdrawal commits
    before the replay's transaction starts (full_clean is the last step
    before it). The look inside the transaction must catch it."""
    receipt = fresh_receipt()
    submit(small_survey, receipt)
    real_full_clean = SurveyResponse.full_clean
    withdrawn = []

    def withdraw_meanwhile(self, *args, **kwargs):
        real_full_clean(self, *args, **kwargs)
        if not withdrawn:
            withdrawn.append(services.response_withdraw(receipt=receipt))

    monkeypatch.setattr(SurveyResponse, "full_clean", withdraw_meanwhile)

    with pytest.raises(services.AlreadyWithdrawn):
        submit(small_survey, receipt)

    assert withdrawn == [True]
    assert WithdrawnReceipt.objects.filter(receipt_hash=receipt_hash(receipt)).exists()
    flush()
    assert not SurveyResponse.objects.exists()
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_a_replay_still_gets_its_stored_response(small_survey):
    receipt = fresh_receipt()
    first, created = submit(small_survey, receipt)
    again, created_again = submit(small_survey, receipt)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert answers_are_consistent()


# --- ten replays and one withdrawal at once (PostgreSQL only) ------------------


def run_together(jobs):
    """Run each job in its own thread, released together by a barrier;
    returns ("ok", result) or ("error", exception) per job."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = ("ok", job())
        except Exception as error:  # noqa: BLE001 - reported by the test
            outcomes[index] = ("error", error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(index, job))
        for index, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL"
)
def test_a_withdrawal_racing_ten_replays_never_leaves_the_response_stored(
    small_survey,
):
    questions = survey_questions(survey=small_survey.survey)
    alive, unexpected, replays_after_withdrawal = 0, [], 0
    for _trial in range(TRIALS):
        receipt = fresh_receipt()
        _response, created = submit(small_survey, receipt, questions)
        assert created

        def replay(receipt=receipt):
            return submit(small_survey, receipt, questions)

        def withdraw(receipt=receipt):
            return services.response_withdraw(receipt=receipt)

        outcomes = run_together([replay] * REPLAYS + [withdraw])

        assert outcomes[-1] == ("ok", True)  # the response was there to withdraw
        for kind, value in outcomes[:-1]:
            if kind == "ok" and value[1] is False:
                continue  # replayed before the withdrawal: the stored one
            if kind == "error" and isinstance(value, services.AlreadyWithdrawn):
                replays_after_withdrawal += 1
                continue
            unexpected.append((kind, value))
        digest = receipt_hash(receipt)
        assert WithdrawnReceipt.objects.filter(receipt_hash=digest).exists()
        flush()
        if SurveyResponse.objects.filter(receipt_hash=digest).exists():
            alive += 1
        assert answers_are_consistent()

    assert alive == 0, (
        f"{alive} of {TRIALS} trials kept a withdrawn response "
        f"({replays_after_withdrawal} of {TRIALS * REPLAYS} replays refused)"
    )
    assert unexpected == []
