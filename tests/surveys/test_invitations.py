"""Invitation codes: made by staff, downloaded once, each used once
(surveys/invitations.py, the consent step in surveys/views.py, the admin
view in surveys/paper_admin.py)."""

import csv
import html
import io
import re
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from surveys import invitations
from surveys.invitations import CODE_MALFORMED, CODE_REFUSED, CODE_REQUIRED
from surveys.models import Invitation, Survey, SurveyResponse
from tests.admin_helpers import refused, speaks_english
from tests.conftest import run_at_once, start, step_data
from tests.participation.factories import UserFactory
from tests.pool import flush, spearman
from tests.surveys.factories import WaveFactory

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(
    r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"
)
CARRIED_RE = re.compile(r'name="invitation" value="([^"]+)"')
URL = "/admin/invitations/"


@pytest.fixture
def invited(small_survey):
    """The small survey, now asking for an invitation code; five codes."""
    Survey.objects.filter(pk=small_survey.survey.pk).update(requires_invitation=True)
    small_survey.survey.refresh_from_db()
    small_survey.codes = invitations.invitations_generate(
        wave=small_survey.wave, number=5
    )
    return small_survey


def in_language(language, message) -> str:
    with translation.override(language):
        return str(message)


def enter_code(client, url, code):
    """Open the survey, agree and type `code`; returns (nonce, response)."""
    nonce = start(client, url)
    response = client.post(
        url,
        {
            "nonce": nonce,
            "step": "consent",
            "action": "consent",
            "invitation_code": code,
        },
    )
    return nonce, response


def carried(response) -> str:
    match = CARRIED_RE.search(response.content.decode())
    return match.group(1) if match else ""


def send(client, url, nonce, token, answers):
    """The final post from the last step, with the carried code."""
    data = step_data(nonce, "about", answers)
    data["invitation"] = token
    return client.post(url, data)


def answer_with_code(client, url, code, answers=None):
    nonce, response = enter_code(client, url, code)
    token = carried(response)
    assert token, response.content.decode()[:2000]
    return send(client, url, nonce, token, answers or {"represented": "4"})


def error_next_to_code_field(response) -> str:
    match = re.search(
        r'<p class="error-message" id="invitation-code-error"[^>]*>([^<]+)</p>',
        response.content.decode(),
    )
    return html.unescape(match.group(1)) if match else ""


# --- generating and downloading ----------------------------------------------


def test_generated_codes_are_readable_and_stored_only_as_keyed_hashes(small_survey):
    codes = invitations.invitations_generate(wave=small_survey.wave, number=20)

    assert len(set(codes)) == 20
    assert all(CODE_RE.match(code) for code in codes)
    stored = set(Invitation.objects.values_list("code_hash", flat=True))
    assert stored == {invitations.code_hash(code) for code in codes}
    with connection.cursor() as cursor:
        # The table name is the model's constant, quoted; no input reaches it.
        table = connection.ops.quote_name(Invitation._meta.db_table)
        cursor.execute("SELECT * FROM " + table)  # noqa: S608
        dump = repr(cursor.fetchall())
    for code in codes:
        assert code not in dump
        assert code.replace("-", "") not in dump


def test_a_typed_code_is_forgiving_about_case_spaces_and_look_alikes(small_survey):
    code = invitations.invitations_generate(wave=small_survey.wave, number=1)[0]
    typed = " " + code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert invitations.code_hash(typed) == invitations.code_hash(code)
    assert invitations.code_hash("not a code") == ""


@pytest.fixture
def staff(client):
    user = UserFactory(superuser=True, totp=True)
    client.force_login(user)
    return user


def test_staff_download_new_codes_once_as_a_csv_attachment(client, staff, small_survey):
    page = client.get(URL)
    assert page.status_code == HTTPStatus.OK

    response = client.post(URL, {"wave": small_survey.wave.pk, "number": "25"})

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["code", "survey", "wave"]
    codes = [row[0] for row in rows[1:]]
    assert len(codes) == 25
    assert all(CODE_RE.match(code) for code in codes)
    assert {row[1] for row in rows[1:]} == {"small"}
    assert Invitation.objects.filter(wave=small_survey.wave).count() == 25
    # Never shown again: the admin page lists how many, not which.
    listing = client.get(URL).content.decode()
    assert "25" in listing
    assert not any(code in listing for code in codes)
    # A second batch is new codes, not the first ones again.
    again = client.post(URL, {"wave": small_survey.wave.pk, "number": "3"})
    second = [row[0] for row in csv.reader(io.StringIO(again.content.decode()))][1:]
    assert len(second) == 3
    assert not set(second) & set(codes)


def test_a_bad_number_is_explained_and_makes_no_codes(client, staff, small_survey):
    for number in ("0", "abc", "1000001"):
        response = client.post(URL, {"wave": small_survey.wave.pk, "number": number})
        assert response.status_code == HTTPStatus.OK
        assert 'aria-invalid="true"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_generating_needs_post_and_the_permission(client, small_survey):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(UserFactory(superuser=True, totp=True))
    no_token = strict.post(URL, {"wave": small_survey.wave.pk, "number": "5"})
    assert no_token.status_code == HTTPStatus.FORBIDDEN  # no CSRF token

    user = UserFactory(is_staff=True, totp=True)
    speaks_english(user)
    group = Group.objects.create(name="Editors without invitations")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert refused(client.get(URL))
    assert refused(client.post(URL, {"wave": small_survey.wave.pk, "number": "5"}))
    assert not Invitation.objects.exists()
    assert "Invitation codes" not in client.get("/admin/").content.decode()

    group.permissions.add(Permission.objects.get(codename="add_invitation"))
    client.force_login(type(user).objects.get(pk=user.pk))
    assert client.get(URL).status_code == HTTPStatus.OK
    assert "Invitation codes" in client.get("/admin/").content.decode()


def test_csv_cells_cannot_become_spreadsheet_formulas(small_survey):
    wave = WaveFactory(survey=small_survey.survey, code="-2+3")
    text = invitations.invitations_csv(wave=wave, codes=["K7QM-4XPA-9D2F"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["K7QM-4XPA-9D2F", "small", "'-2+3"]


# --- a resident uses a code ---------------------------------------------------


def test_the_consent_step_asks_for_the_code(client, invited):
    html = client.get(invited.url_da).content.decode()
    assert 'name="invitation_code"' in html
    assert 'for="id_invitation_code"' in html


def test_a_code_is_used_once_and_the_answers_are_stored(client, invited):
    code = invited.codes[0]
    nonce, step = enter_code(client, invited.url_da, code)
    assert 'name="step" value="feel"' in step.content.decode()
    token = carried(step)
    assert code not in step.content.decode()  # only a signed hash rides along

    done = send(client, invited.url_da, nonce, token, {"represented": "4"})

    assert done.status_code == HTTPStatus.OK
    assert 'class="receipt"' in done.content.decode()
    flush()
    assert SurveyResponse.objects.count() == 1
    # The used code is gone; the other four wait for their letters.
    assert not Invitation.objects.filter(code_hash=invitations.code_hash(code)).exists()
    assert Invitation.objects.count() == 4


@pytest.mark.parametrize("language", ["da", "ar"])
def test_a_used_code_is_refused_in_the_residents_language(client, invited, language):
    url = invited.url_da if language == "da" else invited.url_ar
    answer_with_code(Client(), url, invited.codes[1])

    _nonce, again = enter_code(client, url, invited.codes[1])

    html = again.content.decode()
    assert 'name="step" value="consent"' in html
    assert f'lang="{language}"' in html
    message = in_language(language, CODE_REFUSED)
    assert message != in_language("en", CODE_REFUSED)  # translated
    assert error_next_to_code_field(again) == message
    assert invited.codes[1] in html  # what was typed is kept
    flush()
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("language", ["da", "ar"])
def test_an_unknown_code_is_refused_in_the_residents_language(
    client, invited, language
):
    url = invited.url_da if language == "da" else invited.url_ar
    other_wave = WaveFactory(survey=invited.survey)
    elsewhere = invitations.invitations_generate(wave=other_wave, number=1)[0]
    for typed in ("ABCD-EFGH-JKMN", elsewhere):
        _nonce, response = enter_code(client, url, typed)
        message = in_language(language, CODE_REFUSED)
        assert error_next_to_code_field(response) == message
        assert 'aria-invalid="true"' in response.content.decode()
    _nonce, malformed = enter_code(client, url, "12345")
    assert error_next_to_code_field(malformed) == in_language(language, CODE_MALFORMED)
    _nonce, empty = enter_code(client, url, "")
    assert error_next_to_code_field(empty) == in_language(language, CODE_REQUIRED)
    flush()
    assert not SurveyResponse.objects.exists()
    assert Invitation.objects.count() == 6
    assert message != in_language("en", CODE_REFUSED)  # translated


def test_skipping_or_forging_the_code_stores_nothing(client, invited):
    url = invited.url_da
    skipped = client.post(
        url, step_data(start(client, url), "about", {"represented": "4"})
    )
    assert 'name="step" value="consent"' in skipped.content.decode()
    assert error_next_to_code_field(skipped) == str(CODE_REQUIRED)
    assert 'value="4"' in skipped.content.decode()  # the answer rides along

    nonce = start(client, url)
    forged = invitations.carry(
        digest=invitations.code_hash(invited.codes[0]), nonce_token="another form"
    )
    forged_post = send(client, url, nonce, forged, {"represented": "4"})
    assert error_next_to_code_field(forged_post) == str(CODE_REQUIRED)

    # A valid token from one form does not work in another form.
    _first_nonce, step = enter_code(client, url, invited.codes[0])
    moved = send(client, url, start(client, url), carried(step), {"represented": "4"})
    assert error_next_to_code_field(moved) == str(CODE_REQUIRED)
    flush()
    assert not SurveyResponse.objects.exists()
    assert Invitation.objects.count() == 5


def test_a_code_used_meanwhile_keeps_the_answers_and_stores_nothing(invited):
    first, second = Client(), Client()
    url = invited.url_da
    code = invited.codes[2]
    nonce_1, step_1 = enter_code(first, url, code)
    nonce_2, step_2 = enter_code(second, url, code)  # both pass the consent step

    assert (
        send(first, url, nonce_1, carried(step_1), {"represented": "5"}).status_code
        == HTTPStatus.OK
    )
    late = send(
        second, url, nonce_2, carried(step_2), {"represented": "2", "hours": "7"}
    )

    html = late.content.decode()
    assert 'name="step" value="consent"' in html
    assert error_next_to_code_field(late) == str(CODE_REFUSED)
    assert 'name="q_hours" value="7"' in html  # nothing lost
    flush()
    assert SurveyResponse.objects.count() == 1
    assert list(SurveyResponse.objects.values_list("answers__choice", flat=True)) == [
        "5"
    ]


def test_a_double_click_with_a_code_shows_the_same_receipt(client, invited):
    nonce, step = enter_code(client, invited.url_da, invited.codes[3])
    token = carried(step)
    first = send(client, invited.url_da, nonce, token, {"represented": "4"})
    second = send(client, invited.url_da, nonce, token, {"represented": "4"})
    receipt = re.compile(r'class="receipt"[^>]*>([0-9A-Z-]{14})<')
    assert receipt.search(first.content.decode()).group(1) == receipt.search(
        second.content.decode()
    ).group(1)
    flush()
    assert SurveyResponse.objects.count() == 1


def test_the_code_never_travels_in_a_url(client, invited):
    code = invited.codes[4]
    nonce, step = enter_code(client, invited.url_da, code)
    done = send(client, invited.url_da, nonce, carried(step), {"represented": "4"})
    for response in (step, done):
        assert "Location" not in response
        for href in re.findall(r'(?:href|action)="([^"]*)"', response.content.decode()):
            assert code not in href and code.replace("-", "") not in href


def test_the_service_refuses_a_survey_that_needs_a_code_without_one(invited):

    from surveys import services
    from surveys.receipts import new_nonce, nonce_token, receipt_for
    from surveys.selectors import survey_questions

    with pytest.raises(invitations.InvitationRefused):
        services.response_submit(
            wave=invited.wave,
            questions=survey_questions(survey=invited.survey),
            answers={"represented": "4"},
            language="da",
            receipt=receipt_for(nonce_token(new_nonce())),
        )
    flush()
    assert not SurveyResponse.objects.exists()


def test_a_survey_without_invitations_asks_for_no_code(client, small_survey):
    assert (
        'name="invitation_code"' not in client.get(small_survey.url_da).content.decode()
    )
    assert reverse("surveys_invitations") == URL


# --- two posts of one code at the same moment (PostgreSQL only) --------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL"
)
def test_one_code_sent_from_several_browsers_at_once_stores_one_response(invited):
    url = invited.url_da
    code = invited.codes[0]
    jobs = []
    for i in range(6):
        browser = Client(raise_request_exception=False)
        nonce, step = enter_code(browser, url, code)
        data = step_data(nonce, "about", {"represented": str(i % 5 + 1)})
        data["invitation"] = carried(step)
        jobs.append(lambda browser=browser, data=data: browser.post(url, data))

    responses = run_at_once(jobs)

    assert [r.status_code for r in responses] == [HTTPStatus.OK] * 6
    thanked = [r for r in responses if b'class="receipt"' in r.content]
    refused_pages = [r for r in responses if error_next_to_code_field(r)]
    assert len(thanked) == 1
    assert len(refused_pages) == 5
    assert all(error_next_to_code_field(r) == str(CODE_REFUSED) for r in refused_pages)
    flush()
    assert SurveyResponse.objects.count() == 1
    assert Invitation.objects.count() == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's system columns"
)
def test_t01_no_system_column_joins_a_used_code_to_its_response(invited):
    """Below the ORM: an updated row would carry its transaction's id (xmin)
    like the response's rows, and move to the end of the heap (ctid). A used
    code's row is deleted instead, and the response is stored later in a
    batch of its own transaction, so neither can join it to anything; the
    codes left are the untouched rows, stored in an order unrelated to the
    letters'. The dead tuples are tested in tests/surveys/test_pool.py."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM surveys_invitation")
        made_in = {row[0] for row in cursor.fetchall()}
    for code in (invited.codes[3], invited.codes[0], invited.codes[2]):
        answer_with_code(Client(), invited.url_da, code)
    flush()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM surveys_surveyresponse r "
            "JOIN surveys_invitation i ON r.xmin = i.xmin"
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            "SELECT count(*) FROM surveys_answer a "
            "JOIN surveys_invitation i ON a.xmin = i.xmin"
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(DISTINCT xmin::text) FROM surveys_surveyresponse")
        assert cursor.fetchone()[0] == 1  # one batch, one transaction
        cursor.execute("SELECT xmin::text, code_hash FROM surveys_invitation")
        left = cursor.fetchall()
    assert {xmin for xmin, _hash in left} == made_in  # untouched since made
    assert {digest for _xmin, digest in left} == {
        invitations.code_hash(code) for code in (invited.codes[1], invited.codes[4])
    }


def test_codes_are_stored_in_an_order_unrelated_to_the_letters(small_survey):
    """T01: the CSV keeps the order returned; the rows (ids, and their
    places on disk, which follow insertion) are a shuffle of it."""
    codes = invitations.invitations_generate(wave=small_survey.wave, number=200)
    csv_rows = invitations.invitations_csv(wave=small_survey.wave, codes=codes)
    assert [line.split(",")[0] for line in csv_rows.splitlines()[1:]] == codes
    by_id = list(Invitation.objects.order_by("id").values_list("code_hash", flat=True))
    letters = [invitations.code_hash(code) for code in codes]
    assert sorted(by_id) == sorted(letters)
    rank = {digest: index for index, digest in enumerate(letters)}
    assert abs(spearman([rank[d] for d in by_id])) < 0.3
