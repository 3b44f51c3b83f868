"""The demo municipality (`manage.py load_demo`)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page

from cms.demo import pages, synthetic
from cms.demo import participation as demo_participation
from participation.associations.models import Activity, Association, CompositionReport
from surveys.models import Answer, Question, Survey, SurveyResponse, Wave
from tests.cms.test_demo_instrument import SECTIONS
from tests.demo_db import CODED_RESPONSES, CODED_SEED, demo_database, load_coded
from tests.pool import flush

pytestmark = pytest.mark.django_db


def load(**options) -> str:
    """load_demo without the releases (tests/cms/test_demo_releases.py loads
    the demo with them)."""
    out = io.StringIO()
    call_command("load_demo", stdout=out, releases=False, **options)
    return out.getvalue()


#: What the module's demo is loaded with (once per run: tests/demo_db.py).
RESPONSES, SEED = CODED_RESPONSES, CODED_SEED


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_store):
    """The demo, for this module and gone after it (loaded once per run and
    shared with the insights and themes tests: tests/demo_db.py); each test
    runs in its own savepoint inside (``django_db``). What the first load
    printed and the counts it left."""
    with demo_database(
        "coded", load_coded, blocker=django_db_blocker, store=demo_store
    ) as output:
        yield output, participation_counts()


def test_demo_pages_are_complete_in_nine_languages():
    # The survey's texts: tests/cms/test_demo_instrument.py.
    assert pages.validate() == []


def participation_counts() -> tuple[int, int, int, int]:
    return (
        Association.objects.count(),
        CompositionReport.objects.count(),
        Activity.objects.count(),
        get_user_model().objects.count(),
    )


def test_demo_loads_once_and_prints_the_logins(demo):
    first, counts = demo
    assert participation_counts() == counts
    second = load(responses=RESPONSES, seed=SEED)
    assert "already loaded" in second
    for text in (first, second):
        assert "staff@medborger.example / demo-staff-2026" in text
        assert "forening@medborger.example / demo-forening-2026" in text
        assert "raad@medborger.example / demo-raad-2026" in text
        assert "TOTP" in text  # staff and council are told about MFA
    assert participation_counts() == counts
    assert counts[0] == len(demo_participation.UNITS)
    assert counts[2] == demo_participation.ACTIVITIES
    assert SurveyResponse.objects.count() == RESPONSES
    assert Wave.objects.count() == 2
    assert Page.objects.filter(slug="survey").count() == 9
    assert Question.objects.count() == sum(map(len, SECTIONS.values()))


def test_a_demo_loaded_before_the_participation_records_gains_them(demo):
    Association.objects.all().delete()
    assert "Demo municipality loaded." in load(responses=0, seed=1)
    assert Association.objects.count() == len(demo_participation.UNITS)
    assert Activity.objects.count() == demo_participation.ACTIVITIES


def test_synthetic_answers_in_every_language_add_up_under_one_code(demo):
    languages = set(SurveyResponse.objects.values_list("language", flat=True))
    assert {"da", "ar"} <= languages
    by_language = (
        Answer.objects.filter(question__code="represented_local")
        .values("response__language")
        .annotate(n=Count("id"))
    )
    assert len(by_language) == len(languages)
    origins = set(SurveyResponse.objects.values_list("origin", flat=True))
    assert {"danish", "immigrant", "descendant"} <= origins
    # Most respondents say where they live, so the council can break the
    # answers down by neighbourhood.
    places = Answer.objects.filter(question__code="neighbourhood")
    assert places.values("choice").distinct().count() >= 8
    assert places.count() > 0.8 * SurveyResponse.objects.count()


def test_demo_choices_that_stand_alone_are_marked_so(demo):
    alone = set(
        Question.objects.filter(choices__exclusive=True).values_list(
            "code", "choices__code"
        )
    )
    expected = {
        (q.code, code) for qs in SECTIONS.values() for q in qs for code in q.exclusive
    }
    assert expected and alone == expected


def stored_responses() -> list[tuple]:
    """Every stored response as its sorted answers, in sorted order: the
    pool stores a batch in random order (surveys/pool.py), so ids are not
    the generator's order."""
    by_response: dict[int, list] = {}
    for response_id, *answer in Answer.objects.values_list(
        "response_id", "question__code", "choice", "number"
    ):
        by_response.setdefault(response_id, []).append(tuple(answer))
    return sorted(tuple(sorted(answers)) for answers in by_response.values())


def test_the_generator_is_repeatable(demo):
    first = stored_responses()
    assert len(first) == RESPONSES
    SurveyResponse.objects.all().delete()
    survey = Survey.objects.get()
    waves = tuple(Wave.objects.order_by("opens_on"))
    synthetic.generate(
        survey=survey,
        waves=waves,
        count=RESPONSES,
        seed=SEED,
        today=timezone.localdate(),
    )
    flush()
    assert stored_responses() == first
