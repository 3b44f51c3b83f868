"""Staff type in answers given on paper or to an interviewer
(surveys/paper_admin.py): the survey's own form and checks, the channel and
the paper's language recorded, today as the day."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone, translation

from surveys import invitations
from surveys.models import Invitation, Survey, SurveyResponse
from tests.admin_helpers import speaks_english
from tests.participation.factories import UserFactory
from tests.pool import flush
from tests.surveys.factories import WaveFactory

pytestmark = pytest.mark.django_db

URL = "/admin/paper-answers/"
NONCE_RE = re.compile(r'name="nonce" value="([^"]+)"')


@pytest.fixture
def staff(client):
    user = UserFactory(superuser=True, totp=True)
    speaks_english(user)
    client.force_login(user)
    return user


def setup(small_survey, *, language="ar", channel="paper"):
    return {"wave": small_survey.wave.pk, "language": language, "channel": channel}


def open_form(client, small_survey, **choice):
    """The empty entry form; returns (page, nonce)."""
    page = client.get(URL, setup(small_survey, **choice))
    match = NONCE_RE.search(page.content.decode())
    assert match, page.content.decode()[:3000]
    return page, match.group(1)


def post_form(client, small_survey, answers, *, consent=True, nonce=None, **choice):
    if nonce is None:
        _page, nonce = open_form(client, small_survey, **choice)
    data = {**setup(small_survey, **choice), "nonce": nonce}
    if consent:
        data["consent"] = "on"
    data.update({f"q_{code}": value for code, value in answers.items()})
    return client.post(URL, data)


def test_staff_choose_wave_language_and_channel_first(client, staff, small_survey):
    page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    assert 'name="wave"' in html
    assert 'name="language"' in html
    assert 'value="paper"' in html
    assert 'value="assisted"' in html
    assert 'value="web"' not in html


def test_the_form_shows_every_question_in_the_papers_language(
    client, staff, small_survey
):
    page, _nonce = open_form(client, small_survey, language="ar")
    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    # Arabic as on the paper, with the staff's language beside it.
    assert "أشعر بأنني ممثل." in html
    assert "رياضة" in html
    assert 'lang="ar"' in html
    # Every question on one page, numbered like the printed form, and the
    # conditional one with its hint instead of being hidden.
    for number, code in enumerate(
        ["represented", "member", "kinds", "hours", "comment", "born_dk"], start=1
    ):
        assert f'id="q-{code}"' in html
        assert f"<span>{number}.</span>" in html
    assert "to question 2" in html
    assert "/ar/survey/print/" in html


def test_a_paper_answer_is_stored_with_its_channel_language_and_day(
    client, staff, small_survey
):
    answers = {
        "represented": "2",
        "member": "yes",
        "kinds": ["sport", "culture"],
        "hours": "٥",  # Arabic-Indic digits, as written on the paper
        "comment": "ring 20 30 40 50",
        "born_dk": "no",
        "mother_dk": "no",
        "father_dk": "no",
    }
    response = post_form(client, small_survey, answers, language="ar")

    assert response.status_code == HTTPStatus.FOUND
    flush()
    stored = SurveyResponse.objects.get()
    assert stored.channel == "paper"
    assert stored.language == "ar"
    assert stored.submitted_on == timezone.localdate()
    assert stored.origin == "immigrant"
    assert sorted(
        stored.answers.filter(question__code="kinds").values_list("choice", flat=True)
    ) == ["culture", "sport"]
    assert stored.answers.get(question__code="hours").number == 5
    assert "20 30 40 50" not in stored.answers.get(question__code="comment").text
    # Back to an empty form for the next paper, with a message.
    follow = client.get(response["Location"])
    assert "The answers are saved" in follow.content.decode()
    assert "/admin/paper-answers/?" in response["Location"]


def test_an_interview_is_stored_as_assisted(client, staff, small_survey):
    response = post_form(
        client, small_survey, {"represented": "5"}, language="ti", channel="assisted"
    )
    assert response.status_code == HTTPStatus.FOUND
    flush()
    stored = SurveyResponse.objects.get()
    assert (stored.channel, stored.language) == ("assisted", "ti")


def test_errors_are_shown_beside_the_fields_and_nothing_is_lost(
    client, staff, small_survey
):
    answers = {
        "represented": "4",
        "member": "yes",
        "kinds": ["sport", "none"],
        "hours": "twelve",
        "comment": "Vi mødes om tirsdagen",
    }
    response = post_form(client, small_survey, answers, language="da")

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Please write a whole number, for example 12." in html
    assert "cannot be chosen together with other answers" in html
    assert 'id="q-hours-error"' in html
    assert 'value="twelve"' in html
    assert "Vi mødes om tirsdagen" in html
    assert re.search(r'value="4" checked', html)
    assert re.search(r'value="sport" checked', html)
    flush()
    assert not SurveyResponse.objects.exists()


def test_nothing_is_stored_without_consent(client, staff, small_survey):
    response = post_form(client, small_survey, {"represented": "4"}, consent=False)
    html = response.content.decode()
    assert "Without consent nothing may be stored" in html
    assert 'aria-invalid="true" aria-describedby="consent-error"' in html
    assert 'value="4" checked' in html
    flush()
    assert not SurveyResponse.objects.exists()


def test_a_blank_on_paper_may_stay_blank_but_an_interview_asks(
    client, staff, small_survey
):
    """ "represented" is required on the web: a paper form cannot be sent
    back to whoever left it empty, an interviewer can ask."""
    interview = post_form(
        client, small_survey, {"member": "no"}, language="da", channel="assisted"
    )
    assert "Please answer this question." in interview.content.decode()
    flush()
    assert not SurveyResponse.objects.exists()

    paper = post_form(client, small_survey, {"member": "no"}, language="da")
    assert paper.status_code == HTTPStatus.FOUND
    flush()
    stored = SurveyResponse.objects.get()
    assert not stored.answers.filter(question__code="represented").exists()


def test_a_double_click_on_save_stores_one_response(client, staff, small_survey):
    _page, nonce = open_form(client, small_survey)
    first = post_form(client, small_survey, {"represented": "3"}, nonce=nonce)
    second = post_form(client, small_survey, {"represented": "3"}, nonce=nonce)
    assert first.status_code == second.status_code == HTTPStatus.FOUND
    flush()
    assert SurveyResponse.objects.count() == 1
    assert "not saved twice" in client.get(second["Location"]).content.decode()


def test_only_open_waves_take_answers(client, staff, small_survey):
    today = timezone.localdate()
    closed = WaveFactory(
        survey=small_survey.survey,
        opens_on=today - datetime.timedelta(days=400),
        closes_on=today - datetime.timedelta(days=300),
    )
    chooser = client.get(URL).content.decode()
    assert f'value="{closed.pk}"' not in chooser
    data = {"wave": closed.pk, "language": "da", "channel": "paper"}
    response = client.post(URL, {**data, "consent": "on", "q_represented": "4"})
    assert response.status_code == HTTPStatus.OK
    assert 'name="wave"' in response.content.decode()  # choose again
    flush()
    assert not SurveyResponse.objects.exists()
    tampered = client.get(URL, {**setup(small_survey), "channel": "web"})
    assert 'name="nonce"' not in tampered.content.decode()


def test_a_survey_with_invitations_needs_the_code_on_paper_too(
    client, staff, small_survey
):
    Survey.objects.filter(pk=small_survey.survey.pk).update(requires_invitation=True)
    code = invitations.invitations_generate(wave=small_survey.wave, number=1)[0]

    missing = post_form(client, small_survey, {"represented": "4"})
    # Messages are in the admin's language (English for `staff`).
    with translation.override("en"):
        required, refused = (
            str(invitations.CODE_REQUIRED),
            str(invitations.CODE_REFUSED),
        )
    assert required in missing.content.decode()
    flush()
    assert not SurveyResponse.objects.exists()

    _page, nonce = open_form(client, small_survey)
    data = {
        **setup(small_survey),
        "nonce": nonce,
        "consent": "on",
        "q_represented": "4",
        "invitation_code": code.lower(),
    }
    assert client.post(URL, data).status_code == HTTPStatus.FOUND
    assert not Invitation.objects.exists()  # used up
    _page, nonce = open_form(client, small_survey)
    again = client.post(URL, {**data, "nonce": nonce})
    assert refused in again.content.decode()
    flush()
    assert SurveyResponse.objects.count() == 1


def test_entering_answers_needs_the_permission(small_survey):
    client = Client()
    user = UserFactory(is_staff=True, totp=True)
    speaks_english(user)
    group = Group.objects.create(name="Editors without paper answers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)

    refused = client.get(URL, setup(small_survey))
    assert refused.status_code == HTTPStatus.FOUND
    assert refused["Location"] == "/admin/"
    assert client.post(URL, {**setup(small_survey), "consent": "on"})["Location"] == (
        "/admin/"
    )
    assert "Enter paper answers" not in client.get("/admin/").content.decode()
    flush()
    assert not SurveyResponse.objects.exists()

    group.permissions.add(Permission.objects.get(codename="add_surveyresponse"))
    client.force_login(type(user).objects.get(pk=user.pk))
    assert client.get(URL, setup(small_survey)).status_code == HTTPStatus.OK
    assert "Enter paper answers" in client.get("/admin/").content.decode()


def test_the_post_needs_a_csrf_token(small_survey):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(UserFactory(superuser=True, totp=True))
    response = strict.post(URL, {**setup(small_survey), "consent": "on"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    flush()
    assert not SurveyResponse.objects.exists()
