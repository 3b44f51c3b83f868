"""A resident's path through the survey (surveys/views.py, forms.py, services.py)."""

import re
from http import HTTPStatus

import pytest
from django.db.models import Count
from django.test import override_settings

from surveys.models import Answer, Question, SurveyResponse
from surveys.receipts import new_nonce
from tests.conftest import post_step, start, step_data, submit_all
from tests.pool import flush

pytestmark = pytest.mark.django_db

RECEIPT_RE = re.compile(r'class="receipt"[^>]*>([0-9A-Z-]{14})<')
GOOD = {
    "represented": "4",
    "member": "yes",
    "kinds": ["sport", "culture"],
    "hours": "12",
    "comment": "Ring til mig på 20 30 40 50, cpr 010190-1234",
    "born_dk": "no",
    "mother_dk": "no",
    "father_dk": "dk",
    "citizen_dk": "no",
}


def receipt_in(response) -> str:
    match = RECEIPT_RE.search(response.content.decode())
    assert match, "no receipt code on the page"
    return match.group(1)


def test_submit_in_danish_stores_codes_origin_and_scrubbed_text(client, small_survey):
    response = submit_all(client, small_survey.url_da, GOOD)

    assert response.status_code == HTTPStatus.OK
    assert "Tak for dine svar" in response.content.decode()
    assert receipt_in(response)
    flush()
    stored = SurveyResponse.objects.get()
    assert stored.language == "da"
    assert stored.channel == "web"
    assert stored.origin == "immigrant"
    answers = {
        (a.question.code, a.choice, a.number, a.text) for a in stored.answers.all()
    }
    assert ("represented", "4", None, "") in answers
    assert ("kinds", "sport", None, "") in answers
    assert ("kinds", "culture", None, "") in answers
    assert ("hours", "", 12, "") in answers
    comment = stored.answers.get(question__code="comment").text
    assert "20 30 40 50" not in comment
    assert "010190" not in comment


def test_answers_in_arabic_and_danish_add_up_under_one_code(client, small_survey):
    submit_all(client, small_survey.url_da, {"represented": "5"})
    response = submit_all(client, small_survey.url_ar, {"represented": "5"})

    assert response.status_code == HTTPStatus.OK
    assert 'lang="ar" dir="rtl"' in response.content.decode()
    flush()
    counts = Answer.objects.values("question__code", "choice").annotate(n=Count("id"))
    assert list(counts) == [{"question__code": "represented", "choice": "5", "n": 2}]
    flush()
    assert sorted(SurveyResponse.objects.values_list("language", flat=True)) == [
        "ar",
        "da",
    ]


def test_arabic_form_shows_arabic_texts_and_errors(client, small_survey):
    response = post_step(client, small_survey.url_ar, "feel", {})
    html = response.content.decode()
    assert "أشعر بأنني ممثل." in html  # question text in Arabic
    assert 'aria-invalid="true"' in html
    flush()
    assert SurveyResponse.objects.count() == 0


def test_walk_through_steps_with_progress(client, small_survey):
    url = small_survey.url_da
    nonce = start(client, url)
    first = post_step(
        client, url, "consent", {}, nonce=nonce, action="consent", consent=False
    )
    assert 'name="step" value="feel"' in first.content.decode()
    assert "Trin 2 af 4" in first.content.decode()

    answers = {"represented": "3", "member": "yes"}
    html = post_step(client, url, "feel", answers, nonce=nonce).content.decode()
    assert 'name="step" value="part"' in html
    assert 'name="q_kinds"' in html  # shown: member said yes
    assert '<input type="hidden" name="q_represented" value="3">' in html


def test_condition_hides_question_and_drops_its_answer(client, small_survey):
    url = small_survey.url_da
    step = post_step(client, url, "feel", {"represented": "3", "member": "no"})
    assert 'name="q_kinds"' not in step.content.decode()

    submit_all(client, url, {"represented": "3", "member": "no", "kinds": ["sport"]})
    flush()
    assert not Answer.objects.filter(question__code="kinds").exists()


def test_back_keeps_answers(client, small_survey):
    answers = {"represented": "2", "member": "yes", "hours": "7", "comment": "hej"}
    back = post_step(client, small_survey.url_da, "part", answers, action="back")
    html = back.content.decode()
    assert 'name="step" value="feel"' in html
    assert 'value="2" checked' in html
    assert '<input type="hidden" name="q_hours" value="7">' in html
    assert '<input type="hidden" name="q_comment" value="hej">' in html


def test_closed_wave_says_so_and_stores_nothing(client, small_survey):
    wave = small_survey.wave
    wave.opens_on = wave.opens_on.replace(year=2020)
    wave.closes_on = wave.opens_on
    wave.save()

    page = client.get(small_survey.url_da)
    assert "Spørgeskemaet er ikke åbent lige nu" in page.content.decode()
    response = submit_all_raw(client, small_survey.url_da)
    assert response.status_code == HTTPStatus.OK
    flush()
    assert SurveyResponse.objects.count() == 0


def submit_all_raw(client, url):
    """A post a resident could have started before the wave closed."""
    return post_step(client, url, "about", {"represented": "4"}, nonce=new_nonce())


def test_consent_refused_stores_nothing(client, small_survey):
    url = small_survey.url_da
    nonce = start(client, url)
    declined = post_step(
        client,
        url,
        "consent",
        {"represented": "4"},
        nonce=nonce,
        action="decline",
        consent=False,
    )
    assert declined.status_code == HTTPStatus.OK
    assert 'name="step"' not in declined.content.decode()

    no_consent = post_step(
        client, url, "about", {"represented": "4"}, nonce=nonce, consent=False
    )
    assert 'name="step" value="consent"' in no_consent.content.decode()
    flush()
    assert SurveyResponse.objects.count() == 0


def test_validation_errors_keep_every_other_answer(client, small_survey):
    answers = {**GOOD, "represented": "", "hours": "lots"}
    response = submit_all(client, small_survey.url_da, answers)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert (
        'name="step" value="feel"' in html
    )  # sent back to the first step with an error
    assert "Svar venligst på spørgsmålet." in html
    assert '<input type="hidden" name="q_hours" value="lots">' in html
    assert 'name="q_comment" value="Ring til mig' in html
    flush()
    assert SurveyResponse.objects.count() == 0


def test_none_of_these_cannot_be_combined(client, small_survey):
    answers = {"represented": "3", "member": "yes", "kinds": ["sport", "none"]}
    html = submit_all(client, small_survey.url_da, answers).content.decode()
    assert "“Ingen af dem” kan ikke vælges sammen med andre svar." in html
    assert 'name="step" value="part"' in html
    flush()
    assert SurveyResponse.objects.count() == 0

    submit_all(client, small_survey.url_da, {**answers, "kinds": ["none"]})
    flush()
    assert Answer.objects.get(question__code="kinds").choice == "none"


def test_number_accepts_arabic_indic_digits(client, small_survey):
    submit_all(client, small_survey.url_ar, {"represented": "1", "hours": "١٢"})
    flush()
    assert Answer.objects.get(question__code="hours").number == 12


def test_double_submit_stores_one_and_shows_same_receipt(client, small_survey):
    url = small_survey.url_da
    data = step_data(start(client, url), "about", {"represented": "5"})
    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == second.status_code == HTTPStatus.OK
    assert receipt_in(first) == receipt_in(second)
    flush()
    assert SurveyResponse.objects.count() == 1


def test_withdraw_deletes_and_a_replay_does_not_restore(client, small_survey):
    url = small_survey.url_da
    data = step_data(start(client, url), "about", {"represented": "5"})
    receipt = receipt_in(client.post(url, data))
    submit_all(client, url, {"represented": "1"})  # someone else's answers
    flush()
    assert SurveyResponse.objects.count() == 2

    typed = receipt.lower().replace("-", " ")
    page = client.post(url + "withdraw/", {"receipt": typed})
    assert page.status_code == HTTPStatus.OK
    flush()
    assert SurveyResponse.objects.count() == 1
    assert not Answer.objects.filter(choice="5").exists()

    replay = client.post(url, data)
    assert replay.status_code == HTTPStatus.OK
    flush()
    assert SurveyResponse.objects.count() == 1


def test_withdraw_with_bad_code_explains(client, small_survey):
    url = small_survey.url_da + "withdraw/"
    assert client.get(url).status_code == HTTPStatus.OK
    bad = client.post(url, {"receipt": "nonsense"})
    assert bad.status_code == HTTPStatus.OK
    assert 'aria-invalid="true"' in bad.content.decode()
    unknown = client.post(url, {"receipt": "0000-0000-0000"})
    assert unknown.status_code == HTTPStatus.OK


def test_expired_or_forged_nonce_is_refused_with_a_message(client, small_survey):
    url = small_survey.url_da
    nonce = start(client, url)
    answers = {"represented": "4"}
    with override_settings(SURVEY_NONCE_MAX_AGE=-1):
        expired = post_step(client, url, "about", answers, nonce=nonce)
    forged = post_step(client, url, "about", answers, nonce=nonce + "x")
    assert expired.status_code == forged.status_code == HTTPStatus.BAD_REQUEST
    assert "Formularen er udløbet" in expired.content.decode()
    flush()
    assert SurveyResponse.objects.count() == 0


def test_survey_sets_no_session_cookie_and_is_not_cached(client, small_survey):
    response = submit_all(client, small_survey.url_da, {"represented": "4"})
    assert "sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_back_from_a_step_that_is_no_longer_shown(client, small_survey):
    # Leave "part" with only the members' question, then say "not a member".
    Question.objects.filter(code__in=["hours", "comment"]).update(
        section=small_survey.survey.sections.get(code="feel")
    )
    Question.objects.get(code="kinds").save()  # tell the instrument cache
    back = post_step(
        client, small_survey.url_da, "part", {"member": "no"}, action="back"
    )
    assert 'name="step" value="feel"' in back.content.decode()
    forward = post_step(client, small_survey.url_da, "part", {"member": "no"})
    assert 'name="step" value="about"' in forward.content.decode()
