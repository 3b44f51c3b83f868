"""participation/council/prepared.py: council tables are prepared in the background
(a django-tasks task) and served from the shared cache, so no council or API
request computes one. With the DummyBackend the queue is seen as it is: a
first request says the table is being prepared and queues it once; after
the task ran, the same request shows the table."""

import datetime
import json
import pickle
from http import HTTPStatus

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from django_tasks import task_backends

from participation.council import catalogue, prepared
from participation.council.models import DisclosureSettings, ExportLog
from participation.stats.disclosure import Policy
from surveys.models import BackgroundRole, QuestionKind
from tests.participation.factories import (
    PopulationCellFactory,
    PopulationTableFactory,
    UserFactory,
)
from tests.surveys.factories import (
    AnswerFactory,
    QuestionFactory,
    SectionFactory,
    SurveyResponseFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def notice(
    text: str = "This table is being prepared. The page will show it in a moment.",
) -> str:
    """A being-prepared notice as the council's pages show it (Danish)."""
    with translation.override("da"):
        return gettext(text)


REFRESH = '<meta http-equiv="refresh" content="3">'


@pytest.fixture
def queue():
    """The DummyBackend's queue: tasks wait until the test runs them, and
    tables are kept for the site's five minutes."""
    with override_settings(TASKS=DUMMY, COUNCIL_TABLE_SECONDS=300):
        backend = task_backends["default"]
        backend.clear()
        yield backend


def council_tasks(backend) -> list:
    """The queued table preparations (Wagtail queues its index updates in
    the same queue when a test saves a page, a question ...)."""
    return council_tasks_of(backend.results)


def run_queued(backend) -> int:
    """Run every queued task as a worker would; how many of them prepared
    a council table."""
    queued = list(backend.results)
    backend.clear()
    for result in queued:
        result.task.call(*result.args, **result.kwargs)
    return len(council_tasks_of(queued))


def council_tasks_of(results) -> list:
    return [r for r in results if r.task.func is prepared.prepare_table.func]


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


def test_the_first_read_queues_the_table_once_and_shows_it_when_ready(
    queue, survey_data, council
):
    question, wave = survey_data
    url, query = reverse("council:explorer"), explorer_query(question, wave)
    first = council.get(url, query)
    body = first.content.decode()
    assert first.status_code == HTTPStatus.OK
    assert first.context["shown"] is None
    assert notice() in body and 'role="status"' in body and REFRESH in body
    assert len(council_tasks(queue)) == 1
    assert council.get(url, query).context["shown"] is None
    assert run_queued(queue) == 1
    ready = council.get(url, query)
    table = ready.context["shown"]["table"]
    assert table.key == f"survey:represented_local:{wave.pk}:origin:weighted"
    assert "weighted_share_agree" in [s.code for s in table.statistics]
    assert notice() not in ready.content.decode()
    assert REFRESH not in ready.content.decode()
    assert "<table" in ready.content.decode()
    assert not council_tasks(queue)


def test_with_the_immediate_backend_the_first_read_shows_the_table(
    survey_data, council
):
    question, wave = survey_data
    response = council.get(reverse("council:explorer"), explorer_query(question, wave))
    assert response.context["shown"]["table"].key.endswith(":weighted")
    assert notice() not in response.content.decode()


def test_an_old_table_is_served_while_a_fresh_one_is_prepared(
    queue, survey_data, council, monkeypatch
):
    question, wave = survey_data
    url, query = reverse("council:explorer"), explorer_query(question, wave)
    council.get(url, query)
    run_queued(queue)
    before = council.get(url, query).context["shown"]["records"]
    AnswerFactory(
        response=SurveyResponseFactory(wave=wave, origin="immigrant"),
        question=question,
        choice="5",
    )
    assert council.get(url, query).context["shown"]["records"] == before
    assert not council_tasks(queue)
    later = prepared.time.time() + 301
    monkeypatch.setattr(prepared.time, "time", lambda: later)
    stale = council.get(url, query)
    assert stale.context["shown"]["records"] == before
    assert notice() not in stale.content.decode()
    council.get(url, query)
    assert run_queued(queue) == 1
    fresh = council.get(url, query).context["shown"]["records"]
    assert fresh[-1]["total"] == before[-1]["total"] + 1


def test_a_staff_edit_makes_it_prepare_the_table_again(queue, survey_data, council):
    question, wave = survey_data
    url, query = reverse("council:explorer"), explorer_query(question, wave)
    council.get(url, query)
    run_queued(queue)
    question.text_da = "Jeg føler mig repræsenteret i kommunen."
    question.save()  # bumps the council memo's revision (signals.py)
    assert council.get(url, query).context["shown"] is None
    assert run_queued(queue) == 1
    table = council.get(url, query).context["shown"]["table"]
    assert table.title == "Jeg føler mig repræsenteret i kommunen."


def test_the_api_answers_202_then_the_numbers_of_the_page(queue, survey_data, council):
    from participation.council import api_tokens

    question, wave = survey_data
    key = api_tokens.api_token_create(
        user=UserFactory(council=True, totp=True), name="Dashboard"
    )[1]
    api = Client(headers={"Authorization": f"Bearer {key}"})
    url = f"/api/v1/council/survey/{wave.pk}/{question.code}/origin"
    waiting = api.get(url, {"weighted": "true", "lang": "da"})
    assert waiting.status_code == HTTPStatus.ACCEPTED
    assert waiting["Retry-After"] == "3"
    assert waiting.json()["retry_after"] == 3
    assert api.get(url, {"weighted": "true"}).status_code == HTTPStatus.ACCEPTED
    assert run_queued(queue) == 1
    answer = api.get(url, {"weighted": "true", "lang": "da"})
    assert answer.status_code == HTTPStatus.OK
    page = council.get(reverse("council:explorer"), explorer_query(question, wave))
    records = page.context["shown"]["records"]
    rows = answer.json()["rows"]
    assert [row["cells"] for row in rows] == [r["cells"] for r in records]
    assert [row["total"] for row in rows] == [r["total"] for r in records]
    assert [row["values"]["weighted_share_agree"] for row in rows] == [
        r["weighted_share_agree"] for r in records
    ]


def test_the_api_indicators_wait_for_their_tables(queue, survey_data):
    from participation.council import api_tokens
    from tests.participation.factories import IndicatorFactory

    IndicatorFactory(code="employment")
    key = api_tokens.api_token_create(
        user=UserFactory(council=True, totp=True), name="Dashboard"
    )[1]
    api = Client(headers={"Authorization": f"Bearer {key}"})
    assert api.get("/api/v1/council/indicators").status_code == HTTPStatus.ACCEPTED
    run_queued(queue)
    answer = api.get("/api/v1/council/indicators")
    assert answer.status_code == HTTPStatus.OK
    assert [i["code"] for i in answer.json()["indicators"]] == ["employment"]


def test_the_export_answers_a_page_to_send_again_then_the_file(
    queue, survey_data, council
):
    question, wave = survey_data
    table_key = catalogue.survey_key(question.code, wave.pk, "origin", weighted=True)
    data = {"table": table_key, "format": "json"}
    waiting = council.post(reverse("council:export"), data)
    body = waiting.content.decode()
    assert waiting.status_code == HTTPStatus.ACCEPTED
    assert "Content-Disposition" not in waiting
    assert (
        notice(
            "This table is being prepared. Send the form again in a moment to "
            "download it."
        )
        in body
    )
    assert f'name="table" value="{table_key}"' in body
    assert 'name="format" value="json"' in body
    assert not ExportLog.objects.exists()
    run_queued(queue)
    done = council.post(reverse("council:export"), data)
    assert done.status_code == HTTPStatus.OK
    assert done["Content-Disposition"].startswith("attachment;")
    assert json.loads(done.content)["key"] == table_key
    assert ExportLog.objects.get().table == table_key


def test_a_key_outside_the_catalogue_queues_nothing(queue, survey_data, council):
    question, wave = survey_data
    for key in (
        f"survey:{question.code}:{wave.pk}:origin:raw",
        f"survey:nope:{wave.pk}:origin",
        "indicator:nope",
    ):
        assert prepared.prepared_table(key, policy=Policy()) is None
        response = council.post(
            reverse("council:export"), {"table": key, "format": "csv"}
        )
        assert response.status_code == HTTPStatus.NOT_FOUND
    assert not council_tasks(queue)


def test_a_danish_and_an_english_reader_do_not_share_labels(
    queue, survey_data, council
):
    question, wave = survey_data
    key = catalogue.survey_key(question.code, wave.pk, "origin", weighted=False)
    policy = catalogue.policy()
    with translation.override("da"):
        assert not prepared.prepared_table(key, policy=policy).ready
    run_queued(queue)
    with translation.override("en"):
        assert not prepared.prepared_table(key, policy=policy).ready
    run_queued(queue)
    with translation.override("da"):
        danish = prepared.prepared_table(key, policy=policy).table
    with translation.override("en"):
        english = prepared.prepared_table(key, policy=policy).table
    assert danish.title == "Jeg føler mig repræsenteret."
    assert english.title == "I feel represented."
    assert dict(danish.rows)["immigrant"] != dict(english.rows)["immigrant"]
    assert dict(english.rows)["immigrant"] == "Immigrants"


def test_a_table_disclosed_under_another_k_is_never_shown(queue, survey_data, council):
    question, wave = survey_data
    key = catalogue.survey_key(question.code, wave.pk, "origin", weighted=False)
    prepared.prepared_table(key, policy=Policy(k=5, uniform_min=10))
    run_queued(queue)
    assert prepared.prepared_table(key, policy=Policy(k=5, uniform_min=10)).ready
    assert not prepared.prepared_table(key, policy=Policy(k=7, uniform_min=10)).ready
    assert not prepared.prepared_table(key, policy=Policy(k=5, uniform_min=12)).ready
    # Staff raising k: the page waits, then shows the table disclosed under it.
    url, query = reverse("council:explorer"), explorer_query(question, wave)
    council.get(url, query)
    run_queued(queue)
    settings = DisclosureSettings.load()
    settings.k, settings.public_k, settings.uniform_min = 7, 7, 10
    settings.save()
    assert council.get(url, query).context["shown"] is None
    run_queued(queue)
    assert council.get(url, query).context["shown"]["table"].k == 7


def test_the_kept_table_reads_the_same_in_any_language(survey_data):
    """What goes into the cache is pickled: a lazy text would be translated
    again by whoever unpickles it."""
    question, wave = survey_data
    with translation.override("en"):
        table = catalogue.table_for_key(
            catalogue.survey_key(question.code, wave.pk, "origin", weighted=False),
            policy=Policy(),
        )
        table.title = gettext_lazy("Origin group")
        table.notes.append(gettext_lazy("Not known"))
        kept = pickle.dumps(prepared._frozen(table))
    with translation.override("da"):
        back = pickle.loads(kept)  # noqa: S301 - our own pickle
        assert back.title == "Origin group"
        assert back.notes[-1] == "Not known"
        assert back.row_heading == "Origin group"
        assert [r["cells"] for r in back.records()] == [
            r["cells"] for r in table.records()
        ]
        assert type(back.title) is str


def test_a_worker_finding_a_fresh_table_does_not_prepare_it_again(
    queue, survey_data, monkeypatch
):
    question, wave = survey_data
    key = catalogue.survey_key(question.code, wave.pk, "origin", weighted=True)
    prepared.prepared_table(key, policy=Policy())
    task = council_tasks(queue)[0]
    run_queued(queue)
    built = []
    monkeypatch.setattr(
        prepared.catalogue, "table_for_key", lambda *a, **k: built.append(1)
    )
    assert task.task.call(*task.args, **task.kwargs) == "fresh"
    assert not built
