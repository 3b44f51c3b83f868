"""The council pages (participation/council/views.py): who may see them
(T19), that they show only disclosed cross-association figures (T04, T09),
that the explorer takes only catalogue values (T06, T17), and that exports
are POST-only (the responses export shows a page on GET), logged and equal to
the page (T08, T22)."""

import datetime
import json
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from participation.associations.access import COUNCIL_GROUP
from participation.associations.models import Status
from participation.council.models import ExportLog, IndicatorSource, OriginGroup
from surveys.models import Answer, QuestionKind, SurveyResponse
from tests.participation.associations.test_access_matrix import url_names
from tests.participation.council.explorer_page import drawn_and_written
from tests.participation.factories import (
    AssociationFactory,
    CompositionReportFactory,
    GoalFactory,
    IndicatorFactory,
    OfficialStatisticFactory,
    RepresentationFactory,
    UserFactory,
    give_totp,
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

OK, FOUND, FORBIDDEN, NOT_ALLOWED = (
    HTTPStatus.OK,
    HTTPStatus.FOUND,
    HTTPStatus.FORBIDDEN,
    HTTPStatus.METHOD_NOT_ALLOWED,
)
ROLES = ("anonymous", "unapproved", "representative", "council", "staff")
READERS = {
    "anonymous": FOUND,
    "unapproved": FORBIDDEN,
    "representative": FORBIDDEN,
    "council": OK,
    "staff": OK,
}
# url name: (method, {role: status}).
MATRIX = {
    "overview": ("get", READERS),
    "indicator": ("get", READERS),
    "explorer": ("get", READERS),
    "participation": ("get", READERS),
    "open_answers": ("get", READERS),
    "report": ("get", READERS),
    "export": ("post", READERS),
    # One row per response: staff with the permission only (given below to
    # "staff"); a council member is refused.
    "export_responses": ("post", READERS | {"council": FORBIDDEN}),
    "tokens": ("get", READERS),
}


def test_t19_every_council_url_is_in_the_matrix():
    assert url_names("council") == set(MATRIX)


def respond(wave, question, rows):
    """Store responses: rows of (origin, answer code) for ``question``."""
    for origin, choice in rows:
        AnswerFactory(
            response=SurveyResponseFactory(wave=wave, origin=origin),
            question=question,
            choice=choice,
        )


@pytest.fixture
def survey_data():
    """An agreement question in a closed wave: many Danish-origin answers,
    three descendants (too few to show)."""
    section = SectionFactory()
    question = QuestionFactory(
        section=section,
        code="represented_local",
        kind=QuestionKind.AGREE,
        text_da="Jeg føler mig repræsenteret.",
    )
    wave = WaveFactory(
        survey=section.survey,
        opens_on=datetime.date(2023, 3, 1),
        closes_on=datetime.date(2023, 4, 1),
    )
    respond(wave, question, [("danish", "4")] * 12 + [("danish", "2")] * 8)
    respond(wave, question, [("immigrant", "5")] * 6 + [("immigrant", "1")] * 6)
    respond(wave, question, [("descendant", "4")] * 3)
    return question, wave


def council_member():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=COUNCIL_GROUP))
    give_totp(user)
    return user


def staff_member(*, responses=True):
    user = UserFactory(is_staff=True)
    if responses:
        user.user_permissions.add(Permission.objects.get(codename="export_responses"))
    give_totp(user)
    return user


@pytest.fixture
def world(survey_data):
    question, wave = survey_data
    association = AssociationFactory(status=Status.APPROVED, name="Zebra Boldklub")
    representative = UserFactory()
    RepresentationFactory(
        user=representative, association=association, status=Status.APPROVED
    )
    indicator = IndicatorFactory(code="employment")
    OfficialStatisticFactory()
    users = {
        "unapproved": UserFactory(),
        "representative": representative,
        "council": council_member(),
        "staff": staff_member(),
    }
    data = {
        "export": {"table": f"indicator:{indicator.code}", "format": "csv"},
        "export_responses": {"wave": wave.pk},
    }
    return users, {"indicator": [indicator.code]}, data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_t19_access(world, role, name):
    users, args, data = world
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    method, expected = MATRIX[name]
    for lang in ("da", "ar"):
        with override(lang):
            path = reverse(f"council:{name}", args=args.get(name, []))
        response = getattr(client, method)(path, data.get(name, {}))
        assert response.status_code == expected[role], (lang, path, role)
        if role == "anonymous":
            assert f"/{lang}/accounts/login/" in response["Location"]
        if expected[role] == OK:
            assert response["Cache-Control"].count("no-store")


def test_t22_exports_refuse_get(world):
    users, _args, _data = world
    client = Client()
    client.force_login(users["staff"])
    assert client.get(reverse("council:export")).status_code == NOT_ALLOWED


def test_t22_the_responses_export_shows_a_page_on_get_and_logs_nothing(world):
    # GET is the form and what protecting the file does (raw_export); only
    # the POST gives the file and writes the log.
    users, _args, data = world
    client = Client()
    client.force_login(users["staff"])
    page = client.get(reverse("council:export_responses"), data["export_responses"])
    assert page.status_code == OK
    assert "Content-Disposition" not in page
    assert not ExportLog.objects.exists()


def test_t22_export_needs_the_csrf_token(world):
    users, _args, data = world
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["council"])
    response = client.post(reverse("council:export"), data["export"])
    assert response.status_code == FORBIDDEN
    assert not ExportLog.objects.exists()


def test_mfa_is_required_for_council_pages(survey_data):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=COUNCIL_GROUP))
    client = Client()
    client.force_login(user)
    response = client.get(reverse("council:overview"))
    assert response.status_code == FOUND
    assert "totp" in response["Location"]


def test_t04_explorer_hides_small_groups(survey_data):
    question, wave = survey_data
    release_all()
    client = Client()
    client.force_login(council_member())
    response = client.get(
        reverse("council:explorer"),
        {"wave": wave.pk, "question": question.code, "breakdown": "origin"},
    )
    assert response.status_code == OK
    table = response.context["shown"]["table"]
    records = {r["code"]: r for r in response.context["shown"]["records"]}
    # Three descendants: their row's cell and total are hidden, and so are
    # the statistics of every row with a hidden number.
    assert records["descendant"]["total"] is None
    assert records["descendant"]["cells"][3] is None
    assert records["descendant"]["share_agree"] is None
    shown = [
        n for r in records.values() for n in [*r["cells"], r["total"]] if n is not None
    ]
    assert all(n == 0 or n >= 5 for n in shown)
    assert records["__total__"]["total"] == 35
    for record in records.values():
        if None not in [*record["cells"], record["total"]]:
            assert record["share_agree"] is not None
    assert table.k == 5
    assert "hidden" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"breakdown": "origin; DROP TABLE surveys_answer; --"},
        {"breakdown": "pg_sleep(10)", "wave": "1 OR 1=1"},
        {"question": "../../etc/passwd", "wave": "x"},
        {"weighted": ["on", "off"], "wave": ["1", "2"]},
        {"wave": "9999999999999999999999", "question": "represented_local"},
    ],
)
def test_t17_explorer_takes_only_catalogue_values(survey_data, params):
    question, wave = survey_data
    client = Client()
    client.force_login(council_member())
    query = {"wave": wave.pk, "question": question.code, "breakdown": "origin"}
    response = client.get(reverse("council:explorer"), query | params)
    assert response.status_code == OK
    assert response.context["shown"] is None
    assert response.context["form"].errors
    assert SurveyResponse.objects.count() == 35


def test_explorer_question_of_another_survey_is_a_field_error(survey_data):
    question, _wave = survey_data
    other = WaveFactory()
    client = Client()
    client.force_login(council_member())
    response = client.get(
        reverse("council:explorer"),
        {"wave": other.pk, "question": question.code, "breakdown": "origin"},
    )
    assert "question" in response.context["form"].errors


def test_t09_council_pages_never_name_an_association(world):
    users, args, _data = world
    CompositionReportFactory(
        association=AssociationFactory.create(
            status=Status.APPROVED, name="Zebra Boldklub 2"
        )
    )
    client = Client()
    client.force_login(users["council"])
    for name in ("overview", "explorer", "participation", "open_answers", "report"):
        body = client.get(reverse(f"council:{name}")).content.decode()
        assert "Zebra" not in body, name


def test_t09_a_kind_with_one_association_is_shown_only_pooled(survey_data):
    year = timezone.localdate().year - 1
    for kind in ("sport", "sport", "sport", "culture", "residents"):
        CompositionReportFactory(
            association=AssociationFactory(status=Status.APPROVED, kind=kind),
            year=year,
            board_danish_woman=4,
            board_immigrant_man=2,
        )
    from participation.council import catalogue

    table = catalogue.participation_origin_table(
        catalogue.participation_frame(),
        year=year,
        measure="board_members",
        policy=catalogue.policy(),
    )
    codes = [code for code, _label in table.rows]
    # Culture and residents' democracy have one report each: together they
    # are still two, so the smallest other kind joins them.
    assert codes == [catalogue.POOLED]
    assert table.records()[0]["total"] == 30


def test_indicator_page_reads_its_figures_aloud(world):
    users, args, _data = world
    OfficialStatisticFactory(year=2024, value="61.5")
    client = Client()
    client.force_login(users["council"])
    with override("en"):
        response = client.get(reverse("council:indicator", args=args["indicator"]))
    body = response.content.decode()
    assert response.status_code == OK
    assert "In 2024 the figure was 61.5 %, against 57.9 % in the baseline" in body
    assert "The development is positive." in body
    assert "<table" in body


def test_survey_indicator_hides_a_small_year(survey_data):
    question, wave = survey_data
    indicator = IndicatorFactory(
        source=IndicatorSource.SURVEY,
        question=question,
        group=OriginGroup.DESCENDANT,
        baseline_year=2023,
    )
    from participation.council import catalogue

    summary = catalogue.indicator_summary(indicator, policy=catalogue.policy())
    assert [r["value"] for r in summary.table.records()] == [None]
    assert summary.movement.baseline is None


def test_overview_shows_each_goal_and_indicator(world):
    users, _args, _data = world
    GoalFactory(title="Flere i job", title_da="Flere i job")
    client = Client()
    client.force_login(users["council"])
    body = client.get(reverse("council:overview")).content.decode()
    assert "Flere i job" in body
    assert "Indikator" in body


def test_report_keeps_only_the_years_of_its_period(world):
    users, _args, _data = world
    OfficialStatisticFactory(year=2024, value="61.5")
    client = Client()
    client.force_login(users["council"])
    response = client.get(reverse("council:report"), {"first": 2024, "last": 2024})
    assert response.status_code == OK
    entry = response.context["strategies"][0]["goals"][0]["indicators"][0]
    assert [r["code"] for r in entry["shown"]["records"]] == [2024]
    bad = client.get(reverse("council:report"), {"first": 2024, "last": 2022})
    assert "last" in bad.context["form"].errors


def test_export_writes_the_log_and_a_file(world):
    users, _args, data = world
    client = Client()
    client.force_login(users["council"])
    response = client.post(reverse("council:export"), data["export"])
    assert response.status_code == OK
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    log = ExportLog.objects.get()
    assert (log.user, log.table, log.format) == (
        users["council"],
        "indicator:employment",
        "csv",
    )


@pytest.mark.parametrize(
    "data",
    [
        {"table": "survey:represented_local:1:origin:raw", "format": "csv"},
        {"table": "responses:1", "format": "csv"},
        {"table": "indicator:nope", "format": "json"},
        {"table": "indicator:employment", "format": "exe"},
        {"format": "csv"},
    ],
)
def test_export_of_anything_outside_the_catalogue_is_refused(world, data):
    users, _args, _data = world
    client = Client()
    client.force_login(users["staff"])
    response = client.post(reverse("council:export"), data)
    assert response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.NOT_FOUND)
    assert not ExportLog.objects.exists()


def test_t08_page_and_json_export_carry_the_same_numbers(survey_data):
    question, wave = survey_data
    release_all()
    client = Client()
    client.force_login(council_member())
    page = client.get(
        reverse("council:explorer"),
        {"wave": wave.pk, "question": question.code, "breakdown": "origin"},
    )
    table = page.context["shown"]["table"]
    exported = client.post(
        reverse("council:export"), {"table": table.key, "format": "json"}
    )
    rows = json.loads(exported.content)["rows"]
    assert rows == json.loads(
        json.dumps(
            [{**r, "code": str(r["code"])} for r in page.context["shown"]["records"]]
        )
    )


def test_t16_theme_names_and_quotes_are_escaped(survey_data):
    from participation.council.coding import answer_code
    from participation.council.models import QuoteStatus, Theme

    question, wave = survey_data
    text = QuestionFactory(section=question.section, kind=QuestionKind.TEXT)
    theme = Theme.objects.create(code="x", name="<svg onload=alert(1)>")
    for n in range(6):
        response = SurveyResponse.objects.filter(wave=wave)[n]
        answer = Answer.objects.create(
            response=response, question=text, text='"><img src=x onerror=alert(2)>'
        )
        answer_code(
            answer=answer,
            themes=[theme],
            quote_status=QuoteStatus.APPROVED if n == 0 else QuoteStatus.NONE,
            quote=answer.text if n == 0 else "",
        )
    release_all()
    client = Client()
    client.force_login(council_member())
    body = client.get(reverse("council:open_answers")).content.decode()
    assert "<svg onload" not in body and "<img src=x" not in body
    assert "&lt;svg onload=alert(1)&gt;" in body
    assert "&lt;img src=x onerror=alert(2)&gt;" in body


def test_t06_no_filtered_view_differs_from_the_whole_by_fewer_than_k():
    """Every breakdown of the catalogue is a set of filtered views of one
    question (each row) beside the unfiltered one (the All row): subtracting
    a shown row from the shown whole, column by column, never describes
    between 1 and k - 1 people."""
    import random

    from participation.council import catalogue
    from surveys.models import BackgroundRole

    rng = random.Random(6)
    section = SectionFactory()
    question = QuestionFactory(section=section, kind=QuestionKind.AGREE)
    place = QuestionFactory(
        section=section,
        code="neighbourhood",
        kind=QuestionKind.SINGLE,
        background_role=BackgroundRole.NEIGHBOURHOOD,
    )
    wave = WaveFactory(
        survey=section.survey,
        opens_on=datetime.date(2023, 3, 1),
        closes_on=datetime.date(2023, 4, 1),
    )
    for _n in range(160):
        response = SurveyResponseFactory(
            wave=wave,
            language=rng.choice(["da", "da", "da", "ar", "so", "ti"]),
            origin=rng.choice(["danish", "danish", "immigrant", "descendant"]),
        )
        Answer.objects.create(
            response=response,
            question=question,
            choice=rng.choice(["1", "2", "3", "4", "4", "5", "5", "dk"]),
        )
        Answer.objects.create(
            response=response, question=place, choice=rng.choice("abcdefg")
        )
    policy = catalogue.policy()
    checked = 0
    for breakdown in catalogue.BREAKDOWNS.values():
        table = catalogue.survey_table(question, wave, breakdown, policy=policy)
        records = table.records()
        whole = records[-1]
        for record in records[:-1]:
            for cell, total in zip(
                [*record["cells"], record["total"]],
                [*whole["cells"], whole["total"]],
                strict=True,
            ):
                if cell is not None and total is not None:
                    assert not 0 < total - cell < policy.k, (breakdown.code, record)
                    checked += 1
    assert checked > 20


def test_explorer_chart_draws_the_shares_its_table_writes(survey_data):
    question, wave = survey_data
    release_all()
    client = Client()
    client.force_login(council_member())
    response = client.get(
        reverse("council:explorer"),
        {"wave": wave.pk, "question": question.code, "breakdown": "origin"},
    )
    html = response.content.decode()
    assert response.status_code == OK
    assert '<script id="explorer-chart" type="application/json">' in html
    drawn, written = drawn_and_written(html)
    assert drawn == written
    records = response.context["shown"]["records"]
    assert len(drawn) == len(records)  # every row, "All" last
    by_code = {r["code"]: shares for r, shares in zip(records, drawn, strict=True)}
    # All 35: 6 strongly disagree, 8 disagree, 15 agree, 6 strongly agree.
    assert by_code["__total__"] == [
        "17,1 %",
        "22,9 %",
        "0,0 %",
        "42,9 %",
        "17,1 %",
        "0,0 %",
    ]
    # Three descendants: hidden in the table, a gap in the chart, never 0;
    # so is every share of a row whose total is hidden, even a count of 0.
    assert by_code["descendant"] == [None] * 6
    assert by_code["danish"] == [None] * 6
    config = response.context["shown"]["chart"]["config"]
    descendants = [r["code"] for r in records].index("descendant")
    assert all(d["data"][descendants] is None for d in config["data"]["datasets"])
    # A group with nothing to draw says so beside its empty line.
    assert config["data"]["labels"][descendants] == ["Efterkommere", "(skjult)"]
    # The canvas is labelled, and the figure leads to the table.
    assert 'role="img" aria-label="Bar chart' not in html  # translated (Danish)
    figure = html[html.index('<figure class="chart chart-beside"') :]
    figure = figure[: figure.index("</figure>")]
    assert 'href="#explorer-table"' in figure
    assert '<canvas role="img" aria-label="' in figure
    assert 'id="explorer-table"' in html


def test_explorer_chart_in_arabic_writes_numbers_as_the_table(survey_data):
    question, wave = survey_data
    release_all()
    client = Client()
    client.force_login(council_member())
    with override("ar"):
        url = reverse("council:explorer")
    response = client.get(
        url, {"wave": wave.pk, "question": question.code, "breakdown": "origin"}
    )
    with override("ar"):
        drawn, written = drawn_and_written(response.content.decode())
    assert drawn == written
    meta = response.context["shown"]["chart"]["config"]["medborger"]
    assert meta["number"] == {"decimal": ",", "percent": "{number} %"}
    assert meta["mirror"] is True


def test_explorer_without_a_released_table_has_no_chart(survey_data):
    question, wave = survey_data
    client = Client()
    client.force_login(council_member())
    response = client.get(
        reverse("council:explorer"),
        {"wave": wave.pk, "question": question.code, "breakdown": "origin"},
    )
    assert response.context["shown"] is None
    assert "explorer-chart" not in response.content.decode()
