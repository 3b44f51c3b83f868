"""surveys/pool.py: finished responses wait in the pool and are stored in
mixed batches of at least k (SPEC §4.1, T01)."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.db import connection, models
from django.test import Client
from django.utils import timezone
from psycopg import sql

from participation.council import catalogue
from participation.council.models import DisclosureSettings, ReleaseStatus
from participation.council.releases import release_make
from participation.council.releases.populations import Population
from participation.governance.pool import flush_pool, pool_run
from surveys import invitations, services
from surveys.models import (
    Answer,
    Invitation,
    PooledResponse,
    Survey,
    SurveyResponse,
    WithdrawnReceipt,
)
from surveys.pool import pool_flush, pool_rewrite
from surveys.receipts import new_nonce, nonce_token, receipt_for, receipt_hash
from surveys.selectors import survey_questions
from tests.conftest import start, step_data, submit_all
from tests.pool import spearman

pytestmark = pytest.mark.django_db

K = 5


def fresh_receipt() -> str:
    return receipt_for(nonce_token(new_nonce()))


def submit(small_survey, answers=None, receipt=None, invitation=""):
    return services.response_submit(
        wave=small_survey.wave,
        questions=survey_questions(survey=small_survey.survey),
        answers=answers or {"represented": "4"},
        language="da",
        receipt=receipt or fresh_receipt(),
        invitation=invitation,
    )


def test_a_batch_waits_for_k_responses(small_survey):
    for _ in range(K - 1):
        submit(small_survey)
    assert pool_flush(minimum=K) == 0
    assert not SurveyResponse.objects.exists()
    assert PooledResponse.objects.count() == K - 1

    submit(small_survey)
    assert pool_flush(minimum=K) == K
    assert SurveyResponse.objects.count() == K
    assert not PooledResponse.objects.exists()
    # One day for the whole batch: no time finer than the batch.
    assert set(SurveyResponse.objects.values_list("submitted_on", flat=True)) == {
        timezone.localdate()
    }


def test_a_closed_wave_stores_the_rest_whatever_the_count(small_survey):
    wave = small_survey.wave
    submit(small_survey)
    submit(small_survey)
    assert pool_flush(minimum=K, today=wave.closes_on) == 0  # still open that day
    after = wave.closes_on + datetime.timedelta(days=3)
    assert pool_flush(minimum=K, today=after) == 2
    # Dated with the wave's last day, never after it.
    assert set(SurveyResponse.objects.values_list("submitted_on", flat=True)) == {
        wave.closes_on
    }


def test_ids_within_a_batch_do_not_follow_submission_order(small_survey):
    receipts = [fresh_receipt() for _ in range(200)]
    for receipt in receipts:
        submit(small_survey, receipt=receipt)
    assert pool_flush(minimum=K) == 200
    order = {receipt_hash(r): index for index, r in enumerate(receipts)}
    by_id = SurveyResponse.objects.order_by("id").values_list("receipt_hash", flat=True)
    ranks = [order[digest] for digest in by_id]
    assert sorted(ranks) == list(range(200))
    assert abs(spearman(ranks)) < 0.3


def test_a_crash_after_the_inserts_stores_nothing_and_loses_nothing(
    small_survey, monkeypatch
):
    answers = {"represented": "4", "member": "yes", "kinds": ["sport", "culture"]}
    for _ in range(K):
        submit(small_survey, answers)
    real_delete = models.QuerySet.delete

    def crash_before_the_pool_is_emptied(self):
        if self.model is PooledResponse:
            assert SurveyResponse.objects.count() == K  # the inserts ran
            raise RuntimeError("power cut")
        return real_delete(self)

    monkeypatch.setattr(models.QuerySet, "delete", crash_before_the_pool_is_emptied)
    with pytest.raises(RuntimeError):
        pool_flush(minimum=K)
    assert not SurveyResponse.objects.exists()
    assert not Answer.objects.exists()
    assert PooledResponse.objects.count() == K

    monkeypatch.undo()
    assert pool_flush(minimum=K) == K
    assert Answer.objects.count() == K * 4
    assert pool_flush(minimum=1) == 0  # nothing stored twice


def test_a_pooled_response_can_be_withdrawn(small_survey):
    receipt = fresh_receipt()
    _pooled, created = submit(small_survey, receipt=receipt)
    assert created
    assert services.response_withdraw(receipt=receipt) is True
    assert not PooledResponse.objects.exists()
    assert WithdrawnReceipt.objects.filter(receipt_hash=receipt_hash(receipt)).exists()
    with pytest.raises(services.AlreadyWithdrawn):
        submit(small_survey, receipt=receipt)
    assert pool_flush(minimum=1) == 0
    assert not SurveyResponse.objects.exists()
    assert services.response_withdraw(receipt=receipt) is False


def test_a_stored_response_can_still_be_withdrawn(small_survey):
    receipt = fresh_receipt()
    submit(small_survey, receipt=receipt)
    pool_flush(minimum=1)
    assert services.response_withdraw(receipt=receipt) is True
    assert not SurveyResponse.objects.exists()
    assert not Answer.objects.exists()


def test_a_replay_finds_its_response_in_the_pool_and_then_stored(small_survey):
    receipt = fresh_receipt()
    first, created = submit(small_survey, {"represented": "4"}, receipt)
    again, created_again = submit(small_survey, {"represented": "1"}, receipt)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert PooledResponse.objects.count() == 1

    pool_flush(minimum=1)
    stored, created_late = submit(small_survey, {"represented": "1"}, receipt)
    assert created_late is False
    assert stored == SurveyResponse.objects.get()
    assert list(Answer.objects.values_list("choice", flat=True)) == ["4"]


def test_the_thank_you_page_and_its_receipt_work_at_once(client, small_survey):
    done = submit_all(client, small_survey.url_da, {"represented": "4"})
    assert 'class="receipt"' in done.content.decode()
    assert PooledResponse.objects.count() == 1
    assert not SurveyResponse.objects.exists()
    receipt = done.context["receipt"]
    withdrawn = client.post(f"{small_survey.url_da}withdraw/", {"receipt": receipt})
    assert withdrawn.context["deleted"] is True
    assert not PooledResponse.objects.exists()


def test_a_used_code_is_gone_at_submit_time(small_survey):
    Survey.objects.filter(pk=small_survey.survey.pk).update(requires_invitation=True)
    codes = invitations.invitations_generate(wave=small_survey.wave, number=2)
    submit(small_survey, invitation=invitations.code_hash(codes[0]))
    assert Invitation.objects.count() == 1  # before any batch
    with pytest.raises(invitations.InvitationRefused):
        submit(small_survey, invitation=invitations.code_hash(codes[0]))


def test_pooled_responses_are_in_no_table_and_no_release(small_survey):
    key = catalogue.survey_key(
        "represented", small_survey.wave.pk, "origin", weighted=False
    )
    policy = catalogue.policy()
    population = Population("wave", small_survey.wave.pk)

    def release_tables():
        release = release_make(population=population, now=True)
        assert release.status == ReleaseStatus.AUDITED, release.message
        return {(t.scope, t.key): t.data for t in release.tables.all()}

    empty = catalogue.table_for_key(key, policy=policy).records()
    nothing_released = release_tables()
    for _ in range(2 * K):
        submit(small_survey, {"represented": "4"})
    assert catalogue.table_for_key(key, policy=policy).records() == empty
    assert release_tables() == nothing_released

    pool_flush(minimum=K)
    assert catalogue.table_for_key(key, policy=policy).records() != empty
    assert release_tables() != nothing_released


@pytest.mark.django_db(transaction=True)
def test_the_job_uses_the_councils_k(small_survey):
    settings = DisclosureSettings.load()
    settings.k, settings.public_k, settings.uniform_min = 7, 7, 7
    settings.save()
    for _ in range(6):
        submit(small_survey)
    assert pool_run() == 0
    call_command("flush_pool", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SurveyResponse.objects.count() == 0
    submit(small_survey)
    assert flush_pool.enqueue().return_value == 7
    assert SurveyResponse.objects.count() == 7


def test_sqlite_overwrites_what_it_deletes():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's secure_delete")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


def test_the_final_post_looks_like_every_other_step_in_the_access_log(
    small_survey,
):
    """T02: every survey POST, the consent, the steps and the final one,
    goes to the same path without a query string and answers 200 in place
    (no redirect whose Location or status would mark the final post), so
    an access log cannot tell which POST sent a response."""
    client = Client()
    url = small_survey.url_da
    nonce = start(client, url)
    posts = [client.post(url, {"nonce": nonce, "step": "consent", "action": "consent"})]
    for step in ("feel", "part", "about"):
        posts.append(client.post(url, step_data(nonce, step, {"represented": "4"})))
    assert 'class="receipt"' in posts[-1].content.decode()
    assert 'class="receipt"' not in posts[-2].content.decode()
    seen = {
        (
            post.status_code,
            post.request["PATH_INFO"],
            post.request.get("QUERY_STRING", ""),
            post.has_header("Location"),
        )
        for post in posts
    }
    assert seen == {(200, url, "", False)}


# --- on disk (PostgreSQL, pageinspect) ----------------------------------------


def heap_tuples(table: str) -> list[tuple]:
    """Every line pointer of every page of ``table`` with a tuple, live or
    dead: (t_xmin, t_xmax) as text."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        cursor.execute(
            "SELECT t_xmin::text, t_xmax::text FROM generate_series(0, "
            "  (pg_relation_size(%s::regclass) / current_setting('block_size')::int)"
            "  - 1) AS blkno, "
            "LATERAL heap_page_items(get_raw_page(%s, blkno::int)) "
            "WHERE t_data IS NOT NULL",
            [table, table],
        )
        return cursor.fetchall()


def raw_pages(table: str) -> bytes:
    """Every page of ``table`` as stored."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        cursor.execute(
            "SELECT get_raw_page(%s, blkno::int) FROM generate_series(0, "
            "  (pg_relation_size(%s::regclass) / current_setting('block_size')::int)"
            "  - 1) AS blkno",
            [table, table],
        )
        return b"".join(bytes(row[0]) for row in cursor.fetchall())


def rewritten_until(clean, seconds: float = 60) -> bool:
    """pool_rewrite() until ``clean()`` holds. VACUUM FULL keeps a dead
    tuple that a transaction still running on the server (in any database:
    here other test processes create and drop theirs) might see; in
    production the job's next run removes it (docs/DEPLOY.md)."""
    deadline = time.monotonic() + seconds
    while True:
        pool_rewrite()
        if clean() or time.monotonic() > deadline:
            return clean()
        time.sleep(0.5)


def xmins(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("SELECT DISTINCT xmin::text FROM {}").format(sql.Identifier(table))
        )
        return {row[0] for row in cursor.fetchall()}


postgres_only = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's pages"),
]


def apply(marks):
    def decorate(function):
        for mark in reversed(marks):
            function = mark(function)
        return function

    return decorate


@apply(postgres_only)
def test_t01_no_transaction_id_on_disk_joins_a_used_code_to_its_response(
    small_survey,
):
    """Using a code deletes its row in the submit's transaction, leaving a
    dead tuple whose xmax is that transaction; the pool row it inserted has
    it as xmin. After the batch and the rewrite, nothing of either is left:
    the responses carry the batch's transaction id, the pool is empty, the
    invitation table holds only the unused codes' live tuples."""
    Survey.objects.filter(pk=small_survey.survey.pk).update(requires_invitation=True)
    codes = invitations.invitations_generate(wave=small_survey.wave, number=K + 3)
    for code in codes[:K]:
        submit(small_survey, invitation=invitations.code_hash(code))
    submit_xids = xmins("surveys_pooledresponse")
    assert len(submit_xids) == K
    dead_before = {xmax for _xmin, xmax in heap_tuples("surveys_invitation")} - {"0"}
    assert dead_before == submit_xids  # the link the rewrite must remove

    assert pool_run() == K
    assert rewritten_until(
        lambda: (
            heap_tuples("surveys_pooledresponse") == []
            and {xmax for _xmin, xmax in heap_tuples("surveys_invitation")} == {"0"}
        )
    )

    stored = xmins("surveys_surveyresponse") | xmins("surveys_answer")
    assert len(xmins("surveys_surveyresponse")) == 1  # one batch, one xid
    assert not stored & submit_xids
    assert heap_tuples("surveys_pooledresponse") == []
    code_tuples = heap_tuples("surveys_invitation")
    assert len(code_tuples) == Invitation.objects.count() == 3
    assert {xmax for _xmin, xmax in code_tuples} == {"0"}  # no dead tuple
    assert not {xmin for xmin, _xmax in code_tuples} & (stored | submit_xids)


@apply(postgres_only)
def test_t01_a_withdrawn_pooled_response_leaves_no_text_on_disk(small_survey):
    kept = "Mariehoenen i Gellerup 7741"
    gone = "Svalerne over Bispehaven 5530"
    submit(small_survey, {"represented": "4", "comment": kept})
    receipt = fresh_receipt()
    submit(small_survey, {"represented": "2", "comment": gone}, receipt=receipt)
    assert services.response_withdraw(receipt=receipt) is True
    assert gone.encode() in raw_pages("surveys_pooledresponse")  # a dead tuple

    assert pool_run() == 0  # one response waits: fewer than k
    assert rewritten_until(
        lambda: gone.encode() not in raw_pages("surveys_pooledresponse")
    )

    pages = raw_pages("surveys_pooledresponse")
    assert kept.encode() in pages  # the search finds what is there
    assert gone.encode() not in pages


@apply(postgres_only)
def test_t01_a_response_withdrawn_after_its_batch_is_gone_from_disk_after_the_night(
    small_survey,
):
    """The nightly run (``flush_pool --stored``) rewrites the stored answers:
    a response withdrawn after its batch leaves its text in the answer
    table's pages until then, and none after."""
    kept = "Mariehoenen i Gellerup 7741"
    gone = "Svalerne over Bispehaven 5530"
    receipt = fresh_receipt()
    submit(small_survey, {"represented": "2", "comment": gone}, receipt=receipt)
    for _ in range(K - 1):
        submit(small_survey, {"represented": "4", "comment": kept})
    assert pool_run() == K
    assert services.response_withdraw(receipt=receipt) is True
    assert gone.encode() in raw_pages("surveys_answer")  # a dead tuple

    assert pool_run(stored=True) == 0
    deadline = time.monotonic() + 60
    while gone.encode() in raw_pages("surveys_answer"):
        assert time.monotonic() < deadline, "the rewrite left the withdrawn text"
        time.sleep(0.5)
        pool_run(stored=True)
    assert kept.encode() in raw_pages("surveys_answer")
