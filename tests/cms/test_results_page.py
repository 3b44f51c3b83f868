"""The public results page at /<code>/results/ (cms.ResultsPage, SPEC §6)
and the chart include every chart is drawn with (templates/includes/
chart.html)."""

import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override
from wagtail.models import Locale

from cms.models import ContentPage, HomePage, ResultsPage
from participation.council import snapshots
from participation.council.models import (
    ResultsSnapshot,
)
from participation.stats.charts import indicator_chart
from tests.participation.factories import (
    school_board_indicator,
)

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.LANGUAGES]
RTL = {"ar", "fa"}
SCRIPT_RE = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


@pytest.fixture
def results_page(multilingual_survey) -> ResultsPage:
    """A results page under the home page, published in all nine languages."""
    home = multilingual_survey.page_da.get_parent().specific
    page = ResultsPage(
        title="Resultater", slug="results", intro="Det viser svarene.", summary=""
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    for code in CODES:
        if code == "da":
            continue
        translation = page.copy_for_translation(Locale.objects.get(language_code=code))
        translation.intro = f"intro-{code}"
        translation.save_revision().publish()
    return page


@pytest.fixture
def published_indicator():
    """A published indicator with one year too small to show (2 of 22
    board seats) and two that are shown once the small one is gone."""
    return school_board_indicator(target=None)


def assert_no_inline_script(html: str) -> None:
    for tag in SCRIPT_RE.findall(html):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_every_language_answers_with_its_lang_and_dir(client, results_page):
    for code in CODES:
        response = client.get(f"/{code}/results/")
        assert response.status_code == HTTPStatus.OK, code
        html = response.content.decode()
        direction = "rtl" if code in RTL else "ltr"
        assert f'<html lang="{code}" dir="{direction}">' in html, code
        assert (f"intro-{code}" if code != "da" else "Det viser svarene.") in html


def test_without_a_snapshot_the_page_says_nothing_is_published(client, results_page):
    response = client.get("/en/results/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "No results have been published yet." in html
    assert "<figure" not in html
    assert "chart.umd.min.js" not in html


def test_the_page_shows_the_latest_snapshot(client, results_page, published_indicator):
    snapshots.snapshot_take(synthetic=True)
    arabic = client.get("/ar/results/").content.decode()
    assert "أولياء الأمور في مجالس المدارس" in arabic
    assert 'data-chart="chart-school-boards"' in arabic
    assert_no_inline_script(arabic)
    html = client.get("/en/results/").content.decode()
    assert "Forældre i skolebestyrelser" in html  # no English name: Danish
    assert '<script id="chart-school-boards" type="application/json">' in html
    assert 'role="img"' in html and "aria-label=" in html
    assert "<table" in html and '<th scope="row">2023</th>' in html
    assert "fewer than 5 people are not shown" in html  # the threshold note
    assert "Not shown (fewer than 5 people)" in html  # the hidden 2023 cell
    assert "Synthetic demo data" in html
    assert "not yet enough published figures" in html  # the baseline is hidden
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    assert "/static/js/charts.js" in html
    assert_no_inline_script(html)
    assert 'style="' not in html.split("<main", 1)[1]


def test_live_changes_do_not_show_until_published(
    client, results_page, published_indicator
):
    snapshots.snapshot_take()
    published_indicator.name_da = "Nyt navn"
    published_indicator.save()
    html = client.get("/da/results/").content.decode()
    assert "Forældre i skolebestyrelser" in html
    assert "Nyt navn" not in html


def test_a_later_snapshot_replaces_the_first(client, results_page, published_indicator):
    snapshots.snapshot_take()
    ResultsSnapshot.objects.create(
        basis=99,
        k=5,
        figures={"version": 1, "k": 5, "synthetic": False, "goals": []},
    )
    html = client.get("/da/results/").content.decode()
    assert "Forældre i skolebestyrelser" not in html
    assert "no-results" in html


def test_unreadable_figures_are_no_error(client, results_page):
    ResultsSnapshot.objects.create(basis=1, k=5, figures={"goals": "garbage"})
    response = client.get("/da/results/")
    assert response.status_code == HTTPStatus.OK
    ResultsSnapshot.objects.create(
        basis=2, k=5, figures={"version": 1, "goals": [{"indicators": [None]}]}
    )
    assert client.get("/da/results/").status_code == HTTPStatus.OK


def test_an_unpublished_results_page_is_not_found(client, results_page):
    results_page.unpublish()
    response = client.get("/da/results/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert client.get("/ar/results/").status_code == HTTPStatus.OK


def test_results_pages_live_only_under_a_home_page():
    assert ResultsPage in HomePage.allowed_subpage_models()
    assert ResultsPage.allowed_parent_page_models() == [HomePage]
    assert ResultsPage not in ContentPage.allowed_subpage_models()
    assert ResultsPage.allowed_subpage_models() == []


def test_the_chart_include_always_has_its_table():
    chart = indicator_chart(
        [
            {"year": 2023, "figure": 41.2, "target": 45},
            {"year": 2024, "figure": None, "hidden": True, "target": 46},
        ],
        unit="percent",
        title="Føler sig repræsenteret",
        figure_label="Målt",
        target_label="Mål",
        year_label="År",
        hidden_text="Ikke vist",
    )
    html = render_to_string("includes/chart.html", {"chart": chart, "chart_id": "c1"})
    assert '<figure class="chart" data-chart="c1">' in html
    assert '<canvas role="img" aria-label="Føler sig repræsenteret">' in html
    assert '<script id="c1" type="application/json">' in html
    assert '<th scope="col">År</th>' in html
    assert html.count('<th scope="row">') == 2
    assert "Ikke vist" in html and "41" in html
    hidden_only = indicator_chart(
        [{"year": 2023, "figure": None, "hidden": True}],
        unit="percent",
        title="t",
        figure_label="f",
        target_label="t",
        year_label="y",
    )
    with override("en"):
        html = render_to_string(
            "includes/chart.html", {"chart": hidden_only, "chart_id": "c2"}
        )
    assert "<table" in html and "<canvas" not in html and "<script" not in html
    assert "Not shown" in html
