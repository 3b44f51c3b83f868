"""Staff edit the instrument in the Wagtail admin; every login is allauth's."""

from http import HTTPStatus

import pytest

from surveys.models import Question
from tests.conftest import start
from tests.participation.factories import UserFactory
from tests.surveys.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    # Staff have their second factor set up (participation.associations.middleware).
    user = UserFactory(superuser=True, totp=True)
    client.force_login(user)
    return user


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/da/accounts/login/")
    assert client.get("/admin/login/")["Location"].startswith("/da/accounts/login/")
    assert client.get("/da/accounts/login/").status_code == HTTPStatus.OK


def test_question_listing_shows_missing_translations(client, staff):
    QuestionFactory(code="trust", text_da="Man kan stole på folk.", text_en="Trust.")
    response = client.get("/admin/snippets/surveys/question/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "trust" in html
    assert "ar, fa, so, tr, uk, ti, pl" in html


def test_question_edit_form_has_a_tab_per_language(client, staff):
    question = QuestionFactory(code="trust")
    response = client.get(f"/admin/snippets/surveys/question/edit/{question.pk}/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    for name in ("dansk", "العربيّة", "Soomaali", "ትግርኛ"):
        assert name in html
    assert 'name="text_ti"' in html


def test_untranslated_text_falls_back_to_danish(client, small_survey):
    question = Question.objects.get(code="member")
    question.text_da = "Er du medlem af en forening?"
    question.text_ar = ""
    question.save()
    assert question.missing_languages() == [
        "en",
        "ar",
        "fa",
        "so",
        "tr",
        "uk",
        "ti",
        "pl",
    ]
    nonce = start(client, small_survey.url_ar)
    step = client.post(
        small_survey.url_ar, {"nonce": nonce, "step": "consent", "action": "consent"}
    )
    assert "Er du medlem af en forening?" in step.content.decode()
