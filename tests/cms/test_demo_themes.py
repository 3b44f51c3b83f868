"""The demo's coded open answers (cms/demo/themes.py): nine themes named in
nine languages, the synthetic free-text answers coded by rule, about a
dozen quotes approved and a few proposed, the same on every load."""

import pytest
from django.conf import settings

from cms.demo import synthetic, themes
from participation.council.coding import (
    approved_quotes,
    text_answers,
    theme_counts_frame,
)
from participation.council.models import AnswerCoding, QuoteStatus, Theme
from tests.demo_db import demo_database, load_coded

LANGS = [code for code, _name in settings.LANGUAGES]


load = load_coded


def snapshot() -> list[tuple]:
    """What the demo coded, in a form that does not depend on row ids."""
    return sorted(
        (
            coding.answer.question.code,
            coding.answer.text,
            coding.answer.response.submitted_on,
            tuple(sorted(t.code for t in coding.themes.all())),
            coding.quote_status,
        )
        for coding in AnswerCoding.objects.select_related(
            "answer__question", "answer__response"
        ).prefetch_related("themes")
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_store):
    """The demo, for this module and gone after it (loaded once per run:
    tests/demo_db.py)."""
    with demo_database("coded", load, blocker=django_db_blocker, store=demo_store):
        yield snapshot()


@pytest.fixture
def coded(demo, db):
    return demo


def test_the_themes_are_named_in_nine_languages(coded):
    assert Theme.objects.count() == len(themes.THEMES) >= 8
    for theme in Theme.objects.all():
        assert all(getattr(theme, f"name_{code}") for code in LANGS), theme.code
        assert theme.description_da and theme.description_en
    assert Theme.objects.get(code="language").name_ar == "اللغة والترجمة الفورية"


def test_every_demo_text_has_a_rule():
    known = {text for texts in synthetic.TEXTS.values() for text in texts}
    assert known == set(themes.RULES)
    codes = {code for code, _names, _descriptions in themes.THEMES}
    assert all(set(rule) <= codes for rule in themes.RULES.values())


def test_most_answers_are_coded_by_their_rule(coded):
    answers = text_answers().count()
    assert answers > 0
    assert 0.7 * answers <= len(coded) < answers  # some are left to code
    for _question, text, _day, codes, _status in coded:
        assert list(codes) == sorted(themes.themes_for(text))


def test_quotes_are_approved_and_proposed(coded):
    statuses = [status for *_rest, status in coded]
    approved = statuses.count(QuoteStatus.APPROVED)
    assert 10 <= approved <= 15
    assert 1 <= statuses.count(QuoteStatus.PENDING) <= 5
    quotes = approved_quotes()
    assert len(quotes) == approved
    assert {q["quote"] for q in quotes} <= set(themes.RULES)


def test_the_council_sees_theme_counts_by_origin(coded):
    frame = theme_counts_frame()
    assert list(frame.columns) == ["theme", "origin", "n"]
    assert {"language", "invited", "meeting-places"} <= set(frame["theme"])
    assert frame["n"].sum() > 0


def test_loading_again_changes_nothing(coded):
    load()
    assert snapshot() == coded


def test_coding_again_with_the_same_seed_gives_the_same_codes(coded):
    AnswerCoding.objects.all().delete()
    counts = themes.code_answers(
        themes={theme.code: theme for theme in Theme.objects.all()}, seed=2023
    )
    assert snapshot() == coded
    assert counts["coded"] == len(coded)
