"""T23: anti-automation on the anonymous survey."""

import datetime
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from surveys import throttle
from surveys.models import SurveyResponse
from surveys.throttle import KEY_PREFIX, client_address
from tests.conftest import post_step, start, step_data
from tests.pool import flush

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache_and_still_clock(monkeypatch):
    # A fixed clock keeps every post of a test inside one throttle window.
    monkeypatch.setattr(throttle, "current_window", lambda seconds: 42)
    cache.clear()
    yield
    cache.clear()


@override_settings(SURVEY_THROTTLE_POSTS=5, SURVEY_THROTTLE_SECONDS=60)
def test_too_many_posts_from_one_client_get_429_and_keep_no_ip(small_survey):
    client = Client(REMOTE_ADDR="203.0.113.7")
    nonce = start(client, small_survey.url_da)
    data = step_data(nonce, "feel", {"represented": "3"})
    codes = [client.post(small_survey.url_da, data).status_code for _ in range(7)]
    assert codes[:5] == [HTTPStatus.OK] * 5
    assert codes[5:] == [HTTPStatus.TOO_MANY_REQUESTS] * 2
    page = client.post(small_survey.url_da, data)
    assert "Vent venligst" in page.content.decode()

    with connection.cursor() as cursor:  # the database cache's own table
        cursor.execute("SELECT cache_key, expires FROM medborger_cache")
        stored = cursor.fetchall()
    keys = [(key, expires) for key, expires in stored if KEY_PREFIX in key]
    assert keys
    assert not any("203.0.113.7" in key for key, _expires in stored)
    latest = timezone.now() + datetime.timedelta(seconds=61)
    for _key, expires in keys:
        if isinstance(expires, str):  # SQLite hands back text
            expires = datetime.datetime.fromisoformat(expires)
        if timezone.is_naive(expires):
            expires = timezone.make_aware(expires, datetime.UTC)
        assert expires <= latest  # expires with the window

    other = Client(REMOTE_ADDR="203.0.113.8")  # another resident is not affected
    assert other.post(small_survey.url_da, data).status_code == HTTPStatus.OK


@override_settings(SURVEY_THROTTLE_POSTS=3)
def test_spoofed_forwarded_for_is_ignored_without_a_trusted_proxy(small_survey):
    client = Client(REMOTE_ADDR="203.0.113.9")
    data = step_data(start(client, small_survey.url_da), "feel", {"represented": "3"})
    codes = [
        client.post(
            small_survey.url_da, data, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}"
        ).status_code
        for i in range(5)
    ]
    assert codes[-1] == HTTPStatus.TOO_MANY_REQUESTS


def request_from(remote, forwarded=""):
    class Request:
        META = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": forwarded}

    return Request()


@override_settings(SURVEY_TRUSTED_PROXIES=["192.0.2.1"])
def test_forwarded_for_is_believed_only_from_a_trusted_proxy():
    assert client_address(request_from("192.0.2.1", "198.51.100.4")) == "198.51.100.4"
    assert client_address(request_from("192.0.2.1", "1.1.1.1, 198.51.100.4")) == (
        "198.51.100.4"  # the hop the proxy saw, not what the client claimed
    )
    assert client_address(request_from("192.0.2.1", "junk")) == "192.0.2.1"
    assert (
        client_address(request_from("198.51.100.5", "198.51.100.4")) == "198.51.100.5"
    )


def test_honeypot_submission_is_not_stored_and_explained(client, small_survey):
    url = small_survey.url_da
    data = {
        **step_data(start(client, url), "about", {"represented": "4"}),
        "website": "http://spam.example",
    }
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "kunne ikke tages imod" in response.content.decode()
    flush()
    assert SurveyResponse.objects.count() == 0


@override_settings(SURVEY_MIN_SECONDS=3600)
def test_too_fast_completion_is_asked_to_wait_and_keeps_answers(client, small_survey):
    response = post_step(
        client, small_survey.url_da, "about", {"represented": "4", "comment": "hej"}
    )
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Du svarede meget hurtigt" in html
    assert '<input type="hidden" name="q_comment" value="hej">' in html
    flush()
    assert SurveyResponse.objects.count() == 0
