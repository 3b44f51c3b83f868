"""participation/associations/services.py and the model constraints under it: reports
are corrected in place with history, a stale save is a conflict (T13), the
database itself refuses counts that do not add up."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from participation.associations import services
from participation.associations.models import CompositionReport, Representation, Status
from tests.participation.factories import (
    AssociationFactory,
    CompositionReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def test_database_refuses_board_counts_that_do_not_add_up():
    report = CompositionReportFactory(board_size=2, board_danish_man=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        CompositionReport.objects.filter(pk=report.pk).update(board_size=3)


def test_database_refuses_negative_counts():
    report = CompositionReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CompositionReport.objects.filter(pk=report.pk).update(members_danish_adult=-1)


def test_database_refuses_a_second_report_for_the_same_year():
    report = CompositionReportFactory(year=YEAR)
    with pytest.raises(IntegrityError), transaction.atomic():
        CompositionReport.objects.create(association=report.association, year=YEAR)


def test_stale_version_is_a_conflict_and_writes_nothing():
    user = UserFactory()
    report = CompositionReportFactory(board_size=1, board_danish_woman=1)
    services.composition_report_save(
        association=report.association,
        year=report.year,
        counts={"board_size": 1, "board_immigrant_woman": 1},
        version=report.version,
        user=user,
    )
    with pytest.raises(services.ReportConflict) as conflict:
        services.composition_report_save(
            association=report.association,
            year=report.year,
            counts={"board_size": 1, "board_descendant_man": 1},
            version=report.version,  # the version the second form was made from
            user=user,
        )
    assert conflict.value.report.version == report.version + 1
    report.refresh_from_db()
    assert report.board_immigrant_woman == 1
    assert report.board_descendant_man == 0


def test_approving_an_association_approves_its_requester():
    user = UserFactory()
    association = services.association_request(
        user=user,
        note="formand",
        name="Ny forening",
        kind="culture",
        neighbourhood=AssociationFactory().neighbourhood,
        contact_email="ny@example.org",
    )
    services.association_decide(association=association, approve=True)
    assert Representation.objects.get(user=user).status == Status.APPROVED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_t13_concurrent_saves_one_wins_one_conflicts():
    """T13 on PostgreSQL: two threads save the same version at once; exactly
    one save lands, the other is told there was a conflict."""
    if connection.vendor != "postgresql":
        pytest.skip("row locking is tested on PostgreSQL")
    user = UserFactory()
    report = CompositionReportFactory(board_size=1, board_danish_woman=1)
    barrier = threading.Barrier(2)
    outcomes = []

    def save(field):
        try:
            barrier.wait()
            services.composition_report_save(
                association=report.association,
                year=report.year,
                counts={"board_size": 1, field: 1},
                version=report.version,
                user=user,
            )
            outcomes.append("saved")
        except services.ReportConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(f,))
        for f in ("board_immigrant_man", "board_descendant_man")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    report.refresh_from_db()
    assert report.version == 2
    assert report.board_immigrant_man + report.board_descendant_man == 1
