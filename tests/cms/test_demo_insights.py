"""The demo's council insights (cms/demo/insights.py): Aalborg's
Integrationsstrategi 2023-2026 with three goals and live indicators, the
strategy's Tables 1-3 as official statistics with Table 3's måltal as
targets, and a synthetic FOLK1E population adding up to 222,571."""

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from cms.demo import insights
from participation.council.indicators import POSITIVE, measurements, movement
from participation.council.models import (
    Indicator,
    IndicatorSource,
    OfficialStatistic,
    PopulationTable,
    Strategy,
)
from participation.council.statbank import (
    detect_format,
    population_frame,
    read_statbank,
)
from surveys.models import Answer
from tests.demo_db import demo_database, load_coded

LANGS = [code for code, _name in settings.LANGUAGES]
TODAY = timezone.localdate()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_store):
    """The demo, for this module and gone after it (loaded once per run:
    tests/demo_db.py); each test runs in its own savepoint inside (the
    ``db`` fixture)."""
    with demo_database(
        "coded", load_coded, blocker=django_db_blocker, store=demo_store
    ):
        yield Strategy.objects.get()


@pytest.fixture
def strategy(demo, db):
    return demo


def test_the_strategy_has_three_goals_in_nine_languages(strategy):
    assert (strategy.valid_from, strategy.valid_to) == (2023, 2026)
    assert strategy.name_da == "Integrationsstrategi 2023-2026"
    goals = list(strategy.goals.order_by("sort_order"))
    assert [g.code for g in goals] == ["uddannelse", "beskaeftigelse", "faellesskab"]
    for goal in goals:
        assert all(getattr(goal, f"title_{code}") for code in LANGS)
    assert "skole- og dagtilbudsbestyrelser" in goals[2].title_da


def test_every_indicator_has_measurements(strategy):
    indicators = Indicator.objects.filter(goal__strategy=strategy)
    assert indicators.count() == len(insights.INDICATORS)
    assert {i.source for i in indicators} == set(IndicatorSource.values)
    for indicator in indicators:
        assert measurements(indicator), indicator.code
        assert all(getattr(indicator, f"name_{code}") for code in LANGS)


def test_feeling_represented_is_measured_in_both_waves_and_rises(strategy):
    indicator = Indicator.objects.get(code="foeler-sig-repraesenteret")
    assert indicator.question.code == "represented_local"
    points = measurements(indicator)
    assert [p.year for p in points] == [2023, TODAY.year]
    assert all(p.n >= 20 for p in points)
    result = movement(indicator, measured=points)
    assert result.baseline_year == 2023
    assert result.latest > result.baseline  # the demo's follow-up wave lifts it


def test_boards_are_measured_every_report_year(strategy):
    years = list(range(TODAY.year - 2, TODAY.year + 1))
    for code in ("skolebestyrelser-flerkulturel", "dagtilbudsbestyrelser-flerkulturel"):
        points = measurements(Indicator.objects.get(code=code))
        assert [p.year for p in points] == years
        assert all(0 <= p.value <= 100 and p.n > 0 for p in points)
    ratio = measurements(Indicator.objects.get(code="skolebestyrelser-repraesentation"))
    assert [p.year for p in ratio] == years
    assert all(p.value > 0 for p in ratio)


def test_tables_1_to_3_are_imported_with_table_3_targets(strategy):
    assert OfficialStatistic.objects.count() == 35
    assert set(OfficialStatistic.objects.values_list("table", flat=True)) == {
        "1",
        "2",
        "3",
    }
    employees = Indicator.objects.get(code="kommunalt-ansatte-ikke-vestlig")
    assert dict(employees.targets.values_list("year", "value")) == {
        2018: Decimal("5.8"),
        2019: Decimal("6.0"),
        2020: Decimal("6.2"),
        2021: Decimal("6.3"),
    }
    assert [(p.year, p.value) for p in measurements(employees)] == [
        (2018, 4.3),
        (2019, 4.5),
        (2020, 5.0),
        (2021, 5.4),
    ]
    result = movement(employees)
    assert result.status == POSITIVE  # 4.3 → 5.4: more than 1 point
    employment = Indicator.objects.get(code="beskaeftigelse-indvandrere-25-29")
    assert measurements(employment)[0].value == pytest.approx(57.9)


def test_the_population_is_synthetic_and_adds_up_to_aalborgs_total(strategy):
    table = PopulationTable.objects.get()
    assert table.total == 222_571
    assert table.synthetic
    assert table.name == "FOLK1E Aalborg 2023K1 (synthetic)"
    assert (table.area, table.period, table.year) == ("Aalborg", "2023K1", 2023)


def test_the_population_file_says_it_is_synthetic():
    table = read_statbank(insights.POPULATION_FILE.read_bytes())
    assert table.format == "px"
    assert table.notes[0].startswith("SYNTHETIC population table")
    frame = population_frame(table)
    assert int(frame["count"].sum()) == insights.POPULATION["total"] == 222_571


def test_the_tables_come_as_json_stat_and_the_population_as_px():
    for path in insights.STATISTICS_FILES.values():
        assert detect_format(path.read_bytes()) == "json-stat"
    assert detect_format(insights.POPULATION_FILE.read_bytes()) == "px"


def test_loading_again_adds_nothing(strategy):
    counts = (Indicator.objects.count(), OfficialStatistic.objects.count())
    out = io.StringIO()
    call_command("load_demo", responses=0, releases=False, stdout=out)
    assert "already loaded" in out.getvalue()
    assert (Indicator.objects.count(), OfficialStatistic.objects.count()) == counts
    assert Strategy.objects.count() == PopulationTable.objects.count() == 1


def test_board_seats_are_rare_as_in_published_figures(strategy):
    """Issue 17, item 11: about one adult in ten sits on a board, not a
    quarter; fewer immigrants than residents of Danish origin."""
    answers = Answer.objects.filter(question__code="boards")
    respondents = answers.values("response").distinct().count()
    seated = answers.exclude(choice="none").values("response").distinct().count()
    assert respondents > 100
    assert 0.03 < seated / respondents < 0.18
