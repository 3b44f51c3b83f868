"""T16: script payloads in survey texts and answers are escaped everywhere."""

from http import HTTPStatus

import pytest

from surveys.models import Choice, Question, Section, Survey
from tests.conftest import post_step, start
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<svg onload=alert(1)>",
    '"><img src=x onerror=alert(2)>',
    "<script>alert(3)</script>",
    "javascript:alert(4)//\u202egnp.exe",
]


def raw_payload_present(html: str) -> bool:
    return any(p in html for p in PAYLOADS[:3])


@pytest.fixture
def poisoned(small_survey):
    survey = Survey.objects.get(pk=small_survey.survey.pk)
    survey.title_da = PAYLOADS[0]
    survey.consent_da = PAYLOADS[1]
    survey.save()
    Section.objects.filter(code="feel").update(
        title_da=PAYLOADS[2], intro_da=PAYLOADS[0]
    )
    Question.objects.filter(code="represented").update(
        text_da=PAYLOADS[1], help_text_da=PAYLOADS[2], text_ar=PAYLOADS[0]
    )
    Choice.objects.filter(code="sport").update(label_da=PAYLOADS[2])
    return small_survey


def test_survey_texts_are_escaped_on_every_step(client, poisoned):
    url = poisoned.url_da
    pages = [client.get(url)]
    nonce = start(client, url)
    pages.append(post_step(client, url, "consent", {}, nonce=nonce, action="consent"))
    pages.append(post_step(client, url, "feel", {"member": "yes"}, nonce=nonce))
    pages.append(client.get(poisoned.url_ar))
    for page in pages:
        assert page.status_code == HTTPStatus.OK
        html = page.content.decode()
        assert not raw_payload_present(html)
    assert "&lt;svg onload=alert(1)&gt;" in pages[0].content.decode()


def test_answers_echoed_back_are_escaped(client, poisoned):
    answers = {"represented": "", "comment": PAYLOADS[1], "hours": PAYLOADS[2]}
    page = post_step(client, poisoned.url_da, "about", answers)
    html = page.content.decode()
    assert 'aria-invalid="true"' in html  # sent back with errors, answers kept
    assert not raw_payload_present(html)
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in html


def test_admin_listing_escapes_question_texts(client, poisoned):
    client.force_login(UserFactory(superuser=True, totp=True))
    response = client.get("/admin/snippets/surveys/question/")
    assert response.status_code == HTTPStatus.OK
    assert not raw_payload_present(response.content.decode())
