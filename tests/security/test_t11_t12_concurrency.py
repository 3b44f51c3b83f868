"""T11/T12: simultaneous submissions on PostgreSQL (SQLite serialises writes,
so these only mean something there; they are skipped on SQLite)."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client

from surveys.models import Answer, SurveyResponse
from tests.conftest import run_at_once, start, step_data
from tests.pool import flush

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL"
    ),
]


def test_t11_fifty_simultaneous_submissions_are_all_stored(small_survey):
    url = small_survey.url_da
    jobs = []
    for i in range(50):
        client = Client(raise_request_exception=False)
        data = step_data(
            start(client, url),
            "about",
            {"represented": str(i % 5 + 1), "hours": str(i)},
        )
        jobs.append(lambda client=client, data=data: client.post(url, data).status_code)

    def batch():
        flush()
        return HTTPStatus.OK

    # Batches of the pool run meanwhile: each takes what waits, none twice.
    for at in (10, 25, 40):
        jobs.insert(at, batch)
    codes = run_at_once(jobs)
    assert codes == [HTTPStatus.OK] * 53
    flush()
    assert SurveyResponse.objects.count() == 50
    assert Answer.objects.filter(question__code="hours").count() == 50


def test_t12_the_same_post_twice_at_once_stores_one(small_survey):
    url = small_survey.url_da
    first = Client(raise_request_exception=False)
    data = step_data(start(first, url), "about", {"represented": "5"})
    second = Client(raise_request_exception=False)
    responses = run_at_once(
        [lambda: first.post(url, data), lambda: second.post(url, data)]
    )
    assert [r.status_code for r in responses] == [HTTPStatus.OK, HTTPStatus.OK]
    assert all(b'class="receipt"' in r.content for r in responses)
    flush()
    assert SurveyResponse.objects.count() == 1
