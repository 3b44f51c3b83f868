"""Open answers (SPEC §3.3): staff code residents' free-text answers into
themes and decide which answers may be quoted; the council reads how often
each theme came up, by background, and the quotes staff approved.

Writes go through ``answer_code``; the council pages read
``theme_counts_frame`` (raw counts: they must pass disclosure control,
participation/stats/disclosure.py, before anyone sees them) and
``approved_quotes``. The admin listing reads ``answers_to_code``.

Nothing here ties an answer to a person: a quote carries its question and
wave only, never the respondent's origin, neighbourhood or age, and quotes
are ordered by question, theme and text, never by when they were given.
"""

from collections.abc import Iterable

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Min, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from participation.council.models import AnswerCoding, QuoteStatus, Theme
from surveys.models import Answer, Question, QuestionKind, Wave
from surveys.scrub import scrub

THEME_COUNT_COLUMNS = ["theme", "origin", "n"]

QUOTE_REQUIRED = _(
    "Write the words that may be quoted, or set the quote to “Not proposed as a quote”."
)


def normalise_text(text: str) -> str:
    """``text`` with browser line breaks (CR LF) as LF and outer space
    removed, so a quote posted back unchanged compares equal."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_answers() -> QuerySet[Answer]:
    """Every non-empty answer to a free-text question."""
    return Answer.objects.filter(question__kind=QuestionKind.TEXT).exclude(text="")


def text_questions() -> QuerySet[Question]:
    """The free-text questions, in survey order."""
    return Question.objects.filter(kind=QuestionKind.TEXT).select_related("survey")


def answers_to_code(
    *,
    question: Question | None = None,
    wave: Wave | None = None,
    theme: Theme | None = None,
    uncoded: bool = False,
) -> QuerySet[Answer]:
    """The free-text answers staff code, with their question, wave and
    coding (themes prefetched). ``uncoded`` keeps the answers that have no
    theme yet; ``theme`` those coded with it. Ordered by question, then as
    stored, so a page keeps its place while staff work through it."""
    answers = text_answers()
    if question is not None:
        answers = answers.filter(question=question)
    if wave is not None:
        answers = answers.filter(response__wave=wave)
    if theme is not None:
        answers = answers.filter(coding__themes=theme)
    if uncoded:
        answers = answers.filter(coding__themes__isnull=True)
    return (
        answers.select_related("question", "response__wave", "coding")
        .prefetch_related("coding__themes")
        .order_by("question__survey_id", "question__sort_order", "question_id", "pk")
        .distinct()
    )


@transaction.atomic
def answer_code(
    *,
    answer: Answer,
    themes: Iterable[Theme],
    quote_status: str,
    quote: str,
    translation: str = "",
) -> AnswerCoding:
    """Record staff's coding of one free-text answer: its themes, whether it
    may be quoted and in which words. The quote is scrubbed of CPR numbers,
    phone numbers and e-mail addresses (surveys/scrub.py) before it is saved.

    A quote status other than "not proposed" needs the words to quote;
    without one a quote text that merely repeats the answer is not stored
    (the answer is the default). Raises ValidationError (keyed by field) for
    a question that is not free text, an unknown status or a missing quote.
    Returns the saved coding."""
    if answer.question.kind != QuestionKind.TEXT:
        raise ValidationError(
            _("Only answers to free-text questions are coded."), code="not_text"
        )
    quote = scrub(normalise_text(quote)).text
    if quote_status and not quote:
        raise ValidationError(
            {"quote": ValidationError(QUOTE_REQUIRED, code="quote_required")}
        )
    if not quote_status and quote == normalise_text(answer.text):
        quote = ""
    coding = AnswerCoding.objects.select_for_update().filter(
        answer=answer
    ).first() or AnswerCoding(answer=answer)
    coding.quote_status = quote_status
    coding.quote = quote
    coding.translation = scrub(normalise_text(translation)).text if quote_status else ""
    coding.full_clean()
    coding.save()
    coding.themes.set(list(themes))
    return coding


def theme_counts_frame(
    *, question: Question | None = None, wave: Wave | None = None
) -> pd.DataFrame:
    """How many respondents' coded answers carry each theme, by the
    respondent's origin category (SurveyResponse.origin), counted by the
    database. For one question that is the number of answers; over several,
    a respondent who gave the theme in two answers counts once.

    Columns: theme (Theme.code), origin (origin code), n (int); one row per
    theme and origin that occur, ordered by the themes' order then origin.
    The counts are raw: pass them through disclosure control before they
    are shown."""
    codings = AnswerCoding.objects.filter(
        themes__isnull=False, answer__question__kind=QuestionKind.TEXT
    )
    if question is not None:
        codings = codings.filter(answer__question=question)
    if wave is not None:
        codings = codings.filter(answer__response__wave=wave)
    rows = (
        codings.values(theme=F("themes__code"), origin=F("answer__response__origin"))
        .annotate(
            n=Count("answer__response", distinct=True),
            theme_order=Min("themes__sort_order"),
        )
        .order_by("theme_order", "theme", "origin")
    )
    frame = pd.DataFrame(
        [{col: row[col] for col in THEME_COUNT_COLUMNS} for row in rows],
        columns=THEME_COUNT_COLUMNS,
    )
    return frame.astype({"n": "int64"}) if len(frame) else frame


def approved_quotes(
    *, question: Question | None = None, wave: Wave | None = None, limit: int = 50
) -> list[dict[str, str]]:
    """The quotes staff approved, for the council and the public.

    Each is a dict with only ``question`` (code), ``question_text`` (in the
    active language), ``wave`` (name), ``quote`` (scrubbed again on the
    way out), ``language`` (the one the resident wrote in) and
    ``translation`` (staff's Danish, scrubbed likewise). Pending and
    rejected quotes never appear; nothing about the respondent does either.
    Ordered by question, then the first theme, then the quote's text, so
    the order says nothing about who answered when."""
    codings = AnswerCoding.objects.filter(
        quote_status=QuoteStatus.APPROVED, answer__question__kind=QuestionKind.TEXT
    )
    if question is not None:
        codings = codings.filter(answer__question=question)
    if wave is not None:
        codings = codings.filter(answer__response__wave=wave)
    codings = (
        codings.annotate(
            first_theme=Min("themes__sort_order"),
            words=Coalesce(
                NullIf("quote", Value("")), "answer__text", output_field=TextField()
            ),
        )
        .select_related("answer__question", "answer__response__wave")
        .order_by(
            "answer__question__survey_id",
            "answer__question__sort_order",
            "answer__question__code",
            F("first_theme").asc(nulls_last=True),
            "words",
        )[: max(limit, 0)]
    )
    quotes = []
    for coding in codings:
        question_ = coding.answer.question
        quotes.append(
            {
                "question": question_.code,
                "question_text": question_.text,
                "wave": coding.answer.response.wave.name,
                "quote": scrub(coding.words).text,
                # The language the resident wrote in, so the page marks the
                # words up in it (lang, dir), and staff's Danish translation.
                "language": coding.answer.response.language,
                "translation": scrub(coding.translation).text,
            }
        )
    return quotes
