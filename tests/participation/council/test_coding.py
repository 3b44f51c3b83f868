"""Open answers (participation/council/coding.py and coding_admin.py): staff code
free-text answers into themes and approve quotes; the council reads theme
counts by background and the approved quotes only (SPEC §3.3; T16, T19)."""

import itertools
import re
from http import HTTPStatus

import pandas as pd
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from participation.council.coding import (
    THEME_COUNT_COLUMNS,
    answer_code,
    approved_quotes,
    theme_counts_frame,
)
from participation.council.models import AnswerCoding, QuoteStatus, Theme
from surveys.models import Answer, QuestionKind, SurveyResponse
from tests.participation.factories import UserFactory
from tests.surveys.factories import QuestionFactory, WaveFactory

pytestmark = pytest.mark.django_db

CODING_URL = "/admin/open_answers/"
THEMES_URL = "/admin/snippets/participation/theme/"
XSS = "<svg onload=alert(1)>"
_receipts = itertools.count()


def make_theme(code: str, order: int = 0) -> Theme:
    return Theme.objects.create(
        code=code, sort_order=order, name=code.title(), name_da=code.title()
    )


def make_answer(question, wave, text: str, *, origin: str = "immigrant") -> Answer:
    """A response with one free-text answer (text already scrubbed, as the
    survey's service stores it)."""
    response = SurveyResponse.objects.create(
        wave=wave,
        language="da",
        submitted_on=timezone.localdate(),
        origin=origin,
        country_group="non_western" if origin != "danish" else "",
        receipt_hash=f"receipt-{next(_receipts)}",
    )
    return Answer.objects.create(response=response, question=question, text=text)


@pytest.fixture
def question():
    return QuestionFactory(
        code="more_represented",
        kind=QuestionKind.TEXT,
        text_da="Hvad ville få dig til at føle dig mere repræsenteret?",
        text_en="What would make you feel more represented?",
    )


@pytest.fixture
def wave(question):
    return WaveFactory(survey=question.survey, name="Baseline 2023")


@pytest.fixture
def language():
    return make_theme("language", 1)


@pytest.fixture
def invited():
    return make_theme("invited", 2)


# --- the service ---------------------------------------------------------


def test_coding_saves_themes_and_the_quote(question, wave, language, invited):
    answer = make_answer(question, wave, "Tolkning til møder.")

    coding = answer_code(
        answer=answer,
        themes=[language, invited],
        quote_status=QuoteStatus.PENDING,
        quote="Tolkning til møder.",
    )

    coding = AnswerCoding.objects.get(answer=answer)
    assert set(coding.themes.values_list("code", flat=True)) == {"language", "invited"}
    assert coding.quote_status == QuoteStatus.PENDING
    assert coding.quote == "Tolkning til møder."

    # Coding again changes the same coding: themes replaced, not added.
    answer_code(answer=answer, themes=[invited], quote_status="", quote="")
    coding.refresh_from_db()
    assert list(coding.themes.values_list("code", flat=True)) == ["invited"]
    assert AnswerCoding.objects.count() == 1


@pytest.mark.parametrize(
    "status", [QuoteStatus.PENDING, QuoteStatus.APPROVED, QuoteStatus.REJECTED]
)
def test_a_quote_status_without_words_is_refused(question, wave, language, status):
    answer = make_answer(question, wave, "Mere tolkning.")

    with pytest.raises(ValidationError) as refused:
        answer_code(answer=answer, themes=[language], quote_status=status, quote=" ")

    assert "quote" in refused.value.message_dict
    assert not AnswerCoding.objects.exists()  # nothing half-saved


def test_an_edited_quote_is_scrubbed_again(question, wave):
    answer = make_answer(question, wave, "Ring til mig.")

    coding = answer_code(
        answer=answer,
        themes=[],
        quote_status=QuoteStatus.APPROVED,
        quote="Ring til mig, CPR 010190-1234, mail a@b.dk",
    )

    coding.refresh_from_db()
    assert "010190" not in coding.quote
    assert "a@b.dk" not in coding.quote
    assert "[CPR]" in coding.quote
    assert "[EMAIL]" in coding.quote


def test_an_unknown_quote_status_is_refused(question, wave):
    answer = make_answer(question, wave, "Noget.")
    with pytest.raises(ValidationError) as refused:
        answer_code(answer=answer, themes=[], quote_status="public", quote="Noget.")
    assert "quote_status" in refused.value.message_dict


def test_only_free_text_answers_are_coded(wave):
    agree = QuestionFactory(survey=wave.survey, kind=QuestionKind.AGREE)
    answer = make_answer(agree, wave, "")
    with pytest.raises(ValidationError):
        answer_code(answer=answer, themes=[], quote_status="", quote="")


# --- the council's selectors ---------------------------------------------


def test_theme_counts_are_by_theme_and_origin(question, wave, language, invited):
    for origin, themes in [
        ("immigrant", [language, invited]),
        ("immigrant", [language]),
        ("danish", [invited]),
        ("descendant", []),  # coded, but no theme yet
    ]:
        answer = make_answer(question, wave, "Svar.", origin=origin)
        answer_code(answer=answer, themes=themes, quote_status="", quote="")
    make_answer(question, wave, "Ikke kodet.", origin="danish")

    frame = theme_counts_frame(question=question, wave=wave)

    expected = pd.DataFrame(
        {
            "theme": ["language", "invited", "invited"],
            "origin": ["immigrant", "danish", "immigrant"],
            "n": [2, 1, 1],
        }
    )
    pd.testing.assert_frame_equal(frame, expected)


def test_theme_counts_of_nothing_keep_their_columns(question, wave):
    frame = theme_counts_frame(question=question, wave=wave)
    assert list(frame.columns) == THEME_COUNT_COLUMNS == ["theme", "origin", "n"]
    assert frame.empty


def test_theme_counts_follow_the_wave_filter(question, wave, language):
    other_wave = WaveFactory(survey=question.survey)
    answer = make_answer(question, other_wave, "Svar.")
    answer_code(answer=answer, themes=[language], quote_status="", quote="")
    assert theme_counts_frame(wave=wave).empty
    assert theme_counts_frame(wave=other_wave)["n"].tolist() == [1]


def test_only_approved_quotes_reach_the_council(question, wave, language, invited):
    for text, status in [
        ("Godkendt b", QuoteStatus.APPROVED),
        ("Foreslået", QuoteStatus.PENDING),
        ("Afvist", QuoteStatus.REJECTED),
        ("Godkendt a", QuoteStatus.APPROVED),
    ]:
        answer = make_answer(question, wave, text)
        answer_code(answer=answer, themes=[invited], quote_status=status, quote=text)
    make_answer(question, wave, "Ikke kodet")

    with translation.override("en"):
        quotes = approved_quotes(question=question)

    assert quotes == [
        {
            "question": "more_represented",
            "question_text": "What would make you feel more represented?",
            "wave": "Baseline 2023",
            "quote": "Godkendt a",
            "language": "da",
            "translation": "",
        },
        {
            "question": "more_represented",
            "question_text": "What would make you feel more represented?",
            "wave": "Baseline 2023",
            "quote": "Godkendt b",
            "language": "da",
            "translation": "",
        },
    ]
    assert approved_quotes(question=question, limit=1)[0]["quote"] == "Godkendt a"
    assert approved_quotes(wave=WaveFactory(survey=question.survey)) == []


def test_a_quote_keeps_its_language_and_staffs_danish_translation_scrubbed(
    question, wave
):
    answer = make_answer(question, wave, "Waxaan rabaa in la i maqlo")
    answer.response.language = "so"
    answer.response.save()
    answer_code(
        answer=answer,
        themes=[],
        quote_status=QuoteStatus.APPROVED,
        quote="Waxaan rabaa in la i maqlo",
        translation="Jeg vil gerne høres. Ring 12 34 56 78",
    )
    (quote,) = approved_quotes(question=question)
    assert quote["language"] == "so"
    assert quote["translation"].startswith("Jeg vil gerne høres.")
    assert "12 34 56 78" not in quote["translation"]


def test_quotes_are_ordered_by_theme_not_by_when_they_came(
    question, wave, language, invited
):
    later = make_answer(question, wave, "Zzz først")
    earlier = make_answer(question, wave, "Aaa senere")
    answer_code(
        answer=earlier, themes=[invited], quote_status="approved", quote=earlier.text
    )
    answer_code(
        answer=later, themes=[language], quote_status="approved", quote=later.text
    )
    assert [q["quote"] for q in approved_quotes()] == ["Zzz først", "Aaa senere"]


# --- the admin page ------------------------------------------------------


def english_admin(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def staff(client):
    user = english_admin(UserFactory(superuser=True, totp=True))
    client.force_login(user)
    return user


def coder(*perms: str):
    """Staff in a group with admin access and the given permissions."""
    group = Group.objects.create(name=f"Coders {'-'.join(perms) or 'none'}")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        *Permission.objects.filter(
            content_type__app_label="participation", codename__in=perms
        ),
    )
    user = english_admin(UserFactory(is_staff=True, totp=True))
    user.groups.add(group)
    return user


def form_data(answer, *, themes=(), status="", quote=None) -> dict:
    return {
        "answer": [str(answer.pk)],
        f"a{answer.pk}-themes": [str(t.pk) for t in themes],
        f"a{answer.pk}-quote_status": status,
        f"a{answer.pk}-quote": answer.text if quote is None else quote,
    }


def test_anonymous_visitors_are_sent_to_the_login():
    response = Client().get(CODING_URL)
    assert response.status_code == HTTPStatus.FOUND
    assert "/login/" in response["Location"]


def test_residents_without_admin_access_are_sent_away(client):
    client.force_login(UserFactory())
    response = client.get(CODING_URL)
    assert response.status_code == HTTPStatus.FOUND
    assert "/login/" in response["Location"]


def test_staff_without_the_coding_permission_are_refused(
    client, question, wave, language
):
    """T19: Wagtail answers the refusal (PermissionDenied) by sending the
    user to the dashboard with a message, as everywhere in the admin."""
    answer = make_answer(question, wave, "Svar.")
    client.force_login(coder("view_answercoding"))

    for response in (
        client.get(CODING_URL),
        client.post(CODING_URL, form_data(answer, themes=[language])),
    ):
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == "/admin/"
    assert not AnswerCoding.objects.exists()
    assert CODING_URL not in client.get("/admin/").content.decode()


def test_staff_with_the_coding_permission_code_answers(
    client, question, wave, language
):
    answer = make_answer(question, wave, "Tolkning til møder.")
    client.force_login(coder("change_answercoding"))

    page = client.get(CODING_URL)
    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    assert "Tolkning til møder." in html
    assert "more_represented" in html
    assert "Baseline 2023" in html
    assert "Not coded yet." in html

    response = client.post(
        CODING_URL + "?uncoded=on",
        form_data(answer, themes=[language], status="pending"),
    )

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == CODING_URL + "?uncoded=on"
    coding = AnswerCoding.objects.get(answer=answer)
    assert [t.code for t in coding.themes.all()] == ["language"]
    assert coding.quote_status == QuoteStatus.PENDING
    assert coding.quote == "Tolkning til møder."
    # The coded answer has left the "not coded yet" list.
    follow = client.get(CODING_URL, {"uncoded": "on"}).content.decode()
    assert "Tolkning til møder." not in follow
    assert "Saved the coding of 1 answer." in follow


def test_the_menu_shows_open_answers_to_coders_only(client, staff):
    html = client.get("/admin/").content.decode()
    assert "Open answers" in html
    assert CODING_URL in html
    assert THEMES_URL in html


def test_untouched_answers_are_not_saved(client, staff, question, wave):
    first = make_answer(question, wave, "Første\r\nlinje.")
    second = make_answer(question, wave, "Anden.")
    data = form_data(first)
    data.update(form_data(second, status="approved"))
    data["answer"] = [str(first.pk), str(second.pk)]
    data[f"a{first.pk}-quote"] = "Første\r\nlinje."  # as a browser sends it

    client.post(CODING_URL, data)

    assert list(AnswerCoding.objects.values_list("answer_id", flat=True)) == [second.pk]


def test_a_quote_status_without_words_is_shown_next_to_the_field(
    client, staff, question, wave, language
):
    other = make_answer(question, wave, "Et andet svar.")
    answer = make_answer(question, wave, "Mere tolkning.")
    data = form_data(answer, themes=[language], status="approved", quote="")
    data.update(form_data(other, themes=[language]))
    data["answer"] = [str(answer.pk), str(other.pk)]

    response = client.post(CODING_URL, data)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Write the words that may be quoted" in html
    assert "Nothing was saved" in html
    # What was entered is still there (the ticked theme), and nothing saved.
    ticked = rf'name="a{answer.pk}-themes" value="{language.pk}"[^>]*checked'
    assert re.search(ticked, html)
    assert not AnswerCoding.objects.exists()


def test_filters_by_question_wave_theme_and_not_coded(
    client, staff, question, wave, language
):
    other_question = QuestionFactory(
        survey=question.survey, code="anything_else", kind=QuestionKind.TEXT
    )
    other_wave = WaveFactory(survey=question.survey, name="Follow-up")
    coded = make_answer(question, wave, "Kodet svar.")
    answer_code(answer=coded, themes=[language], quote_status="", quote="")
    make_answer(question, wave, "Ukodet svar.")
    make_answer(other_question, wave, "Andet spørgsmål.")
    make_answer(question, other_wave, "Anden bølge.")

    def listed(**params) -> set[str]:
        html = client.get(CODING_URL, params).content.decode()
        texts = {"Kodet svar.", "Ukodet svar.", "Andet spørgsmål.", "Anden bølge."}
        return {text for text in texts if text in html}

    assert listed(question=other_question.pk) == {"Andet spørgsmål."}
    assert listed(wave=other_wave.pk) == {"Anden bølge."}
    assert listed(theme=language.pk) == {"Kodet svar."}
    assert "Kodet svar." not in listed(uncoded="on")
    assert len(listed(uncoded="on")) == 3
    # Nonsense filters and pages are ignored, never a server error.
    response = client.get(CODING_URL, {"question": "x", "wave": "-1", "p": "zz"})
    assert response.status_code == HTTPStatus.OK
    assert len(listed(question="x")) == 4


def test_answer_text_is_shown_escaped(client, staff, question, wave):
    """T16: a resident's answer is text, never markup, in the admin."""
    make_answer(question, wave, XSS)

    html = client.get(CODING_URL).content.decode()

    assert XSS not in html
    assert "&lt;svg onload=alert(1)&gt;" in html


def test_saving_needs_the_csrf_token(staff, question, wave, language):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)
    answer = make_answer(question, wave, "Svar.")

    response = browser.post(CODING_URL, form_data(answer, themes=[language]))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not AnswerCoding.objects.exists()


def test_themes_are_edited_with_a_tab_per_language(client, staff):
    add = reverse("wagtailsnippets_participation_theme:add")
    page = client.get(add).content.decode()
    assert 'name="name_ti"' in page
    assert 'name="description_ar"' in page

    missing_danish = client.post(add, {"code": "digital", "name_en": "Digital"})
    assert missing_danish.status_code == HTTPStatus.OK
    assert not Theme.objects.filter(code="digital").exists()

    client.post(
        add,
        {"code": "digital", "sort_order": 0, "name_da": "Digital adgang"},
    )
    assert Theme.objects.get(code="digital").name_da == "Digital adgang"
    assert "Digital adgang" in client.get(THEMES_URL).content.decode()


def test_the_listing_costs_the_same_queries_for_a_full_page(
    client, staff, question, wave, language
):
    def coded_answers(count):
        for n in range(count):
            answer = make_answer(question, wave, f"Svar {n}.")
            answer_code(answer=answer, themes=[language], quote_status="", quote="")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(CODING_URL).status_code == HTTPStatus.OK
        return len(captured)

    coded_answers(2)
    client.get(CODING_URL)  # the session and the admin's own look-ups
    few = queries()
    coded_answers(18)
    assert queries() == few
