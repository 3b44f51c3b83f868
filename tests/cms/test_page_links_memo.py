"""config/page_links.py: the language switcher's links are kept per process, and
any change to the page tree (publishing, a slug change, unpublishing) shows
in the very next page."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from config import memo
from surveys.models import SurveyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_pages):
    return demo_pages


@pytest.fixture(autouse=True)
def _memo_on():
    memo._memo.clear()
    with override_settings(PAGE_LINKS_MEMO_SECONDS=3600):
        yield
    memo._memo.clear()


def arabic_link(client) -> str:
    html = client.get("/da/survey/").content.decode()
    start = html.index('hreflang="ar"')
    return html[html.rindex('href="', 0, start) + 6 : start - 2]


def test_the_links_are_worked_out_once(client, demo):
    client.get("/da/survey/")
    with CaptureQueriesContext(connection) as first:
        client.get("/da/survey/")
    memo._memo.clear()
    with CaptureQueriesContext(connection) as uncached:
        client.get("/da/survey/")
    assert len(first) < len(uncached)
    assert arabic_link(client) == "/ar/survey/"


def test_a_slug_change_and_an_unpublished_translation_show_at_once(client, demo):
    assert arabic_link(client) == "/ar/survey/"
    arabic = SurveyPage.objects.get(locale__language_code="ar")
    arabic.slug = "istibyan"
    arabic.save_revision().publish()
    assert arabic_link(client) == "/ar/istibyan/"
    arabic.refresh_from_db()
    arabic.unpublish()
    # No live Arabic page: the link swaps the language prefix instead.
    assert arabic_link(client) == "/ar/survey/"
    assert client.get("/ar/istibyan/").status_code == 404
