"""The pool: finished responses wait here and are stored in mixed batches.

Seen by the database's operator, stored answers must not say when, or after
which invitation code, they were sent (SPEC §4.1). Storing each response as
it arrives would: ids and PostgreSQL's transaction ids (the xmin system
column) follow submission order, the final survey POSTs in an access log
match consecutive responses, and a used invitation code's dead tuple carries
the response's transaction id until vacuum.

So services.response_submit puts a finished response in PooledResponse
(random key, no time), and :func:`pool_flush` later moves the pool into
SurveyResponse and Answer:

- per wave, only when at least ``minimum`` responses wait (the caller passes
  the council's disclosure k: surveys does not import participation, see
  participation/governance/pool.py), or the wave has closed (then whatever
  waits, however few);
- in a random order (``secrets.SystemRandom``), all rows of a batch in one
  transaction: the responses of a batch share one xmin, and their ids and
  places on disk are a shuffle of the batch;
- dated with the batch's day (no later than the wave's last day), so no
  time finer than the batch is stored;
- a crash stores nothing and loses nothing: the inserts and the deletion of
  the pool rows commit together.

:func:`pool_rewrite` then rewrites the small tables whose dead tuples would
still tie a code or a pooled row to a batch (PostgreSQL ``VACUUM FULL``).
"""

import secrets

from django.db import connection, transaction
from django.utils import timezone
from psycopg import sql

from surveys.locks import transaction_lock
from surveys.models import (
    Answer,
    Invitation,
    PooledResponse,
    Question,
    SurveyResponse,
    Wave,
)

#: Tables rewritten after a batch or a withdrawal: small, and their dead
#: tuples are what could link a code or a pooled row to a stored response.
REWRITTEN = (PooledResponse, Invitation)
#: The stored responses: a response withdrawn after its batch, and what
#: retention deletes, stay in these as dead tuples until they are rewritten.
STORED = (SurveyResponse, Answer)


def pooled_content(
    *,
    language: str,
    channel: str,
    origin: str,
    country_group: str,
    rows: list[dict],
) -> dict:
    """The JSON a pooled response holds. ``rows`` are answer rows as dicts
    with ``question`` (an id) and one of ``choice``, ``number``, ``text``."""
    return {
        "language": language,
        "channel": channel,
        "origin": origin,
        "country_group": country_group,
        "answers": rows,
    }


def _wave_lock(wave_id: int) -> None:
    """Serialise flushes of one wave (surveys/locks.py)."""
    transaction_lock(b"medborger.pool:%d" % wave_id)


def pool_flush(*, minimum: int, today=None) -> int:
    """Move pooled responses into SurveyResponse/Answer; returns how many.

    For each wave: nothing if fewer than ``minimum`` wait and the wave is
    still open (``today`` on or before its last day); otherwise every
    response that waits, as one batch in one transaction.
    """
    today = today or timezone.localdate()
    minimum = max(int(minimum), 1)
    waves = set(PooledResponse.objects.values_list("wave_id", flat=True))
    return sum(
        _flush_wave(wave_id=wave_id, minimum=minimum, today=today)
        for wave_id in sorted(waves)
    )


def _flush_wave(*, wave_id: int, minimum: int, today) -> int:
    with transaction.atomic():
        _wave_lock(wave_id)
        wave = Wave.objects.get(pk=wave_id)
        closed = wave.closes_on < today
        # FOR UPDATE: a withdrawal deleting one of these rows waits for this
        # transaction, then finds the row gone and deletes the stored
        # response instead (services.response_withdraw); one it committed
        # before is skipped here.
        pooled = list(PooledResponse.objects.select_for_update().filter(wave=wave))
        if not pooled or (len(pooled) < minimum and not closed):
            return 0
        secrets.SystemRandom().shuffle(pooled)
        day = min(today, wave.closes_on)
        responses = [
            SurveyResponse(
                wave=wave,
                language=p.content["language"],
                channel=p.content["channel"],
                origin=p.content["origin"],
                country_group=p.content["country_group"],
                submitted_on=day,
                receipt_hash=p.receipt_hash,
            )
            for p in pooled
        ]
        SurveyResponse.objects.bulk_create(responses, batch_size=1000)
        # A question deleted while its answers waited takes them along, as
        # deleting it would have for stored answers had it been allowed.
        known = set(
            Question.objects.filter(survey_id=wave.survey_id).values_list(
                "pk", flat=True
            )
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    response=response,
                    question_id=row["question"],
                    choice=row.get("choice", ""),
                    number=row.get("number"),
                    text=row.get("text", ""),
                )
                for response, p in zip(responses, pooled, strict=True)
                for row in p.content["answers"]
                if row["question"] in known
            ],
            batch_size=1000,
        )
        deleted, _detail = PooledResponse.objects.filter(
            pk__in=[p.pk for p in pooled]
        ).delete()
        if deleted != len(pooled):  # cannot happen under the row locks above
            raise RuntimeError("the pool changed during a batch")
    return len(pooled)


def pool_rewrite(models=REWRITTEN) -> bool:
    """Rewrite ``models``' tables (by default the pool and invitation
    tables; PostgreSQL ``VACUUM FULL``), so no dead tuple of a pooled row or
    a used code stays on disk; True if done. Runs outside any transaction,
    holding each table's exclusive lock for as long as its rewrite takes
    (milliseconds for these tables; the nightly run also rewrites the stored
    answers, participation/governance/pool.py). On other databases it does
    nothing (SQLite overwrites deleted rows itself: ``secure_delete``,
    surveys/apps.py)."""
    if connection.vendor != "postgresql":
        return False
    if connection.in_atomic_block:
        raise RuntimeError("VACUUM cannot run inside a transaction")
    connection.ensure_connection()
    for model in models:
        # A table name is an identifier, not a parameter: psycopg quotes it.
        connection.connection.execute(
            sql.SQL("VACUUM FULL {}").format(sql.Identifier(model._meta.db_table))
        )
    return True
