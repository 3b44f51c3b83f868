"""The raw-response export: one CSV row per response of a wave (SPEC §4.2).

Raw responses leave the database only through this file, which staff with
the permission ``participation.export_responses`` ask for
(participation.council.views.export_responses). It is k-anonymous: every
combination of its quasi-identifiers occurs at least ``k`` times (``k`` is
the council's disclosure threshold, catalogue.policy()). What it writes:

- RFC 4180 CSV (the csv module, CRLF line ends), UTF-8 with a byte-order
  mark so Excel reads the nine languages' text;
- a header row, then one row per SurveyResponse of the wave: a row number
  (1..n, never the primary key), the wave code (the only time in the file:
  no day), the language, channel, origin and country group, then one column
  per question of the survey in the survey's order, named by the question's
  stable code (see :func:`columns`);
- free text only for staff who also hold ``participation.export_free_text``,
  scrubbed again with surveys.scrub (the scrubber may have learnt a pattern
  since the answer was saved); without it the text questions' columns are
  left out and the rest is written as usual;
- every text cell passed through config.csvsafe.neutralise (TESTPLAN T10).

Quasi-identifiers (QIs) are what someone who knows a resident could match
a row on: the response's language, channel, origin and country group, and
the answer to every question with a background role (surveys.models.
BackgroundRole: born in Denmark, citizenship, mother's and father's
background, country group, years in Denmark, age band, gender,
neighbourhood). Other answers are what the file is for and stay as given.
participation.stats.kanon protects the QIs: it first recodes along
:func:`hierarchies` (rare languages, channels, genders and neighbourhoods
into ``other``, neighbouring age bands together, years in Denmark into
bands, immigrant and descendant into ``multicultural``) where that loses
less than stars would, then puts the rows that still stand out in groups of
at least ``k``, alike in the most important columns as far as it can
(:data:`IMPORTANCE`), and writes ``*`` where a group's values differ; rows
are left out only when the wave has fewer than ``k``. ``*`` counts as a
value of its own: a combination with a star occurs ``k`` times too.
:func:`protection` says what it did; the export page shows that to staff
before the download.

The QIs of the whole wave are read first (one pass, two queries: the
responses' fields and the background answers), so memory holds the QI
frame, a few columns of codes per response. The rows are then streamed:
responses in the order of a keyed hash of the primary key, their answers a
batch at a time. The hash hides the order of submission: the database
computes MD5 (built into PostgreSQL and SQLite, unlike SHA-256 on PostgreSQL
without pgcrypto) of a per-wave salt and the pk; the salt is an HMAC of the
wave with SECRET_KEY, which never reaches the database. With the salt
unknown the order is a fixed, unpredictable shuffle, and two exports of the
same wave are the same file. Both passes read one snapshot (one REPEATABLE
READ transaction on PostgreSQL), so a response withdrawn meanwhile cannot
leave a combination with fewer than ``k`` rows.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import hmac
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import connection, transaction
from django.db.models import CharField, Value
from django.db.models.functions import MD5, Cast, Concat
from django.utils.text import slugify

from config.csvsafe import neutralise
from participation.council import catalogue
from participation.stats import kanon
from surveys.models import (
    Answer,
    BackgroundRole,
    Question,
    QuestionKind,
    SurveyResponse,
    Wave,
)
from surveys.origin import MULTICULTURAL
from surveys.scrub import scrub

#: The columns every export starts with, before one column per question.
FIXED_COLUMNS = ("row", "wave", "language", "channel", "origin", "country_group")
#: The response's own fields that are quasi-identifiers (and file columns).
RESPONSE_QUASI = ("language", "channel", "origin", "country_group")
#: Quasi-identifiers, most important first: suppressed last, and kept when
#: a tie could suppress either. The response's fields by name, background
#: questions by role. Origin and country group are what the council's
#: tables turn on; the answers origin is derived from are worth least once
#: the origin is there (country group is nested in origin, so its star
#: leaves the coarser origin). A role not listed comes after these.
IMPORTANCE: tuple[tuple[str, str], ...] = (
    ("field", "origin"),
    ("field", "country_group"),
    ("role", BackgroundRole.AGE_BAND),
    ("role", BackgroundRole.GENDER),
    ("role", BackgroundRole.NEIGHBOURHOOD),
    ("field", "language"),
    ("role", BackgroundRole.YEARS_IN_DK),
    ("field", "channel"),
    ("role", BackgroundRole.COUNTRY_GROUP),
    ("role", BackgroundRole.BORN_DK),
    ("role", BackgroundRole.CITIZEN_DK),
    ("role", BackgroundRole.MOTHER_DK),
    ("role", BackgroundRole.FATHER_DK),
)
#: What immigrants and descendants are recoded to when origin is generalised
#: (SPEC: "multicultural background", surveys.origin.MULTICULTURAL).
MULTICULTURAL_CODE = "multicultural"
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
    #: The question's background role ("" for none): a quasi-identifier.
    role: str = ""
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
            cell = neutralise(self.join(codes))
            if len(self.memo) < MEMO:
                self.memo[key] = cell
        return cell

    def join(self, codes: list[str]) -> str:
        """Choice codes in the question's choice order, joined."""
        last = len(self.order)
        return MULTI_SEPARATOR.join(
            sorted(codes, key=lambda code: (self.order.get(code, last), code))
        )


def columns(wave: Wave, *, free_text: bool = True) -> dict[int, tuple[int, Column]]:
    """The question columns of ``wave``'s survey: question id -> (position,
    Column), in the survey's order (section order, then question order);
    without ``free_text``, none for the text questions.

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
    for question in questions:
        if question.kind == QuestionKind.TEXT and not free_text:
            continue
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
        column = Column(name, question.kind, order, question.background_role)
        out[question.pk] = (len(out), column)
    return out


def _shuffle_salt(wave: Wave) -> str:
    """A per-wave salt from SECRET_KEY: stable, so an export is repeatable,
    and useless for ordering another wave's responses."""
    message = f"medborger.raw_export.order:{wave.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _responses(wave: Wave) -> Iterator[int]:
    """The pk of each response of ``wave``, in the order of the keyed hash
    of the pk (the day is not part of the order: it would date the rows)."""
    shuffle = MD5(
        Concat(Value(_shuffle_salt(wave)), Cast("pk", output_field=CharField()))
    )
    return (
        SurveyResponse.objects.filter(wave=wave)
        .annotate(shuffle=shuffle)
        .order_by("shuffle", "pk")
        .values_list("pk", flat=True)
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


# --- k-anonymity -------------------------------------------------------------


@contextlib.contextmanager
def _one_snapshot():
    """A transaction whose reads all see one snapshot: REPEATABLE READ on
    PostgreSQL (its first statement; inside a transaction already begun,
    that transaction decides), SQLite's read transaction as it is."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def _importance(column_key: tuple[str, str]) -> int:
    try:
        return IMPORTANCE.index(column_key)
    except ValueError:
        return len(IMPORTANCE)


def quasi_columns(cols: dict[int, tuple[int, Column]]) -> list[tuple[str, str]]:
    """The file's quasi-identifier columns, most important first, as
    (heading, field of SurveyResponse or "" for a question's column)."""
    keyed = [(("field", name), name, name) for name in RESPONSE_QUASI]
    keyed += [
        (("role", column.role), column.name, "")
        for _position, column in sorted(cols.values())
        if column.role
    ]
    ranked = sorted(
        enumerate(keyed), key=lambda item: (_importance(item[1][0]), item[0])
    )
    return [(name, source) for _i, (_key, name, source) in ranked]


def quasi_frame(wave: Wave, cols: dict[int, tuple[int, Column]]) -> pd.DataFrame:
    """The quasi-identifiers of every response of ``wave``: index the
    response pk (ascending), one column per QI heading (most important
    first), values the codes as text ("" when not answered; a number's
    digits; a multiple choice's codes joined in choice order). Equal codes
    are one str object, so the frame holds little more than pointers."""
    headings = quasi_columns(cols)
    fields = [source for _name, source in headings if source]
    responses = (
        SurveyResponse.objects.filter(wave=wave)
        .order_by("pk")
        .values_list("pk", *fields)
        .iterator(chunk_size=CHUNK)
    )
    shared: dict = {}
    pks: list[int] = []
    values: dict[str, list] = {name: [] for name, _source in headings}
    for pk, *codes in responses:
        pks.append(pk)
        for name, code in zip(fields, codes, strict=True):
            values[name].append(shared.setdefault(code, code))
    at = {pk: i for i, pk in enumerate(pks)}
    questions = {
        qid: column for qid, (_position, column) in cols.items() if column.role
    }
    for column in questions.values():
        values[column.name] = [""] * len(pks)
    several: dict[tuple[str, int], list[str]] = {}
    answers = (
        Answer.objects.filter(response__wave=wave, question_id__in=list(questions))
        .order_by()
        .values_list("response_id", "question_id", "choice", "number")
        .iterator(chunk_size=CHUNK * 5)
    )
    for response_id, question_id, choice, number in answers:
        i = at.get(response_id)
        if i is None:  # not in the snapshot's responses: cannot happen
            continue
        code = str(number) if number is not None else choice
        if not code:
            continue
        column = questions[question_id]
        held = values[column.name]
        if held[i] == "":
            held[i] = shared.setdefault(code, code)
        else:
            several.setdefault((column.name, i), [held[i]]).append(code)
    by_name = {column.name: column for column in questions.values()}
    for (name, i), codes in several.items():
        joined = by_name[name].join(codes)
        values[name][i] = shared.setdefault(joined, joined)
    return pd.DataFrame(
        {name: pd.Series(values[name], dtype=object) for name, _source in headings}
    ).set_axis(pd.Index(pks, dtype="int64"), axis=0)


def hierarchies(
    frame: pd.DataFrame, cols: dict[int, tuple[int, Column]]
) -> dict[str, kanon.Hierarchy]:
    """How each QI of ``frame`` may be generalised before values are
    suppressed (participation.stats.kanon):

    - language, channel, gender, neighbourhood, and any other choice
      question with a background role: the rarest values into ``other``;
    - age band (ordered by its choices): neighbouring bands merged;
    - a number (years in Denmark): bands of 5, 10 and 20;
    - origin: immigrant and descendant into ``multicultural``.

    The country group (response and question) and the yes/no questions
    origin is derived from have no level of their own: each is a detail of
    the origin beside it, and a suppressed value of theirs leaves that
    coarser origin.
    """
    counts = {name: frame[name].value_counts().to_dict() for name in frame.columns}
    out: dict[str, kanon.Hierarchy] = {
        "language": kanon.merge_rare(counts["language"]),
        "channel": kanon.merge_rare(counts["channel"]),
        "origin": [dict.fromkeys(MULTICULTURAL, MULTICULTURAL_CODE)],
    }
    for _position, column in sorted(cols.values()):
        if not column.role or column.name not in counts:
            continue
        if column.role == BackgroundRole.AGE_BAND:
            order = sorted(column.order, key=column.order.get)
            out[column.name] = kanon.merge_adjacent(order, counts[column.name])
        elif column.kind == QuestionKind.NUMBER:
            out[column.name] = kanon.number_bands(counts[column.name])
        elif column.role == BackgroundRole.COUNTRY_GROUP:
            continue
        elif column.kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
            out[column.name] = kanon.merge_rare(counts[column.name])
    return out


@dataclass(frozen=True)
class Protection:
    """The k-anonymous quasi-identifiers of a wave: for each response kept
    (``pks``, ascending), its cell in each QI column, neutralised for
    spreadsheets; ``report`` says what protecting them did."""

    report: kanon.Report
    pks: np.ndarray
    cells: dict[str, np.ndarray]

    def rows_of(self, ids: list[int]) -> list[dict[str, str] | None]:
        """The QI cells of each response of ``ids`` by heading, or None for
        one that is not in the file (dropped, or not in the snapshot)."""
        if not len(self.pks):
            return [None] * len(ids)
        wanted = np.asarray(ids, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.pks, wanted), len(self.pks) - 1)
        found = self.pks[at] == wanted
        return [
            {name: cells[i] for name, cells in self.cells.items()} if ok else None
            for i, ok in zip(at.tolist(), found.tolist(), strict=True)
        ]


def protection(
    *, wave: Wave, k: int | None = None, cols: dict | None = None
) -> Protection:
    """The quasi-identifiers of ``wave`` protected to ``k`` (the council's
    threshold unless given). Reads the database; call it inside
    :func:`_one_snapshot` when the rows are read too."""
    if k is None:
        k = catalogue.policy().k
    cols = columns(wave) if cols is None else cols
    frame = quasi_frame(wave, cols)
    protected, report = kanon.protect(
        frame,
        quasi=list(frame.columns),
        k=k,
        hierarchies=hierarchies(frame, cols),
    )
    safe = _Memo()
    return Protection(
        report=report,
        pks=protected.index.to_numpy(dtype=np.int64),
        cells={
            name: np.array([safe[value] for value in protected[name]], dtype=object)
            for name in protected.columns
        },
    )


def protection_report(*, wave: Wave, k: int | None = None) -> kanon.Report:
    """What protecting ``wave``'s file does (for the export page)."""
    with _one_snapshot():
        return protection(wave=wave, k=k).report


@dataclass(frozen=True)
class ReportLine:
    """One QI column of a :class:`kanon.Report` as the export page shows it:
    ``merged`` is ``[(value written, [values it stands for])]``."""

    column: str
    merged: list[tuple[str, list[str]]]
    generalised_cells: int
    suppressed: int


def report_lines(report: kanon.Report) -> list[ReportLine]:
    """The report's columns, most important first, values sorted."""
    lines = []
    for column, changes in report.generalised.items():
        into: dict[str, list[str]] = {}
        for value, shown in changes.items():
            into.setdefault(str(shown), []).append(str(value))
        lines.append(
            ReportLine(
                column=column,
                merged=[
                    (shown, sorted(values)) for shown, values in sorted(into.items())
                ],
                generalised_cells=report.generalised_cells.get(column, 0),
                suppressed=report.suppressed.get(column, 0),
            )
        )
    return lines


def responses_csv_rows(
    *, wave: Wave, k: int | None = None, free_text: bool = False
) -> Iterator[list]:
    """The export of ``wave`` as lists of cells: the header, then one list
    per response kept (see the module docstring), with free text only when
    ``free_text``. Text cells are scrubbed and neutralised; a question not
    answered is an empty string, a number an int."""
    with _one_snapshot():
        cols = columns(wave, free_text=free_text)
        names = [column.name for _position, column in sorted(cols.values())]
        yield [neutralise(name) for name in (*FIXED_COLUMNS, *names)]
        protected = protection(wave=wave, k=k, cols=cols)
        # Question columns whose cells come from the protection.
        quasi = [
            (position, column.name) for position, column in cols.values() if column.role
        ]
        wave_code = neutralise(wave.code)
        empty = [""] * len(cols)
        number = 0
        for batch in _batched(_responses(wave), _batch_size()):
            answers = _answers(batch, cols)
            for pk, shown in zip(batch, protected.rows_of(batch), strict=True):
                if shown is None:
                    continue
                number += 1
                cells = list(answers.get(pk, empty))
                for position, name in quasi:
                    cells[position] = shown[name]
                yield [
                    number,
                    wave_code,
                    *(shown[name] for name in RESPONSE_QUASI),
                    *cells,
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


def responses_csv_stream(
    *, wave: Wave, k: int | None = None, free_text: bool = False
) -> Iterator[bytes]:
    """The export of ``wave`` (see :func:`responses_csv_rows`) as UTF-8
    bytes with a byte-order mark, in chunks of about 64 KB, for a
    StreamingHttpResponse."""
    sink = _Sink()
    sink.write("\ufeff")
    writer = csv.writer(sink, lineterminator="\r\n")
    for row in responses_csv_rows(wave=wave, k=k, free_text=free_text):
        writer.writerow(row)
        if sink.size >= FLUSH_AT:
            yield sink.take()
    if sink.parts:
        yield sink.take()


def export_filename(wave: Wave) -> str:
    """The download's file name: ASCII, from the survey's and wave's codes."""
    survey = slugify(wave.survey.code) or "survey"
    return f"medborger-responses-{survey}-{slugify(wave.code) or wave.pk}.csv"
