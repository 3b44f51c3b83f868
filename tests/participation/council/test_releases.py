"""Releases (participation/council/releases): every table the council, the
public and the API see is read from one frozen release per population,
audited together (TESTPLAN T05-T07, docs/SECURITY.md)."""

import contextlib
import datetime
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from participation.associations.models import AssociationKind
from participation.council import api_tokens, catalogue, prepared, snapshots
from participation.council.coding import answer_code
from participation.council.models import (
    DisclosureSettings,
    ExportLog,
    IndicatorSource,
    OriginGroup,
    ParticipationMeasure,
    QuoteStatus,
    Release,
    ReleaseStatus,
    Theme,
)
from participation.council.releases import (
    Population,
    ReleaseRefused,
    audit_release,
    linkage,
    release_make,
    release_publish,
)
from participation.council.releases import numbers as release_links
from participation.council.releases.between import figures as _figures
from participation.stats import joint_audit
from participation.stats.differences import more_needed
from participation.stats.disclosure import TOTAL
from surveys.models import Answer, QuestionKind
from tests.participation.factories import (
    CompositionReportFactory,
    GoalFactory,
    IndicatorFactory,
    UserFactory,
    give_totp,
    release_all,
)
from tests.surveys.factories import (
    AnswerFactory,
    QuestionFactory,
    SectionFactory,
    SurveyResponseFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db
K = 5


def respond(wave, question, rows):
    """Store responses: rows of (origin, country group, answer code)."""
    for origin, group, choice in rows:
        AnswerFactory(
            response=SurveyResponseFactory(
                wave=wave, origin=origin, country_group=group
            ),
            question=question,
            choice=choice,
        )


@pytest.fixture
def wave_data():
    """An agreement question in a closed wave whose origin and country-group
    tables, each disclosed alone, give a hidden cell away together: one
    immigrant from a western country, whose cell the origin table's
    published immigrant and descendant cells and the country group's
    non-western cells pin down by subtraction."""
    section = SectionFactory()
    question = QuestionFactory(
        section=section, code="represented", kind=QuestionKind.AGREE
    )
    wave = WaveFactory(
        survey=section.survey,
        opens_on=datetime.date(2023, 3, 1),
        closes_on=datetime.date(2023, 4, 1),
    )
    rows = [("danish", "unknown", "4")] * 12 + [("danish", "unknown", "2")] * 9
    rows += [("immigrant", "western", "5")]
    rows += [("immigrant", "non_western", "5")] * 6
    rows += [("immigrant", "non_western", "2")] * 7
    rows += [("descendant", "non_western", "4")] * 6
    rows += [("descendant", "non_western", "1")] * 5
    respond(wave, question, rows)
    return question, wave


def survey_indicator(question, code, group, **fields):
    """An indicator following ``question`` for ``group`` (no statistics)."""
    blank = dict.fromkeys(
        ("statistic_table", "statistic_indicator", "statistic_breakdown"), ""
    )
    return IndicatorFactory(
        goal=GoalFactory(),
        code=code,
        source=IndicatorSource.SURVEY,
        question=question,
        group=group,
        statistic_group="",
        **blank,
        **fields,
    )


def _council_numbers(population, tables):
    numbers, equations = release_links.links(population, tables, None)
    return numbers, equations


def test_t05_origin_and_country_group_alone_give_a_cell_away_and_a_release_does_not(
    wave_data,
):
    question, wave = wave_data
    policy = catalogue.policy()
    population = Population("wave", wave.pk)
    tables = {}
    for breakdown in ("origin", "country_group"):
        key = catalogue.survey_key(question.code, wave.pk, breakdown, weighted=False)
        tables["council", key] = catalogue.table_for_key(key, policy=policy)
    numbers, equations = _council_numbers(population, tables)
    # Each table was disclosed on its own: together they give numbers away.
    assert joint_audit.audit(numbers, K, equations=equations)

    release = release_make(population=population, now=True)
    assert release.status == ReleaseStatus.AUDITED, release.message
    assert audit_release(release) == []
    assert release.audit["added"] > 0


def test_t06_one_answer_between_two_reads_changes_nothing(wave_data):
    question, wave = wave_data
    release_all()
    key = catalogue.survey_key(question.code, wave.pk, "origin", weighted=False)
    before = prepared.prepared_table(key, policy=catalogue.policy()).table.records()
    respond(wave, question, [("immigrant", "non_western", "1")])
    after = prepared.prepared_table(key, policy=catalogue.policy()).table.records()
    assert after == before


def test_t06_a_withdrawal_and_k_minus_1_answers_cannot_replace_a_release(wave_data):
    question, wave = wave_data
    (first,) = release_all()
    # A withdrawal (the response is deleted) and k - 1 new answers: the
    # total moves by k - 2.
    question.answers.filter(response__origin="danish").first().response.delete()
    respond(wave, question, [("danish", "unknown", "4")] * (K - 1))
    second = release_make(population=Population("wave", wave.pk), now=True)
    # Checked in the background while it was made: staff see it at once.
    checked = second.audit["between"]
    assert checked["compared"] == [first.pk]
    assert checked["needed"] >= 1
    assert f" {checked['needed']} " in second.message
    with pytest.raises(ReleaseRefused) as refused:
        release_publish(release=second)
    assert refused.value.needed == checked["needed"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ReleaseStatus.PUBLISHED
    assert second.status == ReleaseStatus.AUDITED
    # How many more changes are needed, never which figure blocks.
    assert f" {refused.value.needed} " in second.message


def test_t06_a_release_is_checked_again_against_one_published_since_it_was_made(
    wave_data,
):
    question, wave = wave_data
    (first,) = release_all()
    respond(wave, question, [("danish", "unknown", "4")] * (2 * K))
    second = release_make(population=Population("wave", wave.pk), now=True)
    respond(wave, question, [("danish", "unknown", "4")])
    third = release_make(population=Population("wave", wave.pk), now=True)
    assert second.audit["between"] == {"compared": [first.pk], "needed": 0}
    assert third.audit["between"] == {"compared": [first.pk], "needed": 0}
    release_publish(release=second)
    # Against the second, published after the third was made, one answer
    # moved: the third must not replace it.
    with pytest.raises(ReleaseRefused):
        release_publish(release=third)


def test_t06_one_multicultural_answer_among_k_danish_ones_moves_no_figure(wave_data):
    question, wave = wave_data
    (first,) = release_all()
    respond(wave, question, [("danish", "unknown", "4")] * K)
    respond(wave, question, [("immigrant", "non_western", "5")])
    second = release_make(population=Population("wave", wave.pk), now=True)
    with pytest.raises(ReleaseRefused):
        release_publish(release=second)
    # Later releases may replace it only when every figure moved by 0 or k+.
    respond(wave, question, [("immigrant", "non_western", "5")] * (K - 1))
    respond(wave, question, [("danish", "unknown", "2")] * K)
    third = release_make(population=Population("wave", wave.pk), now=True)
    with contextlib.suppress(ReleaseRefused):
        release_publish(release=third)
    published = Release.objects.get(
        population=f"wave:{wave.pk}", status=ReleaseStatus.PUBLISHED
    )
    if published.pk != first.pk:
        for table in published.tables.all():
            old = first.tables.get(scope=table.scope, key=table.key)
            assert more_needed(_figures(old.data), _figures(table.data), K) == 0


def test_t05_indicator_rows_are_audited_with_the_explorer(wave_data):
    question, wave = wave_data
    survey_indicator(question, "represented-multicultural", OriginGroup.MULTICULTURAL)
    (release,) = release_all()
    assert release.tables.filter(key="indicator:represented-multicultural").exists()
    assert audit_release(release) == []
    summary = prepared.indicator_summary(
        question.indicators.get(), policy=catalogue.policy()
    )
    assert [r["code"] for r in summary.table.records()] == [2023]


def test_t06_a_table_under_other_settings_is_not_shown(wave_data):
    question, wave = wave_data
    release_all()
    key = catalogue.survey_key(question.code, wave.pk, "origin", weighted=False)
    assert prepared.prepared_table(key, policy=catalogue.policy()).ready
    settings_row = DisclosureSettings.load()
    settings_row.k = settings_row.public_k = 6
    settings_row.save()
    assert not prepared.prepared_table(key, policy=catalogue.policy()).ready


def test_nothing_is_read_before_a_release_is_published(wave_data):
    question, wave = wave_data
    key = catalogue.survey_key(question.code, wave.pk, "origin", weighted=False)
    assert not prepared.prepared_table(key, policy=catalogue.policy()).ready
    release_all(publish=False)
    assert not prepared.prepared_table(key, policy=catalogue.policy()).ready


def test_t22_every_api_table_read_is_logged_with_its_release(wave_data):
    question, wave = wave_data
    (release,) = release_all()
    user = UserFactory(is_staff=True)
    give_totp(user)
    key = api_tokens.api_token_create(user=user, name="dashboard")[1]
    response = Client().get(
        f"/api/v1/council/survey/{wave.pk}/{question.code}/origin",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == HTTPStatus.OK
    log = ExportLog.objects.get()
    assert (log.user, log.format, log.release) == (user, "api", release)
    assert log.table == catalogue.survey_key(
        question.code, wave.pk, "origin", weighted=False
    )


def test_staff_make_and_publish_a_release_in_the_admin(
    wave_data, django_capture_on_commit_callbacks
):
    _question, wave = wave_data
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("participation_releases"))
    assert page.status_code == HTTPStatus.OK
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post(
            reverse("participation_release_make"),
            {"population": f"wave:{wave.pk}"},
        )
    assert made.status_code == HTTPStatus.FOUND
    release = Release.objects.get()
    assert release.status == ReleaseStatus.AUDITED, release.message
    client.post(reverse("participation_release_publish", args=[release.pk]))
    release.refresh_from_db()
    assert release.status == ReleaseStatus.PUBLISHED
    listing = client.get(reverse("participation_releases")).content.decode()
    assert f"#{release.pk}" in listing


def test_only_staff_with_the_permission_make_releases(wave_data):
    _question, wave = wave_data
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    give_totp(user)
    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("participation_release_make"), {"population": f"wave:{wave.pk}"}
    )
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert not Release.objects.exists()


def test_the_public_snapshot_reads_releases_and_refuses_small_moves(wave_data):
    question, wave = wave_data
    survey_indicator(question, "represented-all", OriginGroup.ALL, published=True)
    (first,) = release_all()
    snapshot = snapshots.snapshot_take(synthetic=False)
    assert snapshot.releases == [first.pk]
    assert snapshots.snapshot_may_refresh() == (True, 0)


def test_linkage_nests_country_group_inside_origin(wave_data):
    question, wave = wave_data
    links = linkage.WaveLinks(wave.pk)
    policy = catalogue.policy()
    for breakdown in ("origin", "country_group"):
        key = catalogue.survey_key(question.code, wave.pk, breakdown, weighted=False)
        links.tables[key] = catalogue.table_for_key(key, policy=policy)
    origin = links.survey_cells(question.code, "origin")
    group = links.survey_cells(question.code, "country_group")
    assert origin("immigrant", "5") == {
        ("s", question.code, "ocg", ("immigrant", g), "5")
        for g in ("western", "non_western", "unknown")
    }
    assert ("s", question.code, "ocg", ("danish", "unknown"), "5") in group(
        "unknown", "5"
    )


def test_t05_combined_and_single_board_kinds_are_one_system():
    """School and day-care boards together (a representation table), school
    boards alone (an indicator) and the kinds pooled in the participation
    table: the day-care boards' counts, which the combined table minus the
    school boards would give, are audited with all of them."""
    for _n in range(3):
        CompositionReportFactory(
            association__kind=AssociationKind.SCHOOL_BOARD,
            year=2024,
            board_immigrant_woman=3,
            board_danish_man=7,
        )
    for immigrants in (1, 2):
        CompositionReportFactory(
            association__kind=AssociationKind.DAYCARE_BOARD,
            year=2024,
            board_immigrant_woman=immigrants,
            board_danish_man=6,
        )
    indicator = IndicatorFactory(
        goal=GoalFactory(),
        code="school-boards",
        source=IndicatorSource.PARTICIPATION,
        measure=ParticipationMeasure.BOARD_SHARE,
        association_kind=AssociationKind.SCHOOL_BOARD,
        group=OriginGroup.MULTICULTURAL,
        statistic_table="",
        statistic_indicator="",
        statistic_breakdown="",
        statistic_group="",
    )
    release = release_make(population=Population("reports", 2024), now=True)
    assert release.status == ReleaseStatus.AUDITED, release.message
    assert audit_release(release) == []
    numbers = {n.key: n for n in release_links.release_numbers(release)[0]}
    school = numbers["council", f"indicator:{indicator.code}", 2024, "group"]
    both = numbers["council", "representation:school_daycare", 2024, "group"]
    # The school boards' cells are among the combined table's: one system.
    assert school.cells < both.cells
    day_care = both.cells - school.cells
    assert {cell[2] for cell in day_care} == {"daycare_board"}


def test_t05_every_theme_table_of_a_wave_is_audited_together(wave_data):
    """The themes of each open question and of all of them (a respondent
    who named a theme in two answers counts once there)."""
    question, wave = wave_data
    texts = [
        QuestionFactory(section=question.section, kind=QuestionKind.TEXT)
        for _n in range(2)
    ]
    theme = Theme.objects.create(code="language", name="Sprog")
    responses = list(wave.responses.all()[:12])
    for n, response in enumerate(responses):
        for text in texts[: 1 + n % 2]:
            answer = Answer.objects.create(response=response, question=text, text="x")
            answer_code(
                answer=answer, themes=[theme], quote_status=QuoteStatus.NONE, quote=""
            )
    release = release_make(population=Population("wave", wave.pk), now=True)
    keys = set(release.tables.values_list("key", flat=True))
    assert {f"themes:{t.code}:{wave.pk}" for t in texts} | {
        f"themes:all:{wave.pk}"
    } <= keys
    assert audit_release(release) == []
    numbers = {n.key: n for n in release_links.release_numbers(release)[0]}
    every = numbers["council", f"themes:all:{wave.pk}", "language", TOTAL]
    each = [
        numbers["council", f"themes:{t.code}:{wave.pk}", "language", TOTAL]
        for t in texts
    ]
    # Respondents by the set of questions they named the theme in.
    assert every.cells == each[0].cells | each[1].cells
    assert each[0].cells & each[1].cells
