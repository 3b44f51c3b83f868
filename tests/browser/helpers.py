"""What the browser tests share: the languages, walking the survey with the
mouse, and finding what sticks out of the window sideways."""

import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

LANGUAGES = [code for code, _name in settings.LANGUAGES]
RECEIPT = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")
FORM = "form.survey-form"
PRIMARY = f"{FORM} button.primary"  # Next / Send answers / I agree
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Typed into every free-text box: Latin letters beyond ASCII, Arabic and
# Ethiopic script, so a keyboard in any of the site's languages is covered.
TEXT_ANSWER = "Flere møder om aftenen – اجتماعات أكثر – ብዙሕ ኣኼባታት"


# SPEC §3.1 names them; not read from Django's LANGUAGES_BIDI, which the
# templates' dir attribute comes from, so the test checks that setting too.
RIGHT_TO_LEFT = {"ar", "fa"}


def is_rtl(code: str) -> bool:
    return code in RIGHT_TO_LEFT


def survey_url(site: str, code: str) -> str:
    return f"{site}/{code}/survey/"


def step_code(page: Page) -> str:
    """The current step's code ("consent", a section code) or "" off the form."""
    step = page.locator(f"{FORM} input[name=step]")
    return step.get_attribute("value") if step.count() else ""


def on_thanks(page: Page) -> bool:
    return page.locator(".receipt").count() > 0


def submit(page: Page, selector: str = PRIMARY) -> None:
    """Click a submit button and wait for the next page."""
    with page.expect_navigation():
        page.locator(selector).click()


def answer_step(page: Page) -> None:
    """Click the first option of every question on this step and fill the
    boxes, as a resident with a mouse or a finger would."""
    form = page.locator(FORM)
    names: set[str] = set()
    for option in form.locator("input[type=radio], input[type=checkbox]").all():
        name = option.get_attribute("name")
        if name not in names:
            names.add(name)
            option.check()
    for box in form.locator("input.number-input").all():
        box.fill("3")
    for box in form.locator("textarea").all():
        box.fill(TEXT_ANSWER)


def walk_survey(page: Page, url: str, on_page=None) -> str:
    """Open the survey, agree, answer every step and send; returns the receipt.

    ``on_page(page, label)`` is called on the consent step, on every step
    after it has been answered and on the thank-you page."""
    page.goto(url)
    assert step_code(page) == "consent", page.url
    if on_page:
        on_page(page, "consent")
    submit(page)
    for _ in range(20):
        if on_thanks(page):
            break
        assert page.locator(".error-summary").count() == 0, step_code(page)
        answer_step(page)
        if on_page:
            on_page(page, step_code(page))
        submit(page)
    else:
        raise AssertionError("the survey never ended")
    if on_page:
        on_page(page, "thanks")
    return page.locator(".receipt").inner_text().strip()


OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    Array.from(e.classList, c => '.' + c).join('');
  const wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.left < -1 || box.right > width + 1) {
      const span = `${Math.round(box.left)}..${Math.round(box.right)}`;
      wide.push(`${name(element)} spans ${span}`);
    }
  }
  const scrollWidth = document.documentElement.scrollWidth;
  return {scrollWidth, innerWidth: width, wide};
}"""


def horizontal_overflow(page: Page) -> list[str]:
    """What makes the page wider than the window: a scroll width beyond the
    window, and (since a right-to-left page cannot scroll past its start edge,
    so scrollWidth misses what sticks out there) visible elements whose box
    leaves the window on either side."""
    result = page.evaluate(OVERFLOW_JS)
    problems = []
    if result["scrollWidth"] > result["innerWidth"]:
        problems.append(
            f"scrollWidth {result['scrollWidth']} > innerWidth {result['innerWidth']}"
        )
    return problems + result["wide"]


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Only violations are reported; axe then skips collecting every passing
    # node, which halves its run time.
    "resultTypes": ["violations"],
}
AXE_RUN = """options => axe.run(document, options).then(result =>
  result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  })))"""


class Audit:
    """Runs axe and the direction check on each page it is shown; collects
    every finding so one report names all of a language's problems."""

    def __init__(self, code: str):
        self.code = code
        self.findings: list[str] = []
        self.pages: list[str] = []

    def __call__(self, page: Page, label: str) -> None:
        self.pages.append(label)
        lang = page.locator("html").get_attribute("lang")
        direction = page.evaluate(
            "getComputedStyle(document.documentElement).direction"
        )
        if lang != self.code:
            self.findings.append(f"{label}: <html lang={lang!r}>")
        expected = "rtl" if is_rtl(self.code) else "ltr"
        if direction != expected:
            self.findings.append(f"{label}: direction is {direction}, not {expected}")
        # The site's Content-Security-Policy forbids inline scripts, which is
        # what add_script_tag inserts; the context bypasses CSP (see below).
        page.add_script_tag(path=AXE)
        for violation in page.evaluate(AXE_RUN, AXE_OPTIONS):
            self.findings.append(
                f"{label} ({page.url}): {violation['id']} [{violation['impact']}] "
                f"{violation['help']}"
            )
            for node in violation["nodes"]:
                self.findings.append(f"    {node['target']}: {node['summary']}")

    def report(self) -> str:
        return f"{self.code}, {len(self.pages)} pages:\n" + "\n".join(self.findings)
