"""axe-core (WCAG 2.1 A and AA rules) finds nothing on the pages a resident
sees, in every language and both directions (SPEC §4.6): home, about, the
survey's every step, a step with a validation error, the thank-you page,
withdrawing (empty, a bad code, an unknown code, done), the printable paper
survey and the 404 page."""

from http import HTTPStatus

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    FORM,
    LANGUAGES,
    RECEIPT,
    Audit,
    step_code,
    submit,
    survey_url,
    walk_survey,
)

pytestmark = [
    pytest.mark.browser,
    # pytest-playwright's own base_url fixture trips this pytest 9 deprecation.
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods"
    ),
]

HOURS = "input.number-input[name=q_hours_month]"  # not its hidden copies


def error_step(audit: Audit):
    """Wrap the audit: on the step asking hours_month, first send "abc" and
    audit the step showing the error, then let the walk go on."""

    def on_page(page: Page, label: str) -> None:
        hours = page.locator(f"{FORM} {HOURS}")
        if hours.count():
            hours.fill("abc")
            submit(page)
            expect(page.locator(".error-summary")).to_be_visible()
            expect(page.locator(HOURS)).to_have_attribute("aria-invalid", "true")
            audit(page, f"{step_code(page)} with an error")
            page.locator(HOURS).fill("3")
        audit(page, label)

    return on_page


@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_have_no_axe_violations(site, new_context, code):
    # bypass_csp: axe is injected as an inline script, which the site's CSP
    # (rightly) refuses. The pages themselves run no script at all.
    page = new_context(bypass_csp=True).new_page()
    audit = Audit(code)

    page.goto(f"{site}/{code}/")
    audit(page, "home")
    page.locator(".language-switcher summary").click()
    audit(page, "home, language menu open")
    page.goto(f"{site}/{code}/about/")
    audit(page, "about")
    response = page.goto(f"{site}/{code}/no-such-page/")
    assert response.status == HTTPStatus.NOT_FOUND
    audit(page, "404")
    page.goto(f"{survey_url(site, code)}print/")
    expect(page.locator(".paper-option .box").first).to_be_attached()
    audit(page, "printable survey")

    receipt = walk_survey(page, survey_url(site, code), on_page=error_step(audit))
    assert RECEIPT.match(receipt)
    assert any(label.endswith("with an error") for label in audit.pages)

    withdraw = f"{survey_url(site, code)}withdraw/"
    page.goto(withdraw)
    audit(page, "withdraw")
    page.locator("#id_receipt").fill("not a code")
    submit(page, f"{FORM} button[type=submit]")
    expect(page.locator("#id_receipt")).to_have_attribute("aria-invalid", "true")
    audit(page, "withdraw, bad code")
    page.locator("#id_receipt").fill("AAAA-BBBB-CCCC")
    submit(page, f"{FORM} button[type=submit]")
    audit(page, "withdraw, unknown code")
    page.goto(withdraw)
    page.locator("#id_receipt").fill(receipt)
    submit(page, f"{FORM} button[type=submit]")
    expect(page.locator(".panel.success")).to_be_visible()
    audit(page, "withdrawn")

    assert not audit.findings, audit.report()
