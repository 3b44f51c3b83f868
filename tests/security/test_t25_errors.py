"""T25: error pages are generic, translated, and leak nothing; unpublished
pages are 404."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Page

from surveys.views import SurveyFlow

pytestmark = pytest.mark.django_db
CODES = [code for code, _name in settings.LANGUAGES]


def test_404_in_every_language(client, small_survey):
    # The small site has da and ar pages; the 404 page itself exists everywhere.
    for code in CODES:
        response = client.get(f"/{code}/no-such-page/")
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert f'<html lang="{code}"' in response.content.decode()


def test_500_is_generic_and_translated(small_survey, monkeypatch):
    def explode(self):
        raise ZeroDivisionError("SELECT * FROM surveys_answer")

    monkeypatch.setattr(SurveyFlow, "post", explode)
    client = Client(raise_request_exception=False)
    for url, text in [
        (small_survey.url_da, "Noget gik galt"),
        (small_survey.url_ar, 'lang="ar" dir="rtl"'),
    ]:
        response = client.post(url, {"nonce": "x", "q_represented": "4"})
        body = response.content.decode()
        assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
        assert text in body
        for leak in ("Traceback", "ZeroDivisionError", "SELECT", "surveys_answer"):
            assert leak not in body


def test_unpublished_survey_page_is_404(client, small_survey):
    small_survey.page_da.unpublish()
    assert client.get(small_survey.url_da).status_code == HTTPStatus.NOT_FOUND


def test_draft_page_and_preview_are_not_public(client, small_survey):
    home = Page.objects.get(slug="home-test")
    draft = home.add_child(instance=Page(title="Kladde", slug="draft", live=False))
    assert client.get("/da/draft/").status_code == HTTPStatus.NOT_FOUND
    preview = client.get(f"/admin/pages/{draft.pk}/edit/preview/")
    assert preview.status_code == HTTPStatus.FOUND  # to the login page
    assert "/accounts/login/" in preview["Location"]


def test_csrf_failure_is_a_translated_403(small_survey):
    client = Client(enforce_csrf_checks=True)
    response = client.post(small_survey.url_da, {"q_represented": "4"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Formularen er udløbet" in response.content.decode()
