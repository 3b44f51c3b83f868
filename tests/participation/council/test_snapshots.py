"""participation/council/snapshots.py and its admin view (participation/
snapshot_admin.py): a snapshot freezes only disclosed figures, and a new one
is refused until at least k responses or records changed (TESTPLAN T06)."""

import datetime
import json
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation

from participation.associations.models import AssociationKind, CompositionReport
from participation.council import catalogue, snapshots
from participation.council.models import (
    DisclosureSettings,
    IndicatorSource,
    OriginGroup,
    ParticipationMeasure,
    ResultsSnapshot,
)
from tests.admin_helpers import refused, speaks_english
from tests.participation.factories import (
    AssociationFactory,
    CompositionReportFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    OfficialStatisticFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PAGE = "participation_results_snapshot"
PUBLISH = "participation_results_snapshot_publish"


def reports(n: int, *, start_year: int = 2000) -> None:
    """``n`` composition reports (each one change of the basis)."""
    association = AssociationFactory()
    for year in range(start_year, start_year + n):
        CompositionReportFactory(association=association, year=year)


@pytest.fixture
def board_indicator():
    """Share of school-board seats held by people with a multicultural
    background: 2 of 22 seats in 2023 (too few to show), 8 of 28 in 2024,
    9 of 30 in 2025, with a target for 2026."""
    indicator = IndicatorFactory(
        code="school-boards",
        name="Forældre i skolebestyrelser",
        name_da="Forældre i skolebestyrelser",
        name_ar="أولياء الأمور في مجالس المدارس",
        description_da="Andel af pladserne.",
        source=IndicatorSource.PARTICIPATION,
        measure=ParticipationMeasure.BOARD_SHARE,
        association_kind=AssociationKind.SCHOOL_BOARD,
        group=OriginGroup.MULTICULTURAL,
        baseline_year=2023,
        published=True,
    )
    board = AssociationFactory(kind=AssociationKind.SCHOOL_BOARD)
    for year, immigrant, danish in ((2023, 2, 20), (2024, 8, 20), (2025, 9, 21)):
        CompositionReportFactory(
            association=board,
            year=year,
            board_immigrant_woman=immigrant,
            board_danish_man=danish,
        )
    IndicatorTargetFactory(indicator=indicator, year=2026, value=Decimal("15"))
    return indicator


def test_the_first_snapshot_is_always_allowed():
    reports(2)
    assert snapshots.snapshot_may_refresh() == (True, 0, 2)
    snapshot = snapshots.snapshot_take(today=datetime.date(2025, 3, 1))
    assert snapshot.basis == 2
    assert snapshot.k == 5
    assert snapshot.taken_on == datetime.date(2025, 3, 1)
    assert snapshot.figures["goals"] == []


def test_a_new_snapshot_is_refused_until_k_records_changed():
    reports(3)
    first = snapshots.snapshot_take()
    reports(4, start_year=2010)  # k - 1 new records
    assert snapshots.snapshot_may_refresh() == (False, 3, 7)
    with (
        translation.override("en"),
        pytest.raises(snapshots.SnapshotRefused) as refused,
    ):
        snapshots.snapshot_take()
    assert refused.value.changed == 4
    assert refused.value.k == 5
    assert "4 responses or records have changed" in str(refused.value)
    assert ResultsSnapshot.objects.count() == 1
    reports(1, start_year=2020)  # the k-th change
    second = snapshots.snapshot_take()
    assert second.basis == 8
    assert snapshots.snapshot_latest() == second != first


def test_deleted_records_count_as_changes_too():
    reports(10)
    snapshots.snapshot_take()
    CompositionReport.objects.filter(year__lt=2004).delete()  # 4 fewer
    assert snapshots.snapshot_may_refresh()[0] is False
    CompositionReport.objects.filter(year=2004).delete()
    assert snapshots.snapshot_may_refresh() == (True, 10, 5)


def test_the_public_threshold_decides():
    settings = DisclosureSettings.load()
    settings.public_k = 8
    settings.uniform_min = 10
    settings.save()
    reports(1)
    snapshots.snapshot_take()
    reports(7, start_year=2010)
    with pytest.raises(snapshots.SnapshotRefused):
        snapshots.snapshot_take()
    reports(1, start_year=2020)
    assert snapshots.snapshot_take().k == 8


def test_a_figure_the_table_hides_is_hidden_in_the_snapshot(board_indicator):
    snapshot = snapshots.snapshot_take(synthetic=False)
    (goal,) = snapshot.figures["goals"]
    (frozen,) = goal["indicators"]
    records = {record["year"]: record for record in frozen["records"]}
    table = catalogue.indicator_summary(
        board_indicator, policy=catalogue.policy(public=True)
    ).table.records()
    shown = {int(r["code"]): r["value"] for r in table}
    # The snapshot hides exactly what the public table hides ...
    for year, value in shown.items():
        assert (records[year]["figure"] is None) == (value is None), year
        assert records[year]["hidden"] == (value is None)
    # ... and 2 of 22 seats is never shown, nor derivable from a count.
    assert records[2023]["figure"] is None
    assert records[2023]["hidden"] is True
    text = json.dumps(snapshot.figures)
    assert "9.09" not in text and "9.1," not in text
    assert '"n"' not in text and '"count"' not in text and '"cells"' not in text
    # A target of a year without figures yet is kept (policy, not data).
    assert records[2026] == {
        "year": 2026,
        "figure": None,
        "hidden": False,
        "target": 15.0,
    }
    # The baseline year is hidden, so there is no movement to report.
    assert frozen["movement"]["status"] is None


def test_a_shown_figure_and_its_movement_are_frozen(board_indicator):
    # Without the tiny year nothing needs hiding: 8 of 28, then 9 of 30.
    CompositionReport.objects.filter(year=2023).delete()
    board_indicator.baseline_year = 2024
    board_indicator.save()
    frozen = snapshots.snapshot_take().figures["goals"][0]["indicators"][0]
    assert [(r["year"], r["figure"]) for r in frozen["records"]] == [
        (2024, 28.6),
        (2025, 30.0),
        (2026, None),
    ]
    assert frozen["movement"] == {
        "status": "positive",  # up 1.4 points, more than the threshold of 1
        "baseline_year": 2024,
        "latest_year": 2025,
    }


def test_texts_in_every_language_fall_back_to_danish(board_indicator):
    frozen = snapshots.snapshot_take().figures["goals"][0]["indicators"][0]
    assert frozen["name"]["ar"] == "أولياء الأمور في مجالس المدارس"
    assert frozen["name"]["so"] == "Forældre i skolebestyrelser"
    assert frozen["description"]["ti"] == "Andel af pladserne."
    assert set(frozen["name"]) == {
        "da", "en", "ar", "fa", "so", "tr", "uk", "ti", "pl",
    }  # fmt: skip
    assert frozen["code"] == "school-boards"
    assert frozen["goal"] == board_indicator.goal.code
    assert frozen["unit"] == "percent" and frozen["direction"] == "rise"


def test_only_published_indicators_are_frozen_in_goal_order(board_indicator):
    IndicatorFactory(published=False)
    later = IndicatorFactory(
        published=True,
        goal__strategy=board_indicator.goal.strategy,
        goal__sort_order=board_indicator.goal.sort_order + 1,
    )
    OfficialStatisticFactory(year=2022)
    goals = snapshots.snapshot_take().figures["goals"]
    codes = [[i["code"] for i in goal["indicators"]] for goal in goals]
    assert codes == [["school-boards"], [later.code]]


def test_synthetic_label(board_indicator):
    statistics = IndicatorFactory(published=True, goal=board_indicator.goal)
    OfficialStatisticFactory(year=2022)
    figures = snapshots.snapshot_take(synthetic=True).figures
    flags = {i["code"]: i["synthetic"] for i in figures["goals"][0]["indicators"]}
    # Official statistics are published figures, real even on a demo site.
    assert flags == {"school-boards": True, statistics.code: False}
    assert figures["synthetic"] is True


def test_without_a_synthetic_population_the_site_is_not_synthetic(board_indicator):
    figures = snapshots.snapshot_take().figures
    assert figures["synthetic"] is False
    assert figures["goals"][0]["indicators"][0]["synthetic"] is False


def test_results_for_a_page_in_the_readers_language(board_indicator):
    snapshot = snapshots.snapshot_take()
    with translation.override("ar"):
        results = snapshots.snapshot_results(snapshot, language="ar")
    (item,) = results.goals[0].indicators
    assert item.name == "أولياء الأمور في مجالس المدارس"
    assert item.chart_id == "chart-school-boards"
    assert item.chart["config"]["data"]["labels"] == ["2023", "2024", "2025", "2026"]
    assert item.chart["config"]["data"]["datasets"][0]["data"][0] is None
    assert results.k == 5
    assert snapshots.snapshot_results(None, language="da") is None
    snapshot.figures = {"version": 99}
    assert snapshots.snapshot_results(snapshot, language="da") is None


# --- the admin view ------------------------------------------------------------


@pytest.fixture
def staff(client):
    user = UserFactory(superuser=True, totp=True)
    speaks_english(user)
    client.force_login(user)
    return user


def test_staff_see_the_last_snapshot_and_what_changed(client, staff):
    reports(3)
    snapshots.snapshot_take(today=datetime.date(2025, 1, 15))
    reports(2, start_year=2010)
    response = client.get(reverse(PAGE))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Publish new results" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "2 responses or records (now 5)" in html
    assert "At least 5 must change" in html


def test_publishing_takes_a_snapshot_then_explains_a_refusal(client, staff):
    reports(3)
    response = client.post(reverse(PUBLISH), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert ResultsSnapshot.objects.count() == 1
    assert "New results are published" in response.content.decode()
    reports(1, start_year=2010)
    response = client.post(reverse(PUBLISH), follow=True)
    assert ResultsSnapshot.objects.count() == 1
    assert "1 response or record has changed" in response.content.decode()


def test_publishing_is_post_only_and_csrf_checked(staff):
    assert Client().get(reverse(PUBLISH)).status_code == HTTPStatus.FOUND  # login
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff)
    assert strict.get(reverse(PUBLISH)).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert strict.post(reverse(PUBLISH)).status_code == HTTPStatus.FORBIDDEN
    assert not ResultsSnapshot.objects.exists()


def test_staff_without_the_permission_are_refused(client):
    user = UserFactory(is_staff=True, totp=True)
    speaks_english(user)
    group = Group.objects.create(name="Editors without results")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert refused(client.get(reverse(PAGE)))
    assert refused(client.post(reverse(PUBLISH)))
    assert not ResultsSnapshot.objects.exists()
    assert "Public results" not in client.get("/admin/").content.decode()
    group.permissions.add(Permission.objects.get(codename="add_resultssnapshot"))
    user = type(user).objects.get(pk=user.pk)  # no cached permissions
    client.force_login(user)
    assert client.get(reverse(PAGE)).status_code == HTTPStatus.OK
    assert "Public results" in client.get("/admin/").content.decode()
