"""Every language's pages answer with the right lang and dir (SPEC §6)."""

import io
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core.management import call_command

from cms.models import ResultsPage
from participation.council.models import ResultsSnapshot
from surveys.models import Question
from tests.cms.test_results_page import assert_no_inline_script
from tests.conftest import start

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.LANGUAGES]
RTL = {"ar", "fa"}


@pytest.fixture
def demo(demo_pages):
    return demo_pages


def test_home_and_survey_in_every_language(client, demo):
    # One test over all languages: loading the demo is the slow part.
    for code in CODES:
        direction = "rtl" if code in RTL else "ltr"
        for url in (f"/{code}/", f"/{code}/survey/", f"/{code}/survey/withdraw/"):
            response = client.get(url)
            assert response.status_code == HTTPStatus.OK, url
            html = response.content.decode()
            assert f'<html lang="{code}" dir="{direction}">' in html, url
        home = client.get(f"/{code}/").content.decode()
        assert f'href="/{code}/survey/"' in home  # the home page leads to the survey


def test_survey_texts_are_in_the_chosen_language(client, demo):
    question = Question.objects.get(code="represented_local")
    for code in CODES:
        nonce = start(client, f"/{code}/survey/")
        step = client.post(
            f"/{code}/survey/", {"nonce": nonce, "step": "consent", "action": "consent"}
        )
        assert getattr(question, f"text_{code}") in step.content.decode(), code


def test_language_switcher_names_each_language_in_itself(client, demo):
    html = client.get("/da/survey/").content.decode()
    for code, name in [
        ("ar", "العربيّة"),
        ("so", "Soomaali"),
        ("ti", "ትግርኛ"),
        ("uk", "Українська"),
        ("pl", "polski"),
        ("da", "dansk"),
    ]:
        assert f'href="/{code}/survey/" hreflang="{code}" lang="{code}"' in html
        assert name in html


def test_root_redirects_by_accept_language_else_danish(client, demo):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")["Location"] == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ja")["Location"] == "/da/"
    assert client.get("/")["Location"] == "/da/"


def test_language_choice_is_kept(client, demo):
    client.get("/so/", HTTP_ACCEPT_LANGUAGE="da")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "so"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="da")["Location"] == "/so/"


def test_unknown_page_is_a_translated_404(client, demo):
    response = client.get("/ar/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert 'lang="ar" dir="rtl"' in response.content.decode()


def test_healthz_checks_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.content == b"ok"


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    from django.db import DatabaseError, connection

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.content == b"database unavailable"


def test_the_demo_has_results_in_every_language(client, demo):
    assert ResultsSnapshot.objects.count() == 1
    assert ResultsPage.objects.filter(slug="results").count() == len(CODES)
    for code in ("da", "ar", "ti"):
        response = client.get(f"/{code}/results/")
        assert response.status_code == HTTPStatus.OK, code
        html = response.content.decode()
        assert html.count("<table") >= 1, code
        assert 'class="notice-inline synthetic-note"' in html, code
        assert_no_inline_script(html)
    assert 'href="/da/results/"' in client.get("/da/").content.decode()
    call_command("load_demo", responses=0, stdout=io.StringIO())
    assert ResultsSnapshot.objects.count() == 1  # loading again adds none
