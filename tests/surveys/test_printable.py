"""The printable survey at /<code>/survey/print/ (surveys/views.printable),
and the page a resident sees in a language the survey is not offered in yet
(surveys/translation_review.is_offered)."""

import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation

from surveys.models import Question, Survey, SurveyResponse
from tests.conftest import post_step
from tests.pool import flush

pytestmark = pytest.mark.django_db


def printed(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, response.content.decode()[:500]
    return response.content.decode()


def test_every_question_is_printed_with_boxes_and_numbers(client, small_survey):
    html = printed(client, "/da/survey/print/")

    assert 'lang="da" dir="ltr"' in html
    assert "Vi spørger anonymt." in html  # the consent text
    assert "Jeg føler mig repræsenteret." in html
    for number in range(1, 10):  # nine questions, background block included
        assert f'<span class="paper-number">{number}.</span>' in html
    assert 'id="paper-q-born_dk"' in html and 'id="paper-q-citizen_dk"' in html
    # Round boxes for one answer, square ones for several, boxes for digits
    # (0-300: three), a box to write in.
    assert html.count('class="box round"') >= 5 + 1 + 2 * 4 + 2
    kinds = html[html.index('id="paper-q-kinds"') : html.index('id="paper-q-hours"')]
    assert kinds.count('class="box"') == 3
    hours = html[html.index('id="paper-q-hours"') : html.index('id="paper-q-comment"')]
    assert hours.count('class="digit"') == 3
    assert 'class="write-in"' in html


def test_a_conditional_question_says_when_to_answer_it(client, small_survey):
    html = printed(client, "/en/survey/print/")
    kinds = html[html.index('id="paper-q-kinds"') : html.index('id="paper-q-hours"')]
    assert "Answer only if you answered “Yes” to question 2." in kinds


def test_the_paper_has_no_script_no_form_and_no_answers(client, small_survey):
    post_step(client, small_survey.url_da, "about", {"represented": "4"})
    html = printed(client, "/da/survey/print/")
    assert "<script" not in html
    assert "<form" not in html.split('<main id="main"')[1]
    assert "<input" not in html.split('<main id="main"')[1]
    assert "checked" not in html


def test_a4_print_css_is_linked(client, small_survey):
    html = printed(client, "/da/survey/print/")
    assert "/static/css/print.css" in html
    css = Path(finders.find("css/print.css")).read_text(encoding="utf-8")
    assert "size: A4" in css
    assert not re.search(r"(margin|padding)-(left|right)|\b(left|right):", css)


def test_arabic_paper_is_right_to_left_and_in_arabic(client, small_survey):
    html = printed(client, "/ar/survey/print/")
    assert 'lang="ar" dir="rtl"' in html
    assert "أشعر بأنني ممثل." in html
    assert "رياضة" in html
    assert "نسأل بشكل مجهول." in html


def test_tigrinya_paper_uses_tigrinya_texts(client, multilingual_survey):
    Question.objects.filter(code="represented").update(text_ti="ከም ዝውከል ይስምዓኒ።")
    html = printed(client, "/ti/survey/print/")
    assert 'lang="ti" dir="ltr"' in html
    assert "ከም ዝውከል ይስምዓኒ።" in html


def test_the_paper_exists_in_every_language(client, multilingual_survey):
    for code, _name in settings.LANGUAGES:
        html = printed(client, f"/{code}/survey/print/")
        bidi = translation.get_language_info(code)["bidi"]
        assert f'lang="{code}" dir="{"rtl" if bidi else "ltr"}"' in html


def test_a_survey_with_invitations_has_boxes_for_the_code(client, small_survey):
    Survey.objects.filter(pk=small_survey.survey.pk).update(requires_invitation=True)
    html = printed(client, "/da/survey/print/")
    assert html.count('class="digit"') == 12 + 3
    assert "/da/survey/print/" in client.get(small_survey.url_da).content.decode()


# --- a language that is not offered yet ---------------------------------------------


@pytest.fixture
def arabic_not_reviewed(small_survey):
    """Arabic texts exist but nobody reviewed them, and staff did not offer
    Arabic before review."""
    Survey.objects.filter(pk=small_survey.survey.pk).update(languages_forced=[])
    return small_survey


def test_a_language_not_offered_says_so_in_it_and_links_to_danish(
    client, arabic_not_reviewed
):
    response = client.get(arabic_not_reviewed.url_ar)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert 'lang="ar" dir="rtl"' in html
    with translation.override("ar"):
        heading = translation.gettext(
            "The survey is not yet available in this language"
        )
    assert heading in html
    assert 'href="/da/survey/" lang="da" hreflang="da"' in html
    assert 'name="nonce"' not in html  # no form to fill in
    assert "/ar/survey/print/" not in html
    assert heading in printed(client, "/ar/survey/print/")  # no paper either


def test_a_post_in_a_language_not_offered_stores_nothing(client, arabic_not_reviewed):
    response = post_step(
        client,
        arabic_not_reviewed.url_da,
        "about",
        {"represented": "4"},
    )
    assert response.status_code == HTTPStatus.OK  # Danish is always offered
    flush()
    assert SurveyResponse.objects.count() == 1

    nonce = re.search(
        r'name="nonce" value="([^"]+)"',
        client.get(arabic_not_reviewed.url_da).content.decode(),
    ).group(1)
    refused = client.post(
        arabic_not_reviewed.url_ar,
        {"nonce": nonce, "step": "about", "consent": "yes", "q_represented": "4"},
    )
    assert refused.status_code == HTTPStatus.OK
    assert 'class="receipt"' not in refused.content.decode()
    flush()
    assert SurveyResponse.objects.count() == 1


def test_staff_offering_a_language_before_review_opens_it(client, arabic_not_reviewed):
    Survey.objects.filter(pk=arabic_not_reviewed.survey.pk).update(
        languages_forced=["ar"]
    )
    html = client.get(arabic_not_reviewed.url_ar).content.decode()
    assert 'name="nonce"' in html
