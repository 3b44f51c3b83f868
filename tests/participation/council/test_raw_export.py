"""The raw-response export (participation/council/raw_export.py, SPEC §4.2, T10).

The first tests are about the file's shape and run with k = 1 (nothing to
protect); the later ones about its protection (k-anonymity, free text) run
on demo-like data at the council's threshold.
"""

import collections
import csv
import datetime
import io
import secrets
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from participation.council import catalogue, raw_export
from participation.council.models import ExportLog
from participation.stats.kanon import SUPPRESSED
from surveys.models import (
    Answer,
    BackgroundRole,
    Question,
    QuestionKind,
    SurveyResponse,
    Wave,
)
from surveys.scrub import find_pii
from tests.participation.factories import UserFactory, give_totp
from tests.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 4)
FIXED = ["row", "wave", "language", "channel", "origin", "country_group"]


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


def export(wave, *, k=1, free_text=True) -> tuple[bytes, list[list[str]]]:
    """The file of ``wave``, by default unprotected (k = 1) and with text."""
    content = b"".join(
        raw_export.responses_csv_stream(wave=wave, k=k, free_text=free_text)
    )
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


def test_rows_are_numbered_and_shuffled_with_no_day(wave):
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
    assert "submitted_on" not in header
    assert DAY.isoformat().encode() not in content
    assert [row["row"] for row in body] == [str(n) for n in range(1, 61)]
    assert {row["row"] for row in body} != {str(r.pk) for r in made}
    hours = [int(row["hours"]) for row in body]
    # Neither the order of creation (the pk order) nor the day orders the
    # file: the later day's answers are not at one end.
    assert hours != sorted(hours)
    assert hours != sorted(hours, reverse=True)
    places = [n for n, h in enumerate(hours) if h % 3 == 0]
    assert places != list(range(20))
    assert places != list(range(40, 60))
    assert export(wave)[0] == content


def test_each_row_keeps_its_own_answers_across_batches(wave, monkeypatch):
    monkeypatch.setattr(raw_export, "BATCH", 3)
    monkeypatch.setattr(raw_export, "CHUNK", 2)
    monkeypatch.setattr(raw_export, "FLUSH_AT", 100)
    for i in range(20):
        respond(
            wave,
            {"hours": i, "comment": f"svar {i}", "kinds": ["arts", "sport"][: i % 3]},
        )
    chunks = list(raw_export.responses_csv_stream(wave=wave, k=1, free_text=True))
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


# --- protection: demo-like data at the council's threshold ---------------------------

#: Responses the demo generator stores (55 % land in the current wave).
DEMO_RESPONSES = 700


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo municipality's survey and synthetic responses (``manage.py
    load_demo`` without releases), made once for this
    module and rolled back after it; the current wave. One of its text
    answers carries PII that the scrubber must catch again."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command(
            "load_demo",
            responses=DEMO_RESPONSES,
            releases=False,
            stdout=io.StringIO(),
        )
        current = Wave.objects.order_by("opens_on").last()
        planted = (
            Answer.objects.filter(
                response__wave=current, question__kind=QuestionKind.TEXT
            )
            .exclude(text="")
            .first()
        )
        planted.text = "Ring til mig på 12 34 56 78, CPR 010203-1234"
        planted.save()
        yield current
        transaction.set_rollback(True)


def quasi_identifiers(wave) -> list[str]:
    """The headings someone who knows a resident could match on: the
    response's own fields and every question with a background role (as the
    file names them: a code taken by a fixed column gets ``q_``)."""
    codes = [
        f"q_{code}" if code in FIXED else code
        for code in Question.objects.filter(survey_id=wave.survey_id)
        .exclude(background_role="")
        .values_list("code", flat=True)
    ]
    return ["language", "channel", "origin", "country_group", *codes]


def text_headings(wave) -> set[str]:
    return set(
        Question.objects.filter(
            survey_id=wave.survey_id, kind=QuestionKind.TEXT
        ).values_list("code", flat=True)
    )


def test_the_demo_file_is_k_anonymous_and_has_no_day(demo):
    k = catalogue.policy().k
    _content, rows = export(demo, k=k, free_text=False)
    header, body = rows[0], by_name(rows)
    assert "submitted_on" not in header
    assert len(body) == SurveyResponse.objects.filter(wave=demo).count()
    quasi = quasi_identifiers(demo)
    assert len(quasi) == 13 and set(quasi) <= set(header)
    combinations = collections.Counter(tuple(row[c] for c in quasi) for row in body)
    # A star is a value of its own: a combination with one must reach k too.
    assert min(combinations.values()) >= k
    assert any(SUPPRESSED in combination for combination in combinations)
    # Before protection, many residents stood out.
    raw = collections.Counter(
        tuple(row[c] for c in quasi) for row in by_name(export(demo, k=1)[1])
    )
    assert sum(1 for n in raw.values() if n == 1) > 100


def test_the_demo_file_keeps_the_other_answers(demo):
    report = raw_export.protection_report(wave=demo)
    body = by_name(export(demo, k=report.k, free_text=False)[1])
    question = Question.objects.get(survey_id=demo.survey_id, code="represented_local")
    stored = collections.Counter(
        Answer.objects.filter(response__wave=demo, question=question).values_list(
            "choice", flat=True
        )
    )
    written = collections.Counter(row["represented_local"] for row in body)
    written.pop("", None)
    assert written == stored
    # The file hides what the page says it hides.
    for column, count in report.suppressed.items():
        assert sum(1 for row in body if row[column] == SUPPRESSED) == count


def test_free_text_needs_its_own_permission_and_is_scrubbed(demo):
    texts = text_headings(demo)
    without = export(demo, k=catalogue.policy().k, free_text=False)
    assert texts and not texts & set(without[1][0])
    assert b"12 34 56 78" not in without[0]

    content, rows = export(demo, k=catalogue.policy().k, free_text=True)
    assert texts <= set(rows[0])
    assert b"12 34 56 78" not in content
    assert b"010203-1234" not in content
    answers = [row[code] for row in by_name(rows) for code in texts if row[code]]
    assert any("[PHONE]" in text for text in answers)
    assert all(find_pii(text) == [] for text in answers)


def staff(*, free_text: bool):
    user = UserFactory(is_staff=True)
    codenames = ["export_responses"] + (["export_free_text"] if free_text else [])
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    give_totp(user)
    client = Client()
    client.force_login(user)
    return client


def test_the_page_shows_what_is_protected_in_the_staff_language(demo):
    client = staff(free_text=False)
    with override("da"):
        url = reverse("council:export_responses")
    page = client.get(url, {"wave": demo.pk})
    assert page.status_code == HTTPStatus.OK
    report = page.context["report"]
    assert report == raw_export.protection_report(wave=demo)
    lines = {line.column: line for line in page.context["lines"]}
    assert list(lines) == list(report.suppressed)
    body = page.content.decode()
    assert "Værdier skjult (*)" in body
    for column, count in report.suppressed.items():
        assert f"<code>{column}</code>" in body
        assert lines[column].suppressed == count
    merged = [line for line in lines.values() if line.merged]
    assert merged, "the demo wave needs some recoding"
    assert " til " in body  # "X, Y til other" (merged into)
    assert "Fritekstsvar er udeladt" in body
    # Looking is not exporting: nothing is logged, no file.
    assert not ExportLog.objects.exists()
    assert "Content-Disposition" not in page


def test_the_download_follows_the_permissions_and_is_logged(demo):
    texts = text_headings(demo)
    plain = staff(free_text=False).post(
        reverse("council:export_responses"), {"wave": demo.pk}
    )
    header = next(csv.reader(io.StringIO(b"".join(plain.streaming_content).decode())))
    assert header[0] == "\ufeffrow"
    assert not texts & set(header)
    full = staff(free_text=True).post(
        reverse("council:export_responses"), {"wave": demo.pk}
    )
    header = next(csv.reader(io.StringIO(b"".join(full.streaming_content).decode())))
    assert texts <= set(header)
    assert list(ExportLog.objects.order_by("pk").values_list("table", flat=True)) == [
        f"responses:{demo.pk}",
        f"responses:{demo.pk}:text",
    ]


def test_a_wave_with_fewer_than_k_responses_gives_no_rows(wave):
    for i in range(2):
        respond(wave, {"hours": i})
    content, rows = export(wave, k=3)
    assert len(rows) == 1  # the header only
    report = raw_export.protection_report(wave=wave, k=3)
    assert (report.rows, report.dropped) == (2, 2)
