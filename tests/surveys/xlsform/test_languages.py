"""Which of our languages the columns of a form hold
(surveys/xlsform/languages.py): a form in another default language fills
the Danish texts, and ``default_language`` names the columns without one."""

import pytest

from surveys import xlsform
from surveys.models import Question
from tests.surveys.xlsform.helpers import notes_text, xlsx

pytestmark = pytest.mark.django_db


def test_a_french_default_language_fills_the_danish_texts():
    data = xlsx(
        {
            "survey": [
                [
                    "type",
                    "name",
                    "label::Français (fr)",
                    "label::English (en)",
                    "label::Somali (so)",
                    "hint::Français (fr)",
                ],
                [
                    "select_one yn",
                    "ok",
                    "Ça va ?",
                    "All right?",
                    "Ma fiican tahay?",
                    "Répondez",
                ],
            ],
            "choices": [
                ["list_name", "name", "label::Français (fr)", "label::English (en)"],
                ["yn", "yes", "Oui", "Yes"],
                ["yn", "no", "Non", "No"],
            ],
            "settings": [["form_id", "default_language"], ["ca-va", "Français (fr)"]],
        }
    )
    report = xlsform.xlsform_import(data=data, filename="f.xlsx")
    assert report.ok, report.errors
    question = Question.objects.get(survey=report.survey, code="ok")
    assert question.text_da == "Ça va ?"
    assert question.help_text_da == "Répondez"
    assert question.text_en == "All right?"
    assert question.text_so == "Ma fiican tahay?"
    assert list(question.choices.values_list("label_da", "label_en")) == [
        ("Oui", "Yes"),
        ("Non", "No"),
    ]
    assert "“Français (fr)”" in notes_text(report)
    assert "Danish" in notes_text(report)


def test_a_danish_default_language_names_the_columns_without_a_language():
    data = xlsx(
        {
            "survey": [
                ["type", "name", "label", "label::English (en)"],
                ["text", "navn", "Hvad hedder din forening?", "Your association?"],
            ],
            "settings": [["form_id", "default_language"], ["dansk", "Dansk (da)"]],
        }
    )
    report = xlsform.xlsform_import(data=data, filename="d.xlsx")
    assert report.ok, report.errors
    question = Question.objects.get(survey=report.survey, code="navn")
    assert question.text_da == "Hvad hedder din forening?"
    assert question.text_en == "Your association?"
    assert "no Danish texts" not in notes_text(report)
