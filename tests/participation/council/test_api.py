"""The open API, /api/v1/ (participation/council/api.py), its tokens (participation/
api_tokens.py) and the token page /<code>/council/tokens/ (participation/
api_views.py): public operations serve exactly the published snapshot (T06,
T08), council operations need a live token of a council member or staff
(T19), hidden cells are null (T04), nothing names an association or comes
from a response row (T09), and the API is read-only (T22)."""

import datetime
import hashlib
import json
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from participation.associations.access import COUNCIL_GROUP
from participation.associations.models import AssociationKind
from participation.council import api_tokens, catalogue, snapshots
from participation.council.models import (
    ApiToken,
)
from surveys.models import SurveyResponse
from tests.participation.factories import (
    AssociationFactory,
    CompositionReportFactory,
    IndicatorFactory,
    OfficialStatisticFactory,
    RepresentationFactory,
    UserFactory,
    release_all,
    school_board_indicator,
)
from tests.surveys.factories import (
    AnswerFactory,
    QuestionFactory,
    SectionFactory,
    SurveyResponseFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db

OK, NOT_FOUND, UNAUTHORIZED, FORBIDDEN, UNPROCESSABLE = (
    HTTPStatus.OK,
    HTTPStatus.NOT_FOUND,
    HTTPStatus.UNAUTHORIZED,
    HTTPStatus.FORBIDDEN,
    HTTPStatus.UNPROCESSABLE_ENTITY,
)
ASSOCIATION_NAMES = ("Zebra Boldklub", "Okapi Kulturforening", "Tapir Skolebestyrelse")


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def council_member(**kwargs):
    return UserFactory(council=True, totp=True, **kwargs)


def token_for(user, name="Dashboard") -> str:
    return api_tokens.api_token_create(user=user, name=name)[1]


# --- data -------------------------------------------------------------------------


@pytest.fixture
def board_indicator():
    """The published school-board indicator (factories.school_board_indicator),
    on a board named so a leak is easy to see."""
    return school_board_indicator(board_name="Tapir Skolebestyrelse")


@pytest.fixture
def survey_data():
    """An agreement question in a closed wave: 20 Danish-origin answers, 12
    immigrants, 3 descendants (too few to show)."""
    section = SectionFactory()
    question = QuestionFactory(
        section=section,
        code="represented_local",
        text_da="Jeg føler mig repræsenteret.",
        text_en="I feel represented.",
    )
    wave = WaveFactory(
        survey=section.survey,
        opens_on=datetime.date(2023, 3, 1),
        closes_on=datetime.date(2023, 4, 1),
    )
    rows = (
        [("danish", "4")] * 12
        + [("danish", "2")] * 8
        + [("immigrant", "5")] * 6
        + [("immigrant", "1")] * 6
        + [("descendant", "4")] * 3
    )
    for origin, choice in rows:
        AnswerFactory(
            response=SurveyResponseFactory(wave=wave, origin=origin),
            question=question,
            choice=choice,
        )
    release_all()
    return question, wave


@pytest.fixture
def associations():
    """Three sport associations with members and board members in 2024 (a
    kind with three reports may be shown), named so a leak is easy to see."""
    for name, immigrants in zip(ASSOCIATION_NAMES[:2], (6, 9), strict=True):
        club = AssociationFactory(kind=AssociationKind.SPORT, name=name)
        CompositionReportFactory(
            association=club,
            year=2024,
            members_danish_adult=30,
            members_immigrant_adult=immigrants,
            board_danish_woman=4,
            board_immigrant_man=2,
        )
    CompositionReportFactory(
        association__kind=AssociationKind.SPORT,
        year=2024,
        members_danish_adult=20,
        members_descendant_adult=2,
        board_danish_man=3,
    )
    release_all()


# --- public operations --------------------------------------------------------------


def test_t08_published_indicators_equal_the_snapshot(client, board_indicator):
    snapshot = snapshots.snapshot_take(synthetic=False)
    response = client.get("/api/v1/indicators", {"lang": "ar"})
    assert response.status_code == OK
    data = response.json()
    assert data["language"] == "ar"
    assert data["published_on"] == snapshot.taken_on.isoformat()
    assert data["k"] == 5
    (goal,) = data["goals"]
    (item,) = goal["indicators"]
    (frozen,) = snapshot.figures["goals"][0]["indicators"]
    assert item["code"] == "school-boards"
    assert item["name"] == "أولياء الأمور في مجالس المدارس"
    # No Arabic description: the Danish one.
    assert item["description"] == "Andel af pladserne."
    assert item["unit"] == "percent" and item["direction"] == "rise"
    assert item["records"] == frozen["records"]
    by_year = {r["year"]: r for r in item["records"]}
    # 2 of 22 seats is hidden: null, marked hidden, never a count.
    assert by_year[2023] == {
        "year": 2023,
        "figure": None,
        "hidden": True,
        "target": None,
    }
    assert by_year[2026]["target"] == 15.0
    assert item["movement"]["status"] == frozen["movement"]["status"]
    with translation.override("ar"):
        assert item["movement"]["text"] == snapshots.movement_text(
            None, baseline_year=2023, latest_year=2025
        )
    assert "cells" not in response.content.decode()


def test_t06_public_figures_change_only_with_a_new_snapshot(client, board_indicator):
    snapshots.snapshot_take()
    before = client.get("/api/v1/indicators").json()
    # Live figures move (2023 would now show), the published ones do not.
    CompositionReportFactory(
        association__kind=AssociationKind.SCHOOL_BOARD,
        year=2023,
        board_immigrant_woman=10,
        board_danish_man=10,
    )
    assert client.get("/api/v1/indicators").json() == before


def test_public_operations_before_anything_is_published(client, board_indicator):
    data = client.get("/api/v1/indicators").json()
    assert data == {
        "language": "da",
        "published_on": None,
        "k": None,
        "synthetic": False,
        "goals": [],
    }
    response = client.get("/api/v1/indicators/school-boards")
    assert response.status_code == NOT_FOUND


def test_one_published_indicator(client, board_indicator):
    unpublished = IndicatorFactory(published=False)
    OfficialStatisticFactory()
    snapshots.snapshot_take()
    response = client.get("/api/v1/indicators/school-boards", {"lang": "en"})
    assert response.status_code == OK
    assert response.json()["name"] == "Forældre i skolebestyrelser"
    response = client.get(f"/api/v1/indicators/{unpublished.code}", {"lang": "en"})
    assert response.status_code == NOT_FOUND
    assert response.json() == {"detail": "No published indicator has this code."}
    response = client.get(f"/api/v1/indicators/{unpublished.code}")  # Danish
    with translation.override("da"):
        assert response.json() == {
            "detail": translation.gettext("No published indicator has this code.")
        }
    assert response.json()["detail"] != "No published indicator has this code."


@pytest.mark.parametrize("lang", ["xx", "DA", "", "da-dk"])
def test_t15_an_unknown_language_is_a_clear_422(client, lang):
    response = client.get("/api/v1/indicators", {"lang": lang})
    assert response.status_code == UNPROCESSABLE
    data = response.json()
    assert data["detail"]
    (error,) = data["errors"]
    assert error["location"] == "query" and error["name"] == "lang"
    assert "'da'" in error["message"] and "'pl'" in error["message"]


def test_the_schema_is_served_and_the_docs_page_is_off(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == OK
    schema = response.json()
    assert schema["info"]["title"] == "Medborger"
    assert "/api/v1/indicators" in schema["paths"]
    assert "/api/v1/council/survey/{wave_id}/{question}/{breakdown}" in schema["paths"]
    # Every operation is a GET.
    assert {m for ops in schema["paths"].values() for m in ops} == {"get"}
    # No CDN: a closed network and a strict Content-Security-Policy.
    assert "cdn" not in response.content.decode().lower()
    docs = client.get("/api/v1/docs")
    assert docs.status_code == NOT_FOUND
    assert docs["Content-Type"].startswith("application/json")


def test_an_unknown_api_address_is_a_json_404_not_a_redirect(client):
    for path in ("/api/v1/nothing", "/api/v1/indicators/", "/api/v1/council/survey/1"):
        response = client.get(path)
        assert response.status_code == NOT_FOUND, path
        assert "detail" in response.json()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_t22_the_api_is_read_only(client, method):
    user = council_member()
    response = getattr(client, method)(
        "/api/v1/council/indicators", headers=bearer(token_for(user))
    )
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert getattr(client, method)("/api/v1/indicators").status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )


# --- council operations: who may -------------------------------------------------

COUNCIL_PATHS = (
    "/api/v1/council/indicators",
    "/api/v1/council/indicators/school-boards",
    "/api/v1/council/survey",
    "/api/v1/council/survey/1/represented_local/origin",
    "/api/v1/council/participation",
    "/api/v1/council/participation/members/2024",
    "/api/v1/council/representation/associations",
)


@pytest.mark.parametrize("path", COUNCIL_PATHS)
def test_t19_council_operations_need_a_live_token(client, path):
    user = council_member()
    revoked = api_tokens.api_token_create(user=user, name="old")
    api_tokens.api_token_revoke(user=user, token_id=revoked[0].pk)
    refused = [
        {},
        bearer("mbr_" + "x" * 43),
        bearer(revoked[1]),
        bearer(""),
        {"Authorization": f"Basic {revoked[1]}"},
        {"Authorization": token_for(user)},  # no scheme
    ]
    for headers in refused:
        response = client.get(path, headers=headers)
        assert response.status_code == UNAUTHORIZED, headers
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["detail"]
    # A signed-in council member's session is not a token.
    client.force_login(user)
    assert client.get(path).status_code == UNAUTHORIZED


def test_t19_a_valid_token_is_accepted_never_cached(client, board_indicator):
    response = client.get(
        "/api/v1/council/indicators",
        headers=bearer(token_for(UserFactory(is_staff=True))),
    )
    assert response.status_code == OK
    assert "no-store" in response["Cache-Control"]
    assert [i["code"] for i in response.json()["indicators"]] == ["school-boards"]


def test_t19_a_token_acts_with_its_users_role_now(client):
    user = council_member()
    key = token_for(user)
    assert client.get("/api/v1/council/survey", headers=bearer(key)).status_code == OK
    user.groups.remove(Group.objects.get(name=COUNCIL_GROUP))
    response = client.get("/api/v1/council/survey", headers=bearer(key))
    assert response.status_code == FORBIDDEN
    assert response.json()["detail"]
    user.groups.add(Group.objects.get(name=COUNCIL_GROUP))
    user.is_active = False
    user.save()
    response = client.get("/api/v1/council/survey", headers=bearer(key))
    assert response.status_code == UNAUTHORIZED


# --- council operations: what they serve -------------------------------------------


@pytest.fixture
def key():
    return token_for(council_member())


def test_t04_t08_survey_table_equals_the_explorers(client, key, survey_data):
    question, wave = survey_data
    url = f"/api/v1/council/survey/{wave.pk}/{question.code}/origin"
    response = client.get(url, {"lang": "en"}, headers=bearer(key))
    assert response.status_code == OK
    data = response.json()
    with translation.override("en"):
        table = catalogue.survey_table(
            question, wave, catalogue.BREAKDOWNS["origin"], policy=catalogue.policy()
        )
        records = table.records()
    assert data["key"] == table.key
    assert data["title"] == "I feel represented."
    assert data["k"] == 5
    assert [c["code"] for c in data["columns"]] == [c for c, _label in table.columns]
    assert [r["code"] for r in data["rows"]] == [str(r["code"]) for r in records]
    for row, record in zip(data["rows"], records, strict=True):
        assert row["cells"] == record["cells"]
        assert row["total"] == record["total"]
        assert row["values"] == {s.code: record[s.code] for s in table.statistics}
    rows = {r["code"]: r for r in data["rows"]}
    # Three descendants: their answers, total and share are hidden (null).
    columns = [c["code"] for c in data["columns"]]
    assert rows["descendant"]["cells"][columns.index("4")] is None
    assert rows["descendant"]["total"] is None
    assert rows["descendant"]["values"]["share_agree"] is None
    # ... and enough other cells that theirs cannot be worked out.
    assert rows["danish"]["cells"][columns.index("4")] is None
    assert rows["__total__"]["total"] == 35
    assert rows["__total__"]["values"]["share_agree"] == 0.6
    assert any("fewer than 5" in note for note in data["notes"])


def test_the_survey_catalogue_names_what_can_be_asked_for(client, key, survey_data):
    question, wave = survey_data
    QuestionFactory(section=question.section, code="comment", kind="text")
    WaveFactory(
        survey=wave.survey,
        opens_on=datetime.date(2999, 1, 1),
        closes_on=datetime.date(2999, 2, 1),
    )
    data = client.get("/api/v1/council/survey", headers=bearer(key)).json()
    (shown,) = data["waves"]  # a wave that has not opened is not offered
    assert shown["id"] == wave.pk
    assert [q["code"] for q in shown["questions"]] == ["represented_local"]
    assert [b["code"] for b in data["breakdowns"]] == list(catalogue.BREAKDOWNS)


def test_t06_t17_a_table_outside_the_catalogue_is_404(client, key, survey_data):
    question, wave = survey_data
    text = QuestionFactory(section=question.section, code="comment", kind="text")
    later = WaveFactory(
        survey=wave.survey,
        opens_on=datetime.date(2999, 1, 1),
        closes_on=datetime.date(2999, 2, 1),
    )
    for path in (
        f"/api/v1/council/survey/{wave.pk}/nope/origin",
        f"/api/v1/council/survey/{wave.pk}/{text.code}/origin",
        f"/api/v1/council/survey/{later.pk}/{question.code}/origin",
        f"/api/v1/council/survey/{wave.pk + 99}/{question.code}/origin",
        "/api/v1/council/indicators/nope",
        "/api/v1/council/participation/members/2024",  # no reports that year
    ):
        response = client.get(path, headers=bearer(key))
        assert response.status_code == NOT_FOUND, path
        assert response.json()["detail"]
    for path in (
        f"/api/v1/council/survey/{wave.pk}/{question.code}/ethnicity",
        f"/api/v1/council/survey/0/{question.code}/origin",
        f"/api/v1/council/survey/{wave.pk}/x:{question.code}/origin",
        f"/api/v1/council/survey/{2**64}/{question.code}/origin",
        "/api/v1/council/participation/volunteers/2024",
        "/api/v1/council/participation/members/24",
        "/api/v1/council/representation/parliament",
    ):
        response = client.get(path, headers=bearer(key))
        assert response.status_code == UNPROCESSABLE, path
        assert response.json()["errors"]
    # Query parameters: an unknown one and a value of the wrong type.
    for path in (
        "/api/v1/council/participation?year=2024",
        f"/api/v1/council/survey/{wave.pk}/{question.code}/origin?weighted=maybe",
        "/api/v1/council/survey?lang=xx",
    ):
        response = client.get(path, headers=bearer(key))
        assert response.status_code == UNPROCESSABLE, path
        assert response.json()["errors"]


def test_weighted_figures_are_asked_for_by_a_flag(client, key, survey_data):
    question, wave = survey_data
    url = f"/api/v1/council/survey/{wave.pk}/{question.code}/origin"
    data = client.get(
        url, {"weighted": "true", "lang": "en"}, headers=bearer(key)
    ).json()
    assert data["key"].endswith(":weighted")
    # No population table: the figures say they are unweighted.
    assert any("could not be weighted" in note for note in data["notes"])


def test_t09_participation_tables_across_associations(client, key, associations):
    listing = client.get("/api/v1/council/participation", headers=bearer(key))
    assert listing.json()["years"] == [2024]
    response = client.get(
        "/api/v1/council/participation/members/2024", headers=bearer(key)
    )
    assert response.status_code == OK
    data = response.json()
    table = catalogue.participation_origin_table(
        catalogue.participation_frame(),
        year=2024,
        measure="members",
        policy=catalogue.policy(),
    )
    assert [r["cells"] for r in data["rows"]] == [r["cells"] for r in table.records()]
    sport = data["rows"][0]
    assert sport["code"] == "sport"
    assert sport["cells"][0] == 80  # Danish-origin members of three clubs
    response = client.get(
        "/api/v1/council/representation/associations", headers=bearer(key)
    )
    assert response.status_code == OK
    assert [r["code"] for r in response.json()["rows"]] == ["2024"]


def test_t09_no_operation_names_an_association_or_returns_a_response_row(
    client, key, survey_data, associations, board_indicator
):
    RepresentationFactory(association__name="Gnu Ungdomsklub")
    snapshots.snapshot_take()
    question, wave = survey_data
    paths = [
        "/api/v1/indicators",
        "/api/v1/indicators/school-boards",
        "/api/v1/openapi.json",
        "/api/v1/council/indicators",
        "/api/v1/council/indicators/school-boards",
        "/api/v1/council/survey",
        f"/api/v1/council/survey/{wave.pk}/{question.code}/origin",
        f"/api/v1/council/survey/{wave.pk}/{question.code}/language?weighted=1",
        "/api/v1/council/participation",
        "/api/v1/council/participation/members/2024",
        "/api/v1/council/participation/board_members/2024",
        *(
            f"/api/v1/council/representation/{s}"
            for s in catalogue.REPRESENTATION_SCOPES
        ),
    ]
    receipts = list(SurveyResponse.objects.values_list("receipt_hash", flat=True))
    for path in paths:
        response = client.get(path, headers=bearer(key))
        assert response.status_code == OK, path
        body = response.content.decode()
        for name in (*ASSOCIATION_NAMES, "Gnu Ungdomsklub"):
            assert name not in body, (path, name)
        assert not any(receipt in body for receipt in receipts), path
        assert "receipt" not in body and "submitted_on" not in body, path


# --- tokens -----------------------------------------------------------------------


def test_only_a_hash_of_the_key_is_stored():
    user = council_member()
    token, key = api_tokens.api_token_create(user=user, name=" Power BI ")
    assert key.startswith("mbr_") and len(key) > 40
    stored = ApiToken.objects.get()
    assert stored.name == "Power BI"
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert api_tokens.api_token_user(key=key) == user
    assert api_tokens.api_token_user(key=key + "x") is None
    assert api_tokens.api_token_user(key=stored.key_hash) is None


def test_only_council_members_and_staff_may_make_tokens():
    from django.core.exceptions import PermissionDenied, ValidationError

    for user in (UserFactory(), RepresentationFactory().user):
        with pytest.raises(PermissionDenied):
            api_tokens.api_token_create(user=user, name="x")
    api_tokens.api_token_create(user=UserFactory(is_staff=True), name="x")
    member = council_member()
    for n in range(api_tokens.MAX_ACTIVE_TOKENS):
        api_tokens.api_token_create(user=member, name=f"t{n}")
    with pytest.raises(ValidationError):
        api_tokens.api_token_create(user=member, name="one too many")
    with pytest.raises(ValidationError):
        api_tokens.api_token_create(user=UserFactory(is_staff=True), name="x" * 101)


def test_the_token_page_shows_a_new_key_once_and_revokes(client):
    user = council_member()
    client.force_login(user)
    url = reverse("council:tokens")
    page = client.get(url)
    assert page.status_code == OK
    assert "no-store" in page["Cache-Control"]
    response = client.post(url, {"name": "Dashboard"})
    assert response.status_code == OK
    key = response.context["new_key"]
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # The key works, and is never shown again.
    api = Client()
    assert api.get("/api/v1/council/survey", headers=bearer(key)).status_code == OK
    again = client.get(url)
    assert key not in again.content.decode()
    assert "Dashboard" in again.content.decode()
    token = ApiToken.objects.get(user=user)
    response = client.post(url, {"revoke": token.pk}, follow=True)
    assert response.redirect_chain[-1][0] == url
    token.refresh_from_db()
    assert token.revoked_on == timezone.localdate()
    assert (
        api.get("/api/v1/council/survey", headers=bearer(key)).status_code
        == UNAUTHORIZED
    )


def test_the_token_page_keeps_to_its_own_tokens_and_says_what_is_wrong(client):
    other = api_tokens.api_token_create(user=council_member(), name="theirs")[0]
    client.force_login(council_member())
    with translation.override("en"):
        url = reverse("council:tokens")
        response = client.post(url, {"revoke": other.pk}, follow=True)
        assert "That token could not be found." in response.content.decode()
        other.refresh_from_db()
        assert other.revoked_on is None
        assert "theirs" not in response.content.decode()
        response = client.post(url, {"name": "   "})
        assert response.status_code == OK
        assert "Give the token a name." in response.content.decode()
        assert response.context["new_key"] is None
        response = client.post(url, {"name": "x" * 101})
        assert "at most 100 characters" in response.content.decode()
    assert not ApiToken.objects.exclude(pk=other.pk).exists()


def test_t22_the_token_page_needs_the_csrf_token():
    user = council_member()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(reverse("council:tokens"), {"name": "Dashboard"})
    assert response.status_code == FORBIDDEN
    assert not ApiToken.objects.exists()
