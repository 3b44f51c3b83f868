"""The representatives' area (participation/associations/views.py): what a
representative sees and may change, the validation rules, conflicts (T13), history, the
CSV import and tampered posts (T18)."""

import datetime
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from participation.associations.models import (
    BOARD_FIELDS,
    MEMBER_FIELDS,
    Activity,
    Association,
    AssociationKind,
    CompositionReport,
    Representation,
    Status,
)
from tests.participation.factories import (
    ActivityFactory,
    AssociationFactory,
    CompositionReportFactory,
    NeighbourhoodFactory,
    RepresentationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def url(name, *args, lang="da"):
    with override(lang):
        return reverse(f"participation:{name}", args=args)


@pytest.fixture
def place():
    return NeighbourhoodFactory(code="aalborg_ost", name_da="Aalborg Øst")


@pytest.fixture
def rep(client, place):
    """A signed-in representative of one approved association."""
    user = UserFactory()
    association = AssociationFactory(neighbourhood=place, status=Status.APPROVED)
    RepresentationFactory(user=user, association=association, status=Status.APPROVED)
    client.force_login(user)
    return user, association


def report_post(association, *, year=THIS_YEAR, version=None, **counts):
    data = {"year": year, "board_size": 0}
    if version is not None:
        data["version"] = version
    names = (
        BOARD_FIELDS if association.is_public_board else MEMBER_FIELDS + BOARD_FIELDS
    )
    data.update(dict.fromkeys(names, 0))
    data.update(counts)
    return data


def test_home_lists_own_associations_and_the_missing_report(client, rep):
    _user, association = rep
    AssociationFactory(name="Someone else's club", status=Status.APPROVED)
    response = client.get(url("home"))
    assert response.status_code == HTTPStatus.OK
    body = response.content.decode()
    assert association.name in body
    assert "Someone else's club" not in body
    assert url("report_new", association.public_id) in body  # due this year
    assert (
        response["Cache-Control"].startswith("max-age=0")
        or "no-store" in (response["Cache-Control"])
    )


def test_anonymous_is_sent_to_login(client):
    response = client.get(url("home"))
    assert response.status_code == HTTPStatus.FOUND
    assert "/da/accounts/login/" in response["Location"]


def test_request_new_association_waits_for_staff(client, place):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        url("request"),
        {
            "name": "Vestbyens Skakklub",
            "kind": AssociationKind.CULTURE,
            "neighbourhood": place.code,
            "cvr": "",
            "description": "Skak hver tirsdag.",
            "contact_email": "skak@example.org",
            "note": "Jeg er formand.",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    association = Association.objects.get(name="Vestbyens Skakklub")
    assert association.status == Status.PENDING
    assert association.requested_by == user
    representation = Representation.objects.get(user=user, association=association)
    assert representation.status == Status.PENDING
    # Not approved yet: the association's page is not theirs to see.
    assert client.get(url("association", association.public_id)).status_code == 404
    assert "Vestbyens Skakklub" in client.get(url("home")).content.decode()


def test_a_representative_cannot_request_a_public_board(client, place):
    client.force_login(UserFactory())
    response = client.post(
        url("request"),
        {
            "name": "Fake skolebestyrelse",
            "kind": AssociationKind.SCHOOL_BOARD,
            "neighbourhood": place.code,
            "contact_email": "x@example.org",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert not Association.objects.filter(name="Fake skolebestyrelse").exists()


def test_invalid_cvr_is_refused_next_to_the_field_and_input_kept(client, place):
    client.force_login(UserFactory())
    with override("ar"):
        response = client.post(
            url("request", lang="ar"),
            {
                "name": "نادي الشطرنج",
                "kind": AssociationKind.CULTURE,
                "neighbourhood": place.code,
                "cvr": "12345678",
                "contact_email": "chess@example.org",
            },
        )
    assert response.status_code == HTTPStatus.OK
    form = response.context["form"]
    assert "cvr" in form.errors
    body = response.content.decode()
    assert 'value="نادي الشطرنج"' in body  # nothing entered is lost
    assert 'aria-invalid="true"' in body
    assert not Association.objects.filter(name="نادي الشطرنج").exists()


def test_join_request_for_an_existing_association(client, place):
    user = UserFactory()
    club = AssociationFactory(status=Status.APPROVED, kind=AssociationKind.SPORT)
    board = AssociationFactory(
        status=Status.APPROVED, kind=AssociationKind.SCHOOL_BOARD
    )
    client.force_login(user)
    form = client.get(url("join")).context["form"]
    choices = set(form.fields["association"].queryset)
    assert club in choices
    assert board not in choices  # staff attach representatives to public boards
    client.post(url("join"), {"association": club.public_id, "note": "Kasserer"})
    assert Representation.objects.get(user=user, association=club).status == (
        Status.PENDING
    )


def test_file_a_composition_report_and_see_it_listed(client, rep):
    _user, association = rep
    data = report_post(
        association,
        board_size=5,
        board_danish_woman=2,
        board_danish_man=2,
        board_immigrant_woman=1,
        members_danish_adult=40,
        members_immigrant_adult=9,
        members_descendant_child=6,
    )
    response = client.post(url("report_new", association.public_id), data)
    assert response.status_code == HTTPStatus.FOUND
    report = CompositionReport.objects.get(association=association, year=THIS_YEAR)
    assert report.board_size == 5
    assert report.members_descendant_child == 6
    assert report.version == 1
    page = client.get(url("association", association.public_id)).content.decode()
    assert url("report", association.public_id, THIS_YEAR) in page
    # The reminder is gone.
    home = client.get(url("home")).content.decode()
    assert f"?year={THIS_YEAR}" not in home


@pytest.mark.parametrize(
    ("counts", "field"),
    [
        ({"board_size": 4, "board_danish_woman": 3}, "board_size"),
        ({"members_danish_adult": -1}, "members_danish_adult"),
        ({"members_danish_adult": "tolv"}, "members_danish_adult"),
        ({"members_danish_adult": "2.5"}, "members_danish_adult"),
        ({"year": THIS_YEAR + 1}, "year"),
        ({"year": 1899}, "year"),
    ],
)
def test_report_validation_keeps_everything_entered(client, rep, counts, field):
    _user, association = rep
    data = report_post(association, members_immigrant_adult=17, **counts)
    response = client.post(url("report_new", association.public_id), data)
    assert response.status_code == HTTPStatus.OK
    assert field in response.context["form"].errors
    assert 'value="17"' in response.content.decode()
    assert not CompositionReport.objects.exists()


def test_one_report_per_year(client, rep):
    _user, association = rep
    CompositionReportFactory(association=association, year=THIS_YEAR)
    response = client.post(
        url("report_new", association.public_id), report_post(association)
    )
    assert "year" in response.context["form"].errors
    assert CompositionReport.objects.count() == 1


def test_public_board_report_has_board_counts_only(client, place):
    user = UserFactory()
    board = AssociationFactory(
        kind=AssociationKind.SCHOOL_BOARD, status=Status.APPROVED, neighbourhood=place
    )
    RepresentationFactory(user=user, association=board, status=Status.APPROVED)
    client.force_login(user)
    page = client.get(url("report_new", board.public_id))
    assert "members_danish_adult" not in page.context["form"].fields
    # A member count smuggled into the post is ignored.
    data = report_post(board, board_size=7, board_danish_woman=4, board_immigrant_man=3)
    data["members_danish_adult"] = 99
    client.post(url("report_new", board.public_id), data)
    report = CompositionReport.objects.get(association=board)
    assert report.board_size == 7
    assert report.members_danish_adult == 0


def test_correction_in_place_keeps_history(client, rep):
    user, association = rep
    report = CompositionReportFactory(
        association=association, year=THIS_YEAR - 1, board_size=3, board_danish_man=3
    )
    data = report_post(
        association,
        year=THIS_YEAR - 1,
        version=report.version,
        board_size=3,
        board_danish_man=2,
        board_descendant_woman=1,
    )
    response = client.post(url("report", association.public_id, THIS_YEAR - 1), data)
    assert response.status_code == HTTPStatus.FOUND
    report.refresh_from_db()
    assert report.version == 2
    assert report.board_descendant_woman == 1
    revision = report.revisions.get(version=2)
    assert revision.changed_by == user
    assert revision.changes == {
        "board_danish_man": [3, 2],
        "board_descendant_woman": [0, 1],
    }
    page = client.get(url("report", association.public_id, THIS_YEAR - 1))
    assert user.email in page.content.decode()


def test_lost_update_is_a_conflict_not_an_overwrite(client, rep):
    """T13: two representatives open the same report; the later save is told
    there was a conflict and nothing is overwritten silently."""
    _user, association = rep
    report = CompositionReportFactory(
        association=association, year=THIS_YEAR, board_size=2, board_danish_woman=2
    )
    other = UserFactory()
    RepresentationFactory(user=other, association=association, status=Status.APPROVED)
    opened = report.version
    first = report_post(
        association, version=opened, board_size=2, board_immigrant_woman=2
    )
    second = report_post(association, version=opened, board_size=2, board_danish_man=2)

    from django.test import Client

    other_client = Client()
    other_client.force_login(other)
    assert (
        other_client.post(
            url("report", association.public_id, THIS_YEAR), first
        ).status_code
        == HTTPStatus.FOUND
    )
    response = client.post(url("report", association.public_id, THIS_YEAR), second)
    assert response.status_code == HTTPStatus.CONFLICT
    report.refresh_from_db()
    assert report.board_immigrant_woman == 2  # the first save stands
    assert report.board_danish_man == 0
    body = response.content.decode()
    assert 'name="board_danish_man"' in body and 'value="2"' in body  # theirs kept
    assert response.context["form"]["version"].value() == str(report.version)
    # Saving again after seeing the conflict is a deliberate choice: it wins.
    again = report_post(
        association, version=report.version, board_size=2, board_danish_man=2
    )
    assert (
        client.post(url("report", association.public_id, THIS_YEAR), again).status_code
        == HTTPStatus.FOUND
    )
    report.refresh_from_db()
    assert report.board_danish_man == 2
    assert report.revisions.count() == 2  # one per save that landed


def test_record_an_activity_unknown_origin_is_the_rest(client, rep, place):
    _user, association = rep
    response = client.post(
        url("activity_new", association.public_id),
        {
            "title": "Fællesspisning",
            "date": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
            "kind": "event",
            "neighbourhood": place.code,
            "participants_total": 40,
            "participants_danish": 10,
            "participants_immigrant": 12,
            "participants_descendant": "",
            "volunteers": 4,
            "languages": ["da", "ar", "so"],
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    activity = Activity.objects.get(association=association)
    assert activity.participants_unknown == 18
    assert activity.participants_descendant == 0
    assert activity.languages == ["da", "ar", "so"]
    page = client.get(url("association", association.public_id)).content.decode()
    assert "Fællesspisning" in page


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"participants_danish": 50}, "participants_total"),
        ({"date": "2999-01-01"}, "date"),
        ({"date": "31-02-2025"}, "date"),
        ({"kind": "nonsense"}, "kind"),
        ({"participants_total": -3}, "participants_total"),
        ({"languages": ["xx"]}, "languages"),
        ({"title": ""}, "title"),
    ],
)
def test_activity_validation(client, rep, place, change, field):
    _user, association = rep
    data = {
        "title": "Lektiecafé",
        "date": "2025-03-04",
        "kind": "course",
        "neighbourhood": place.code,
        "participants_total": 20,
        "volunteers": 2,
        **change,
    }
    response = client.post(url("activity_new", association.public_id), data)
    assert response.status_code == HTTPStatus.OK
    assert field in response.context["form"].errors
    assert not Activity.objects.exists()


def test_edit_and_delete_own_activity(client, rep):
    _user, association = rep
    activity = ActivityFactory(association=association)
    page = client.get(url("activity", association.public_id, activity.pk))
    assert page.status_code == HTTPStatus.OK
    assert (
        client.get(
            url("activity_delete", association.public_id, activity.pk)
        ).status_code
        == HTTPStatus.METHOD_NOT_ALLOWED
    )
    client.post(url("activity_delete", association.public_id, activity.pk))
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_tampered_posts_change_nothing(client, rep, place):
    """T18: ids of another association, and extra fields such as status or
    requested_by, are ignored or refused; only the requester's own record
    changes."""
    user, association = rep
    other = AssociationFactory(status=Status.APPROVED, name="Other club")
    other_activity = ActivityFactory(association=other, title="Theirs")
    # Someone else's association in the URL: 404, nothing changes.
    assert (
        client.post(
            url("edit", other.public_id),
            {"name": "Hacked", "neighbourhood": place.code, "contact_email": "a@b.dk"},
        ).status_code
        == HTTPStatus.NOT_FOUND
    )
    # Someone else's activity under my association's URL: 404.
    assert (
        client.post(
            url("activity_delete", association.public_id, other_activity.pk)
        ).status_code
        == HTTPStatus.NOT_FOUND
    )
    # Extra fields on my own association are ignored.
    client.post(
        url("edit", association.public_id),
        {
            "name": "Renamed",
            "kind": AssociationKind.SPORT,
            "neighbourhood": place.code,
            "contact_email": "ok@example.org",
            "status": Status.REJECTED,
            "requested_by": UserFactory().pk,
            "public_id": other.public_id,
            "association": other.pk,
        },
    )
    association.refresh_from_db()
    other.refresh_from_db()
    assert association.name == "Renamed"
    assert association.status == Status.APPROVED
    assert association.public_id != other.public_id
    assert other.name == "Other club"
    assert Activity.objects.get(pk=other_activity.pk).title == "Theirs"
    # An activity posted with another association's id lands on mine.
    client.post(
        url("activity_new", association.public_id),
        {
            "title": "Mine",
            "date": "2025-01-10",
            "kind": "event",
            "neighbourhood": place.code,
            "participants_total": 3,
            "association": other.pk,
            "created_by": UserFactory().pk,
        },
    )
    mine = Activity.objects.get(title="Mine")
    assert mine.association == association
    assert mine.created_by == user


def test_pending_or_rejected_representation_gives_no_access(client, place):
    association = AssociationFactory(status=Status.APPROVED)
    for status in (Status.PENDING, Status.REJECTED):
        user = UserFactory()
        RepresentationFactory(user=user, association=association, status=status)
        client.force_login(user)
        assert client.get(url("association", association.public_id)).status_code == 404


CSV_HEADER = (
    "date,title,kind,neighbourhood,participants_total,participants_danish,"
    "participants_immigrant,participants_descendant,volunteers,languages\n"
)


def upload(text, name="activities.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def test_csv_import_of_a_clean_file(client, rep, place):
    _user, association = rep
    text = CSV_HEADER + (
        "2025-04-01,Fodbold for alle,sport,aalborg_ost,30,10,15,5,3,da ar\n"
        "17-05-2025,Verdensfestival,festival,aalborg_ost,400,,,,25,da|so|ti\n"
    )
    response = client.post(
        url("activity_import", association.public_id), {"file": upload(text)}
    )
    assert response.status_code == HTTPStatus.FOUND
    festival = Activity.objects.get(title="Verdensfestival")
    assert festival.participants_unknown == 400
    assert festival.languages == ["da", "so", "ti"]
    assert festival.date == datetime.date(2025, 5, 17)
    assert Activity.objects.filter(association=association).count() == 2


def test_csv_with_semicolons_and_a_bom_from_danish_excel(client, rep, place):
    _user, association = rep
    text = (
        "\ufeff"
        + CSV_HEADER.replace(",", ";")
        + ("2025-04-01;Strikkeklub;culture;aalborg_ost;8;4;4;0;1;da\n")
    )
    response = client.post(
        url("activity_import", association.public_id), {"file": upload(text)}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Activity.objects.get().title == "Strikkeklub"


def test_csv_errors_name_row_and_column_and_import_nothing(client, rep, place):
    _user, association = rep
    text = CSV_HEADER + (
        "2025-04-01,Good row,sport,aalborg_ost,30,10,15,5,3,da\n"
        "2025-04-02,Too many known,sport,aalborg_ost,5,10,0,0,0,da\n"
        "tomorrow,Bad date,sport,nowhere,3,,,,,\n"
    )
    response = client.post(
        url("activity_import", association.public_id), {"file": upload(text)}
    )
    assert response.status_code == HTTPStatus.OK
    problems = {(p.row, p.column) for p in response.context["problems"]}
    assert (3, "participants_total") in problems
    assert (4, "date") in problems
    assert (4, "neighbourhood") in problems
    assert not any(row == 2 for row, _c in problems)
    assert not Activity.objects.exists()
    body = response.content.decode()
    assert ">3<" in body and ">4<" in body


@pytest.mark.parametrize(
    ("content", "encoding", "message_field"),
    [
        ("date,title\n2025-01-01,x\n", "utf-8", None),  # missing columns
        (CSV_HEADER, "utf-8", None),  # no rows
        ("dato,titel\nø,æ\n", "latin-1", "file"),  # not UTF-8
    ],
)
def test_csv_files_that_are_not_usable(client, rep, content, encoding, message_field):
    _user, association = rep
    response = client.post(
        url("activity_import", association.public_id),
        {"file": upload(content, encoding=encoding)},
    )
    assert response.status_code == HTTPStatus.OK
    if message_field:
        assert message_field in response.context["form"].errors
    else:
        assert response.context["problems"]
    assert not Activity.objects.exists()


def test_xss_in_names_and_titles_is_escaped(client, rep, place):
    """T16 for the association area."""
    _user, association = rep
    payload = '"><img src=x onerror=alert(1)><svg onload=alert(2)>'
    Association.objects.filter(pk=association.pk).update(name=payload)
    ActivityFactory(association=association, title=payload)
    for page in (url("home"), url("association", association.public_id)):
        body = client.get(page).content.decode()
        assert "<img src=x" not in body
        assert "<svg onload" not in body
        assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_area_is_translated_and_right_to_left_in_arabic(client, rep):
    _user, association = rep
    response = client.get(url("home", lang="ar"))
    body = response.content.decode()
    assert 'dir="rtl"' in body
    assert 'lang="ar"' in body


def test_public_board_kind_cannot_be_changed_by_its_representative(client, place):
    user = UserFactory()
    board = AssociationFactory(
        kind=AssociationKind.DAYCARE_BOARD, status=Status.APPROVED, neighbourhood=place
    )
    RepresentationFactory(user=user, association=board, status=Status.APPROVED)
    client.force_login(user)
    client.post(
        url("edit", board.public_id),
        {
            "name": board.name,
            "kind": AssociationKind.SPORT,
            "neighbourhood": place.code,
            "contact_email": "b@example.org",
        },
    )
    board.refresh_from_db()
    assert board.kind == AssociationKind.DAYCARE_BOARD


def test_t26_csv_larger_than_the_limit_is_refused_next_to_the_field(client, rep):
    from participation.associations.forms import MAX_CSV_BYTES

    _user, association = rep
    text = CSV_HEADER + "x" * (MAX_CSV_BYTES + 1)
    response = client.post(
        url("activity_import", association.public_id), {"file": upload(text)}
    )
    assert response.status_code == HTTPStatus.OK
    assert "file" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_t26_csv_with_too_many_rows_imports_nothing(client, rep, place):
    from participation.associations.forms import MAX_CSV_ROWS

    _user, association = rep
    row = "2025-04-01,Fodbold,sport,aalborg_ost,3,1,1,1,0,da\n"
    response = client.post(
        url("activity_import", association.public_id),
        {"file": upload(CSV_HEADER + row * (MAX_CSV_ROWS + 1))},
    )
    assert response.status_code == HTTPStatus.OK
    assert any(
        str(MAX_CSV_ROWS) in str(p.message) for p in response.context["problems"]
    )
    assert not Activity.objects.exists()
