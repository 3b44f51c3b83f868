"""Goals and indicators (participation/council/indicators.py and the models behind
them): the constraints staff cannot get round, each source's yearly
measurements with the counts behind them, the movement rule, targets copied
from imported statistics, and the admin screens ."""

import datetime
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from participation.associations.models import AssociationKind, Status
from participation.council import catalogue
from participation.council.indicators import (
    NEGATIVE,
    POSITIVE,
    UNCHANGED,
    Measurement,
    _movement,
    indicator_targets_sync,
    measurements,
    movement,
    population_share,
)
from participation.council.models import (
    Indicator,
    IndicatorSource,
    IndicatorTarget,
    IndicatorUnit,
    OfficialStatistic,
    OriginGroup,
    ParticipationMeasure,
    PopulationCell,
)
from surveys.models import QuestionKind
from tests.participation.factories import (
    AssociationFactory,
    CompositionReportFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    OfficialStatisticFactory,
    PopulationCellFactory,
    PopulationTableFactory,
    StrategyFactory,
    UserFactory,
)
from tests.surveys.factories import (
    AnswerFactory,
    QuestionFactory,
    SurveyResponseFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db


def fails(make) -> bool:
    """Whether the database refuses what ``make`` writes."""
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


# --- constraints ----------------------------------------------------------------


def test_a_survey_indicator_needs_its_question_and_no_other_kind_keeps_one():
    question = QuestionFactory(kind=QuestionKind.AGREE)
    assert fails(lambda: IndicatorFactory(source=IndicatorSource.SURVEY))
    assert fails(lambda: IndicatorFactory(question=question))  # statistics
    survey = IndicatorFactory(source=IndicatorSource.SURVEY, question=question)
    assert survey.pk


def test_participation_and_statistics_indicators_need_their_keys():
    assert fails(lambda: IndicatorFactory(source=IndicatorSource.PARTICIPATION))
    assert fails(
        lambda: IndicatorFactory(
            source=IndicatorSource.PARTICIPATION,
            measure=ParticipationMeasure.BOARD_SHARE,
            group=OriginGroup.ALL,  # a share of everyone says nothing
        )
    )
    assert fails(lambda: IndicatorFactory(statistic_table=""))
    assert fails(lambda: IndicatorFactory(statistic_indicator=""))
    assert fails(lambda: IndicatorFactory(threshold=Decimal("-1")))
    assert fails(lambda: IndicatorFactory(direction="up"))


def test_full_clean_names_the_field_to_fix():
    indicator = IndicatorFactory.build(
        goal=GoalFactory(),
        source=IndicatorSource.PARTICIPATION,
        group=OriginGroup.ALL,
    )
    with pytest.raises(ValidationError) as caught:
        indicator.full_clean()
    assert {"measure", "group"} <= set(caught.value.message_dict)
    survey = IndicatorFactory.build(goal=GoalFactory(), source=IndicatorSource.SURVEY)
    with pytest.raises(ValidationError) as caught:
        survey.full_clean()
    assert "question" in caught.value.message_dict


def test_strategy_years_goal_codes_and_targets_are_checked():
    assert fails(lambda: StrategyFactory(valid_from=2026, valid_to=2023))
    goal = GoalFactory(code="work")
    assert fails(lambda: GoalFactory(strategy=goal.strategy, code="work"))
    assert GoalFactory(code="work").pk  # another strategy may reuse the code
    target = IndicatorTargetFactory(year=2025)
    assert fails(lambda: IndicatorTargetFactory(indicator=target.indicator, year=2025))
    OfficialStatisticFactory()
    assert fails(OfficialStatisticFactory)


def test_population_cells_are_unique_and_use_our_codes():
    cell = PopulationCellFactory()
    assert fails(lambda: PopulationCellFactory(table=cell.table))
    assert fails(lambda: PopulationCellFactory(country_group="western"))  # danish
    assert fails(lambda: PopulationCellFactory(origin="martian"))
    assert fails(lambda: PopulationCellFactory(age_band="18_24"))
    assert PopulationCellFactory(
        table=cell.table, origin="immigrant", country_group="non_western"
    ).pk


def test_the_synthetic_label_stays_with_the_table():
    table = PopulationTableFactory(name="FOLK1E demo", synthetic=True)
    PopulationCellFactory(table=table, count=7)
    PopulationCellFactory(table=table, gender="man", count=5)
    with translation.override("en"):
        assert str(table) == "FOLK1E demo (synthetic)"
        table.name = "FOLK1E (synthetic)"
        assert str(table) == "FOLK1E (synthetic)"  # said once is enough
    assert table.total == 12


# --- statistics -------------------------------------------------------------------


def test_statistics_measurements_are_the_matching_rows_by_year():
    indicator = IndicatorFactory()
    for year, value in ((2023, "59.1"), (2022, "57.9")):
        OfficialStatisticFactory(year=year, value=Decimal(value))
    OfficialStatisticFactory(group="descendants", value=Decimal("59.6"))
    OfficialStatisticFactory(breakdown="20-24 år", value=Decimal("55.2"))
    assert measurements(indicator) == [
        Measurement(2022, 57.9, None, None),
        Measurement(2023, 59.1, None, None),
    ]


def test_no_figures_no_measurements():
    assert measurements(IndicatorFactory()) == []
    board = IndicatorFactory(
        source=IndicatorSource.PARTICIPATION,
        measure=ParticipationMeasure.BOARD_SHARE,
        association_kind=AssociationKind.SCHOOL_BOARD,
        group=OriginGroup.MULTICULTURAL,
    )
    assert measurements(board) == []


# --- participation ----------------------------------------------------------------


def board_indicator(**fields):
    defaults = {
        "source": IndicatorSource.PARTICIPATION,
        "measure": ParticipationMeasure.BOARD_SHARE,
        "association_kind": AssociationKind.SCHOOL_BOARD,
        "group": OriginGroup.MULTICULTURAL,
        "baseline_year": 2024,
    }
    return IndicatorFactory(**{**defaults, **fields})


@pytest.fixture
def boards():
    """Two school boards over two years, a day-care board and a board still
    waiting for approval (neither counted for school boards)."""
    school = AssociationFactory(kind=AssociationKind.SCHOOL_BOARD)
    other_school = AssociationFactory(kind=AssociationKind.SCHOOL_BOARD)
    daycare = AssociationFactory(kind=AssociationKind.DAYCARE_BOARD)
    pending = AssociationFactory(
        kind=AssociationKind.SCHOOL_BOARD, status=Status.PENDING
    )
    # 2024: 1 immigrant + 0 descendants of 4 + 5 known seats (1 unknown).
    CompositionReportFactory(
        association=school,
        year=2024,
        board_danish_woman=2,
        board_danish_man=1,
        board_immigrant_woman=1,
        board_unknown_man=1,
    )
    CompositionReportFactory(association=other_school, year=2024, board_danish_man=5)
    # 2025: 1 immigrant + 1 descendant of 4 + 5.
    CompositionReportFactory(
        association=school,
        year=2025,
        board_danish_woman=2,
        board_immigrant_woman=1,
        board_descendant_man=1,
    )
    CompositionReportFactory(association=other_school, year=2025, board_danish_man=5)
    CompositionReportFactory(association=daycare, year=2024, board_immigrant_man=6)
    CompositionReportFactory(association=pending, year=2024, board_immigrant_man=6)
    return school


def test_board_share_adds_up_the_boards_of_the_kind_per_year(boards):
    points = measurements(board_indicator())
    assert [(p.year, p.n, p.count) for p in points] == [(2024, 9, 1), (2025, 9, 2)]
    assert points[0].value == pytest.approx(100 / 9)
    assert points[1].value == pytest.approx(200 / 9)
    immigrants = measurements(board_indicator(group=OriginGroup.IMMIGRANT))
    assert [p.count for p in immigrants] == [1, 1]
    daycare = measurements(
        board_indicator(association_kind=AssociationKind.DAYCARE_BOARD)
    )
    assert [(p.year, p.value, p.n) for p in daycare] == [(2024, 100.0, 6)]


def test_members_share_without_a_kind_counts_associations_not_boards(boards):
    club = AssociationFactory(kind=AssociationKind.SPORT)
    choir = AssociationFactory(kind=AssociationKind.CULTURE)
    CompositionReportFactory(
        association=club,
        year=2025,
        members_danish_adult=30,
        members_immigrant_child=6,
        members_descendant_child=4,
        members_unknown_adult=50,
    )
    CompositionReportFactory(association=choir, year=2025, members_danish_adult=10)
    indicator = board_indicator(
        measure=ParticipationMeasure.MEMBERS_SHARE, association_kind=""
    )
    assert measurements(indicator) == [Measurement(2025, 20.0, 50, 10)]
    sport = board_indicator(
        measure=ParticipationMeasure.MEMBERS_SHARE,
        association_kind=AssociationKind.SPORT,
    )
    assert measurements(sport) == [Measurement(2025, 25.0, 40, 10)]


def population(year=2023, *, danish=900, immigrant=60, descendant=40, children=500):
    """A population table: adults by origin, and children who do not count
    for boards."""
    table = PopulationTableFactory(year=year, period=f"{year}K1")
    for origin, count in (
        ("danish", danish),
        ("immigrant", immigrant),
        ("descendant", descendant),
    ):
        PopulationCellFactory(table=table, origin=origin, count=count)
    PopulationCellFactory(table=table, age_band="under_18", count=children)
    return table


def test_representation_ratio_divides_by_the_adult_population_share(boards):
    population()
    assert population_share(OriginGroup.MULTICULTURAL, year=2024) == pytest.approx(0.1)
    indicator = board_indicator(
        measure=ParticipationMeasure.REPRESENTATION_RATIO, unit=IndicatorUnit.RATIO
    )
    points = measurements(indicator)
    assert [(p.year, p.n, p.count) for p in points] == [(2024, 9, 1), (2025, 9, 2)]
    assert points[0].value == pytest.approx((1 / 9) / 0.1)
    assert points[1].value == pytest.approx((2 / 9) / 0.1)


def test_representation_ratio_uses_the_latest_table_up_to_the_year(boards):
    population(2023, immigrant=60, descendant=40)  # 10 %
    population(2025, immigrant=150, descendant=50, danish=800)  # 20 %
    indicator = board_indicator(
        measure=ParticipationMeasure.REPRESENTATION_RATIO, unit=IndicatorUnit.RATIO
    )
    first, second = measurements(indicator)
    assert first.value == pytest.approx((1 / 9) / 0.1)
    assert second.value == pytest.approx((2 / 9) / 0.2)


def test_representation_ratio_without_a_population_has_no_figures(boards):
    indicator = board_indicator(measure=ParticipationMeasure.REPRESENTATION_RATIO)
    assert measurements(indicator) == []


# --- survey -----------------------------------------------------------------------


def respond(wave, question, origin: str, choice: str) -> None:
    AnswerFactory(
        response=SurveyResponseFactory(wave=wave, origin=origin),
        question=question,
        choice=choice,
    )


@pytest.fixture
def survey_answers():
    """A question answered in a 2023 wave and a 2025 wave; another question
    answered too, which must not count."""
    question = QuestionFactory(code="represented_local", kind=QuestionKind.AGREE)
    other = QuestionFactory(section=question.section, kind=QuestionKind.AGREE)
    survey = question.survey
    baseline = WaveFactory(
        survey=survey,
        opens_on=datetime.date(2023, 9, 1),
        closes_on=datetime.date(2023, 10, 31),
    )
    follow_up = WaveFactory(
        survey=survey,
        opens_on=datetime.date(2025, 1, 1),
        closes_on=datetime.date(2025, 12, 31),
    )
    for origin, choice in [
        ("immigrant", "5"),
        ("immigrant", "2"),
        ("descendant", "4"),
        ("descendant", "3"),
        ("immigrant", "dk"),  # don't know: not in the share
        ("danish", "5"),
        ("unknown", "1"),
    ]:
        respond(baseline, question, origin, choice)
    for origin, choice in [
        ("immigrant", "5"),
        ("immigrant", "4"),
        ("descendant", "4"),
        ("descendant", "1"),
        ("danish", "2"),
    ]:
        respond(follow_up, question, origin, choice)
    respond(follow_up, other, "immigrant", "1")
    return question


def survey_indicator(question, **fields):
    return IndicatorFactory(
        source=IndicatorSource.SURVEY,
        question=question,
        baseline_year=2023,
        **fields,
    )


def test_survey_share_agreeing_per_wave_for_the_group(survey_answers):
    indicator = survey_indicator(survey_answers, group=OriginGroup.MULTICULTURAL)
    assert measurements(indicator) == [
        Measurement(2023, 50.0, 4, 2),
        Measurement(2025, 75.0, 4, 3),
    ]


def test_a_survey_indicators_counts_are_headed_by_what_they_count(survey_answers):
    """Within the group, those who agree and the rest who answered: not the
    group against everyone else, as a participation figure's are."""
    indicator = survey_indicator(survey_answers, group=OriginGroup.MULTICULTURAL)
    with translation.override("en"):
        table = catalogue.indicator_table(indicator, policy=catalogue.policy())
        assert [str(label) for _code, label in table.columns] == [
            "Agree (4-5)",
            "Disagree or neither (1-3)",
        ]


def test_survey_everyone_includes_unknown_origin(survey_answers):
    everyone = measurements(survey_indicator(survey_answers, group=OriginGroup.ALL))
    assert [(p.year, p.n, p.count) for p in everyone] == [(2023, 6, 3), (2025, 5, 3)]
    danish = measurements(survey_indicator(survey_answers, group=OriginGroup.DANISH))
    assert danish == [Measurement(2023, 100.0, 1, 1), Measurement(2025, 0.0, 1, 0)]


# --- movement ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "baseline", "latest", "threshold", "expected"),
    [
        ("rise", 40, 45, 1, POSITIVE),
        ("rise", 40, 35, 1, NEGATIVE),
        ("rise", 40, 40.5, 1, UNCHANGED),
        ("fall", 39.0, 30.0, 1, POSITIVE),
        ("fall", 39.0, 45.0, 1, NEGATIVE),
        ("rise", 4.3, 5.4, 1, POSITIVE),
        ("rise", 4.4, 5.4, 1, UNCHANGED),  # exactly the threshold, despite floats
        ("fall", 5.4, 4.4, Decimal(1), UNCHANGED),
        ("fall", 5.5, 4.4, Decimal(1), POSITIVE),
        ("rise", 40, 38.9, 1, NEGATIVE),
        ("rise", 40, 40, 0, UNCHANGED),
        ("rise", 40, 40.01, 0, POSITIVE),
        ("rise", Decimal("0.9"), Decimal("0.96"), Decimal("0.05"), POSITIVE),
    ],
)
def test_movement_rule(direction, baseline, latest, threshold, expected):
    assert _movement(direction, baseline, latest, threshold=threshold) == expected


def test_movement_rule_refuses_nonsense():
    with pytest.raises(ValueError):
        _movement("up", 1, 2, threshold=1)
    with pytest.raises(ValueError):
        _movement("rise", 1, 2, threshold=-1)


def test_movement_against_the_measured_baseline(survey_answers):
    indicator = survey_indicator(
        survey_answers, group=OriginGroup.MULTICULTURAL, threshold=Decimal(3)
    )
    result = movement(indicator)
    assert result.status == POSITIVE
    assert (result.baseline_year, result.baseline, result.baseline_n) == (2023, 50, 4)
    assert (result.latest_year, result.latest, result.latest_n) == (2025, 75, 4)
    assert result.change == 25
    with translation.override("en"):
        rule = movement(indicator).rule
    assert "3 percentage points" in rule
    assert "2023" in rule


def test_movement_against_a_baseline_staff_typed_in():
    indicator = IndicatorFactory(
        baseline_value=Decimal("60"), direction="rise", threshold=Decimal(1)
    )
    OfficialStatisticFactory(year=2024, value=Decimal("57.9"))
    result = movement(indicator)
    assert result.status == NEGATIVE
    assert result.baseline == 60
    assert result.baseline_n is None
    assert result.change == pytest.approx(-2.1)


def test_no_movement_before_a_later_figure():
    indicator = IndicatorFactory()
    OfficialStatisticFactory(year=2022)
    result = movement(indicator)
    assert result.status is None
    assert result.baseline == pytest.approx(57.9)
    assert result.latest is None
    assert movement(IndicatorFactory(direction="fall")).status is None
    with translation.override("en"):
        assert "should fall" in movement(IndicatorFactory(direction="fall")).rule


def test_better_than_the_baseline_is_not_on_track_below_the_target_path():
    indicator = IndicatorFactory(
        baseline_year=2018, baseline_value=Decimal("5"), direction="rise"
    )
    for year, target in ((2019, "5.5"), (2020, "6"), (2021, "6.5")):
        IndicatorTargetFactory(indicator=indicator, year=year, value=Decimal(target))
    OfficialStatisticFactory(year=2021, value=Decimal("6.1"))
    result = movement(indicator)
    assert result.status == POSITIVE  # it rose by more than the threshold
    assert result.target_status == "behind"  # but not as far as the måltal
    assert (result.target_year, result.target, result.target_path) == (2021, 6.5, 6.5)
    with translation.override("en"):
        rule = movement(indicator).target_rule
    assert "at or above the target of" in rule and "2021" in rule and "2018" in rule
    IndicatorTarget.objects.filter(indicator=indicator, year=2021).update(
        value=Decimal("6.05")
    )
    assert movement(indicator).target_status == "reached"


def test_the_status_uses_the_figures_as_shown():
    # 42.96 % is shown as 43.0 %: against a target of 43.0 it is reached.
    indicator = IndicatorFactory(baseline_year=2022, baseline_value=Decimal("40"))
    IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("43"))
    OfficialStatisticFactory(year=2026, value=Decimal("42.96"))
    assert movement(indicator).target_status == "reached"


def test_no_target_is_said_as_such():
    indicator = IndicatorFactory()
    OfficialStatisticFactory(year=2024)
    result = movement(indicator)
    assert result.target_status == "no_target"
    with translation.override("en"):
        assert "No target" in movement(indicator).target_rule


# --- targets from statistics --------------------------------------------------------


def test_targets_are_copied_from_the_imported_maaltal():
    indicator = IndicatorFactory(
        statistic_table="3",
        statistic_indicator="municipal_employees_non_western_actual",
        statistic_breakdown="Ansatte med ikke-vestlig baggrund",
        statistic_group="all",
        statistic_target_indicator="municipal_employees_non_western_target",
    )
    for year, value in ((2018, "5.8"), (2019, "6.0")):
        OfficialStatisticFactory(
            table="3",
            indicator="municipal_employees_non_western_target",
            breakdown="Måltal",
            group="all",
            year=year,
            value=Decimal(value),
        )
    IndicatorTargetFactory(indicator=indicator, year=2019, value=Decimal("1"))
    assert indicator_targets_sync(indicator=indicator) == 2
    assert list(
        IndicatorTarget.objects.filter(indicator=indicator).values_list("year", "value")
    ) == [(2018, Decimal("5.8")), (2019, Decimal("6.0"))]
    assert indicator_targets_sync(indicator=IndicatorFactory()) == 0
    assert OfficialStatistic.objects.count() == 2


# --- admin --------------------------------------------------------------------------


@pytest.fixture
def staff(client):
    user = UserFactory(superuser=True, totp=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "model", ["strategy", "indicator", "officialstatistic", "populationtable"]
)
def test_staff_find_the_insight_snippets_in_the_participation_menu(
    client, staff, model
):
    IndicatorTargetFactory()
    PopulationCellFactory()
    OfficialStatisticFactory()
    response = client.get(reverse(f"wagtailsnippets_participation_{model}:list"))
    assert response.status_code == HTTPStatus.OK


def test_staff_edit_an_indicator_with_its_targets(client, staff):
    target = IndicatorTargetFactory()
    indicator = target.indicator
    response = client.get(
        reverse("wagtailsnippets_participation_indicator:edit", args=[indicator.pk])
    )
    assert response.status_code == HTTPStatus.OK
    assert "targets-TOTAL_FORMS" in response.content.decode()
    strategy = indicator.goal.strategy
    response = client.get(
        reverse("wagtailsnippets_participation_strategy:edit", args=[strategy.pk])
    )
    assert response.status_code == HTTPStatus.OK
    assert "goals-TOTAL_FORMS" in response.content.decode()


def test_population_tables_are_read_only_in_the_admin(client, staff):
    table = PopulationCellFactory().table
    response = client.get(
        reverse("wagtailsnippets_participation_populationtable:edit", args=[table.pk])
    )
    assert response.status_code != HTTPStatus.OK
    assert PopulationCell.objects.filter(table=table).count() == 1


def test_residents_and_council_members_do_not_reach_the_snippets(client):
    client.force_login(UserFactory(council=True, totp=True))
    response = client.get(reverse("wagtailsnippets_participation_indicator:list"))
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)


def test_staff_adding_an_indicator_are_told_what_its_source_needs(client, staff):
    goal = GoalFactory()
    data = nested_form_data(
        {
            "goal": goal.pk,
            "code": "school-boards",
            "sort_order": 0,
            "unit": "percent",
            "direction": "rise",
            "baseline_year": 2024,
            "baseline_value": "",
            "threshold": "1",
            "source": "participation",
            "group": "all",
            "measure": "",
            "association_kind": "school_board",
            "name_da": "Forældre i skolebestyrelser",
            "targets": inline_formset([]),
        }
    )
    add = reverse("wagtailsnippets_participation_indicator:add")
    response = client.post(add, data)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Choose what to measure." in html
    assert "Choose the group whose share is measured." in html
    assert not Indicator.objects.exists()
    data.update({"measure": "board_share", "group": "multicultural"})
    data.update(
        nested_form_data({"targets": inline_formset([{"year": 2026, "value": "15"}])})
    )
    response = client.post(add, data)
    assert response.status_code == HTTPStatus.FOUND
    indicator = Indicator.objects.get()
    assert indicator.name_da == "Forældre i skolebestyrelser"
    assert list(indicator.targets.values_list("year", flat=True)) == [2026]


# --- any answer and indices (issue 17) ----------------------------------------------


def test_a_yes_no_answer_is_an_indicator_that_should_fall():
    question = QuestionFactory(code="discrimination_12m", kind=QuestionKind.YESNO)
    wave = WaveFactory(
        survey=question.survey,
        opens_on=datetime.date(2023, 9, 1),
        closes_on=datetime.date(2023, 10, 31),
    )
    for origin, choice in [
        ("immigrant", "yes"),
        ("immigrant", "no"),
        ("descendant", "no"),
        ("descendant", "dk"),  # don't know: not in the share
        ("danish", "yes"),
    ]:
        respond(wave, question, origin, choice)
    indicator = survey_indicator(
        question, answers="yes", direction="fall", group=OriginGroup.MULTICULTURAL
    )
    indicator.full_clean()
    assert measurements(indicator) == [Measurement(2023, 100 / 3, 3, 1)]
    table = catalogue.indicator_table(indicator, policy=catalogue.policy())
    with translation.override("en"):
        assert [str(label) for _code, label in table.columns] == [
            "Counted answers",
            "Other answers",
        ]


def test_the_answers_that_count_are_checked():
    question = QuestionFactory(kind=QuestionKind.YESNO)
    for answers, field_error in [
        ("", "Name the answers"),
        ("ja", "Not an answer of this question"),
        ("yes,no", "Leave out at least one answer"),
    ]:
        indicator = survey_indicator(question, answers=answers)
        with translation.override("en"):
            with pytest.raises(ValidationError) as error:
                indicator.full_clean()
            assert field_error in str(error.value.message_dict["answers"])
    agree = QuestionFactory(kind=QuestionKind.AGREE)
    survey_indicator(agree).full_clean()  # 4 and 5 count by default


def test_an_index_counts_respondents_whose_mean_agreement_is_4_or_more():
    trust = QuestionFactory(code="trust_people", kind=QuestionKind.AGREE)
    belong = QuestionFactory(
        section=trust.section, code="community_belong", kind=QuestionKind.AGREE
    )
    wave = WaveFactory(
        survey=trust.survey,
        opens_on=datetime.date(2023, 9, 1),
        closes_on=datetime.date(2023, 10, 31),
    )
    for origin, answers in [
        ("immigrant", {"trust_people": "5", "community_belong": "3"}),  # mean 4
        ("immigrant", {"trust_people": "4", "community_belong": "2"}),  # mean 3
        ("descendant", {"trust_people": "dk", "community_belong": "4"}),  # 4
        ("descendant", {"trust_people": "dk"}),  # answered none on 1-5
        ("danish", {"trust_people": "5", "community_belong": "5"}),
    ]:
        response = SurveyResponseFactory(wave=wave, origin=origin)
        for code, choice in answers.items():
            AnswerFactory(
                response=response,
                question=trust if code == "trust_people" else belong,
                choice=choice,
            )
    indicator = IndicatorFactory(
        source=IndicatorSource.COMPOSITE,
        baseline_year=2023,
        group=OriginGroup.MULTICULTURAL,
    )
    indicator.components.set([trust, belong])
    indicator.save()
    indicator.full_clean()
    assert measurements(indicator) == [Measurement(2023, 200 / 3, 3, 2)]
    assert measurements(indicator, wave=wave) == measurements(indicator)
    alone = IndicatorFactory(source=IndicatorSource.COMPOSITE, baseline_year=2023)
    alone.components.set([trust])
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            alone.full_clean()
        assert "at least two" in str(error.value.message_dict["components"])
