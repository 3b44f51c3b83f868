"""The representatives' area in a real browser: sign in through allauth's
page, see the association, file a composition report (first with a board
that does not add up), record an activity and try a broken CSV file, with
axe-core on every page, in every language ."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from participation.associations.models import (
    Activity,
    AssociationKind,
    CompositionReport,
    Neighbourhood,
    Status,
)
from tests.browser.helpers import LANGUAGES, Audit
from tests.participation.factories import (
    PASSWORD,
    AssociationFactory,
    NeighbourhoodFactory,
    RepresentationFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods"
    ),
]


def sign_in(page: Page, site: str, code: str, email: str) -> None:
    page.goto(f"{site}/{code}/associations/")
    # Not signed in: sent to allauth's login page, in the same language.
    expect(page).to_have_url(
        f"{site}/{code}/accounts/login/?next=/{code}/associations/"
    )
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()


def save(page: Page) -> None:
    with page.expect_navigation():
        page.locator("form button.primary").first.click()


@pytest.mark.parametrize("code", LANGUAGES)
def test_representative_area_in_every_language(site, new_context, code):
    place = Neighbourhood.objects.order_by("sort_order").first() or (
        NeighbourhoodFactory(code="centrum")
    )
    user = UserFactory()
    association = AssociationFactory(
        name="Fællesskab <i>Øst</i>",
        kind=AssociationKind.CULTURE,
        neighbourhood=place,
        status=Status.APPROVED,
    )
    RepresentationFactory(user=user, association=association, status=Status.APPROVED)
    page = new_context(bypass_csp=True).new_page()
    audit = Audit(code)

    for path, name in (
        ("accounts/signup/", "sign-up"),
        ("accounts/password/reset/", "password reset"),
        ("accounts/login/", "login"),
    ):
        page.goto(f"{site}/{code}/{path}")
        audit(page, name)
    sign_in(page, site, code, user.email)
    expect(page.locator("h1")).to_be_visible()
    audit(page, "my associations")
    for path, name in (("new/", "request a new association"), ("join/", "join")):
        page.goto(f"{site}/{code}/associations/{path}")
        audit(page, name)
    page.goto(f"{site}/{code}/associations/")
    page.locator(f"a[href$='{association.public_id}/']").first.click()
    audit(page, "association")

    page.goto(f"{site}/{code}/associations/{association.public_id}/reports/new/")
    page.locator("#id_board_size").fill("3")
    page.locator("#id_board_danish_woman").fill("1")
    page.locator("#id_members_immigrant_adult").fill("12")
    save(page)
    expect(page.locator("#id_board_size")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_members_immigrant_adult")).to_have_value("12")
    audit(page, "report with an error")
    page.locator("#id_board_immigrant_man").fill("2")
    save(page)
    assert CompositionReport.objects.filter(
        association=association, year=timezone.localdate().year, board_size=3
    ).exists()

    page.goto(f"{site}/{code}/associations/{association.public_id}/activities/new/")
    audit(page, "new activity")
    page.locator("#id_title").fill("Lektiecafé")
    page.locator("#id_date").fill(timezone.localdate().isoformat())
    page.locator("#id_kind").select_option("course")
    page.locator("#id_neighbourhood").select_option(place.code)
    page.locator("#id_participants_total").fill("14")
    page.locator("#id_participants_immigrant").fill("9")
    page.locator("input[name=languages][value=ar]").check()
    save(page)
    assert Activity.objects.get(association=association).participants_unknown == 5

    page.goto(f"{site}/{code}/associations/{association.public_id}/activities/import/")
    audit(page, "import")
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "aktiviteter.csv",
                "mimeType": "text/csv",
                "buffer": b"date,title,kind,neighbourhood,participants_total\n"
                b"tomorrow,X,course,nowhere,3\n",
            }
        ]
    )
    save(page)
    expect(page.locator(".error-summary table")).to_be_visible()
    audit(page, "import with problems")
    assert Activity.objects.filter(association=association).count() == 1

    assert not audit.findings, audit.report()
