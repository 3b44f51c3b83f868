"""The raw-response export: one CSV row per response of a wave (SPEC §4.2).

Raw responses leave the database only through this file, which staff with
the permission ``participation.export_responses`` ask for
(participation.council.views.export_responses). What it writes:

- RFC 4180 CSV (the csv module, CRLF line ends), UTF-8 with a byte-order
  mark so Excel reads the nine languages' text;
- a header row, then one row per SurveyResponse of the wave: a row number
  (1..n, never the primary key), the wave code, the day it was submitted,
  the language, channel, origin and country group, then one column per
  question of the survey in the survey's order, named by the question's
  stable code (see :func:`columns`);
- free text scrubbed again with surveys.scrub (the scrubber may have learnt
  a pattern since the answer was saved), and every text cell passed through
  config.csvsafe.neutralise (TESTPLAN T10).

Order: by day, then by a keyed hash of the primary key, so the order shows
nothing about who answered first within a day, and two exports of the same
wave are the same file. The database computes the hash: MD5 (built into
PostgreSQL and SQLite, unlike SHA-256 on PostgreSQL without pgcrypto) of a
per-wave salt and the pk. The salt is an HMAC of the wave with SECRET_KEY;
the key itself never reaches the database. The hash only orders rows: with
the salt unknown the order within a day is a fixed, unpredictable shuffle.

It streams: responses are read in key order through a server-side cursor
and their answers a batch at a time, so memory stays bounded by the batch
size, whatever the size of the wave.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Value
from django.db.models.functions import MD5, Cast, Concat
from django.utils.text import slugify

from config.csvsafe import neutralise
from surveys.models import Answer, Question, QuestionKind, SurveyResponse, Wave
from surveys.scrub import scrub

#: The columns every export starts with, before one column per question.
FIXED_COLUMNS = (
    "row",
    "wave",
    "submitted_on",
    "language",
    "channel",
    "origin",
    "country_group",
)
#: What joins the chosen codes of a multiple-choice answer in one cell.
MULTI_SEPARATOR = ";"
#: Responses whose answers are read in one query. The database does the
#: reading; this bounds the rows held in Python (about 30 answers each).
BATCH = 2000
#: Rows fetched per round trip from the server-side cursor of responses.
CHUNK = 2000
#: Bytes of CSV gathered before a chunk is handed to the response.
FLUSH_AT = 64 * 1024

#: Distinct cells a column remembers once neutralised (choice codes and
#: their combinations are few; the cap bounds memory whatever is stored).
MEMO = 4096

_CHOICE_KINDS = frozenset(
    {QuestionKind.AGREE, QuestionKind.YESNO, QuestionKind.SINGLE, QuestionKind.MULTI}
)


@dataclass(frozen=True)
class Column:
    """One question's column: its heading, its kind, and for choice
    questions each code's position in the question's choice order."""

    name: str
    kind: str
    order: dict[str, int] = field(default_factory=dict)
    #: Cells already rendered, by the code or tuple of codes they show.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def render(self, value: str | list[str]) -> str:
        """The cell of one answer: text scrubbed, codes joined in choice
        order, and neutralised for spreadsheets. ``value`` is a str for one
        answer row, a list for several."""
        if self.kind == QuestionKind.TEXT:
            text = value if isinstance(value, str) else "\n".join(value)
            return neutralise(scrub(text).text)
        key = value if isinstance(value, str) else tuple(value)
        cell = self.memo.get(key)
        if cell is None:
            codes = [value] if isinstance(value, str) else list(value)
            last = len(self.order)
            codes.sort(key=lambda code: (self.order.get(code, last), code))
            cell = neutralise(MULTI_SEPARATOR.join(codes))
            if len(self.memo) < MEMO:
                self.memo[key] = cell
        return cell


def columns(wave: Wave) -> dict[int, tuple[int, Column]]:
    """The question columns of ``wave``'s survey: question id -> (position,
    Column), in the survey's order (section order, then question order).

    A column is named by the question's code. A code that is already a
    heading (a background question coded ``country_group`` beside the
    response's derived country group) gets ``q_`` in front, as in the form.
    """
    questions = (
        Question.objects.filter(survey_id=wave.survey_id)
        .order_by("section__sort_order", "sort_order", "pk")
        .prefetch_related("choices")
    )
    taken = set(FIXED_COLUMNS)
    out: dict[int, tuple[int, Column]] = {}
    for position, question in enumerate(questions):
        name = question.code
        while name in taken:
            name = f"q_{name}"
        taken.add(name)
        order = {}
        if question.kind == QuestionKind.AGREE:
            order = {code: i for i, code in enumerate(("1", "2", "3", "4", "5", "dk"))}
        elif question.kind == QuestionKind.YESNO:
            order = {"yes": 0, "no": 1, "dk": 2}
        elif question.kind in _CHOICE_KINDS:
            choices = sorted(question.choices.all(), key=lambda c: (c.sort_order, c.pk))
            order = {choice.code: i for i, choice in enumerate(choices)}
        out[question.pk] = (position, Column(name, question.kind, order))
    return out


def _shuffle_salt(wave: Wave) -> str:
    """A per-wave salt from SECRET_KEY: stable, so an export is repeatable,
    and useless for ordering another wave's responses."""
    message = f"medborger.raw_export.order:{wave.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _responses(wave: Wave) -> Iterator[tuple]:
    """(pk, submitted_on, language, channel, origin, country_group) of each
    response of ``wave``, by day and then by the keyed hash of the pk."""
    shuffle = MD5(
        Concat(Value(_shuffle_salt(wave)), Cast("pk", output_field=CharField()))
    )
    return (
        SurveyResponse.objects.filter(wave=wave)
        .annotate(shuffle=shuffle)
        .order_by("submitted_on", "shuffle", "pk")
        .values_list(
            "pk", "submitted_on", "language", "channel", "origin", "country_group"
        )
        .iterator(chunk_size=CHUNK)
    )


def _batch_size() -> int:
    # SQLite takes at most 999 parameters in one query; PostgreSQL has no
    # such limit worth meeting here.
    limit = connection.features.max_query_params
    return min(BATCH, limit - 1) if limit else BATCH


def _batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` consecutive items (itertools.batched is 3.12+)."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _answers(ids: list[int], cols: dict[int, tuple[int, Column]]) -> dict[int, list]:
    """Each response's cells, in column order, for the responses ``ids``.

    The answers come ordered by response, so each response's rows are
    consecutive; a response's cells are finished when the next one starts.
    This loop runs once per answer, so it is written for speed: a cell holds
    the raw code or text (a list when a question has several rows) until
    the response is complete, then Column.render makes it a cell.
    """
    rows = (
        Answer.objects.filter(response_id__in=ids)
        .values_list("response_id", "question_id", "choice", "number", "text")
        .order_by("response_id")
    )
    number_kind, text_kind = QuestionKind.NUMBER, QuestionKind.TEXT
    # question id -> (position, kind, memo of rendered codes or None, column)
    slots = {
        qid: (
            position,
            column.kind,
            None if column.kind == text_kind else column.memo,
            column,
        )
        for qid, (position, column) in cols.items()
    }
    width = len(cols)
    out: dict[int, list] = {}
    current = None
    values: list = []
    touched: list[tuple] = []

    def finish():
        for position, _kind, memo, column in touched:
            value = values[position]
            cell = memo.get(value) if memo is not None and type(value) is str else None
            values[position] = column.render(value) if cell is None else cell

    for response_id, question_id, choice, number, text in rows:
        if response_id != current:
            finish()
            current = response_id
            values = out[response_id] = [""] * width
            touched = []
        slot = slots.get(question_id)
        if slot is None:
            continue
        position, kind = slot[0], slot[1]
        if kind == number_kind:
            if number is not None:
                values[position] = number
            continue
        value = text if kind == text_kind else choice
        if not value:
            continue
        held = values[position]
        if held == "":
            values[position] = value
            touched.append(slot)
        elif type(held) is str:
            values[position] = [held, value]
        else:
            held.append(value)
    finish()
    return out


def responses_csv_rows(*, wave: Wave) -> Iterator[list]:
    """The export of ``wave`` as lists of cells: the header, then one list
    per response (see the module docstring). Text cells are scrubbed and
    neutralised; a question not answered is an empty string, a number an
    int."""
    cols = columns(wave)
    names = [column.name for _position, column in sorted(cols.values())]
    yield [neutralise(name) for name in (*FIXED_COLUMNS, *names)]
    wave_code = neutralise(wave.code)
    empty = [""] * len(cols)
    # The response's own columns hold a handful of distinct codes.
    safe = _Memo()
    number = 0
    for batch in _batched(_responses(wave), _batch_size()):
        answers = _answers([row[0] for row in batch], cols)
        for pk, submitted_on, language, channel, origin, country_group in batch:
            number += 1
            yield [
                number,
                wave_code,
                submitted_on.isoformat(),
                safe[language],
                safe[channel],
                safe[origin],
                safe[country_group],
                *answers.get(pk, empty),
            ]


class _Memo(dict):
    """neutralise() of a value, remembered for up to MEMO values."""

    def __missing__(self, value):
        cell = neutralise(value)
        if len(self) < MEMO:
            self[value] = cell
        return cell


class _Sink:
    """What csv.writer writes to: it only collects the pieces."""

    def __init__(self):
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def take(self) -> bytes:
        out = "".join(self.parts).encode("utf-8")
        self.parts, self.size = [], 0
        return out


def responses_csv_stream(*, wave: Wave) -> Iterator[bytes]:
    """The export of ``wave`` as UTF-8 bytes (with a byte-order mark) in
    chunks of about 64 KB, for a StreamingHttpResponse."""
    sink = _Sink()
    sink.write("\ufeff")
    writer = csv.writer(sink, lineterminator="\r\n")
    for row in responses_csv_rows(wave=wave):
        writer.writerow(row)
        if sink.size >= FLUSH_AT:
            yield sink.take()
    if sink.parts:
        yield sink.take()


def export_filename(wave: Wave) -> str:
    """The download's file name: ASCII, from the survey's and wave's codes."""
    survey = slugify(wave.survey.code) or "survey"
    return f"medborger-responses-{survey}-{slugify(wave.code) or wave.pk}.csv"
