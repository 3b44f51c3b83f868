"""Complete the demo survey step by step in every language, the way a browser
without JavaScript would: keep every hidden input, tick the first option of
each question, type into text boxes, press the first (primary) button."""

import re
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from surveys.models import Answer, SurveyResponse
from tests.pool import flush

pytestmark = pytest.mark.django_db

RECEIPT = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")


def fill(form) -> dict[str, list[str]]:
    """What a resident's browser posts for this step."""
    data: dict[str, list[str]] = {}
    for element in form.find_all(["input", "textarea"]):
        name, kind = element.get("name"), element.get("type", "textarea")
        if not name or element.find_parent(class_="hp"):
            continue  # nameless, or the honeypot nobody sees
        if kind == "hidden":
            data.setdefault(name, []).append(element.get("value", ""))
        elif kind in ("radio", "checkbox"):
            data.setdefault(name, [element["value"]])  # the first option
        elif element.name == "textarea":
            data[name] = ["Flere møder om aftenen"]
        else:
            data[name] = ["3"]
    button = form.find("button")  # the primary action comes first
    data[button["name"]] = [button["value"]]
    return data


def walk(client, url: str) -> tuple[str, int]:
    """Answer every step; returns (receipt code, number of steps seen)."""
    page = client.get(url)
    steps = 0
    while True:
        assert page.status_code == HTTPStatus.OK
        soup = BeautifulSoup(page.content, "html.parser")
        receipt = soup.find(class_="receipt")
        if receipt is not None:
            return receipt.get_text(strip=True), steps
        assert soup.find("html")["lang"] == url.split("/")[1]
        assert not soup.find(class_="error-summary"), soup.find(class_="error-summary")
        steps += 1
        assert steps < 20, "the survey never ended"
        page = client.post(url, fill(soup.find("form", class_="survey-form")))


def test_demo_survey_can_be_completed_in_every_language(client, demo_pages):
    for code, _name in settings.LANGUAGES:
        receipt, steps = walk(client, f"/{code}/survey/")
        assert RECEIPT.match(receipt), code
        assert steps >= 6, code  # consent and the sections shown
    flush()
    assert SurveyResponse.objects.count() == len(settings.LANGUAGES)
    # Everyone answered represented_local with the first scale point: one code.
    counts = Answer.objects.filter(question__code="represented_local").values_list(
        "choice", flat=True
    )
    assert list(counts) == ["1"] * len(settings.LANGUAGES)
    texts = Answer.objects.filter(question__code="more_represented")
    assert texts.count() == len(settings.LANGUAGES)
