"""T02: answers never reach a log record or an error e-mail, even on a 500."""

import logging
import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client, override_settings

from surveys import services
from tests.conftest import post_step

pytestmark = pytest.mark.django_db

CPR, PHONE, NAME = "010190-1234", "20 30 40 50", "Fatima Abdullahi"
SECRET_TEXT = f"Jeg hedder {NAME}, cpr {CPR}, ring {PHONE}"
LEAKS = re.compile(r"010190|20 30 40 50|Fatima|Abdullahi|Jeg hedder")


class Everything(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(logging.Formatter().format(record))


@pytest.fixture
def captured():
    handler = Everything()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(old_level)


@override_settings(ADMINS=[("Ops", "ops@example.org")])
def test_forced_error_during_submit_leaks_nothing(small_survey, captured, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "response_submit", broken)
    client = Client(raise_request_exception=False)
    answers = {"represented": "4", "comment": SECRET_TEXT}
    response = post_step(client, small_survey.url_da, "about", answers)

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    body = response.content.decode()
    assert "Noget gik galt" in body  # the translated, generic 500 page
    assert not LEAKS.search(body)
    assert "Traceback" not in body
    assert any("database went away" in line for line in captured.lines)
    for line in captured.lines:
        assert not LEAKS.search(line), line
    assert mail.outbox, "the error e-mail to ADMINS was sent"
    for message in mail.outbox:
        assert not LEAKS.search(message.body + message.subject)


def test_successful_submit_logs_no_answer(client, small_survey, captured):
    post_step(
        client,
        small_survey.url_da,
        "about",
        {"represented": "4", "comment": SECRET_TEXT},
    )
    for line in captured.lines:
        assert not LEAKS.search(line), line


def test_survey_urls_carry_no_response_id(client, small_survey):
    response = post_step(client, small_survey.url_da, "about", {"represented": "4"})
    assert response.status_code == HTTPStatus.OK  # thank-you shown in place
    assert "Location" not in response  # no redirect to a URL naming the response
