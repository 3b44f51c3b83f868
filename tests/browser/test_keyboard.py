"""The demo survey answered with the keyboard alone (SPEC §4.6), on a phone-
sized window, in left-to-right and right-to-left scripts, with and without
JavaScript: Tab and Shift+Tab to move, Space and the arrow keys to choose,
typing into the boxes and Enter on the primary button. No mouse, and nothing
is filled in that focus did not reach by Tab."""

import pytest
from playwright.sync_api import Page, expect

from surveys.models import Answer, SurveyResponse
from tests.browser.helpers import (
    FORM,
    RECEIPT,
    TEXT_ANSWER,
    is_rtl,
    on_thanks,
    step_code,
    survey_url,
)
from tests.pool import flush

pytestmark = [
    pytest.mark.browser,
    # pytest-playwright's own base_url fixture trips this pytest 9 deprecation.
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods"
    ),
]

MAX_TABS = 80  # more Tab presses than any step has stops

FOCUSED_JS = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(),
    type: (e.type || '').toLowerCase(),
    name: e.getAttribute('name') || '',
    value: e.value || '',
    checked: !!e.checked,
    inForm: !!e.closest('form.survey-form'),
    primary: e.matches('form.survey-form button.primary'),
    back: e.matches('form.survey-form button[value=back]'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    label: (e.labels && e.labels[0] ? e.labels[0].innerText : e.innerText || '')
      .trim().slice(0, 60),
  };
}"""

# The controls a resident can use on the step, in document order up to the
# primary button: their names (radio groups by name, buttons by name:value).
CONTROLS_JS = """() => {
  const all = Array.from(document.querySelectorAll(
    'form.survey-form input, form.survey-form textarea, form.survey-form button'));
  const usable = all.filter(e => e.type !== 'hidden' && e.tabIndex >= 0 &&
    e.getClientRects().length);
  const end = usable.findIndex(e => e.matches('button.primary'));
  return usable.slice(0, end + 1).map(e =>
    e.getAttribute('name') + (e.tagName === 'BUTTON' ? ':' + e.value : ''));
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED_JS)


def tab(page: Page, key: str = "Tab") -> dict:
    page.keyboard.press(key)
    element = focused(page)
    if element["tag"] != "body":
        # WCAG 2.4.7: wherever focus lands, it shows.
        assert element["outline"], f"no visible focus on {element}"
    return element


def press_and_wait(page: Page, key: str) -> None:
    """Press a key that submits the form and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def progress(page: Page) -> int:
    return int(page.locator("progress").get_attribute("value"))


def tab_to_primary(page: Page) -> dict:
    """Tab from wherever focus is to the form's primary button."""
    for _ in range(MAX_TABS):
        element = tab(page)
        if element["primary"]:
            return element
    raise AssertionError(f"Tab never reached the primary button on {page.url}")


def answer_by_keyboard(page: Page, number: str = "3") -> dict[str, str]:
    """Tab through this step from the top of the page, answer every question
    focus reaches (typing ``number`` into number boxes), stop on the primary
    button. Returns what was chosen (name -> value of the radio or first
    checkbox; typed text)."""
    expected = set(page.evaluate(CONTROLS_JS))
    reached: set[str] = set()
    chosen: dict[str, str] = {}
    for _ in range(MAX_TABS):
        element = tab(page)
        if not element["inForm"]:
            continue  # skip link, header, language switcher
        name, kind = element["name"], element["type"]
        reached.add(
            name + (":" + element["value"] if element["tag"] == "button" else "")
        )
        if element["primary"]:
            break
        assert element["tag"] != "button", f"a button before the primary one: {element}"
        if kind == "radio":
            # Tab enters a group with nothing chosen on its first option.
            assert not element["checked"], element
            page.keyboard.press("Space")
            element = focused(page)
            if len(chosen) % 2:
                # Every other group: the arrow key moves on and chooses.
                page.keyboard.press("ArrowDown")
                moved = focused(page)
                assert moved["name"] == name and moved["value"] != element["value"]
                element = moved
            assert element["checked"], element
            chosen[name] = element["value"]
        elif kind == "checkbox" and name not in chosen:
            page.keyboard.press("Space")
            element = focused(page)
            assert element["checked"], element
            chosen[name] = element["value"]
        elif element["tag"] == "textarea":
            page.keyboard.type(TEXT_ANSWER)
            chosen[name] = TEXT_ANSWER
        elif kind == "text" and name.startswith("q_"):
            page.keyboard.type(number)
            chosen[name] = number
    else:
        raise AssertionError(f"Tab never reached the primary button on {page.url}")
    # Everything up to the primary button is reachable by Tab.
    missing = expected - reached
    assert not missing, f"not reachable by Tab on step {step_code(page)}: {missing}"
    return chosen


def assert_shown(page: Page, chosen: dict[str, str]) -> None:
    """The step shows these answers (what answer_by_keyboard returned)."""
    for name, value in chosen.items():
        field = page.locator(f'{FORM} [name="{name}"]')
        if field.first.get_attribute("type") in ("radio", "checkbox"):
            field = page.locator(f'{FORM} input[name="{name}"][value="{value}"]')
            expect(field).to_be_checked()
        else:
            expect(field).to_have_value(value)


def go_back_and_return(page: Page, earlier: dict[str, str], here: dict[str, str]):
    """Focus is on Next. Tab on to Back, Shift+Tab returns to Next, Tab to
    Back again, Enter: the previous step still shows its answers. Then Tab to
    Next and Enter: this step's answers are kept too."""
    code = step_code(page)
    assert tab(page)["back"]
    assert tab(page, "Shift+Tab")["primary"]
    assert tab(page)["back"]
    press_and_wait(page, "Enter")
    assert step_code(page) != code
    assert_shown(page, earlier)
    tab_to_primary(page)
    press_and_wait(page, "Enter")
    assert step_code(page) == code
    assert_shown(page, here)
    tab_to_primary(page)


def correct_by_keyboard(page: Page, chosen: dict[str, str], name: str) -> None:
    """A step came back with an error for the number box ``name``: nothing
    typed or chosen is lost; Tab reaches the error summary's link, Enter on it
    puts focus in the box, the answer is typed again and sent."""
    expect(page.locator(".error-summary")).to_be_visible()
    assert_shown(page, chosen)
    for _ in range(MAX_TABS):
        element = tab(page)
        if element["inForm"]:
            break
    assert element["tag"] == "a", f"the first stop in the form is {element}"
    page.keyboard.press("Enter")  # a link within the page: no new page
    element = focused(page)
    assert element["name"] == name, f"the error link put focus on {element}"
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("3")
    # Enter in a text box sends the form with its first button, which must be
    # Next (not Back): the survey moves on one step.
    step = progress(page)
    press_and_wait(page, "Enter")
    assert on_thanks(page) or progress(page) == step + 1


def complete_by_keyboard(page: Page, url: str) -> str:
    page.goto(url)
    # The first Tab stop is the skip link; it shows when focused, and Enter
    # on it moves focus past the header into the main content.
    tab(page)
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["y"] >= 0, "the focused skip link is off screen"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # Consent: "I agree" is the first button.
    assert step_code(page) == "consent"
    answer_by_keyboard(page)
    press_and_wait(page, "Enter")
    answers: list[dict[str, str]] = []
    corrected = False
    while not on_thanks(page):
        assert len(answers) < 20, "the survey never ended"
        assert page.locator(".error-summary").count() == 0, step_code(page)
        # Until one has been corrected, number boxes get a wrong answer.
        answers.append(answer_by_keyboard(page, number="3" if corrected else "abc"))
        if len(answers) == 2:
            go_back_and_return(page, answers[0], answers[1])
        press_and_wait(page, "Enter")
        wrong = [name for name, value in answers[-1].items() if value == "abc"]
        if wrong:
            correct_by_keyboard(page, answers[-1], wrong[0])
            corrected = True
    assert corrected, "no step asked for a number"
    assert len(answers) >= 6
    return page.locator(".receipt").inner_text().strip()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("code", ["da", "ar", "so", "ti"])
def test_survey_can_be_completed_with_the_keyboard(site, new_context, code, javascript):
    page = new_context(java_script_enabled=javascript).new_page()
    receipt = complete_by_keyboard(page, survey_url(site, code))
    assert RECEIPT.match(receipt), receipt
    html = page.locator("html")
    assert html.get_attribute("lang") == code
    assert html.get_attribute("dir") == ("rtl" if is_rtl(code) else "ltr")
    # What was typed and chosen arrived, in this language.
    flush()
    response = SurveyResponse.objects.get()
    assert response.language == code
    assert (
        Answer.objects.get(response=response, question__code="hours_month").number == 3
    )
    assert Answer.objects.filter(text=TEXT_ANSWER).count() == 2
