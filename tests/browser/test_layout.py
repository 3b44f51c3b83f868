"""No horizontal scrolling on a narrow phone or when zoomed (WCAG 1.4.4 and
1.4.10, SPEC §4.6), in left-to-right, right-to-left and Ethiopic script; and
screenshots of the survey's first pages for a person to look at."""

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import (
    ARTIFACTS,
    PRIMARY,
    horizontal_overflow,
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

WINDOWS = {
    # WCAG 1.4.10 (reflow): 320 CSS pixels wide, what a 1280 px wide window
    # shows at 400 % zoom, and the narrowest phones.
    "320px": {"viewport": {"width": 320, "height": 640}},
    # WCAG 1.4.4 (resize to 200 %): a 1280 x 800 screen zoomed to 200 % lays
    # out 640 x 400 CSS pixels, each drawn with 2 x 2 device pixels.
    "640px at 200%": {
        "viewport": {"width": 640, "height": 400},
        "device_scale_factor": 2,
    },
}


@pytest.mark.parametrize("code", ["da", "ar", "ti"])
def test_survey_never_scrolls_sideways(site, new_context, code):
    problems: list[str] = []
    for window, options in WINDOWS.items():
        page = new_context(**options).new_page()

        def check(page: Page, label: str, window=window) -> None:
            problems.extend(
                f"{window}, {label}: {problem}" for problem in horizontal_overflow(page)
            )

        walk_survey(page, survey_url(site, code), on_page=check)
        # The language menu, opened, stays inside the window too.
        page.locator(".language-switcher summary").click()
        check(page, "thanks, language menu open")
        page.context.close()
    assert not problems, "\n".join(problems)


def test_screenshots_for_review(site, new_context):
    """The consent step and the first question step on a phone, saved under
    test-artifacts/ (not committed) for a person to look over."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = new_context().new_page()
    for code in ("da", "ar", "so", "ti"):
        page.goto(survey_url(site, code))
        page.screenshot(path=ARTIFACTS / f"survey-{code}-1-consent.png", full_page=True)
        submit(page, PRIMARY)
        page.screenshot(
            path=ARTIFACTS / f"survey-{code}-2-first-step.png", full_page=True
        )
