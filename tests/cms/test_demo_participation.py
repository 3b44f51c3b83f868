"""The demo's participation records (cms/demo/participation.py): what staff,
representatives and the council find after `manage.py load_demo`."""

import datetime
import random
from collections import Counter
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from cms.demo import instrument
from cms.demo import participation as demo
from participation.associations.access import COUNCIL_GROUP, needs_mfa
from participation.associations.cvr import is_valid_cvr
from participation.associations.models import (
    ASSOCIATION_KINDS,
    BOARD_FIELDS,
    MEMBER_FIELDS,
    PUBLIC_BOARD_KINDS,
    Activity,
    Association,
    AssociationKind,
    CompositionReport,
    Neighbourhood,
    Representation,
    Status,
)

LANGS = [code for code, _name in settings.LANGUAGES]
# The day load_demo uses too, so the representative's "due" list matches.
TODAY = timezone.localdate()
YEARS = {TODAY.year - 2, TODAY.year - 1, TODAY.year}
MULTICULTURAL = ("immigrant", "descendant")


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """The records, generated once for this module and rolled back after it;
    each test runs in its own savepoint inside (the ``db`` fixture)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo.generate(seed=2023, today=TODAY)
        transaction.set_rollback(True)


def board_share(reports) -> float:
    seats = sum(r.board_size for r in reports)
    held = sum(
        getattr(r, f)
        for r in reports
        for f in BOARD_FIELDS
        if f.split("_")[1] in MULTICULTURAL
    )
    return held / seats


def member_share(reports) -> float:
    members = sum(getattr(r, f) for r in reports for f in MEMBER_FIELDS)
    held = sum(
        getattr(r, f)
        for r in reports
        for f in MEMBER_FIELDS
        if f.split("_")[1] in MULTICULTURAL
    )
    return held / members


def test_generated_cvr_numbers_pass_the_modulus_11_check():
    rng = random.Random(5)
    assert all(is_valid_cvr(demo.valid_cvr(rng)) for _ in range(500))


def test_email_addresses_are_ascii():
    assert demo.email_slug("Lektiecafé Øst, afd. 12") == "lektiecafe-oest-afd-12"


def test_neighbourhoods_are_the_survey_choices_in_every_language(generated, db):
    choices = instrument.neighbourhood_choices()
    places = {n.code: n for n in Neighbourhood.objects.all()}
    assert list(places) == [c["code"] for c in choices]
    for choice in choices:
        for code in LANGS:
            assert (
                getattr(places[choice["code"]], f"name_{code}") == choice["label"][code]
            )


def test_every_kind_has_associations_spread_over_neighbourhoods(generated, db):
    kinds = Counter(Association.objects.values_list("kind", flat=True))
    assert kinds == Counter(unit.kind for unit in demo.UNITS)
    assert all(kinds[kind] >= 4 for kind in ASSOCIATION_KINDS)
    assert kinds[AssociationKind.SCHOOL_BOARD] >= 3
    assert kinds[AssociationKind.DAYCARE_BOARD] >= 3
    assert kinds[AssociationKind.HOUSING_BOARD] >= 2
    assert kinds[AssociationKind.LOCAL_COUNCIL] >= 2
    associations = Association.objects.exclude(kind__in=PUBLIC_BOARD_KINDS)
    assert 35 <= associations.count() <= 50
    assert associations.values("neighbourhood").distinct().count() >= 8
    assert all(a.contact_email.endswith("@example.org") for a in associations)
    cvrs = [a.cvr for a in associations if a.cvr]
    assert len(cvrs) >= 10
    assert all(is_valid_cvr(cvr) for cvr in cvrs)


def test_staff_have_three_or_four_requests_to_approve(generated, db):
    pending = Association.objects.filter(status=Status.PENDING)
    assert 3 <= pending.count() <= 4
    assert not pending.filter(kind__in=PUBLIC_BOARD_KINDS).exists()
    assert all(a.requested_by for a in pending)
    # Each request waits with its requester, whom approving it lets in.
    for association in pending:
        waiting = Representation.objects.get(association=association)
        assert waiting.user == association.requested_by
        assert waiting.status == Status.PENDING
    assert not CompositionReport.objects.filter(association__in=pending).exists()
    assert not Activity.objects.filter(association__in=pending).exists()
    assert Association.objects.filter(
        kind__in=PUBLIC_BOARD_KINDS, status=Status.APPROVED
    ).count() == sum(unit.kind in PUBLIC_BOARD_KINDS for unit in demo.UNITS)


def test_every_report_adds_up(generated, db):
    reports = list(CompositionReport.objects.select_related("association"))
    assert len(reports) == generated["reports"]
    assert {r.year for r in reports} == YEARS
    for report in reports:
        assert report.board_size == sum(getattr(report, f) for f in BOARD_FIELDS)
        members = sum(getattr(report, f) for f in MEMBER_FIELDS)
        if report.association.is_public_board:
            assert members == 0
        else:
            assert report.board_size < members
        assert report.board_size >= 3
        assert report.revisions.count() == 1


def test_some_have_not_filed_this_year(generated, db):
    approved = Association.objects.filter(status=Status.APPROVED)
    late = approved.exclude(reports__year=TODAY.year)
    assert set(late.values_list("name", flat=True)) == set(demo.LATE_THIS_YEAR)
    earlier = approved.annotate(n=Count("reports")).values_list("n", flat=True)
    assert set(earlier) == {2, 3}


def test_shares_are_highest_in_aalborg_ost_and_boards_catch_up(generated, db):
    reports = list(
        CompositionReport.objects.select_related("association__neighbourhood")
    )
    members = [r for r in reports if not r.association.is_public_board]
    by_area = {
        code: member_share(
            [r for r in members if r.association.neighbourhood.code == code]
        )
        for code in {r.association.neighbourhood.code for r in members}
    }
    assert max(by_area, key=by_area.get) == "aalborg_ost"
    assert by_area["aalborg_ost"] > 3 * by_area["hasseris"]
    # Boards have fewer with a multicultural background than memberships ...
    assert board_share(members) < member_share(members)
    # ... a few more each year, among the same associations.
    same = [r for r in reports if r.association.name not in demo.LATE_THIS_YEAR]
    shares = [board_share([r for r in same if r.year == y]) for y in sorted(YEARS)]
    assert shares == sorted(shares)
    assert shares[-1] - shares[0] < 0.1  # a little, not a revolution


def test_every_activity_adds_up_and_none_is_in_the_future(generated, db):
    activities = list(Activity.objects.all())
    assert len(activities) == generated["activities"] >= 200
    first_day = TODAY - datetime.timedelta(days=demo.ACTIVITY_DAYS)
    for activity in activities:
        assert activity.participants_total == (
            activity.participants_danish
            + activity.participants_immigrant
            + activity.participants_descendant
            + activity.participants_unknown
        )
        assert first_day <= activity.date <= TODAY
        assert set(activity.languages) <= set(LANGS)
        assert activity.association.status == Status.APPROVED
    unknown = [a for a in activities if a.participants_unknown == a.participants_total]
    known = [a for a in activities if a.participants_unknown == 0]
    assert len(unknown) >= 20
    assert len(known) >= 100
    assert {a.kind.code for a in activities} >= {"sport", "course", "council_meeting"}
    assert len({code for a in activities for code in a.languages}) == len(LANGS)
    assert any(a.volunteers for a in activities)


def test_the_generator_is_repeatable(generated, db):
    def snapshot():
        return (
            list(
                Association.objects.order_by("name").values_list(
                    "name", "kind", "neighbourhood__code", "cvr", "status"
                )
            ),
            list(
                CompositionReport.objects.order_by(
                    "association__name", "year"
                ).values_list(
                    "association__name",
                    "year",
                    "board_size",
                    *MEMBER_FIELDS,
                    *BOARD_FIELDS,
                )
            ),
            # Sorted in Python on every field: one association may hold two
            # activities with the same date and title (the dates follow
            # today), and PostgreSQL orders such ties as it likes.
            sorted(
                Activity.objects.values_list(
                    "association__name",
                    "date",
                    "title",
                    "participants_total",
                    "participants_unknown",
                    "volunteers",
                    "languages",
                ),
                key=repr,
            ),
        )

    first = snapshot()
    Association.objects.all().delete()
    demo.generate(seed=2023, today=TODAY)
    assert snapshot() == first


def test_the_representative_signs_in_and_sees_their_associations(client, generated, db):
    response = client.post(
        "/da/accounts/login/",
        {"login": demo.REPRESENTATIVE_EMAIL, "password": demo.REPRESENTATIVE_PASSWORD},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/da/associations/"
    home = client.get("/da/associations/")
    assert home.status_code == HTTPStatus.OK
    names = {a.name for a in home.context["associations"]}
    assert names == set(demo.REPRESENTED)
    assert any(a.is_public_board for a in home.context["associations"])
    # One of theirs has not filed this year's report yet.
    assert {a.name for a in home.context["due"]} == set(demo.REPRESENTED) & set(
        demo.LATE_THIS_YEAR
    )
    assert {r.association.name for r in home.context["pending"]} == set(
        demo.REPRESENTATIVE_REQUESTS
    )


def test_the_council_member_is_in_the_council_group_and_must_use_mfa(generated, db):
    user = get_user_model().objects.get(email=demo.COUNCIL_EMAIL)
    assert user.groups.filter(name=COUNCIL_GROUP).exists()
    assert not user.is_staff
    assert user.check_password(demo.COUNCIL_PASSWORD)
    assert needs_mfa(user)
    for email in (demo.COUNCIL_EMAIL, demo.REPRESENTATIVE_EMAIL):
        assert EmailAddress.objects.filter(email=email, verified=True, primary=True)
    assert not Representation.objects.filter(user=user).exists()
