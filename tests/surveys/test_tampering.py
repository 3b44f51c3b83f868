"""T15 (first part): tampered survey posts get a 400 or a re-rendered form,
never a server error, and store nothing. The full fuzzing in every language
grows with the browser and security harness."""

from http import HTTPStatus

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.models import SurveyResponse
from tests.conftest import start
from tests.pool import flush

pytestmark = pytest.mark.django_db

BASE = {"step": "about", "consent": "yes", "action": "next"}


def post(client, url, data):
    return client.post(url, {"nonce": start(client, url), **BASE, **data})


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"q_represented": "7"}, HTTPStatus.OK),  # unknown choice code
        ({"q_represented": "4", "q_hours": "-5"}, HTTPStatus.OK),  # out of range
        ({"q_represented": "4", "q_hours": "9" * 5000}, HTTPStatus.OK),  # huge number
        ({"q_represented": "4", "q_comment": "a\x00b"}, HTTPStatus.OK),  # NUL byte
        ({"q_represented": "4", "q_comment": "x" * 1_000_000}, HTTPStatus.OK),  # 1 MB
        ({"q_represented": ["4", "5"]}, HTTPStatus.BAD_REQUEST),  # repeated key
        (
            {"q_represented": "4", "q_kinds": ["sport", "nope"], "q_member": "yes"},
            HTTPStatus.OK,
        ),
        ({"q_represented": "4", "step": "nowhere"}, HTTPStatus.BAD_REQUEST),
        ({"q_represented": "4", "action": "delete"}, HTTPStatus.BAD_REQUEST),
    ],
    ids=[
        "unknown-choice",
        "negative",
        "huge-number",
        "nul",
        "one-megabyte",
        "repeated-key",
        "unknown-multi",
        "unknown-step",
        "unknown-action",
    ],
)
def test_tampered_post_is_refused_and_stores_nothing(small_survey, data, expected):
    client = Client(raise_request_exception=False)
    response = post(client, small_survey.url_da, data)
    assert response.status_code == expected
    flush()
    assert SurveyResponse.objects.count() == 0


def test_lone_surrogate_and_invalid_utf8_are_harmless(small_survey):
    # A lone surrogate cannot be sent as text; on the wire it is invalid UTF-8.
    client = Client(raise_request_exception=False)
    nonce = start(client, small_survey.url_da)
    body = (
        f"nonce={nonce}&step=about&consent=yes&action=next&q_represented=4"
        "&q_comment=%ED%A0%80%FF&q_born_dk=%ED%A0%80"
    )
    response = client.post(
        small_survey.url_da, body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == HTTPStatus.OK
    assert 'aria-invalid="true"' in response.content.decode()  # q_born_dk is no choice
    flush()
    assert SurveyResponse.objects.count() == 0


def test_missing_nonce_is_a_bad_request(small_survey):
    client = Client(raise_request_exception=False)
    response = client.post(small_survey.url_da, {**BASE, "q_represented": "4"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    flush()
    assert SurveyResponse.objects.count() == 0


FIELDS = [
    "q_represented",
    "q_member",
    "q_kinds",
    "q_hours",
    "q_comment",
    "q_born_dk",
    "step",
    "action",
    "consent",
    "q_unknown",
]
values = st.one_of(
    st.text(max_size=50),
    st.sampled_from(["4", "yes", "no", "dk", "sport", "", "١٢", "-1", "1e9", "\x00"]),
    st.lists(st.sampled_from(["4", "yes", "sport", "x"]), max_size=3),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS)))
def test_random_posts_never_give_a_server_error(small_survey, data):
    client = Client(raise_request_exception=False)
    flush()
    before = SurveyResponse.objects.count()
    response = client.post(
        small_survey.url_da, {"nonce": start(client, small_survey.url_da), **data}
    )
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    if (
        response.status_code != HTTPStatus.OK
        or b'class="receipt"' not in response.content
    ):
        flush()
        assert SurveyResponse.objects.count() == before
