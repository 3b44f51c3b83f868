"""Writes of survey responses: submit and withdraw.

A finished response goes to the pool (PooledResponse, surveys/pool.py), and
a background job stores the pool in mixed batches, so the stored rows do not
follow submission order. Submission is atomic and idempotent: the receipt
hash is unique in the pool and among stored responses, so a double click or
a replayed post leaves one response. An invitation code is used up (its row
deleted) in the transaction that pools the response, and nothing on the
response refers to it (surveys/invitations.py).

Submit and withdraw of one receipt are serialised, so a replayed post racing
a withdrawal cannot store the withdrawn answers again: both take a
transaction-level lock keyed by the receipt hash (PostgreSQL), and the submit
looks for the withdrawal inside its transaction, after the lock and after its
first write (SQLite, which has no such locks, serialises writers: once a
transaction has written, no other can commit until it ends). The lock lives
in memory until the transaction ends; nothing is stored for it (SPEC §4.1).
"""

from django.db import IntegrityError, transaction

from surveys.invitations import CODE_REQUIRED, InvitationRefused, invitation_use
from surveys.locks import transaction_lock
from surveys.models import (
    BackgroundRole,
    Channel,
    PooledResponse,
    Question,
    QuestionKind,
    Survey,
    SurveyResponse,
    Wave,
    WithdrawnReceipt,
)
from surveys.origin import derive_country_group, derive_origin
from surveys.pool import pooled_content
from surveys.receipts import receipt_hash
from surveys.scrub import scrub


class AlreadyWithdrawn(Exception):
    """The receipt's answers were withdrawn; they are not stored again."""


def _receipt_lock(digest: str) -> None:
    """Hold a lock on this receipt hash until the current transaction ends
    (surveys/locks.py): a submit and a withdrawal of one receipt wait for
    each other, and under READ COMMITTED each statement after the lock sees
    what the other committed. On SQLite the callers rely on its single
    writer instead (see response_submit)."""
    transaction_lock(b"medborger.receipt:" + digest.encode())


def _withdrawn(digest: str) -> bool:
    return WithdrawnReceipt.objects.filter(receipt_hash=digest).exists()


def _answer_rows(
    *, questions: list[Question], answers: dict[str, object]
) -> list[dict]:
    """The answer rows of a response as the pool holds them (surveys/pool.py):
    question ids with a choice code, a number or scrubbed text."""
    rows: list[dict] = []
    for question in questions:
        value = answers.get(question.code)
        if value in (None, "", []):
            continue
        if question.kind == QuestionKind.MULTI:
            rows.extend(
                {"question": question.pk, "choice": str(code)} for code in value
            )
        elif question.kind == QuestionKind.NUMBER:
            rows.append({"question": question.pk, "number": int(value)})
        elif question.kind == QuestionKind.TEXT:
            rows.append({"question": question.pk, "text": scrub(value).text})
        else:
            rows.append({"question": question.pk, "choice": str(value)})
    return rows


def _background(
    questions: list[Question], answers: dict[str, object]
) -> dict[str, str]:
    return {
        q.background_role: str(answers[q.code])
        for q in questions
        if q.background_role and q.code in answers
    }


def _existing(digest: str) -> PooledResponse | SurveyResponse | None:
    """The response already sent with this receipt: waiting in the pool or
    stored. The pool first: a batch moving it commits between the two
    reads, never before the first (READ COMMITTED)."""
    return (
        PooledResponse.objects.filter(receipt_hash=digest).first()
        or SurveyResponse.objects.filter(receipt_hash=digest).first()
    )


def response_submit(
    *,
    wave: Wave,
    questions: list[Question],
    answers: dict[str, object],
    language: str,
    receipt: str,
    channel: str = Channel.WEB,
    invitation: str = "",
) -> tuple[PooledResponse | SurveyResponse, bool]:
    """Put one finished response in the pool; returns (response, created).

    `answers` maps question codes to cleaned values (a choice code, a list of
    codes, an int or text). `channel` is web, paper or assisted. `invitation`
    is the hash of the resident's invitation code (invitations.code_hash);
    a survey that requires one gets nothing stored without it. The response
    waits in the pool (a PooledResponse) until a batch stores it
    (surveys/pool.py); its receipt works at once. A second call with the
    same receipt returns what the first left, pooled or stored, and
    created=False. Raises AlreadyWithdrawn when that receipt's answers were
    withdrawn, and InvitationRefused when the code is unknown or was used up
    by another response.
    """
    digest = receipt_hash(receipt)
    # A shortcut only (and it keeps this error ahead of the code check): a
    # withdrawal may commit right after it, so the transaction looks again.
    if _withdrawn(digest):
        raise AlreadyWithdrawn
    if (
        not invitation
        and Survey.objects.filter(pk=wave.survey_id, requires_invitation=True).exists()
    ):
        raise InvitationRefused(CODE_REQUIRED)
    background = _background(questions, answers)
    origin = derive_origin(
        born_in_denmark=background.get(BackgroundRole.BORN_DK),
        mother_danish=background.get(BackgroundRole.MOTHER_DK),
        father_danish=background.get(BackgroundRole.FATHER_DK),
        citizen=background.get(BackgroundRole.CITIZEN_DK),
    )
    country_group = derive_country_group(
        origin=origin, country_group=background.get(BackgroundRole.COUNTRY_GROUP)
    )
    # What the batch will store, checked now so a bad value fails here and
    # not in a batch. The wave came from the database a moment ago.
    SurveyResponse(
        wave=wave,
        language=language,
        channel=channel,
        origin=origin,
        country_group=country_group,
    ).full_clean(
        exclude=["receipt_hash", "wave", "submitted_on"], validate_unique=False
    )
    pooled = PooledResponse(
        wave=wave,
        receipt_hash=digest,
        content=pooled_content(
            language=language,
            channel=channel,
            origin=origin,
            country_group=country_group,
            rows=_answer_rows(questions=questions, answers=answers),
        ),
    )
    try:
        with transaction.atomic():
            # A withdrawal of this receipt waits for this transaction to end,
            # or this waits for it (PostgreSQL).
            _receipt_lock(digest)
            # A replay finds its response here on PostgreSQL (the lock makes
            # posts of one receipt take turns) without the failed insert,
            # whose error the database server would log with the receipt
            # hash and a time (SPEC §4.1).
            existing = _existing(digest)
            if existing is not None:
                return existing, False
            if invitation:
                # The first write, so a second post of one code (another
                # receipt) waits here for the first to commit and then finds
                # the code gone.
                invitation_use(wave=wave, digest=invitation)
            pooled.save(force_insert=True)
            # After the lock and after the first write, so a withdrawal that
            # committed since the shortcut above is seen here and none can
            # commit before this transaction ends (on SQLite this one now
            # holds the only write lock). Raising rolls everything back.
            if _withdrawn(digest):
                raise AlreadyWithdrawn
    except (IntegrityError, InvitationRefused):
        # A replay of a stored post (same receipt) finds its code gone or its
        # receipt taken: it gets the response it already left, unless a
        # withdrawal deleted that response after this transaction ended.
        existing = _existing(digest)
        if existing is None:
            if _withdrawn(digest):
                raise AlreadyWithdrawn from None
            raise
        return existing, False
    return pooled, True


def response_withdraw(*, receipt: str) -> bool:
    """Delete the response with this receipt, pooled or stored; True if
    there was one. The pool's and the invitation table's dead tuples go at
    the next run of the pool job (surveys/pool.py:pool_rewrite)."""
    digest = receipt_hash(receipt)
    if not digest:
        return False
    with transaction.atomic():
        # Waits for a submit of this receipt in flight (PostgreSQL), so the
        # deletes below see its response; a later one finds the withdrawal.
        _receipt_lock(digest)
        # The pool first: if a batch is moving this response, the delete
        # waits for the batch's row lock, finds the row gone, and the next
        # statement sees the stored response (READ COMMITTED).
        deleted, _detail = PooledResponse.objects.filter(receipt_hash=digest).delete()
        if not deleted:
            deleted, _detail = SurveyResponse.objects.filter(
                receipt_hash=digest
            ).delete()
        if deleted:
            WithdrawnReceipt.objects.get_or_create(receipt_hash=digest)
    return bool(deleted)
