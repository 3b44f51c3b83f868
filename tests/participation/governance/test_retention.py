"""Retention and erasure (participation/governance/retention.py, ``manage.py
apply_retention``; TESTPLAN T30). The clock is frozen by passing
the day: ``today=`` to the service, ``--today`` to the command."""

import datetime
import io
import itertools
import logging
from http import HTTPStatus

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from participation.council import catalogue
from participation.council.coding import answer_code, approved_quotes
from participation.council.models import (
    AnswerCoding,
    QuoteStatus,
    Release,
    ReleaseStatus,
    Theme,
)
from participation.council.releases import COUNCIL
from participation.governance import retention
from participation.governance.models import ArchivedTable, RetentionLog
from surveys.models import (
    Answer,
    BackgroundRole,
    Invitation,
    QuestionKind,
    SurveyResponse,
)
from tests.participation.factories import UserFactory, release_all
from tests.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db

CLOSES = datetime.date(2023, 3, 31)
FREE_TEXT_GOES = datetime.date(2024, 3, 31)  # 12 months after closing
RESPONSES_GO = datetime.date(2025, 3, 31)  # 2 years after closing
SECRET = "Min nabo Hassan på Vestergade 4 hjalp mig"
_receipts = itertools.count()

# (origin, agreement, member, age band, free text) for each respondent: a
# group of two descendants, so some cells are hidden at k = 5.
RESPONDENTS = (
    [("danish", str(1 + i % 5), "yes", "18_29", "") for i in range(8)]
    + [("danish", "4", "no", "30_49", f"Mere info {i}") for i in range(4)]
    + [("immigrant", "5", "yes", "30_49", f"Flere møder {i}") for i in range(6)]
    + [("immigrant", "2", "no", "18_29", SECRET)]
    + [("descendant", "1", "yes", "18_29", "Tolk") for _i in range(2)]
)


def build_survey(code="lifecycle", *, months=12, years=2, closes_on=CLOSES):
    """A survey with an agreement question, a yes/no, a free-text question
    and an age-band background question; one closed wave with answers."""
    survey = SurveyFactory(
        code=code, free_text_retention_months=months, response_retention_years=years
    )
    main = SectionFactory(survey=survey, code=f"{code}-main", sort_order=0)
    about = SectionFactory(survey=survey, code=f"{code}-about", sort_order=1)
    agree = QuestionFactory(section=main, code="represented", kind=QuestionKind.AGREE)
    member = QuestionFactory(section=main, code="member", kind=QuestionKind.YESNO)
    text = QuestionFactory(section=main, code="why", kind=QuestionKind.TEXT)
    age = QuestionFactory(
        section=about,
        code="age",
        kind=QuestionKind.SINGLE,
        background_role=BackgroundRole.AGE_BAND,
    )
    for band in ("18_29", "30_49"):
        ChoiceFactory(question=age, code=band, label_da=band)
    wave = WaveFactory(
        survey=survey,
        code="2023",
        name="Baseline 2023",
        opens_on=closes_on - datetime.timedelta(days=30),
        closes_on=closes_on,
    )
    for origin, agreement, yes, band, words in RESPONDENTS:
        response = SurveyResponse.objects.create(
            wave=wave,
            language="da",
            submitted_on=wave.opens_on,
            origin=origin,
            country_group="unknown",
            receipt_hash=f"retention-{next(_receipts)}",
        )
        Answer.objects.create(response=response, question=agree, choice=agreement)
        Answer.objects.create(response=response, question=member, choice=yes)
        Answer.objects.create(response=response, question=age, choice=band)
        if words:
            Answer.objects.create(response=response, question=text, text=words)
    for n in range(3):
        Invitation.objects.create(wave=wave, code_hash=f"{code}-code-{n}")
    return survey, wave, text


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The real day is 2030-01-01, so the days passed to the command are in
    the past whenever the tests run (the command refuses future days)."""
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *args: datetime.date(2030, 1, 1)
    )


@pytest.fixture
def lifecycle():
    survey, wave, text = build_survey()
    theme = Theme.objects.create(code="meetings", name="Møder", name_da="Møder")
    for answer in Answer.objects.filter(question=text).order_by("pk")[:8]:
        answer_code(
            answer=answer,
            themes=[theme],
            quote_status=QuoteStatus.APPROVED,
            quote=answer.text,
        )
    return survey, wave, text


def counts(wave):
    return {
        "responses": SurveyResponse.objects.filter(wave=wave).count(),
        "answers": Answer.objects.filter(response__wave=wave).count(),
        "free_texts": Answer.objects.filter(
            response__wave=wave, question__kind=QuestionKind.TEXT
        ).count(),
        "codings": AnswerCoding.objects.filter(answer__response__wave=wave).count(),
        "invitations": Invitation.objects.filter(wave=wave).count(),
    }


def whole_state() -> dict:
    """Every row retention may touch, in full."""
    models = (
        SurveyResponse,
        Answer,
        AnswerCoding,
        AnswerCoding.themes.through,
        Invitation,
        ArchivedTable,
        RetentionLog,
    )
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in models
    }


def released_tables(wave, status=ReleaseStatus.PUBLISHED) -> dict[str, list[dict]]:
    """The council's copies of ``wave``'s survey tables (unweighted) in its
    release of ``status``, by key: what the council saw."""
    release = Release.objects.get(population=f"wave:{wave.pk}", status=status)
    return {
        frozen.key: catalogue.Table.from_data(frozen.data, "da").records()
        for frozen in release.tables.filter(scope=COUNCIL, key__startswith="survey:")
        if not frozen.key.endswith(":weighted")
    }


def live_tables(wave) -> dict[str, list[dict]]:
    """The council's disclosed tables of ``wave`` built afresh from the
    rows, each audited on its own."""
    with translation.override("da"):
        return {
            table.key: table.records()
            for question in catalogue.explorer_questions(wave.survey_id)
            for breakdown in catalogue.BREAKDOWNS.values()
            for table in [
                catalogue.survey_table(
                    question, wave, breakdown, policy=catalogue.policy()
                )
            ]
        }


# --- the periods ------------------------------------------------------------


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert retention.add_months(datetime.date(2023, 3, 31), 12) == datetime.date(
        2024, 3, 31
    )
    assert retention.add_months(datetime.date(2023, 1, 31), 1) == datetime.date(
        2023, 2, 28
    )
    assert retention.add_months(datetime.date(2023, 11, 30), 3) == datetime.date(
        2024, 2, 29
    )
    assert retention.add_months(datetime.date(2024, 2, 29), 12) == datetime.date(
        2025, 2, 28
    )
    assert retention.add_months(datetime.date(2023, 5, 15), 0) == datetime.date(
        2023, 5, 15
    )


def test_T30_nothing_happens_before_the_free_text_period_ends(lifecycle):
    _survey, wave, _text = lifecycle
    before = whole_state()
    results = retention.retention_apply(
        today=FREE_TEXT_GOES - datetime.timedelta(days=1)
    )
    assert [(r.wave_code, r.changed) for r in results] == [("2023", False)]
    assert results[0].free_text_due == FREE_TEXT_GOES
    assert results[0].responses_due == RESPONSES_GO
    assert whole_state() == before
    assert not RetentionLog.objects.exists()


def test_T30_after_the_free_text_period_free_text_is_gone_other_answers_stay(
    lifecycle,
):
    _survey, wave, text = lifecycle
    before = counts(wave)
    assert before["free_texts"] == 13 and before["codings"] == 8
    with translation.override("da"):
        themes_before = catalogue.theme_table(
            policy=catalogue.policy(), question=text, wave=wave
        ).records()
    assert approved_quotes(wave=wave)

    (result,) = retention.retention_apply(today=FREE_TEXT_GOES)

    after = counts(wave)
    assert after == {
        "responses": before["responses"],
        "answers": before["answers"] - 13,
        "free_texts": 0,
        "codings": 0,
        "invitations": 3,
    }
    assert not Answer.objects.filter(text__contains="Hassan").exists()
    assert approved_quotes(wave=wave) == []
    assert result.free_texts_deleted == 13
    assert result.responses_deleted == 0
    # The theme counts are kept, as the council saw them.
    archived = ArchivedTable.objects.get(key=f"themes:why:{wave.pk}")
    assert archived.table["records"] == themes_before
    assert ArchivedTable.objects.filter(key=f"themes:all:{wave.pk}").exists()
    log = RetentionLog.objects.get()
    assert (log.survey_code, log.wave_code, log.ran_on) == (
        "lifecycle",
        "2023",
        FREE_TEXT_GOES,
    )
    assert (log.free_texts_deleted, log.responses_deleted, log.tables_archived) == (
        13,
        0,
        2,
    )


def test_T30_after_the_response_period_responses_are_gone_and_tables_archived(
    lifecycle,
):
    survey, wave, _text = lifecycle
    other_survey, other_wave, _ = build_survey("kept", months=None, years=None)
    retention.retention_apply(today=FREE_TEXT_GOES)
    release_all()
    expected = released_tables(wave)
    # 2 explorable questions (agreement, yes/no) × every breakdown.
    assert len(expected) == 2 * len(catalogue.BREAKDOWNS)
    kept_before = counts(other_wave)

    results = retention.retention_apply(today=RESPONSES_GO)

    assert counts(wave) == {
        "responses": 0,
        "answers": 0,
        "free_texts": 0,
        "codings": 0,
        "invitations": 0,
    }
    assert counts(other_wave) == kept_before
    archived = {
        a.key: a for a in ArchivedTable.objects.filter(wave=wave, key__startswith="s")
    }
    assert set(archived) == set(expected)
    k = catalogue.policy().k
    hidden = 0
    for key, records in expected.items():
        document = archived[key].table
        assert document["records"] == records, key
        assert document["k"] == archived[key].k == k
        assert document["columns"] and document["title"] == archived[key].title
        for record in document["records"]:
            for cell in [*record["cells"], record["total"]]:
                assert cell is None or cell == 0 or cell >= k, key
                hidden += cell is None
    assert hidden, "the small group of descendants is hidden in some table"
    assert archived[f"survey:represented:{wave.pk}:origin"].table["statistics"]
    (result,) = [r for r in results if r.changed]
    assert (result.survey_code, result.responses_deleted) == ("lifecycle", 21)
    log = RetentionLog.objects.order_by("pk").last()
    assert (log.free_texts_deleted, log.responses_deleted, log.tables_archived) == (
        0,
        21,
        len(expected),
    )
    assert RetentionLog.objects.count() == 2
    assert other_survey.code not in set(
        RetentionLog.objects.values_list("survey_code", flat=True)
    )
    assert survey.waves.get() == wave  # the wave stays, with its tables


def test_T30_both_periods_passed_at_once_deletes_and_archives_everything(lifecycle):
    _survey, wave, _text = lifecycle
    live = live_tables(wave)
    (result,) = retention.retention_apply(today=RESPONSES_GO)
    # No release was published: one was made (audited, not published) and
    # its tables archived, which hide what the joint audit asked for.
    expected = released_tables(wave, status=ReleaseStatus.AUDITED)
    assert expected.keys() == live.keys()
    assert expected != live, "the joint audit hides more than each table alone"
    assert (result.free_texts_deleted, result.responses_deleted) == (13, 21)
    assert result.tables_archived == len(expected) + 2  # and the theme tables
    assert counts(wave)["responses"] == 0
    for key, records in expected.items():
        assert ArchivedTable.objects.get(key=key).table["records"] == records


def test_T30_running_twice_gives_the_same_state(lifecycle):
    for day in (FREE_TEXT_GOES, RESPONSES_GO):
        first = retention.retention_apply(today=day)
        state = whole_state()
        second = retention.retention_apply(today=day)
        assert whole_state() == state
        assert any(r.changed for r in first)
        assert not any(r.changed for r in second)
        assert all(
            (r.free_texts_deleted, r.responses_deleted, r.tables_archived) == (0, 0, 0)
            for r in second
        )
    # And again through the command, a year later.
    state = whole_state()
    call_command("apply_retention", "--today", "2026-04-01", stdout=io.StringIO())
    assert whole_state() == state


def test_T30_a_survey_without_retention_settings_is_untouched():
    _survey, wave, _text = build_survey("forever", months=None, years=None)
    before = whole_state()
    assert retention.retention_apply(today=datetime.date(2099, 1, 1)) == []
    assert whole_state() == before


def test_T30_a_wave_still_open_is_untouched():
    today = datetime.date(2024, 6, 1)
    _survey, wave, _text = build_survey(
        "running", months=0, years=0, closes_on=datetime.date(2024, 6, 1)
    )
    before = whole_state()
    assert retention.retention_apply(today=today) == []
    assert whole_state() == before
    # From the day after it closes, a period of 0 has passed.
    (result,) = retention.retention_apply(today=today + datetime.timedelta(days=1))
    assert result.responses_deleted == 21


def test_T30_the_log_holds_counts_only(lifecycle, caplog):
    with caplog.at_level(logging.DEBUG):
        retention.retention_apply(today=RESPONSES_GO)
    messages = [record.getMessage() for record in caplog.records]
    assert any("21 responses deleted" in message for message in messages)
    text = "\n".join(messages)
    for words in {r[4] for r in RESPONDENTS if r[4]}:
        assert words not in text
    assert "Hassan" not in text


def test_T30_a_dry_run_changes_nothing_and_says_what_would_go(lifecycle):
    _survey, wave, _text = lifecycle
    before = whole_state()
    (result,) = retention.retention_apply(today=RESPONSES_GO, dry_run=True)
    assert (result.free_texts_deleted, result.responses_deleted) == (13, 21)
    assert result.invitations_deleted == 3
    assert result.tables_archived == 2 * len(catalogue.BREAKDOWNS) + 2
    assert whole_state() == before


# --- the command --------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_T30_the_command_prints_what_it_would_delete_then_deletes_it(lifecycle):
    _survey, wave, _text = lifecycle
    before = whole_state()
    output = run("--dry-run", "--today", "2024-03-31")
    assert "lifecycle / 2023" in output
    assert "would delete 13 free-text answer(s), 0 response(s)" in output
    assert "would archive 2 table(s)" in output
    assert "Dry run: nothing was deleted." in output
    assert whole_state() == before

    output = run("--today", "2024-03-31")
    assert "deleted 13 free-text answer(s), 0 response(s)" in output
    assert "free texts go on 2024-03-31, responses go on 2025-03-31" in output
    assert counts(wave)["free_texts"] == 0

    output = run("--today", "2024-03-31")
    assert "lifecycle / 2023" not in output  # nothing left to do
    assert "1 closed wave(s) of surveys with a retention period, 0 changed" in output
    assert "lifecycle / 2023" in run("--today", "2024-03-31", "--verbosity", "2")


def test_the_command_refuses_a_day_it_cannot_read(lifecycle):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--today", "31-03-2024")
    assert not RetentionLog.objects.exists()


def test_the_command_refuses_a_future_day_unless_it_is_a_dry_run(lifecycle):
    later = "2999-01-01"
    with pytest.raises(CommandError, match="only with --dry-run"):
        run("--today", later)
    assert counts(lifecycle[1])["responses"] == 21
    assert "would delete 13 free-text answer(s), 21 response(s)" in run(
        "--today", later, "--dry-run"
    )
    assert counts(lifecycle[1])["responses"] == 21


def test_the_command_defaults_to_the_local_date(lifecycle, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: RESPONSES_GO)
    assert "deleted 13 free-text answer(s), 21 response(s)" in run()


# --- staff set the periods ----------------------------------------------------


def test_staff_set_the_retention_periods_on_the_survey(client, lifecycle):
    survey, _wave, _text = lifecycle
    user = UserFactory(superuser=True, totp=True)
    client.force_login(user)
    response = client.get(f"/admin/snippets/surveys/survey/edit/{survey.pk}/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'name="free_text_retention_months"' in html
    assert 'name="response_retention_years"' in html
