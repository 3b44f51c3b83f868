"""Staff in the Wagtail admin's Participation menu: approving and rejecting
associations and representatives, boards created directly, read-only reports
with their history, translated categories (T16, T19, T22)."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from participation.associations.models import (
    Association,
    AssociationKind,
    Neighbourhood,
    Representation,
    Status,
)
from participation.associations.services import composition_report_save
from tests.admin_helpers import refused
from tests.participation.factories import (
    ActivityFactory,
    AssociationFactory,
    CompositionReportFactory,
    NeighbourhoodFactory,
    RepresentationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ASSOCIATIONS = "wagtailsnippets_participation_association"
REPRESENTATIONS = "wagtailsnippets_participation_representation"
REPORTS = "wagtailsnippets_participation_compositionreport"


def url(namespace: str, name: str, *args) -> str:
    return reverse(f"{namespace}:{name}", args=args)


@pytest.fixture
def staff(client):
    user = UserFactory(superuser=True, totp=True, email="staff@kommune.dk")
    # The admin speaks English to this user, so the assertions below read the
    # same whatever the Danish catalogue says.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


@pytest.fixture
def request_for_club():
    """A representative asked for a new association; both wait for staff."""
    requester = UserFactory(email="rep@example.org")
    club = AssociationFactory(
        name="Somali Youth Football",
        status=Status.PENDING,
        requested_by=requester,
        request_note="We train on Saturdays.",
    )
    RepresentationFactory(user=requester, association=club, status=Status.PENDING)
    return club


def test_listing_shows_the_request_with_approve_and_reject(
    client, staff, request_for_club
):
    response = client.get(url(ASSOCIATIONS, "list"))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    for text in ("Somali Youth Football", "rep@example.org", "We train on Saturdays."):
        assert text in html
    assert url(ASSOCIATIONS, "approve", request_for_club.pk) in html
    assert url(ASSOCIATIONS, "reject", request_for_club.pk) in html


def test_listing_filters_by_status_and_kind_and_searches_names(client, staff):
    AssociationFactory(name="Chess Club", status=Status.APPROVED)
    AssociationFactory(
        name="Vestbyen School Board",
        kind=AssociationKind.SCHOOL_BOARD,
        status=Status.APPROVED,
    )
    AssociationFactory(name="Pending Choir", status=Status.PENDING)
    listing = url(ASSOCIATIONS, "list")

    pending = client.get(listing, {"status": "pending"}).content.decode()
    assert "Pending Choir" in pending
    assert "Chess Club" not in pending
    boards = client.get(listing, {"kind": "school_board"}).content.decode()
    assert "Vestbyen School Board" in boards
    assert "Chess Club" not in boards
    found = client.get(listing, {"q": "chess"}).content.decode()
    assert "Chess Club" in found
    assert "Pending Choir" not in found


def test_approving_an_association_approves_the_requesters_representation(
    client, staff, request_for_club
):
    approve = url(ASSOCIATIONS, "approve", request_for_club.pk)
    confirm = client.get(approve)
    assert confirm.status_code == HTTPStatus.OK
    assert "We train on Saturdays." in confirm.content.decode()
    request_for_club.refresh_from_db()
    assert request_for_club.status == Status.PENDING  # GET changes nothing

    response = client.post(approve)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == url(ASSOCIATIONS, "list")
    request_for_club.refresh_from_db()
    assert request_for_club.status == Status.APPROVED
    representation = Representation.objects.get(association=request_for_club)
    assert representation.status == Status.APPROVED
    assert representation.decided_at is not None
    history = client.get(url(ASSOCIATIONS, "history", request_for_club.pk))
    assert "Approved" in history.content.decode()


def test_rejecting_an_association_rejects_the_request(client, staff, request_for_club):
    client.post(url(ASSOCIATIONS, "reject", request_for_club.pk))

    request_for_club.refresh_from_db()
    assert request_for_club.status == Status.REJECTED
    assert (
        Representation.objects.get(association=request_for_club).status
        == Status.REJECTED
    )


def test_a_decided_association_cannot_be_decided_again(client, staff, request_for_club):
    client.post(url(ASSOCIATIONS, "reject", request_for_club.pk))
    response = client.post(url(ASSOCIATIONS, "approve", request_for_club.pk))

    assert response.status_code == HTTPStatus.FOUND
    request_for_club.refresh_from_db()
    assert request_for_club.status == Status.REJECTED
    listing = client.get(url(ASSOCIATIONS, "list")).content.decode()
    assert url(ASSOCIATIONS, "approve", request_for_club.pk) not in listing


def test_decisions_need_the_csrf_token(staff, request_for_club):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)
    response = browser.post(url(ASSOCIATIONS, "approve", request_for_club.pk))
    assert response.status_code == HTTPStatus.FORBIDDEN
    request_for_club.refresh_from_db()
    assert request_for_club.status == Status.PENDING


def test_the_edit_form_cannot_change_the_status(client, staff, request_for_club):
    edit = url(ASSOCIATIONS, "edit", request_for_club.pk)
    page = client.get(edit).content.decode()
    assert 'name="status"' not in page
    assert url(ASSOCIATIONS, "approve", request_for_club.pk) in page  # header button

    response = client.post(
        edit,
        {
            "name": "Somali Youth Football Club",
            "kind": AssociationKind.SPORT,
            "neighbourhood": request_for_club.neighbourhood.pk,
            "contact_email": "club@example.org",
            "status": Status.APPROVED,
            "requested_by": staff.pk,
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    request_for_club.refresh_from_db()
    assert request_for_club.name == "Somali Youth Football Club"
    assert request_for_club.status == Status.PENDING
    assert request_for_club.requested_by.email == "rep@example.org"


def test_staff_create_a_public_board_directly_as_approved(client, staff):
    place = NeighbourhoodFactory()
    response = client.post(
        url(ASSOCIATIONS, "add"),
        {
            "name": "Vestbyen Skole, skolebestyrelse",
            "kind": AssociationKind.SCHOOL_BOARD,
            "neighbourhood": place.pk,
            "contact_email": "skole@kommune.dk",
            "status": Status.PENDING,
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    board = Association.objects.get(name="Vestbyen Skole, skolebestyrelse")
    assert board.status == Status.APPROVED
    assert board.is_public_board


def test_representatives_are_approved_and_rejected_through_the_service(client, staff):
    board = AssociationFactory(kind=AssociationKind.DAYCARE_BOARD)
    asking = RepresentationFactory(
        association=board, status=Status.PENDING, note="I am the chair."
    )
    refused = RepresentationFactory(association=board, status=Status.PENDING)
    listing = client.get(url(REPRESENTATIONS, "list"), {"status": "pending"})
    html = listing.content.decode()
    assert asking.user.email in html
    assert "I am the chair." in html

    client.post(url(REPRESENTATIONS, "approve", asking.pk))
    client.post(url(REPRESENTATIONS, "reject", refused.pk))

    asking.refresh_from_db()
    refused.refresh_from_db()
    assert (asking.status, refused.status) == (Status.APPROVED, Status.REJECTED)
    assert asking.decided_at is not None


def test_staff_attach_a_user_to_a_board_directly(client, staff):
    board = AssociationFactory(kind=AssociationKind.HOUSING_BOARD)
    member = UserFactory()
    response = client.post(
        url(REPRESENTATIONS, "add"),
        {"user": member.pk, "association": board.pk, "note": "Elected in May."},
    )

    assert response.status_code == HTTPStatus.FOUND
    representation = Representation.objects.get(user=member, association=board)
    assert representation.status == Status.APPROVED
    assert representation.decided_at is not None


def test_reports_are_read_only_and_show_who_changed_which_counts(client, staff):
    association = AssociationFactory(name="Kulturhuset")
    writer = UserFactory(email="writer@example.org")
    report = composition_report_save(
        association=association,
        year=2024,
        counts={"board_size": 1, "board_danish_woman": 1},
        version=None,
        user=writer,
    )
    composition_report_save(
        association=association,
        year=2024,
        counts={"board_size": 2, "board_danish_woman": 1, "board_immigrant_man": 1},
        version=report.version,
        user=writer,
    )

    listing = client.get(url(REPORTS, "list")).content.decode()
    assert "Kulturhuset" in listing
    inspect = client.get(url(REPORTS, "inspect", report.pk))
    html = inspect.content.decode()
    assert inspect.status_code == HTTPStatus.OK
    assert "writer@example.org" in html
    assert "Board members, immigrants, men: 0 → 1" in html
    assert "Board size: 1 → 2" in html
    # Even a superuser cannot add, edit or delete a report here.
    for name, args in (("add", ()), ("edit", (report.pk,)), ("delete", (report.pk,))):
        assert refused(client.get(url(REPORTS, name, *args))), name
    assert refused(client.post(url(REPORTS, "delete", report.pk)))
    report.refresh_from_db()  # still there
    assert url(REPORTS, "edit", report.pk) not in listing


def test_activities_are_listed_for_staff(client, staff):
    ActivityFactory(title="Verdensfestival 2025")
    response = client.get("/admin/snippets/participation/activity/")
    assert response.status_code == HTTPStatus.OK
    assert "Verdensfestival 2025" in response.content.decode()


def test_neighbourhoods_are_edited_with_a_tab_per_language(client, staff):
    add = "/admin/snippets/participation/neighbourhood/add/"
    page = client.get(add).content.decode()
    for name in ("dansk", "العربيّة", "Soomaali", "ትግርኛ"):
        assert name in page
    assert 'name="name_ti"' in page

    missing_danish = client.post(
        add, {"code": "vest", "sort_order": 0, "name_en": "West"}
    )
    assert missing_danish.status_code == HTTPStatus.OK  # form shown again
    assert not Neighbourhood.objects.filter(code="vest").exists()

    client.post(
        add,
        {"code": "vest", "sort_order": 0, "name_da": "Vestbyen", "name_ar": "الغرب"},
    )
    place = Neighbourhood.objects.get(code="vest")
    assert (place.name_da, place.name_ar) == ("Vestbyen", "الغرب")


def test_activity_kinds_keep_the_seeded_kinds_and_their_translations(client, staff):
    response = client.get("/admin/snippets/participation/activitykind/")
    assert response.status_code == HTTPStatus.OK
    # The admin speaks English to this user, so the names are the English ones.
    assert "Festival (e.g. Verdensfestival)" in response.content.decode()


def test_an_association_name_with_a_script_is_escaped_in_the_listing(client, staff):
    """T16: a representative's association name is shown to staff as text."""
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    AssociationFactory(name=payload, status=Status.PENDING, request_note=payload)

    html = client.get(url(ASSOCIATIONS, "list")).content.decode()

    assert "<script>alert(" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html


@pytest.mark.parametrize(
    "who",
    [
        pytest.param({}, id="representative"),
        pytest.param({"council": True, "totp": True}, id="council member"),
    ],
)
def test_people_without_admin_access_cannot_see_or_decide(
    client, request_for_club, who
):
    """T19: only Wagtail staff reach the participation admin."""
    user = UserFactory(**who)
    RepresentationFactory(user=user)
    client.force_login(user)

    listing = client.get(url(ASSOCIATIONS, "list"))
    approve = client.post(url(ASSOCIATIONS, "approve", request_for_club.pk))

    assert listing.status_code == HTTPStatus.FOUND
    assert "/accounts/login/" in listing["Location"]
    assert approve.status_code == HTTPStatus.FOUND
    request_for_club.refresh_from_db()
    assert request_for_club.status == Status.PENDING


def test_anonymous_visitors_are_sent_to_the_login(request_for_club):
    response = Client().post(url(ASSOCIATIONS, "approve", request_for_club.pk))
    assert response.status_code == HTTPStatus.FOUND
    assert "/accounts/login/" in response["Location"]
    request_for_club.refresh_from_db()
    assert request_for_club.status == Status.PENDING


def test_an_editor_without_participation_permissions_cannot_decide(
    client, request_for_club
):
    """T19: Wagtail's Editors may use the admin but were given no rights over
    associations, so the decision is refused."""
    editor = UserFactory(is_staff=True, totp=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert refused(client.get(url(ASSOCIATIONS, "list")))
    assert refused(client.post(url(ASSOCIATIONS, "approve", request_for_club.pk)))
    request_for_club.refresh_from_db()
    assert request_for_club.status == Status.PENDING
    assert refused(client.get(url(REPORTS, "list")))


def test_reports_factory_default_is_visible_to_staff(client, staff):
    report = CompositionReportFactory(board_danish_man=2)
    assert report.board_size == 2
    response = client.get(url(REPORTS, "inspect", report.pk))
    assert "No saved versions are recorded" in response.content.decode()
