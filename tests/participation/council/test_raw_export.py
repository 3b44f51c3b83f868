"""The raw-response export (participation/council/raw_export.py, SPEC §4.2, T10)."""

import csv
import datetime
import io
import secrets

import pytest

from participation.council import raw_export
from surveys.models import Answer, BackgroundRole, QuestionKind, SurveyResponse
from surveys.scrub import find_pii
from tests.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 4)
FIXED = [
    "row",
    "wave",
    "submitted_on",
    "language",
    "channel",
    "origin",
    "country_group",
]


@pytest.fixture
def survey():
    """Two sections made in the wrong order (the survey's order is the
    sections' sort order), a multiple choice whose choices are not in
    alphabetical order, and a background question coded like a fixed column."""
    survey = SurveyFactory(code="residents")
    later = SectionFactory(survey=survey, code="part", sort_order=1)
    first = SectionFactory(survey=survey, code="feel", sort_order=0)
    about = SectionFactory(survey=survey, code="about", sort_order=2)
    QuestionFactory(section=later, code="hours", kind=QuestionKind.NUMBER, sort_order=1)
    kinds = QuestionFactory(
        section=later, code="kinds", kind=QuestionKind.MULTI, sort_order=0
    )
    ChoiceFactory(question=kinds, code="sport", sort_order=0)
    ChoiceFactory(question=kinds, code="culture", sort_order=1)
    ChoiceFactory(question=kinds, code="arts", sort_order=2)
    QuestionFactory(section=later, code="comment", kind=QuestionKind.TEXT, sort_order=2)
    QuestionFactory(section=first, code="member", kind=QuestionKind.YESNO, sort_order=1)
    QuestionFactory(
        section=first, code="represented", kind=QuestionKind.AGREE, sort_order=0
    )
    group = QuestionFactory(
        section=about,
        code="country_group",
        kind=QuestionKind.SINGLE,
        background_role=BackgroundRole.COUNTRY_GROUP,
    )
    ChoiceFactory(question=group, code="western", sort_order=0)
    ChoiceFactory(question=group, code="non_western", sort_order=1)
    return survey


@pytest.fixture
def wave(survey):
    return WaveFactory(survey=survey, code="2025")


def respond(wave, answers: dict, *, on=DAY, **fields):
    """A stored response with answers by question code: a list for several
    rows (multiple choice), an int for a number, text for text questions.
    Text is stored as given, not scrubbed, like an answer saved before the
    scrubber knew a pattern."""
    response = SurveyResponse.objects.create(
        wave=wave,
        language=fields.get("language", "da"),
        channel=fields.get("channel", "web"),
        submitted_on=on,
        origin=fields.get("origin", "immigrant"),
        country_group=fields.get("country_group", "non_western"),
        receipt_hash=secrets.token_hex(32),
    )
    questions = {q.code: q for q in wave.survey.questions.all()}
    for code, value in answers.items():
        question = questions[code]
        for one in value if isinstance(value, list) else [value]:
            if question.kind == QuestionKind.NUMBER:
                Answer.objects.create(response=response, question=question, number=one)
            elif question.kind == QuestionKind.TEXT:
                Answer.objects.create(response=response, question=question, text=one)
            else:
                Answer.objects.create(response=response, question=question, choice=one)
    return response


def export(wave) -> tuple[bytes, list[list[str]]]:
    content = b"".join(raw_export.responses_csv_stream(wave=wave))
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return content, list(csv.reader(io.StringIO(text[1:], newline="")))


def by_name(rows):
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def test_header_and_values(wave):
    respond(
        wave,
        {
            "represented": "4",
            "member": "yes",
            "kinds": ["sport"],
            "hours": 12,
            "comment": "Flere møder om aftenen",
            "country_group": "non_western",
        },
        language="ar",
        channel="assisted",
    )
    content, rows = export(wave)
    assert rows[0] == [
        *FIXED,
        "represented",
        "member",
        "kinds",
        "hours",
        "comment",
        "q_country_group",
    ]
    assert rows[1] == [
        "1",
        "2025",
        "2025-03-04",
        "ar",
        "assisted",
        "immigrant",
        "non_western",
        "4",
        "yes",
        "sport",
        "12",
        "Flere møder om aftenen",
        "non_western",
    ]
    assert content.count(b"\r\n") == 2  # RFC 4180 line ends


def test_unanswered_questions_are_empty_cells(wave):
    respond(wave, {"represented": "dk"})
    (row,) = by_name(export(wave)[1])
    assert row["represented"] == "dk"
    assert row["member"] == row["kinds"] == row["hours"] == row["comment"] == ""


def test_multiple_choice_is_joined_in_choice_order(wave):
    respond(wave, {"kinds": ["arts", "sport", "culture"]})
    respond(wave, {"kinds": ["culture", "sport"]})
    cells = sorted(row["kinds"] for row in by_name(export(wave)[1]))
    assert cells == ["sport;culture", "sport;culture;arts"]


def test_free_text_is_scrubbed_again(wave):
    respond(
        wave,
        {"comment": "Mit CPR er 010203-1234, ring på +45 12 34 56 78 eller a@b.dk"},
    )
    content, rows = export(wave)
    (row,) = by_name(rows)
    assert "010203-1234" not in content.decode()
    assert "12 34 56 78" not in content.decode()
    assert "a@b.dk" not in content.decode()
    assert find_pii(row["comment"]) == []
    assert "[CPR]" in row["comment"]
    assert "[PHONE]" in row["comment"]


@pytest.mark.parametrize(
    "payload",
    ['=HYPERLINK("x")', "@SUM(1)", "\t=1", "  =1", "+1+1", "-2+3", "\r=1"],
)
def test_formula_payloads_are_neutralised(wave, payload):
    respond(wave, {"comment": payload})
    content, rows = export(wave)
    (row,) = by_name(rows)
    assert row["comment"] == "'" + payload
    assert len(rows) == 2  # the quoting kept the file's shape


def test_formula_in_a_choice_code_is_neutralised(wave):
    question = wave.survey.questions.get(code="kinds")
    ChoiceFactory(question=question, code="=1+1", sort_order=3)
    respond(wave, {"kinds": ["=1+1"]})
    (row,) = by_name(export(wave)[1])
    assert row["kinds"] == "'=1+1"


def test_rows_are_numbered_and_shuffled_within_the_day(wave):
    # Responses made and withdrawn first, so primary keys do not start at 1.
    for _ in range(5):
        respond(wave, {}).delete()
    later = DAY + datetime.timedelta(days=1)
    made = [
        respond(wave, {"hours": i}, on=later if i % 3 == 0 else DAY) for i in range(60)
    ]
    content, rows = export(wave)
    header, body = rows[0], by_name(rows)
    assert "id" not in header
    assert "pk" not in header
    assert [row["row"] for row in body] == [str(n) for n in range(1, 61)]
    assert {row["row"] for row in body} != {str(r.pk) for r in made}
    days = [row["submitted_on"] for row in body]
    assert days == sorted(days)
    for day in (DAY, later):
        hours = [int(r["hours"]) for r in body if r["submitted_on"] == day.isoformat()]
        # The order of creation (the pk order) is not the order in the file.
        assert hours != sorted(hours)
        assert hours != sorted(hours, reverse=True)
    assert b"".join(raw_export.responses_csv_stream(wave=wave)) == content


def test_each_row_keeps_its_own_answers_across_batches(wave, monkeypatch):
    monkeypatch.setattr(raw_export, "BATCH", 3)
    monkeypatch.setattr(raw_export, "CHUNK", 2)
    monkeypatch.setattr(raw_export, "FLUSH_AT", 100)
    for i in range(20):
        respond(
            wave,
            {"hours": i, "comment": f"svar {i}", "kinds": ["arts", "sport"][: i % 3]},
        )
    chunks = list(raw_export.responses_csv_stream(wave=wave))
    assert len(chunks) > 3  # it streams: no single chunk holds the file
    body = by_name(export(wave)[1])
    assert sorted(int(row["hours"]) for row in body) == list(range(20))
    for row in body:
        i = int(row["hours"])
        assert row["comment"] == f"svar {i}"
        assert row["kinds"] == ["", "arts", "sport;arts"][i % 3]


def test_only_the_chosen_wave_is_exported(wave, survey):
    other = WaveFactory(survey=survey, code="2023")
    respond(other, {"hours": 1})
    respond(wave, {"hours": 2})
    body = by_name(export(wave)[1])
    assert [row["hours"] for row in body] == ["2"]
    assert [row["wave"] for row in body] == ["2025"]


def test_an_empty_wave_gives_the_header_only(wave):
    content, rows = export(wave)
    assert rows == [
        [
            *FIXED,
            "represented",
            "member",
            "kinds",
            "hours",
            "comment",
            "q_country_group",
        ]
    ]
    assert content == "\ufeff".encode() + (",".join(rows[0]) + "\r\n").encode()


def test_export_filename(wave):
    name = raw_export.export_filename(wave)
    assert name == "medborger-responses-residents-2025.csv"
    assert name.isascii()
