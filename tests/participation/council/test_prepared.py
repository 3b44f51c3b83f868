"""participation/council/prepared.py: every council page, export and API
answer reads its tables from the published releases (participation/council/
releases), in the reader's language; nothing is computed from live rows,
and a table no published release holds says so."""

import datetime
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from participation.council import api_tokens, catalogue, prepared
from participation.council.models import ExportLog, IndicatorSource
from participation.stats.disclosure import Policy
from surveys.models import BackgroundRole, QuestionKind
from tests.participation.factories import (
    IndicatorFactory,
    OfficialStatisticFactory,
    PopulationCellFactory,
    PopulationTableFactory,
    UserFactory,
    release_all,
)
from tests.surveys.factories import (
    AnswerFactory,
    QuestionFactory,
    SectionFactory,
    SurveyResponseFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db


def notice() -> str:
    """The council pages' notice for a table no release holds (Danish)."""
    with translation.override("da"):
        return gettext(
            "This table is not in a published release yet. Staff make and "
            "publish releases under Results → Releases in the admin."
        )


@pytest.fixture
def survey_data():
    """An agreement question in a closed wave: 20 Danish-origin answers, 12
    immigrants, 3 descendants (too few to show); every respondent a woman
    of 30-49, weighted by origin to a small population table."""
    section = SectionFactory()
    question = QuestionFactory(
        section=section,
        code="represented_local",
        kind=QuestionKind.AGREE,
        text_da="Jeg føler mig repræsenteret.",
        text_en="I feel represented.",
    )
    wave = WaveFactory(
        survey=section.survey,
        opens_on=datetime.date(2023, 3, 1),
        closes_on=datetime.date(2023, 4, 1),
    )
    rows = (
        [("danish", "4")] * 12
        + [("danish", "2")] * 8
        + [("immigrant", "5")] * 6
        + [("immigrant", "1")] * 6
        + [("descendant", "4")] * 3
    )
    age, gender = (
        QuestionFactory(
            section=section, code=role, kind=QuestionKind.SINGLE, background_role=role
        )
        for role in (BackgroundRole.AGE_BAND, BackgroundRole.GENDER)
    )
    for origin, choice in rows:
        response = SurveyResponseFactory(wave=wave, origin=origin)
        AnswerFactory(response=response, question=question, choice=choice)
        AnswerFactory(response=response, question=age, choice="30_49")
        AnswerFactory(response=response, question=gender, choice="woman")
    population = PopulationTableFactory(year=2023)
    for origin, count in (("danish", 800), ("immigrant", 150), ("descendant", 50)):
        PopulationCellFactory(table=population, origin=origin, count=count)
    return question, wave


@pytest.fixture
def council():
    client = Client()
    client.force_login(UserFactory(council=True, totp=True))
    return client


def explorer_query(question, wave, breakdown="origin") -> dict:
    return {
        "wave": wave.pk,
        "question": question.code,
        "breakdown": breakdown,
        "weighted": "on",
    }


def test_a_page_says_when_no_release_holds_its_table(survey_data, council):
    question, wave = survey_data
    response = council.get(reverse("council:explorer"), explorer_query(question, wave))
    assert response.status_code == HTTPStatus.OK
    assert response.context["shown"] is None
    assert notice() in response.content.decode()
    release_all()
    response = council.get(reverse("council:explorer"), explorer_query(question, wave))
    assert response.context["shown"]["table"].key.endswith(":weighted")
    assert notice() not in response.content.decode()


def test_new_answers_show_only_in_a_new_release(survey_data, council):
    question, wave = survey_data
    release_all()
    query = explorer_query(question, wave)
    before = council.get(reverse("council:explorer"), query).context["shown"]
    for _ in range(5):
        AnswerFactory(
            response=SurveyResponseFactory(wave=wave, origin="danish"),
            question=question,
            choice="3",
        )
    after = council.get(reverse("council:explorer"), query).context["shown"]
    assert after["records"] == before["records"]
    release_all()
    newest = council.get(reverse("council:explorer"), query).context["shown"]
    assert newest["records"] != before["records"]


def test_the_export_of_an_unreleased_table_is_404_and_not_logged(survey_data, council):
    question, wave = survey_data
    key = catalogue.survey_key(question.code, wave.pk, "origin", weighted=False)
    response = council.post(reverse("council:export"), {"table": key, "format": "csv"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not ExportLog.objects.exists()
    (release,) = release_all()
    response = council.post(reverse("council:export"), {"table": key, "format": "csv"})
    assert response.status_code == HTTPStatus.OK
    assert ExportLog.objects.get().release == release


def test_the_api_says_when_no_release_holds_a_table(survey_data):
    question, wave = survey_data
    user = UserFactory(council=True, totp=True)
    key = api_tokens.api_token_create(user=user, name="dashboard")[1]
    path = f"/api/v1/council/survey/{wave.pk}/{question.code}/origin"
    headers = {"Authorization": f"Bearer {key}"}
    response = Client().get(path, {"lang": "en"}, headers=headers)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.json() == {
        "detail": "No published release holds this table yet; ask staff."
    }
    release_all()
    page = Client().get(path, {"lang": "en"}, headers=headers).json()
    shown = prepared.prepared_table(
        catalogue.survey_key(question.code, wave.pk, "origin", weighted=False),
        policy=catalogue.policy(),
        language="en",
    ).table
    assert [row["cells"] for row in page["rows"]] == [
        record["cells"] for record in shown.records()
    ]


def test_a_key_outside_the_catalogue_is_none(survey_data):
    _question, wave = survey_data
    release_all()
    keys = (
        f"survey:nope:{wave.pk}:origin",
        "themes:all:all",
        "anything",
        "indicator:x",
    )
    for key in keys:
        assert prepared.prepared_table(key, policy=catalogue.policy()) is None


def test_a_danish_and_an_english_reader_read_one_release(survey_data):
    question, wave = survey_data
    release_all()
    key = catalogue.survey_key(question.code, wave.pk, "origin", weighted=False)
    policy = catalogue.policy()
    with translation.override("da"):
        danish = prepared.prepared_table(key, policy=policy).table
    with translation.override("en"):
        english = prepared.prepared_table(key, policy=policy).table
    assert danish.title == "Jeg føler mig repræsenteret."
    assert english.title == "I feel represented."
    assert dict(english.rows)["immigrant"] == "Immigrants"
    assert dict(danish.rows)["immigrant"] != dict(english.rows)["immigrant"]
    assert danish.records()[0]["cells"] == english.records()[0]["cells"]


def test_a_table_disclosed_under_another_k_is_never_shown(survey_data):
    question, wave = survey_data
    release_all()
    key = catalogue.survey_key(question.code, wave.pk, "origin", weighted=False)
    assert prepared.prepared_table(key, policy=catalogue.policy()).ready
    other = Policy(k=7, uniform_min=10)
    assert not prepared.prepared_table(key, policy=other).ready


def test_official_statistics_are_read_as_imported():
    indicator = IndicatorFactory(source=IndicatorSource.STATISTICS)
    OfficialStatisticFactory(year=2022)
    summary = prepared.indicator_summary(indicator, policy=catalogue.policy())
    assert [record["code"] for record in summary.table.records()] == [2022]
