"""No horizontal scrolling on a narrow phone or when zoomed (WCAG 1.4.4 and
1.4.10, SPEC §4.6), in left-to-right, right-to-left and Ethiopic script; no
text cut off on a phone, Arabic and Tigrinya drawn in their fonts; and
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


#: Text a box cuts off: an element whose content is wider or taller than the
#: box that clips it (overflow hidden or clip, or an ellipsis).
CLIPPED_JS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(style.overflowX)
      || ['hidden', 'clip'].includes(style.overflowY)
      || style.textOverflow === 'ellipsis';
    if (!clips || !el.textContent.trim() || el.offsetParent === null) continue;
    // A visually hidden label (1 px, clipped on purpose) is for screen readers.
    if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      found.push(`${el.tagName.toLowerCase()}.${el.className}: ` +
        `"${el.textContent.trim().slice(0, 40)}" needs ` +
        `${el.scrollWidth}x${el.scrollHeight}, ` +
        `shown ${el.clientWidth}x${el.clientHeight}`);
    }
  }
  return found;
}"""

#: Whether a face of the family is declared and loaded, and draws the sample
#: (document.fonts.check alone is true for a family nobody declared).
FONT_CHECK_JS = """([family, sample]) =>
  [...document.fonts].some(
    face => face.family.replace(/"/g, '') === family && face.status === 'loaded'
  ) && document.fonts.check(`16px "${family}"`, sample)"""

#: The font each script must be drawn in, and a word of it.
SCRIPT_FONTS = {
    "ar": ("Noto Sans Arabic", "مرحبا"),
    "ti": ("Noto Sans Ethiopic", "ሰላም"),
}


@pytest.mark.parametrize("code", ["da", "ar", "so", "ti"])
def test_no_text_is_cut_off_on_a_phone(site, new_context, code):
    """On a 360 px phone, the consent step and the first question step show
    all their text: no box clips what it holds, and Arabic and Tigrinya are
    drawn with the vendored Noto fonts (not boxes). Screenshots are saved
    under test-artifacts/ (not committed) for a person to look over."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    problems: list[str] = []
    page.goto(survey_url(site, code))
    for step in ("1-consent", "2-first-step"):
        page.evaluate("document.fonts.ready")
        problems.extend(f"{step}: {p}" for p in page.evaluate(CLIPPED_JS))
        problems.extend(f"{step}: {p}" for p in horizontal_overflow(page))
        if code in SCRIPT_FONTS:
            family, sample = SCRIPT_FONTS[code]
            loaded = page.evaluate(FONT_CHECK_JS, [family, sample])
            if not loaded:
                problems.append(f"{step}: {family} is not loaded for {sample}")
        page.screenshot(path=ARTIFACTS / f"survey-{code}-{step}.png", full_page=True)
        if step == "1-consent":
            submit(page, PRIMARY)
    page.context.close()
    assert not problems, "\n".join(problems)
