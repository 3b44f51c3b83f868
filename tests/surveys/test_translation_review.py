"""Translation review: every translated text is machine-made or
reviewed; a language is offered to residents only when all its texts are
reviewed, or staff offer it anyway; an edited text loses its review; staff
see and change the states in the admin."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from surveys import translation_review as review
from surveys.models import QuestionKind, TranslationReview
from tests.admin_helpers import refused, staff_with
from tests.surveys.factories import ChoiceFactory, QuestionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Reports and admin pages are read in English here (staff_with's users
    have an English admin), whatever the Danish catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def parts():
    """A survey (title and consent in Arabic), a question in Somali and
    English, and a choice in Somali."""
    question = QuestionFactory(
        kind=QuestionKind.MULTI,
        text_da="Hvilke foreninger?",
        text_so="Ururada noocee ah?",
        text_en="Which associations?",
        help_text_da="Vælg gerne flere.",
    )
    choice = ChoiceFactory(question=question, label_da="Sport", label_so="Ciyaar")
    return question.survey, question, choice


def mark(survey, model, obj, field, language):
    review.mark_reviewed(
        survey=survey, model=model, object_id=obj.pk, field=field, language=language
    )


def test_texts_lists_every_non_empty_translation_with_its_source(parts):
    survey, question, choice = parts
    found = {
        (t.model, t.object_id, t.field, t.language, t.value)
        for t in review.texts(survey)
    }
    assert found == {
        ("survey", survey.pk, "title", "ar", survey.title_ar),
        ("survey", survey.pk, "consent", "ar", survey.consent_ar),
        ("question", question.pk, "text", "so", "Ururada noocee ah?"),
        ("question", question.pk, "text", "en", "Which associations?"),
        ("choice", choice.pk, "label", "so", "Ciyaar"),
    }
    somali = next(t for t in review.texts(survey) if t.model == "choice")
    assert somali.source == "Sport" and not somali.reviewed


def test_coverage_counts_reviewed_texts_per_language(parts):
    survey, question, _choice = parts
    assert review.coverage(survey)["so"] == (0, 2)
    mark(survey, "question", question, "text", "so")
    counts = review.coverage(survey)
    assert counts["so"] == (1, 2)
    assert counts["en"] == (0, 1)
    assert counts["ar"] == (0, 2)
    assert counts["pl"] == (0, 0)
    assert "da" not in counts


def test_a_language_is_offered_when_all_its_texts_are_reviewed(parts):
    survey, question, choice = parts
    assert review.is_offered(survey, "da")
    assert not review.is_offered(survey, "so")
    mark(survey, "question", question, "text", "so")
    assert not review.is_offered(survey, "so")
    mark(survey, "choice", choice, "label", "so")
    assert review.is_offered(survey, "so")
    # Languages we do not serve are never offered.
    assert not review.is_offered(survey, "fr")
    assert not review.is_offered(survey, "")


def test_staff_can_offer_a_language_before_review(parts):
    survey, _question, _choice = parts
    assert not review.is_offered(survey, "ar")
    review.languages_forced_set(survey=survey, languages=["ar", "ar"])
    survey.refresh_from_db()
    assert survey.languages_forced == ["ar"]
    assert review.is_offered(survey, "ar")
    with pytest.raises(ValidationError):
        review.languages_forced_set(survey=survey, languages=["da"])
    with pytest.raises(ValidationError):
        review.languages_forced_set(survey=survey, languages=["xx"])


def test_only_real_texts_of_the_survey_can_be_marked(parts):
    survey, question, choice = parts
    other = SurveyFactory()
    with pytest.raises(ValidationError):
        mark(other, "question", question, "text", "so")  # another survey's text
    with pytest.raises(ValidationError):
        mark(survey, "question", question, "text", "da")  # Danish is the source
    with pytest.raises(ValidationError):
        mark(survey, "question", question, "text", "ar")  # empty: shows Danish
    with pytest.raises(ValidationError):
        mark(survey, "question", question, "code", "so")  # not a translated field
    with pytest.raises(ValidationError):
        review.parse_token("question:x:text:so")
    mark(survey, "choice", choice, "label", "so")
    mark(survey, "choice", choice, "label", "so")  # twice is once
    assert TranslationReview.objects.count() == 1
    assert review.unreview(
        survey=survey, model="choice", object_id=choice.pk, field="label", language="so"
    )
    assert not TranslationReview.objects.exists()


def test_editing_a_text_drops_its_review_only(parts):
    survey, question, _choice = parts
    mark(survey, "question", question, "text", "so")
    mark(survey, "question", question, "text", "en")
    question.save()  # nothing changed
    assert TranslationReview.objects.count() == 2
    question.text_da = "Hvilke foreninger er du med i?"
    question.save()  # Danish is the source: its edit leaves the reviews
    assert TranslationReview.objects.count() == 2
    question.text_so = "Ururada aad ka mid tahay?"
    question.save()
    assert list(TranslationReview.objects.values_list("language", flat=True)) == ["en"]
    question.text_en = "Changed"
    question.save(update_fields=["sort_order"])  # the text was not saved
    assert TranslationReview.objects.count() == 1


def test_deleting_a_choice_removes_its_reviews(parts):
    survey, _question, choice = parts
    mark(survey, "choice", choice, "label", "so")
    choice.delete()
    assert not TranslationReview.objects.exists()
    assert review.coverage(survey)["so"] == (0, 1)


# --- Admin ---------------------------------------------------------------------


def review_url(survey, query=""):
    return reverse("surveys_translation_review", args=[survey.pk]) + query


def test_review_page_shows_counts_and_the_texts_to_review(client, parts):
    survey, question, _choice = parts
    staff_with(client, "change_survey")
    mark(survey, "question", question, "text", "so")
    response = client.get(review_url(survey))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "1 of 2" in html and "50 %" in html
    somali = client.get(review_url(survey, "?language=so")).content.decode()
    assert "Ciyaar" in somali and "Sport" in somali
    assert f'value="choice:{_choice.pk}:label:so"' in somali
    # A made-up language shows no texts and no error.
    assert client.get(review_url(survey, "?language=zz")).status_code == HTTPStatus.OK


def test_marking_a_text_reviewed_is_a_post(client, parts):
    survey, _question, choice = parts
    staff_with(client, "change_survey")
    url = reverse("surveys_translation_review_mark", args=[survey.pk])
    token = f"choice:{choice.pk}:label:so"
    assert client.get(url, {"text": token, "state": "reviewed"}).status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )
    response = client.post(url, {"text": token, "state": "reviewed"})
    assert response.status_code == HTTPStatus.FOUND
    assert review.coverage(survey)["so"] == (1, 2)
    client.post(url, {"text": token, "state": "machine"})
    assert review.coverage(survey)["so"] == (0, 2)


def test_a_bad_review_post_gets_a_message_not_an_error(client, parts):
    survey, _question, _choice = parts
    other = QuestionFactory(text_so="Kale")
    staff_with(client, "change_survey")
    url = reverse("surveys_translation_review_mark", args=[survey.pk])
    for data in (
        {"text": "nonsense", "state": "reviewed"},
        {"text": f"question:{other.pk}:text:so", "state": "reviewed"},
        {"text": "choice:1:label:so", "state": "maybe"},
    ):
        response = client.post(url, data, follow=True)
        assert response.status_code == HTTPStatus.OK
    assert not TranslationReview.objects.exists()


def test_offering_a_language_before_review_warns(client, parts):
    survey, _question, _choice = parts
    staff_with(client, "change_survey")
    page = client.get(review_url(survey)).content.decode()
    assert "machine-made texts, which nobody has checked" in page
    url = reverse("surveys_translation_review_languages", args=[survey.pk])
    response = client.post(url, {"languages": ["so", "ar"]}, follow=True)
    assert response.status_code == HTTPStatus.OK
    survey.refresh_from_db()
    assert survey.languages_forced == ["ar", "so"]
    assert "nobody has checked" in response.content.decode()
    client.post(url, {"languages": ["klingon"]})
    survey.refresh_from_db()
    assert survey.languages_forced == ["ar", "so"]
    client.post(url, {})
    survey.refresh_from_db()
    assert survey.languages_forced == []


def test_review_pages_need_the_change_permission(client, parts):
    survey, _question, choice = parts
    staff_with(client, "add_survey")
    assert refused(client.get(review_url(survey)))
    response = client.post(
        reverse("surveys_translation_review_mark", args=[survey.pk]),
        {"text": f"choice:{choice.pk}:label:so", "state": "reviewed"},
    )
    assert refused(response)
    assert not TranslationReview.objects.exists()


def test_editing_a_text_in_the_admin_drops_its_review(client, parts):
    survey, question, choice = parts
    staff_with(client, "change_survey", "change_question", "view_question")
    mark(survey, "question", question, "text", "so")
    mark(survey, "question", question, "text", "en")
    mark(survey, "choice", choice, "label", "so")
    data = {
        "survey": survey.pk,
        "section": question.section_id,
        "code": question.code,
        "kind": question.kind,
        "sort_order": question.sort_order,
        "max_length": question.max_length,
        "condition_values": "",
        "choices-TOTAL_FORMS": "1",
        "choices-INITIAL_FORMS": "1",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        "choices-0-id": choice.pk,
        "choices-0-code": choice.code,
        "choices-0-ORDER": "1",
    }
    for code in ("da", "en", "ar", "fa", "so", "tr", "uk", "ti", "pl"):
        data[f"text_{code}"] = getattr(question, f"text_{code}") or ""
        data[f"help_text_{code}"] = getattr(question, f"help_text_{code}") or ""
        data[f"choices-0-label_{code}"] = getattr(choice, f"label_{code}") or ""
    data["text_so"] = "Ururada aad ka mid tahay?"
    response = client.post(
        reverse("wagtailsnippets_surveys_question:edit", args=[question.pk]), data
    )
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    question.refresh_from_db()
    assert question.text_so == "Ururada aad ka mid tahay?"
    left = set(TranslationReview.objects.values_list("model", "field", "language"))
    assert left == {("question", "text", "en"), ("choice", "label", "so")}
