"""participation/council/snapshots.py and its admin view (participation/
snapshot_admin.py): a snapshot freezes only disclosed figures of the
published releases, and a new one is refused while a public figure would
move by 1 to k - 1 (TESTPLAN T06)."""

import datetime
import json
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation

from participation.associations.models import AssociationKind, CompositionReport
from participation.council import catalogue, prepared, snapshots
from participation.council.models import (
    DisclosureSettings,
    Release,
    ReleaseStatus,
    ResultsSnapshot,
)
from participation.council.releases import PUBLIC, Population, release_make
from tests.admin_helpers import refused, speaks_english
from tests.participation.factories import (
    CompositionReportFactory,
    IndicatorFactory,
    OfficialStatisticFactory,
    UserFactory,
    school_board_indicator,
)

pytestmark = pytest.mark.django_db

PAGE = "participation_results_snapshot"
PUBLISH = "participation_results_snapshot_publish"


@pytest.fixture
def board_indicator():
    """The published school-board indicator (factories.school_board_indicator)."""
    return school_board_indicator()


def board_seats(year: int, *, danish: int) -> None:
    """Another school board's report: ``danish`` more seats of Danish
    origin in ``year``."""
    CompositionReportFactory(
        association__kind=AssociationKind.SCHOOL_BOARD,
        year=year,
        board_danish_man=danish,
    )


def republish(year: int) -> Release:
    """A new release of the year's reports, put in place of the published one
    without the between-releases rule (as if the thresholds had differed):
    the snapshot's own rule must still hold."""
    release = release_make(population=Population("reports", year), now=True)
    Release.objects.filter(
        population=release.population, status=ReleaseStatus.PUBLISHED
    ).update(status=ReleaseStatus.REPLACED)
    Release.objects.filter(pk=release.pk).update(status=ReleaseStatus.PUBLISHED)
    return release


def test_the_first_snapshot_is_always_allowed():
    assert snapshots.snapshot_may_refresh() == (True, 0)
    snapshot = snapshots.snapshot_take(today=datetime.date(2025, 3, 1))
    assert snapshot.k == 5
    assert snapshot.taken_on == datetime.date(2025, 3, 1)
    assert snapshot.figures["goals"] == []
    assert snapshot.releases == []


def test_a_snapshot_reads_the_published_releases(board_indicator):
    snapshot = snapshots.snapshot_take()
    published = Release.objects.filter(status=ReleaseStatus.PUBLISHED)
    assert sorted(snapshot.releases) == sorted(published.values_list("pk", flat=True))
    # Nothing moved since: a new snapshot may be taken at once.
    assert snapshots.snapshot_may_refresh() == (True, 0)


def test_a_new_snapshot_is_refused_while_a_public_figure_moved_by_fewer_than_k(
    board_indicator,
):
    first = snapshots.snapshot_take()
    board_seats(2025, danish=2)  # the 2025 row's "others" move by 2
    republish(2025)
    assert snapshots.snapshot_may_refresh() == (False, 3)
    with (
        translation.override("en"),
        pytest.raises(snapshots.SnapshotRefused) as refused,
    ):
        snapshots.snapshot_take()
    assert refused.value.needed == 3
    assert refused.value.k == 5
    assert "at least 3 more changes are needed" in str(refused.value)
    assert ResultsSnapshot.objects.count() == 1
    board_seats(2025, danish=3)  # now 5 more than the last snapshot's
    republish(2025)
    second = snapshots.snapshot_take()
    assert snapshots.snapshot_latest() == second != first


def test_a_withdrawn_record_counts_like_a_new_one(board_indicator):
    snapshots.snapshot_take()
    # 3 fewer seats of Danish origin in 2025.
    CompositionReport.objects.filter(year=2025).update(
        board_danish_man=18, board_size=27
    )
    republish(2025)
    assert snapshots.snapshot_may_refresh() == (False, 2)


def test_the_public_threshold_decides(board_indicator):
    settings = DisclosureSettings.load()
    settings.public_k = 8
    settings.uniform_min = 10
    settings.save()
    for year in (2023, 2024, 2025):
        republish(year)
    snapshots.snapshot_take()
    board_seats(2025, danish=6)
    republish(2025)
    with pytest.raises(snapshots.SnapshotRefused) as refused:
        snapshots.snapshot_take()
    assert refused.value.needed == 2
    board_seats(2025, danish=2)
    republish(2025)
    assert snapshots.snapshot_take().k == 8


def test_a_figure_the_table_hides_is_hidden_in_the_snapshot(board_indicator):
    snapshot = snapshots.snapshot_take(synthetic=False)
    (goal,) = snapshot.figures["goals"]
    (frozen,) = goal["indicators"]
    records = {record["year"]: record for record in frozen["records"]}
    table = prepared.indicator_summary(
        board_indicator, policy=catalogue.policy(public=True), scope=PUBLIC
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
        # Already beyond the 2026 target of 15 %.
        "target_status": "reached",
        "target_year": 2026,
        "target": 15.0,
        "target_path": 21.8,
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


def test_staff_see_the_last_snapshot_and_why_it_cannot_be_replaced(
    client, staff, board_indicator
):
    snapshots.snapshot_take(today=datetime.date(2025, 1, 15))
    board_seats(2025, danish=2)
    republish(2025)
    response = client.get(reverse(PAGE))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Publish new results" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "at least 3 more changes are needed" in html
    assert "Every figure must stay the same or change by at least 5" in html


def test_publishing_takes_a_snapshot_then_explains_a_refusal(
    client, staff, board_indicator
):
    response = client.post(reverse(PUBLISH), follow=True)
    assert response.status_code == HTTPStatus.OK
    assert ResultsSnapshot.objects.count() == 1
    assert "New results are published" in response.content.decode()
    board_seats(2025, danish=1)
    republish(2025)
    response = client.post(reverse(PUBLISH), follow=True)
    assert ResultsSnapshot.objects.count() == 1
    assert "at least 4 more changes are needed" in response.content.decode()


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
