"""Shared fixtures: a small survey hosted on Danish and Arabic pages."""

import json
import re
import threading
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from surveys.models import QuestionKind, Survey, SurveyPage, Wave, new_revision
from tests import demo_db
from tests.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
    WaveFactory,
)

NONCE_RE = re.compile(r'name="nonce" value="([^"]+)"')


@dataclass
class SmallSurvey:
    survey: Survey
    wave: Wave
    page_da: SurveyPage
    page_ar: SurveyPage
    url_da: str = "/da/survey/"
    url_ar: str = "/ar/survey/"


def build_small_survey() -> Survey:
    """Three steps: feelings (required agree + yes/no), taking part (a multi
    shown only to members, a number, a text), background."""
    # Its translations are made up and never reviewed: offer every language
    # anyway, as staff may (surveys/translation_review.py).
    survey = SurveyFactory(
        code="small",
        languages_forced=[code for code, _name in settings.LANGUAGES if code != "da"],
    )
    feel = SectionFactory(survey=survey, code="feel", sort_order=0, title_ar="المشاعر")
    part = SectionFactory(survey=survey, code="part", sort_order=1)
    about = SectionFactory(survey=survey, code="about", sort_order=2)
    QuestionFactory(
        section=feel,
        code="represented",
        kind=QuestionKind.AGREE,
        required=True,
        text_da="Jeg føler mig repræsenteret.",
        text_ar="أشعر بأنني ممثل.",
    )
    member = QuestionFactory(section=feel, code="member", kind=QuestionKind.YESNO)
    kinds = QuestionFactory(
        section=part,
        code="kinds",
        kind=QuestionKind.MULTI,
        condition_question=member,
        condition_values="yes",
    )
    ChoiceFactory(question=kinds, code="sport", label_da="Sport", label_ar="رياضة")
    ChoiceFactory(question=kinds, code="culture", label_da="Kultur")
    ChoiceFactory(question=kinds, code="none", label_da="Ingen af dem", exclusive=True)
    QuestionFactory(
        section=part, code="hours", kind=QuestionKind.NUMBER, min_value=0, max_value=300
    )
    QuestionFactory(
        section=part, code="comment", kind=QuestionKind.TEXT, max_length=200
    )
    for code in ("born_dk", "mother_dk", "father_dk", "citizen_dk"):
        QuestionFactory(
            section=about,
            code=code,
            kind=QuestionKind.YESNO,
            dont_know=True,
            background_role=code,
        )
    return survey


def build_site(survey: Survey) -> tuple[SurveyPage, SurveyPage]:
    da = Locale.objects.get_or_create(language_code="da")[0]
    ar = Locale.objects.get_or_create(language_code="ar")[0]
    # A transactional test flushes the tree Wagtail's migrations made.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=da)
    )
    home = root.add_child(
        instance=HomePage(title="Forside", slug="home-test", locale=da)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    page = home.add_child(
        instance=SurveyPage(title="Spørgeskema", slug="survey", survey=survey)
    )
    home_ar = home.copy_for_translation(ar)
    home_ar.save_revision().publish()
    page_ar = page.copy_for_translation(ar)
    page_ar.save_revision().publish()
    return page, page_ar


def _transactional(item: pytest.Item) -> bool:
    """Whether pytest-django runs ``item`` as a TransactionTestCase: it
    commits, and its teardown empties every table."""
    marker = item.get_closest_marker("django_db")
    if marker and (
        marker.kwargs.get("transaction")
        or marker.kwargs.get("reset_sequences")
        or (marker.args and marker.args[0])
    ):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


def _restores_itself(item: pytest.Item) -> bool:
    """A serialized-rollback test loads the migrated rows itself first."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback")) or (
        "django_db_serialized_rollback" in getattr(item, "fixturenames", ())
    )


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory, worker_id):
    """Where tests/demo_db.py keeps the loaded demos of this run."""
    return demo_db.store_for(tmp_path_factory, worker_id)


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """pytest-django's test database, plus a copy of the rows its migrations
    made (Wagtail's root page and locale, the council group, the activity
    kinds...) when this run has a transactional test: see
    pytest_runtest_teardown below."""
    if any(_transactional(item) for item in request.session.items):
        connection = connections["default"]
        if not hasattr(connection, "_test_serialized_contents"):
            with django_db_blocker.unblock():
                connection._test_serialized_contents = (
                    connection.creation.serialize_db_to_string()
                )
        # Content types first: building a Wagtail task instance looks its
        # content type up and, not finding it yet, would make a second one.
        rows = json.loads(connection._test_serialized_contents)
        rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
        connection._test_serialized_contents = json.dumps(rows)
        request.config.stash[_BLOCKER] = django_db_blocker
    yield


_BLOCKER = pytest.StashKey()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has emptied the tables, put the migrated
    rows back before the next test, so that every test starts from the
    migrated database whatever ran before it on this process. pytest-django
    runs transactional tests last, but pytest-xdist hands each worker whole
    files in its own order, so a worker may go on to other files after one."""
    result = yield
    blocker = item.config.stash.get(_BLOCKER, None)
    if (
        blocker is not None
        and nextitem is not None
        and _transactional(item)
        and not _restores_itself(nextitem)
    ):
        from django.contrib.contenttypes.models import ContentType

        connection = connections["default"]
        with blocker.unblock():
            # The flush after the test re-made content types and permissions
            # with new ids; the copy has the migrated ones.
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                inhibit_post_migrate=True,
                reset_sequences=False,
            )
            ContentType.objects.clear_cache()
            connection.creation.deserialize_db_from_string(
                connection._test_serialized_contents
            )
        ContentType.objects.clear_cache()
    return result


def pytest_xdist_auto_num_workers(config):
    """The browser tests (``-m browser``) run in this one process: each worker
    would start its own live server and Chromium, and the pages' timeouts are
    set for one of each. Everything else: pytest-xdist's own count (one
    worker per core)."""
    marks = config.option.markexpr or ""
    if "browser" in marks and "not browser" not in marks:
        return 0
    return None


#: Files of long hypothesis tests with no shared fixture (.ci/run's example
#: counts make the fuzzers minutes long on PostgreSQL): their
#: tests are handed to the workers one by one, not as a whole file.
SPREAD_BY_TEST = {
    "tests/security/test_t15_fuzz.py",
    "tests/security/test_t26_upload_fuzz.py",
}


def pytest_xdist_make_scheduler(config, log):
    """``--dist=loadfile``, except for the files in SPREAD_BY_TEST."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = super()._split_scope(nodeid)
            return nodeid if path in SPREAD_BY_TEST else path

    return Scheduling(config, log)


@pytest.fixture(autouse=True)
def _sign_in_as_allauth_would(monkeypatch):
    """``client.force_login`` stands for a complete sign-in: the password and,
    for staff and council members with an authenticator, the code step in
    this session (tests/signin.py; participation/associations/middleware.py
    checks it)."""
    from django.test.client import ClientMixin

    from tests.signin import complete_sign_in

    monkeypatch.setattr(ClientMixin, "force_login", complete_sign_in)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language (Danish), whatever
    language an earlier test left active in this thread."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def translate_everywhere(small_survey: SmallSurvey) -> None:
    """Copy the home and survey pages into the seven other languages."""
    for code, _name in settings.LANGUAGES:
        locale = Locale.objects.get_or_create(language_code=code)[0]
        if code in ("da", "ar"):
            continue
        small_survey.page_da.get_parent().copy_for_translation(
            locale
        ).save_revision().publish()
        small_survey.page_da.copy_for_translation(locale).save_revision().publish()


def new_small_survey() -> SmallSurvey:
    survey = build_small_survey()
    wave = WaveFactory(survey=survey)
    page_da, page_ar = build_site(survey)
    return SmallSurvey(survey=survey, wave=wave, page_da=page_da, page_ar=page_ar)


def _uses_db(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server"} & set(item.fixturenames)
    )


@pytest.fixture(scope="module")
def _module_small_survey(request, django_db_setup, django_db_blocker):
    """The small survey (translated into every language when each test asks
    for ``multilingual_survey``), built once for a module where every test
    that touches the database asks for it and none is transactional, and
    rolled back after the module; each test runs in its own savepoint inside
    (``django_db``), as tests/cms/conftest.py's ``demo_pages`` does. In any
    other module (None here) each test builds its own, so that no test finds
    a survey it did not ask for."""
    users = [
        item
        for item in request.session.items
        if getattr(item, "module", None) is request.module and _uses_db(item)
    ]
    if not users or any(
        _transactional(item) or "small_survey" not in item.fixturenames
        for item in users
    ):
        yield None
        return
    translated = all("multilingual_survey" in item.fixturenames for item in users)
    with django_db_blocker.unblock(), transaction.atomic():
        world = new_small_survey()
        if translated:
            translate_everywhere(world)
        yield world, translated
        transaction.set_rollback(True)


def _fresh(world: SmallSurvey) -> SmallSurvey:
    """The module's survey read again, so that what one test changed on the
    objects (not in the database: that is rolled back) never reaches the next,
    with a revision of its own, as a survey built for the test has: web
    processes keep an instrument by survey and revision
    (surveys/selectors.py), and a test may change questions without the
    signals that replace the revision."""
    Survey.objects.filter(pk=world.survey.pk).update(revision=new_revision())
    return SmallSurvey(
        survey=Survey.objects.get(pk=world.survey.pk),
        wave=Wave.objects.get(pk=world.wave.pk),
        page_da=SurveyPage.objects.get(pk=world.page_da.pk),
        page_ar=SurveyPage.objects.get(pk=world.page_ar.pk),
    )


@pytest.fixture
def multilingual_survey(_module_small_survey, small_survey) -> SmallSurvey:
    """The small survey with its page translated into all nine languages."""
    if _module_small_survey is None or not _module_small_survey[1]:
        translate_everywhere(small_survey)
    return small_survey


@pytest.fixture
def small_survey(_module_small_survey, db) -> SmallSurvey:
    if _module_small_survey is None:
        return new_small_survey()
    return _fresh(_module_small_survey[0])


def start(client, url: str) -> str:
    """Open the survey and return the form's nonce."""
    response = client.get(url)
    match = NONCE_RE.search(response.content.decode())
    assert match, response.content.decode()[:500]
    return match.group(1)


def step_data(nonce: str, step: str, answers: dict, *, action="next", consent=True):
    """The body a browser posts from `step` with these answers (by code)."""
    data = {"nonce": nonce, "step": step, "action": action}
    if consent:
        data["consent"] = "yes"
    data.update({f"q_{code}": value for code, value in answers.items()})
    return data


def post_step(client, url: str, step: str, answers: dict, *, nonce=None, **options):
    return client.post(
        url, step_data(nonce or start(client, url), step, answers, **options)
    )


def submit_all(client, url: str, answers: dict):
    """Post every answer at once from the last step, as the final 'Send'."""
    return post_step(client, url, "about", answers)


def run_at_once(jobs):
    """Run each job in its own thread, all released together by a barrier."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, j)) for i, j in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
