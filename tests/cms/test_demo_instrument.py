"""The demo's survey instrument, imported from its XLSForm
(cms/demo/instrument.py, cms/demo/data/medborger-demo.xlsform.csv).

Until the move to XLSForm the instrument was a Python dict. The expected
values below were taken from the survey that dict built (a canonical dump of
it, made before the move): the steps, questions, choices and their codes,
kinds, bounds, conditions and roles as they stand here, and every text in
every language as one fingerprint per language. The survey's codes are what
the demo's responses, tables, themes and indicators are stored against.
Changing a text of the demo on purpose changes its language's fingerprint:
update TEXT_FINGERPRINTS then, in the same commit.
"""

import hashlib
import json
from dataclasses import dataclass

import pytest
from django.conf import settings

from cms.demo import instrument
from cms.demo.loader import build_survey
from surveys import translation_review, xlsform
from surveys.models import Question, Survey, TranslationReview

pytestmark = pytest.mark.django_db

LANGS = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Q:
    """A question as this test expects it (defaults: the model's)."""

    code: str
    kind: str
    required: bool = False
    dont_know: bool = False
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = 2000
    role: str = ""
    show_if: tuple[str, str] | None = None
    choices: tuple[str, ...] = ()
    exclusive: tuple[str, ...] = ()


# fmt: off
SECTIONS = {
    "represented": [
        Q("represented_local", "agree"),
        Q("represented_decisions", "agree"),
        Q("council_known", "yesno", dont_know=True),
    ],
    "included": [
        Q("trust_people", "agree"),
        Q("community_belong", "agree"),
        Q("influence_local", "agree"),
        Q("discrimination_12m", "yesno", dont_know=True),
    ],
    "discrimination": [
        Q("discrimination_where", "multi", show_if=("discrimination_12m", "yes"),
          choices=("work", "education", "housing", "authorities", "health",
                   "shops", "public_space", "online", "association", "other")),
    ],
    "taking_part": [
        Q("member_association", "yesno"),
        Q("volunteer_12m", "yesno"),
    ],
    "taking_part_more": [
        Q("association_kinds", "multi", show_if=("member_association", "yes"),
          choices=("sport", "culture", "religious", "volunteering", "residents",
                   "parents", "other")),
        Q("boards", "multi",
          choices=("school", "daycare", "housing", "association", "local_council",
                   "none"),
          exclusive=("none",)),
        Q("hours_month", "number", min_value=0, max_value=300),
        Q("barriers", "multi",
          choices=("language", "money", "time", "not_invited", "not_knowing",
                   "discrimination", "other", "nothing"),
          exclusive=("nothing",)),
    ],
    "your_voice": [
        Q("more_represented", "text"),
        Q("anything_else", "text"),
    ],
    "background": [
        Q("born_dk", "yesno", dont_know=True, role="born_dk"),
        Q("citizen_dk", "yesno", dont_know=True, role="citizen_dk"),
        Q("mother_dk", "yesno", dont_know=True, role="mother_dk"),
        Q("father_dk", "yesno", dont_know=True, role="father_dk"),
        Q("country_group", "single", role="country_group",
          choices=("western", "non_western", "not_relevant")),
    ],
    "background_more": [
        Q("years_in_dk", "number", min_value=0, max_value=100, role="years_in_dk",
          show_if=("born_dk", "no")),
        Q("age_band", "single", role="age_band",
          choices=("under_18", "18_29", "30_49", "50_64", "65_plus")),
        Q("gender", "single", role="gender",
          choices=("woman", "man", "other", "prefer_not")),
        Q("neighbourhood", "single", role="neighbourhood",
          choices=("aalborg_ost", "centrum", "vestbyen", "norresundby", "hasseris",
                   "vejgaard", "gug", "svenstrup", "other")),
    ],
}
# fmt: on

# sha256 of every text of the survey in one language, in survey order
# (``texts_in``), as the dict-built demo survey had them.
TEXT_FINGERPRINTS = {
    "da": "8cb4abd8b2c9b894abac466533327bb6a88ac3e3cb232d4e6ccce2455a7998ff",
    "en": "0e764754ae02a5decca5146c9279da5929d8410a05d7ad90e192523e57c5d0ee",
    "ar": "4bf8b6e988f8f3c49ca5a5a4913281455da568d9c3201d80a8e3293e468c3648",
    "fa": "d2d73daf9df68d70ca1c8ac68eed9fc305bd0d92f023a7fb2143b8ab17c909c9",
    "so": "c9809667dace6838d2ac246613345cfbd44fdfac8586e4d1be05c09c3e02a7a8",
    "tr": "7da7d6a9a5d1f07219e2f9f3768d52a4b0897e7cc6d79374771478cf635a3419",
    "uk": "e86fd48a7840ab6b525eea22e7663142b92229a7280235390779eb989fbef4ed",
    "ti": "6af4d25f493bfc45cbb8938a56e389565215a60fb0f497c46f5706f4e73f93eb",
    "pl": "cad48cc47fbd54ccdc51614dd39a2c2f76d6dc7bf3e5580479ca39e2000a429a",
}


def _texts(obj) -> dict[str, dict[str, str]]:
    return {
        f: {code: getattr(obj, f"{f}_{code}") or "" for code in LANGS}
        for f in obj.translated_fields
    }


def instrument_dump(survey: Survey) -> dict:
    """The survey as plain, JSON-ready values, codes in place of database ids:
    everything a resident, the council's tables or the demo's generators can
    tell apart, so two surveys built different ways compare equal when they
    are the same instrument."""
    names: dict[tuple[str, int], str] = {("survey", survey.pk): ""}
    sections = []
    for section in survey.sections.order_by("sort_order", "pk"):
        names[("section", section.pk)] = section.code
        questions = []
        for question in section.questions.order_by("sort_order", "pk"):
            names[("question", question.pk)] = question.code
            choices = []
            for choice in question.choices.order_by("sort_order", "pk"):
                names[("choice", choice.pk)] = f"{question.code}/{choice.code}"
                choices.append(
                    {"code": choice.code, "exclusive": choice.exclusive}
                    | _texts(choice)
                )
            parent = question.condition_question
            questions.append(
                {
                    "code": question.code,
                    "kind": question.kind,
                    "required": question.required,
                    "dont_know": question.dont_know,
                    "min_value": question.min_value,
                    "max_value": question.max_value,
                    "max_length": question.max_length,
                    "background_role": question.background_role,
                    "condition": (
                        [parent.code, question.condition_values] if parent else None
                    ),
                    **_texts(question),
                    "choices": choices,
                }
            )
        sections.append(
            {"code": section.code, **_texts(section), "questions": questions}
        )
    reviews = sorted(
        [model, names[(model, object_id)], field, language]
        for model, object_id, field, language in TranslationReview.objects.filter(
            survey=survey
        ).values_list("model", "object_id", "field", "language")
    )
    return {
        "code": survey.code,
        **_texts(survey),
        "requires_invitation": survey.requires_invitation,
        "languages_forced": sorted(survey.languages_forced),
        "free_text_retention_months": survey.free_text_retention_months,
        "response_retention_years": survey.response_retention_years,
        "sections": sections,
        "reviews": reviews,
    }


def structure(dump: dict) -> dict[str, list[Q]]:
    return {
        section["code"]: [
            Q(
                q["code"],
                q["kind"],
                required=q["required"],
                dont_know=q["dont_know"],
                min_value=q["min_value"],
                max_value=q["max_value"],
                max_length=q["max_length"],
                role=q["background_role"],
                show_if=tuple(q["condition"]) if q["condition"] else None,
                choices=tuple(c["code"] for c in q["choices"]),
                exclusive=tuple(c["code"] for c in q["choices"] if c["exclusive"]),
            )
            for q in section["questions"]
        ]
        for section in dump["sections"]
    }


def text_fields(dump: dict):
    """(where, {language: text}) for every translated text, in survey order."""
    for field in Survey.translated_fields:
        yield f"survey.{field}", dump[field]
    for section in dump["sections"]:
        for field in ("title", "intro"):
            yield f"{section['code']}.{field}", section[field]
        for question in section["questions"]:
            for field in ("text", "help_text"):
                yield f"{question['code']}.{field}", question[field]
            for choice in question["choices"]:
                yield f"{question['code']}/{choice['code']}", choice["label"]


def texts_in(dump: dict, language: str) -> str:
    texts = {where: values[language] for where, values in text_fields(dump)}
    data = json.dumps(texts, ensure_ascii=False, sort_keys=False)
    return hashlib.sha256(data.encode()).hexdigest()


def test_the_demo_form_imports_with_nothing_left_out():
    report = xlsform.xlsform_import(
        data=instrument.FORM.read_bytes(), filename=instrument.FORM.name
    )
    assert report.ok, [str(error) for error in report.errors]
    # Nothing in the file was read and dropped, nothing filled in for it.
    assert [str(note) for note in report.notes] == []
    assert report.survey.code == instrument.CODE


def test_the_demo_survey_is_the_instrument_the_dict_built():
    survey = build_survey()
    dump = instrument_dump(survey)
    assert dump["code"] == "representation"
    assert structure(dump) == SECTIONS
    assert {
        language: texts_in(dump, language) for language in LANGS
    } == TEXT_FINGERPRINTS
    # Every translation is machine-made, and offered anyway.
    assert dump["reviews"] == []
    assert dump["languages_forced"] == sorted(set(LANGS) - {"da"})
    assert all(translation_review.is_offered(survey, code) for code in LANGS)
    assert (
        dump["requires_invitation"],
        dump["free_text_retention_months"],
        dump["response_retention_years"],
    ) == (False, None, None)


def test_every_text_is_there_in_all_nine_languages_or_in_none():
    dump = instrument_dump(build_survey())
    for where, values in text_fields(dump):
        filled = {language for language, text in values.items() if text.strip()}
        assert filled in (set(LANGS), set()), where
    for where in ("survey.title", "survey.intro", "survey.consent", "survey.thanks"):
        assert dict(text_fields(dump))[where]["da"], where
    # The consent page shows one paragraph per point (blank lines survive).
    for language in LANGS:
        assert dump["consent"][language].count("\n\n") == 5, language


def test_the_neighbourhoods_read_from_the_form_are_the_survey_choices():
    survey = build_survey()
    question = Question.objects.get(survey=survey, background_role="neighbourhood")
    expected = [
        {
            "code": choice.code,
            "label": {code: getattr(choice, f"label_{code}") for code in LANGS},
        }
        for choice in question.choices.order_by("sort_order")
    ]
    assert instrument.neighbourhood_choices() == expected
