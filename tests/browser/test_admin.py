"""The Wagtail admin in a real browser under the site's Content-Security-
Policy: staff can edit a question with its choices,
which needs the admin's inline scripts; nothing on the page is blocked."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from surveys.models import Question
from tests.participation.factories import UserFactory, give_totp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods"
    ),
]


def test_staff_edit_a_question_with_its_choices_in_the_admin(site, new_context):
    staff = UserFactory(is_staff=True, is_superuser=True)
    give_totp(staff)
    client = Client()
    client.force_login(staff)
    context = new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )
    page = context.new_page()
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: (
            blocked.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )
    question = Question.objects.filter(kind="multi").order_by("pk").first()
    page.add_init_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(f"{site}/admin/snippets/surveys/question/edit/{question.pk}/")
    total = page.locator("#id_choices-TOTAL_FORMS")
    before = int(total.input_value())
    # The choices' inline panel is drawn by the admin's scripts: its "add"
    # button only adds a form when they run.
    page.locator("#id_choices-ADD").click()
    expect(total).to_have_value(str(before + 1))
    expect(page.locator(f"#inline_child_choices-{before}")).to_be_visible()
    assert page.evaluate("window.__csp") == []
    assert blocked == []
