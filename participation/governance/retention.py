"""Retention and erasure (TESTPLAN T30): how long a survey keeps
what residents gave it, and what stays afterwards.

Staff set two periods per survey in the Wagtail admin, both counted from the
day each wave closes; an empty period keeps the data:

``Survey.free_text_retention_months``
    When it has passed, the wave's answers to free-text questions are
    deleted: the rows, not just their text (an empty row would still tell
    that the person wrote something). Staff's coding of those answers
    (participation.AnswerCoding: themes, quote decision and the words to
    quote) is deleted with them by cascade, so the wave's approved quotes
    leave the council's open-answers page. The theme counts by origin group
    are archived first (as the wave's release holds them, see below), so
    that aggregate survives. What was copied out of the database earlier (a
    printed status report, an exported file) is beyond this job; the public
    ResultsSnapshot holds disclosed indicator figures only, never a quote.
``Survey.response_retention_years``
    When it has passed, the wave's disclosed catalogue tables are archived
    in participation.ArchivedTable (every explorable question × every
    breakdown in ``catalogue.BREAKDOWNS``, unweighted, at the council's
    threshold), then the wave's responses are deleted (their answers and
    codings cascade) and so are the wave's unused invitation codes, which
    would otherwise tell, next to the letter-merge file, who took part.
    The wave itself stays, with its archived tables.

What is archived is the council's copy of each table in the wave's
published release (participation/council/releases), the numbers the council
saw and the joint audit passed; a table built afresh could show a number
the release hid. A wave without a published release gets one made (audited,
not published) before anything is deleted; if it cannot be made, nothing
is deleted.

``manage.py apply_retention`` runs :func:`retention_apply` once a day. Each
wave is handled in its own transaction, locked against a second run at the
same time. The job is idempotent: a run after a run finds nothing to delete
and nothing to archive (a table already archived is never rewritten), and
writes no RetentionLog row, so the database is the same after both. Each
wave where something was deleted or archived gets one RetentionLog row and
one log record, both with counts only: no text, no response id.
"""

from __future__ import annotations

import calendar
import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation

from config import memo
from participation.council import catalogue
from participation.council.models import (
    AnswerCoding,
    Release,
    ReleaseStatus,
    ReleaseTable,
)
from participation.council.releases import COUNCIL, Population, release_make
from participation.council.releases.populations import WAVE
from participation.governance.models import ArchivedTable, RetentionLog
from surveys.models import (
    Answer,
    Invitation,
    QuestionKind,
    SurveyResponse,
    Wave,
)

logger = logging.getLogger(__name__)

#: Version of the document stored in ArchivedTable.table.
ARCHIVE_VERSION = 1
#: Rows deleted per statement: a wave of a national survey holds hundreds of
#: thousands of responses, and Django's delete holds a batch in memory.
CHUNK = 500


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved ``months`` calendar months on; the 31st becomes the last
    day of a shorter month (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def free_text_due(wave: Wave) -> datetime.date | None:
    """The day the wave's free-text answers are deleted, or None (kept)."""
    months = wave.survey.free_text_retention_months
    return None if months is None else add_months(wave.closes_on, months)


def responses_due(wave: Wave) -> datetime.date | None:
    """The day the wave's responses are deleted, or None (kept)."""
    years = wave.survey.response_retention_years
    return None if years is None else add_months(wave.closes_on, 12 * years)


def is_due(due: datetime.date | None, wave: Wave, today: datetime.date) -> bool:
    """Whether a period ending on ``due`` has passed on ``today``. A wave
    that has not closed yet keeps everything, whatever the period."""
    return due is not None and today > wave.closes_on and today >= due


@dataclass(frozen=True)
class WaveRetention:
    """What retention did (or, in a dry run, would do) to one wave: counts
    only."""

    survey_code: str
    wave_code: str
    wave_name: str
    closes_on: datetime.date
    free_text_due: datetime.date | None
    responses_due: datetime.date | None
    free_texts_deleted: int = 0
    responses_deleted: int = 0
    tables_archived: int = 0
    invitations_deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.free_texts_deleted
            or self.responses_deleted
            or self.tables_archived
            or self.invitations_deleted
        )


# --- archiving ---------------------------------------------------------------


def archive_document(table: catalogue.Table) -> dict:
    """What ArchivedTable.table holds: the table as the council saw it
    (``Table.records()``, hidden numbers None) with its title, columns,
    statistics, notes and threshold, in the site's default language."""
    return {
        "version": ARCHIVE_VERSION,
        "key": table.key,
        "language": translation.get_language(),
        "title": str(table.title),
        "row_heading": str(table.row_heading),
        "columns": [
            {"code": str(code), "label": str(label)} for code, label in table.columns
        ],
        "statistics": [
            {"code": s.code, "label": str(s.label), "kind": s.kind}
            for s in table.statistics
        ],
        "notes": [str(note) for note in table.notes],
        "k": table.k,
        "empty": table.empty,
        "records": table.records(),
    }


def _survey_keys(wave: Wave) -> list[str]:
    """Every explorable question of the wave's survey by every breakdown."""
    return [
        catalogue.survey_key(question.code, wave.pk, breakdown.code, weighted=False)
        for question in catalogue.explorer_questions(wave.survey_id)
        for breakdown in catalogue.BREAKDOWNS.values()
    ]


def _coded_answers(wave: Wave):
    return AnswerCoding.objects.filter(
        answer__response__wave=wave,
        answer__question__kind=QuestionKind.TEXT,
        themes__isnull=False,
    )


def _theme_keys(wave: Wave) -> list[str]:
    """The theme counts of the wave, per coded question and over all of
    them, when any answer of the wave carries a theme."""
    coded = _coded_answers(wave)
    if not coded.exists():
        return []
    codes = (
        wave.survey.questions.filter(
            kind=QuestionKind.TEXT,
            pk__in=coded.values("answer__question"),
        )
        .order_by("code")
        .distinct()
        .values_list("code", flat=True)
    )
    return [*(f"themes:{code}:{wave.pk}" for code in codes), f"themes:all:{wave.pk}"]


def _release(wave: Wave) -> Release:
    """The wave's published release: what the council saw. When none is
    published, one is made here (audited with everything else of the wave,
    not published), so that nothing is archived that the joint audit has not
    passed (T05)."""
    population = Population(WAVE, wave.pk)
    published = Release.objects.filter(
        population=population.code, status=ReleaseStatus.PUBLISHED
    ).first()
    return published or release_make(population=population, now=True)


def _archive(wave: Wave, keys: list[str], *, today: datetime.date) -> int:
    """Store the council's copies of the tables ``keys`` as the wave's
    release holds them (a key it does not hold is not archived); how many."""
    release = _release(wave)
    held = ReleaseTable.objects.filter(release=release, scope=COUNCIL, key__in=keys)
    stored = 0
    with translation.override(settings.LANGUAGE_CODE):
        for frozen in held.order_by("key"):
            table = catalogue.Table.from_data(frozen.data, settings.LANGUAGE_CODE)
            archived = ArchivedTable(
                key=frozen.key,
                wave=wave,
                title=str(table.title),
                k=table.k,
                table=archive_document(table),
                archived_on=today,
            )
            archived.full_clean()
            archived.save()
            stored += 1
    return stored


# --- deleting ----------------------------------------------------------------


def _delete_in_chunks(queryset, label: str) -> int:
    """Delete ``queryset`` a chunk of rows at a time; how many ``label``
    rows (e.g. "surveys.Answer") went, cascades not counted."""
    model = queryset.model
    pks = list(queryset.order_by().values_list("pk", flat=True))
    deleted = 0
    for start in range(0, len(pks), CHUNK):
        _total, per_model = model.objects.filter(
            pk__in=pks[start : start + CHUNK]
        ).delete()
        deleted += per_model.get(label, 0)
    return deleted


def _free_texts(wave: Wave):
    return Answer.objects.filter(response__wave=wave, question__kind=QuestionKind.TEXT)


def wave_retention_apply(
    *, wave: Wave, today: datetime.date, dry_run: bool = False
) -> WaveRetention:
    """Apply the survey's retention periods to ``wave`` on ``today`` in one
    transaction (see the module docstring); with ``dry_run`` count what
    would go and change nothing. Returns the counts."""
    free_due, responses_due_on = free_text_due(wave), responses_due(wave)
    delete_texts = is_due(free_due, wave, today)
    delete_responses = is_due(responses_due_on, wave, today)
    result = {
        "survey_code": wave.survey.code,
        "wave_code": wave.code,
        "wave_name": wave.name,
        "closes_on": wave.closes_on,
        "free_text_due": free_due,
        "responses_due": responses_due_on,
    }
    if not (delete_texts or delete_responses):
        return WaveRetention(**result)
    with transaction.atomic():
        # A second run started at the same moment waits here (PostgreSQL).
        Wave.objects.select_for_update().filter(pk=wave.pk).first()
        has_responses = SurveyResponse.objects.filter(wave=wave).exists()
        keys = _theme_keys(wave)
        if delete_responses and has_responses:
            keys += _survey_keys(wave)
        existing = set(
            ArchivedTable.objects.filter(key__in=keys).values_list("key", flat=True)
        )
        keys = [key for key in keys if key not in existing]
        texts = _free_texts(wave)
        responses = SurveyResponse.objects.filter(wave=wave)
        invitations = Invitation.objects.filter(wave=wave)
        if dry_run:
            return WaveRetention(
                **result,
                free_texts_deleted=texts.count() if delete_texts else 0,
                responses_deleted=responses.count() if delete_responses else 0,
                tables_archived=len(keys),
                invitations_deleted=invitations.count() if delete_responses else 0,
            )
        archived = _archive(wave, keys, today=today) if keys else 0
        free_texts = _delete_in_chunks(texts, "surveys.Answer") if delete_texts else 0
        deleted_responses = deleted_invitations = 0
        if delete_responses:
            deleted_responses = _delete_in_chunks(responses, "surveys.SurveyResponse")
            deleted_invitations, _per_model = invitations.delete()
        done = WaveRetention(
            **result,
            free_texts_deleted=free_texts,
            responses_deleted=deleted_responses,
            tables_archived=archived,
            invitations_deleted=deleted_invitations,
        )
        if done.changed:
            entry = RetentionLog(
                ran_on=today,
                survey_code=done.survey_code,
                wave_code=done.wave_code,
                free_texts_deleted=done.free_texts_deleted,
                responses_deleted=done.responses_deleted,
                tables_archived=done.tables_archived,
            )
            entry.full_clean()
            entry.save()
            transaction.on_commit(memo.bump)
    if done.changed:
        logger.info(
            "Retention, survey %s wave %s: %d free-text answers deleted, "
            "%d responses deleted, %d invitation codes deleted, %d tables archived.",
            done.survey_code,
            done.wave_code,
            done.free_texts_deleted,
            done.responses_deleted,
            done.invitations_deleted,
            done.tables_archived,
        )
    return done


def waves_with_retention():
    """Waves of surveys with a retention period, in survey and wave order."""
    return (
        Wave.objects.filter(
            Q(survey__free_text_retention_months__isnull=False)
            | Q(survey__response_retention_years__isnull=False)
        )
        .select_related("survey")
        .order_by("survey__code", "opens_on", "code")
    )


def retention_apply(
    *, today: datetime.date | None = None, dry_run: bool = False
) -> list[WaveRetention]:
    """Apply every survey's retention periods on ``today`` (default: the
    local date), one transaction per wave. Returns a WaveRetention for each
    closed wave of a survey with a period, in survey and wave order."""
    today = today or timezone.localdate()
    return [
        wave_retention_apply(wave=wave, today=today, dry_run=dry_run)
        for wave in waves_with_retention().filter(closes_on__lt=today)
    ]


def retention_schedule(*, today: datetime.date | None = None) -> list[dict]:
    """For the data-protection page: every wave of a survey with a period,
    with its closing day, the days its free text and its responses go (None:
    kept), whether each has passed, and how many tables are archived."""
    today = today or timezone.localdate()
    waves = waves_with_retention()
    archived = dict(
        ArchivedTable.objects.values_list("wave").annotate(n=Count("pk")).order_by()
    )
    rows = []
    for wave in waves:
        free_due, responses_due_on = free_text_due(wave), responses_due(wave)
        rows.append(
            {
                "wave": wave,
                "survey": wave.survey,
                "free_text_due": free_due,
                "free_text_passed": is_due(free_due, wave, today),
                "responses_due": responses_due_on,
                "responses_passed": is_due(responses_due_on, wave, today),
                "tables_archived": archived.get(wave.pk, 0),
            }
        )
    return rows
