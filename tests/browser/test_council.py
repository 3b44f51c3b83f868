"""The council's pages in a real browser, in every language and both
directions: axe-core (WCAG 2.1 A and AA) on the goals overview, an
indicator with its chart and table, the survey explorer (default and
weighted by neighbourhood), the participation page, the open answers and
the printable status report; plus the public results page. The chart
draws from its JSON (Chart.js, vendored) and its table is always there."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from cms.demo import participation, synthetic, themes
from participation.associations.access import COUNCIL_GROUP
from participation.council.models import Indicator, Release
from surveys.models import Survey, Wave
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
    """The demo with what the council reads: 300 responses, the
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
