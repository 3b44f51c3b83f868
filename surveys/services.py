"""Writes of survey responses: submit and withdraw.

Submission is atomic (all answer rows or none) and idempotent: the receipt
hash is unique, so a double click or a replayed post stores one response.
An invitation code is used up (its row deleted) in the same transaction,
and nothing on the response refers to it (surveys/invitations.py).
"""

import datetime

from django.db import IntegrityError, transaction

from surveys.invitations import CODE_REQUIRED, InvitationRefused, invitation_use
from surveys.models import (
    Answer,
    BackgroundRole,
    Channel,
    Question,
    QuestionKind,
    Survey,
    SurveyResponse,
    Wave,
    WithdrawnReceipt,
)
from surveys.origin import derive_country_group, derive_origin
from surveys.receipts import receipt_hash
from surveys.scrub import scrub


class AlreadyWithdrawn(Exception):
    """The receipt's answers were withdrawn; they are not stored again."""


def _answer_rows(
    *, response: SurveyResponse, questions: list[Question], answers: dict[str, object]
) -> list[Answer]:
    rows = []
    for question in questions:
        value = answers.get(question.code)
        if value in (None, "", []):
            continue
        if question.kind == QuestionKind.MULTI:
            rows.extend(
                Answer(response=response, question=question, choice=str(code))
                for code in value
            )
        elif question.kind == QuestionKind.NUMBER:
            rows.append(Answer(response=response, question=question, number=int(value)))
        elif question.kind == QuestionKind.TEXT:
            rows.append(
                Answer(response=response, question=question, text=scrub(value).text)
            )
        else:
            rows.append(Answer(response=response, question=question, choice=str(value)))
    return rows


def _background(
    questions: list[Question], answers: dict[str, object]
) -> dict[str, str]:
    return {
        q.background_role: str(answers[q.code])
        for q in questions
        if q.background_role and q.code in answers
    }


def response_submit(
    *,
    wave: Wave,
    questions: list[Question],
    answers: dict[str, object],
    language: str,
    receipt: str,
    channel: str = Channel.WEB,
    invitation: str = "",
    on: datetime.date,
) -> tuple[SurveyResponse, bool]:
    """Store one response; returns (response, created).

    `answers` maps question codes to cleaned values (a choice code, a list of
    codes, an int or text). `channel` is web, paper or assisted. `invitation`
    is the hash of the resident's invitation code (invitations.code_hash);
    a survey that requires one gets nothing stored without it. A second call
    with the same receipt returns the stored response and created=False.
    Raises AlreadyWithdrawn when that receipt's answers were withdrawn, and
    InvitationRefused when the code is unknown or was used up by another
    response.
    """
    digest = receipt_hash(receipt)
    if WithdrawnReceipt.objects.filter(receipt_hash=digest).exists():
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
    response = SurveyResponse(
        wave=wave,
        language=language,
        channel=channel,
        submitted_on=on,
        origin=origin,
        country_group=derive_country_group(
            origin=origin, country_group=background.get(BackgroundRole.COUNTRY_GROUP)
        ),
        receipt_hash=digest,
    )
    # The wave came from the database a moment ago: no need to look it up again.
    response.full_clean(exclude=["receipt_hash", "wave"], validate_unique=False)
    try:
        with transaction.atomic():
            if invitation:
                # First, so a second post of one code waits here for the
                # first to commit and then finds the code gone.
                invitation_use(wave=wave, digest=invitation)
            response.save()
            Answer.objects.bulk_create(
                _answer_rows(response=response, questions=questions, answers=answers)
            )
    except (IntegrityError, InvitationRefused):
        # A replay of a stored post (same receipt) finds its code gone or its
        # receipt taken: it gets the response it already stored.
        existing = SurveyResponse.objects.filter(receipt_hash=digest).first()
        if existing is None:
            raise
        return existing, False
    return response, True


def response_withdraw(*, receipt: str) -> bool:
    """Delete the response with this receipt; True if there was one."""
    digest = receipt_hash(receipt)
    if not digest:
        return False
    with transaction.atomic():
        deleted, _detail = SurveyResponse.objects.filter(receipt_hash=digest).delete()
        if deleted:
            WithdrawnReceipt.objects.get_or_create(receipt_hash=digest)
    return bool(deleted)
