"""The council's pages in a real browser, in every language and both
directions: axe-core (WCAG 2.1 A and AA) on the goals overview, an
indicator with its chart and table, the survey explorer (default and
weighted by neighbourhood), the participation page, the open answers and
the printable status report; plus the public results page. The chart
draws from its JSON (Chart.js, vendored) and its table is always there."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from cms.demo import participation, synthetic, themes
from participation.associations.access import COUNCIL_GROUP
from participation.council import catalogue, prepared
from participation.council.charts import explorer_shown
from participation.council.models import Indicator, Release, ResultsSnapshot
from participation.council.snapshots import snapshot_take
from surveys.models import QuestionKind, Survey, SurveyResponse, Wave
from surveys.pool import pool_flush
from tests.browser.helpers import LANGUAGES, Audit
from tests.participation.factories import UserFactory, give_totp, release_all

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods"
    ),
]


def council_context(site, new_context, **options):
    """A browser context signed in as a council member (with TOTP set up):
    the session is made by Django's test client and handed to the browser,
    so this test is about the pages, not the login (tested elsewhere)."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name=COUNCIL_GROUP))
    give_totp(user)
    client = Client()
    client.force_login(user)
    context = new_context(**options)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )
    return context


@pytest.fixture
def council_site(site):
    """The demo with what the council reads: 300 stored responses, the
    associations' records and the coded open answers."""
    today = timezone.localdate()
    with transaction.atomic():
        synthetic.generate(
            survey=Survey.objects.get(),
            waves=tuple(Wave.objects.order_by("opens_on")),
            count=300,
            seed=2023,
            today=today,
        )
        # Stored at once, as the demo does: answers wait in the pool until
        # a batch is full (surveys/pool.py), and the council reads only
        # stored ones.
        pool_flush(minimum=1, today=today)
        participation.generate(seed=2023, today=today)
        themes.generate(seed=2023)
        # The demo was loaded without responses: release what is there now.
        Release.objects.all().delete()
        release_all()
    return site


def test_council_and_results_pages_have_no_axe_violations(council_site, new_context):
    # bypass_csp: axe is injected as an inline script (see test_accessibility).
    # One test for all nine languages: the demo is loaded once.
    page = council_context(council_site, new_context, bypass_csp=True).new_page()
    findings = []
    for code in LANGUAGES:
        findings += audit_council_pages(page, council_site, code)
    assert not findings, "\n".join(findings)


def audit_council_pages(page, site, code) -> list[str]:
    audit = Audit(code)
    council = f"{site}/{code}/council/"

    page.goto(council)
    expect(page.locator("h1")).to_be_visible()
    audit(page, "overview")
    indicator = Indicator.objects.filter(source="statistics").order_by("pk").first()
    page.goto(f"{council}indicators/{indicator.code}/")
    expect(page.locator("table.figures")).to_be_visible()
    audit(page, "indicator")
    page.goto(f"{council}survey/")
    audit(page, "explorer")
    page.locator("#id_breakdown").select_option("neighbourhood")
    page.locator("#id_weighted").check()
    with page.expect_navigation():
        page.locator("form.explorer-form button[type=submit]").click()
    expect(page.locator("table.figures")).to_be_visible()
    audit(page, "explorer, weighted by neighbourhood")
    page.goto(f"{council}participation/")
    audit(page, "participation")
    page.goto(f"{council}open-answers/")
    audit(page, "open answers")
    page.goto(f"{council}report/")
    audit(page, "status report")
    page.goto(f"{site}/{code}/results/")
    audit(page, "public results")
    return [audit.report()] if audit.findings else []


def test_indicator_chart_is_drawn_and_keeps_its_table(site, new_context):
    page = council_context(site, new_context).new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    indicator = Indicator.objects.filter(source="statistics").order_by("pk").first()
    page.goto(f"{site}/da/council/indicators/{indicator.code}/")
    canvas = page.locator("figure[data-chart] canvas")
    expect(canvas).to_be_visible()
    assert page.evaluate(
        "() => !!window.Chart && Object.keys(Chart.instances).length > 0"
    )
    expect(page.locator("table.figures")).to_be_visible()
    assert not errors, errors


#: What the explorer's chart drew, read from Chart.js: how much of the canvas
#: is inked, whether the groups' labels fit the box of their axis inside the
#: canvas, where 0 % and 10 % are, and the font it drew in.
DRAWN_BARS = """() => {
  const chart = Object.values(Chart.instances)[0];
  const groups = chart.scales.y, values = chart.scales.x;
  const font = Chart.helpers.toFont(groups.options.ticks.font);
  const ctx = chart.ctx;
  ctx.save();
  ctx.font = font.string;
  const lines = chart.data.labels.flat();
  const widest = Math.max(...lines.map(line => ctx.measureText(line).width));
  ctx.restore();
  const pixels = ctx.getImageData(0, 0, chart.canvas.width, chart.canvas.height).data;
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked += 1;
  return {
    inked, widest, font: font.family, width: chart.width,
    labelsLeft: groups.left, labelsRight: groups.right, labelsWidth: groups.width,
    area: {left: chart.chartArea.left, right: chart.chartArea.right},
    zero: values.getPixelForValue(0), ten: values.getPixelForValue(10),
  };
}"""

#: Each HTML legend item that is cut or leaves its figure sideways.
CUT_LEGEND = """figure => {
  const box = figure.getBoundingClientRect();
  return Array.from(figure.querySelectorAll('.chart-legend li'))
    .filter(li => {
      const item = li.getBoundingClientRect();
      return li.scrollWidth > li.clientWidth + 1
        || item.left < box.left - 1 || item.right > box.right + 1;
    })
    .map(li => li.textContent);
}"""


def drawable_query(wave, kind, breakdowns) -> dict:
    """The explorer's query of the first table of ``wave`` with a question of
    ``kind`` and one of ``breakdowns`` (tried in order) that has a chart to
    draw: with 300 answers, many groups are too small to show."""
    policy = catalogue.policy()
    for breakdown in breakdowns:
        for question in catalogue.explorer_questions(wave.survey_id):
            if question.kind != kind:
                continue
            key = catalogue.survey_key(
                question.code, wave.pk, breakdown, weighted=False
            )
            found = prepared.prepared_table(key, policy=policy)
            if found is not None and explorer_shown(found.table)["chart"]["drawable"]:
                return {"question": question.code, "breakdown": breakdown}
    raise AssertionError(f"no {kind} table of {wave} to draw")


def explorer_url(site, code, **query):
    from urllib.parse import urlencode

    return f"{site}/{code}/council/survey/?{urlencode(query)}"


def test_explorer_chart_in_arabic_is_drawn_mirrored_and_uncut(
    council_site, new_context
):
    """The explorer in Arabic on a phone and on a desktop: the chart is
    drawn beside its table, its bars start from the right where their
    labels stand, no label or legend item is cut, in the page's Arabic
    font, and axe finds nothing; without JavaScript the table is alone."""
    # The wave the synthetic answers went to (the newest may have none yet).
    wave = Wave.objects.get(
        pk=SurveyResponse.objects.values("wave")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("wave", flat=True)
        .first()
    )
    pages = [
        # The demo's longest group labels (neighbourhoods, "Aalborg Centrum
        # (آلبورغ سنتروم)"; gender, "غير ذلك / أصف نفسي بطريقة أخرى") and
        # longest answers in the legend (several choices: where
        # discrimination happened, ten places), as far as 300 answers
        # give anything to draw.
        drawable_query(wave, QuestionKind.AGREE, ("neighbourhood", "gender")),
        drawable_query(wave, QuestionKind.MULTI, ("gender", "neighbourhood", "origin")),
    ]
    audit = Audit("ar")
    problems = []
    for width in (360, 1280):
        context = council_context(
            council_site,
            new_context,
            bypass_csp=True,  # axe is an inline script (test_accessibility)
            viewport={"width": width, "height": 900},
            reduced_motion="reduce",
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        for query in pages:
            label = f"{query['question']} by {query['breakdown']} at {width} px"
            page.goto(explorer_url(council_site, "ar", wave=wave.pk, **query))
            figure = page.locator("figure.chart-beside")
            expect(figure.locator("canvas")).to_be_visible()
            expect(page.locator("#explorer-table")).to_be_visible()
            drawn = page.evaluate(DRAWN_BARS)
            if drawn["inked"] < 2000:
                problems.append(f"{label}: the canvas is blank ({drawn})")
            if not (
                drawn["labelsLeft"] >= 0
                and drawn["labelsRight"] <= drawn["width"] + 0.5
                and drawn["widest"] <= drawn["labelsWidth"]
            ):
                problems.append(f"{label}: a group's label is cut ({drawn})")
            if not (
                drawn["zero"] > drawn["ten"]
                and drawn["labelsLeft"] >= drawn["area"]["right"] - 1
            ):
                problems.append(f"{label}: the bars are not mirrored ({drawn})")
            if "Noto Sans Arabic" not in drawn["font"]:
                problems.append(f"{label}: drawn in {drawn['font']}")
            cut = figure.evaluate(CUT_LEGEND)
            if cut:
                problems.append(f"{label}: legend items cut: {cut}")
            sideways = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            if sideways > 0:
                problems.append(f"{label}: the page scrolls {sideways} px sideways")
            audit(page, label)
        problems += errors
    assert not problems, "\n".join(problems)
    assert not audit.findings, audit.report()

    # Without JavaScript: the table alone, no empty space for a chart.
    page = council_context(
        council_site, new_context, java_script_enabled=False
    ).new_page()
    page.goto(explorer_url(council_site, "ar", wave=wave.pk, **pages[0]))
    expect(page.locator("#explorer-table")).to_be_visible()
    assert page.locator("figure.chart-beside").bounding_box() is None


#: Where the first and the last year of each year chart on the page stand.
YEAR_AXES = """() => Object.values(Chart.instances).map(chart => {
  const years = chart.scales.x, values = chart.scales.y;
  const last = chart.data.labels.length - 1;
  return {
    labels: chart.data.labels,
    first: years.getPixelForValue(0), last: years.getPixelForValue(last),
    valuesRight: values.right, areaLeft: chart.chartArea.left,
  };
})"""


def test_year_charts_run_left_to_right_in_arabic(council_site, new_context):
    """A time axis is never mirrored: on the indicator page and the public
    results page in Arabic the first year is on the left, and the value
    axis stands at its start."""
    site = council_site
    with transaction.atomic():
        # The public page shows a snapshot of what is released now.
        ResultsSnapshot.objects.all().delete()
        snapshot_take(synthetic=True)
    context = council_context(site, new_context, reduced_motion="reduce")
    page = context.new_page()
    indicator = Indicator.objects.filter(source="statistics").order_by("pk").first()
    axes = []
    for url in (
        f"{site}/ar/council/indicators/{indicator.code}/",
        f"{site}/ar/results/",
    ):
        page.goto(url)
        assert page.locator("html").get_attribute("dir") == "rtl"
        expect(page.locator("figure.chart-ready canvas").first).to_be_visible()
        axes += [(url, axis) for axis in page.evaluate(YEAR_AXES)]
    assert len(axes) >= 2
    for url, axis in axes:
        labels = axis["labels"]
        assert labels == sorted(labels), (url, axis)
        if len(labels) > 1:
            assert axis["first"] < axis["last"], (url, axis)
        assert axis["valuesRight"] <= axis["areaLeft"] + 1, (url, axis)
