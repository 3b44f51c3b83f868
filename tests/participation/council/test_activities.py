"""The associations' activities reach the council (issue 17, item 6):
participants by origin and the number of activities, by kind and by half
year, counted across associations, through disclosure control and the
release's joint audit."""

import datetime

import pytest
from django.utils import translation

from participation.associations.models import Status
from participation.council import catalogue, prepared
from participation.council.releases import (
    Population,
    audit_release,
    release_make,
    release_publish,
)
from participation.council.releases.populations import council_keys
from tests.participation.factories import (
    ActivityFactory,
    ActivityKindFactory,
    AssociationFactory,
    CompositionReportFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def activities():
    """Sport held by four associations; a course by one and a festival by
    two, pooled (three associations together); an unapproved association's
    activity (not counted)."""
    sport = ActivityKindFactory(code="sport")
    course = ActivityKindFactory(code="course")
    clubs = [AssociationFactory(status=Status.APPROVED) for _ in range(4)]
    for number, club in enumerate(clubs):
        CompositionReportFactory(association=club, year=YEAR, members_danish_adult=20)
        for month in (3, 9):
            ActivityFactory(
                association=club,
                kind=sport,
                date=datetime.date(YEAR, month, 10),
                participants_danish=12 + number,
                participants_immigrant=6,
                participants_descendant=5,
                participants_unknown=0,
                participants_total=23 + number,
            )
    ActivityFactory(
        association=clubs[0],
        kind=course,
        date=datetime.date(YEAR, 5, 2),
        participants_danish=8,
        participants_immigrant=7,
        participants_descendant=6,
        participants_unknown=0,
        participants_total=21,
    )
    festival = ActivityKindFactory(code="festival")
    for club in clubs[1:3]:
        ActivityFactory(
            association=club,
            kind=festival,
            date=datetime.date(YEAR, 8, 20),
            participants_danish=10,
            participants_immigrant=5,
            participants_descendant=5,
            participants_unknown=0,
            participants_total=20,
        )
    ActivityFactory(
        association=AssociationFactory(status=Status.PENDING),
        kind=sport,
        date=datetime.date(YEAR, 4, 1),
        participants_danish=99,
        participants_total=99,
        participants_unknown=0,
    )
    return sport, course


def records(by: str) -> dict:
    table = catalogue.activity_table(YEAR, by=by, policy=catalogue.policy())
    return {str(r["code"]): r for r in table.records()}


def test_participants_and_activities_by_kind_pool_a_kind_of_one_association(
    activities,
):
    by_kind = records("kinds")
    assert set(by_kind) == {"sport", catalogue.POOLED, "__total__"}
    sport = by_kind["sport"]
    # 4 clubs x 2 activities: Danish 2 x (12+13+14+15), 6 and 5 each.
    assert sport["cells"] == [108, 48, 40, 0]
    assert sport["activities"] == 8
    assert by_kind[catalogue.POOLED]["cells"] == [28, 17, 16, 0]
    assert by_kind["__total__"]["activities"] == 11
    by_half = records("periods")
    assert by_half["1"]["activities"] == 5 and by_half["2"]["activities"] == 6
    assert by_half["__total__"]["total"] == by_kind["__total__"]["total"]


def test_the_year_of_reports_releases_the_activities_and_passes_the_audit(
    activities,
):
    population = Population("reports", YEAR)
    keys = council_keys(population)
    assert f"activities:kinds:{YEAR}" in keys and f"activities:periods:{YEAR}" in keys
    release = release_make(population=population, now=True)
    assert audit_release(release) == []
    release_publish(release=release)
    found = prepared.prepared_table(
        f"activities:periods:{YEAR}", policy=catalogue.policy()
    )
    assert found.ready
    with translation.override("da"):
        assert [str(label) for _c, label in found.table.rows] == [
            "Januar-juni",
            "Juli-december",
        ]
