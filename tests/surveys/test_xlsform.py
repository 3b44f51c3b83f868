"""Survey definitions as XLSForm (issue 6 §1): import of public XLSForms made
elsewhere, clear reports of what cannot be represented, nothing imported
from a broken file, the export with all nine languages and review states,
and the round trip export → update that changes only what was edited."""

import io
from http import HTTPStatus
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from surveys import translation_review, xlsform
from surveys.models import (
    Choice,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyResponse,
    TranslationReview,
)
from tests.admin_helpers import refused, staff_with
from tests.conftest import build_site, post_step, start
from tests.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Reports and admin pages are read in English here (staff_with's users
    have an English admin), whatever the Danish catalogue says."""
    with translation.override("en"):
        yield


_HERE = Path(__file__).resolve()
# The public forms of ../shared/fixtures/xlsform/ (pyxform's own test files,
# BSD-2-Clause), copied beside this file so a clean checkout has them.
FIXTURES = _HERE.parent / "data" / "xlsform"


LANGS = ["da", "en", "ar", "fa", "so", "tr", "uk", "ti", "pl"]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx workbook with these sheets (rows of cell values)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def notes_text(report) -> str:
    return "\n".join(str(note) for note in report.notes)


def import_fixture(name: str, **kwargs):
    report = xlsform.xlsform_import(data=fixture(name), filename=name, **kwargs)
    assert report.ok, [str(e) for e in report.errors]
    return report


# --- The public fixtures -----------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "flat_xlsform_test.xlsx",
        "or_other.xlsx",
        "table-list.xls",
        "cascading_select_test_equivalent.xls",
        "widgets.csv",
        "yes_or_no_question.csv",
        "utf_csv.csv",
    ],
)
def test_every_public_fixture_imports_with_a_report(name):
    report = import_fixture(name)
    survey = report.survey
    assert Survey.objects.filter(pk=survey.pk).exists()
    assert Question.objects.filter(survey=survey).exists()
    assert report.summary
    # Nothing was filled in silently: the missing consent text is reported.
    assert "consent" in notes_text(report)


def test_flat_form_maps_groups_types_and_reports_the_rest():
    report = import_fixture("flat_xlsform_test.xlsx")
    survey = report.survey
    notes = notes_text(report)
    sections = list(
        survey.sections.order_by("sort_order").values_list("code", flat=True)
    )
    # Groups become steps; questions outside a group, and after a nested
    # group, get a step of their own.
    assert sections == [
        "part-1",
        "everything",
        "group_test",
        "labeled_select_group",
        "name",
        "everything-2",
        "part-2",
    ]
    assert survey.code == "flat-test"
    required = Question.objects.get(survey=survey, code="required_text")
    assert required.kind == QuestionKind.TEXT and required.required
    multi = Question.objects.get(survey=survey, code="select_multiple_test")
    assert multi.kind == QuestionKind.MULTI
    assert list(multi.choices.values_list("code", "label_da")) == [
        ("yes", "Yes"),
        ("no", "No"),
    ]
    assert Question.objects.get(survey=survey, code="a_integer").kind == "number"
    # English is the only language of ours: it fills Danish and English.
    name = Question.objects.get(survey=survey, code="my_name")
    assert name.text_da == name.text_en == "Enter your name"
    assert "chinese" in notes and "not imported" in notes
    assert "english" in notes and "Danish" in notes
    # What cannot be represented is named with its row.
    assert "row 14" in notes and "Decimal numbers are not supported" in notes
    assert "not(selected(${skip_to_end}, 'yes'))" in notes
    assert "Media are not supported" in notes
    assert "“start” collects data about the device" in notes
    assert "“calculate” is not supported" in notes
    assert "sheet “columns”" in notes and "ignored" in notes
    assert not Question.objects.filter(survey=survey, code="a_decimal").exists()
    assert not Question.objects.filter(
        survey=survey, condition_question__isnull=False
    ).exists()


def test_or_other_and_choice_filter_are_reported():
    report = import_fixture("or_other.xlsx")
    notes = notes_text(report)
    assert "“or_other” is not supported" in notes
    assert "choice_filter" in notes
    colour = Question.objects.get(survey=report.survey, code="fav_color")
    assert colour.kind == QuestionKind.SINGLE
    assert list(colour.choices.values_list("code", flat=True)) == [
        "red",
        "green",
        "blue",
        "mauve",
        "apricot",
    ]
    assert "or_other" in report.survey.title_da


def test_legacy_xls_table_list_keeps_groups_hints_and_the_first_note():
    report = import_fixture("table-list.xls")
    survey = report.survey
    assert survey.intro_da == "Table-list tests"
    first = survey.sections.get(code="table_list_test2")
    assert first.title_da == "Table (made with an easier method)"
    assert first.intro_da == "This is a user-defined hint for the 1st row"
    brian = Question.objects.get(survey=survey, code="happy_sad_brian")
    assert brian.kind == QuestionKind.MULTI
    assert brian.help_text_da == "This is a user-defined hint for the 2nd row"
    # Choices with only an image get their code as label, and it is said.
    assert list(brian.choices.values_list("label_da", flat=True)) == ["happy", "sad"]
    notes = notes_text(report)
    assert "no label in the default language" in notes
    assert "Media are not supported" in notes


def test_cascading_selects_are_imported_without_their_conditions():
    report = import_fixture("cascading_select_test_equivalent.xls")
    survey = report.survey
    notes = notes_text(report)
    assert Question.objects.filter(survey=survey).count() == 7
    assert "“calculate” is not supported" in notes
    # All questions share one step, so conditions cannot be mapped; each is
    # named, none is dropped silently.
    assert "same step" in notes and "${mylga_zone}='zone_1'" in notes
    assert "“mylga_state” is not an imported question" in notes
    assert not Question.objects.filter(
        survey=survey, condition_question__isnull=False
    ).exists()


def test_csv_forms_are_read():
    widgets = import_fixture("widgets.csv").survey
    number = Question.objects.get(survey=widgets, code="my_int")
    assert (number.kind, number.min_value, number.max_value) == ("number", None, 9)
    assert Question.objects.get(survey=widgets, code="my_select").kind == "multi"
    good_day = import_fixture("yes_or_no_question.csv").survey
    question = Question.objects.get(survey=good_day, code="good_day")
    assert question.text_en == question.text_da == "have you had a good day today?"
    emoji = import_fixture("utf_csv.csv").survey
    assert "🍔" in Question.objects.get(survey=emoji, code="burger_toppings").text_da


def test_a_csv_form_with_our_own_texts_sheet_is_read():
    """pyxform's CSV reader fails on sheets it does not know; the check with
    pyxform must not refuse a CSV form for carrying medborger_texts."""
    texts = '"medborger_texts","name","label::Danish (da)"\n,"consent","Samtykke"\n'
    data = fixture("yes_or_no_question.csv") + texts.encode()
    report = xlsform.xlsform_import(data=data, filename="good_day.csv")
    assert report.ok, [str(e) for e in report.errors]
    assert report.survey.consent_da == "Samtykke"
    assert "consent" not in notes_text(report)


def test_importing_the_same_form_twice_needs_another_code():
    import_fixture("or_other.xlsx")
    again = xlsform.xlsform_import(
        data=fixture("or_other.xlsx"), filename="or_other.xlsx"
    )
    assert not again.ok
    assert "exists already" in str(again.errors[0])
    other = import_fixture("or_other.xlsx", code="colours-2")
    assert other.survey.code == "colours-2"


# --- Forms made here ---------------------------------------------------------

CHOICES = [
    ["list_name", "name", "label::English (en)", "label::Dansk (da)"],
    ["yn", "yes", "Yes", "Ja"],
    ["yn", "no", "No", "Nej"],
    ["kinds", "sport", "Sport", "Sport"],
    ["kinds", "culture", "Culture", "Kultur"],
]


def conditional_form() -> bytes:
    return xlsx(
        {
            "survey": [
                [
                    "type",
                    "name",
                    "label::English (en)",
                    "label::Dansk (da)",
                    "required",
                    "relevant",
                    "constraint",
                ],
                ["begin group", "one", "One", "Et", "", "", ""],
                ["select_one yn", "member", "Member?", "Medlem?", "yes", "", ""],
                ["end group", "", "", "", "", "", ""],
                ["begin group", "two", "Two", "To", "", "", ""],
                [
                    "select_multiple kinds",
                    "kinds",
                    "Kinds",
                    "Slags",
                    "",
                    "selected(${member}, 'yes')",
                    "",
                ],
                ["integer", "age", "Age", "Alder", "true", "", ". >= 0 and . <= 120"],
                ["text", "why", "Why?", "Hvorfor?", "", "${member} != 'no'", ""],
                ["select_one yn", "same", "Same?", "Samme?", "", "", ""],
                ["text", "later", "Later", "Senere", "", "${same} = 'yes'", ""],
                ["end group", "", "", "", "", "", ""],
                [
                    "begin group",
                    "three",
                    "Three",
                    "Tre",
                    "",
                    "${member} = 'yes' or ${member} = 'no'",
                    "",
                ],
                ["text", "more", "More", "Mere", "", "", "string-length(.) <= 200"],
                ["end group", "", "", "", "", "", ""],
            ],
            "choices": CHOICES,
            "settings": [["form_title", "form_id"], ["Members", "members"]],
        }
    )


def test_simple_conditions_bounds_and_required_are_mapped():
    report = xlsform.xlsform_import(data=conditional_form(), filename="m.xlsx")
    assert report.ok, report.errors
    survey = report.survey
    kinds = Question.objects.get(survey=survey, code="kinds")
    assert kinds.condition_question.code == "member"
    assert kinds.condition_codes == {"yes"}
    age = Question.objects.get(survey=survey, code="age")
    assert (age.min_value, age.max_value, age.required) == (0, 120, True)
    # A group's simple condition applies to the questions in it.
    more = Question.objects.get(survey=survey, code="more")
    assert more.condition_question.code == "member"
    assert more.condition_codes == {"yes", "no"}
    assert more.max_length == 200
    notes = notes_text(report)
    # Not simple, or on the same step: reported, shown always.
    assert "${member} != 'no'" in notes and "shown always" in notes
    assert "same step" in notes and "“later”" in notes
    assert Question.objects.get(survey=survey, code="why").condition_question is None
    assert Question.objects.get(survey=survey, code="later").condition_question is None
    assert survey.title_da == "Members"
    assert survey.sections.get(code="two").title_da == "To"
    assert survey.sections.get(code="two").title_en == "Two"


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


def test_repeats_and_nested_groups_become_steps_and_are_reported():
    data = xlsx(
        {
            "survey": [
                ["type", "name", "label", "hint"],
                ["note", "welcome", "Velkommen", ""],
                ["begin_group", "outer", "Ydre", "Om dig"],
                ["note", "outer_note", "Læs dette først", ""],
                ["text", "a", "A?", ""],
                ["begin repeat", "children", "Børn", ""],
                ["integer", "age", "Alder?", ""],
                ["end repeat", "", "", ""],
                ["text", "b", "B?", ""],
                ["end_group", "", "", ""],
            ]
        }
    )
    report = xlsform.xlsform_import(data=data, filename="nested.xlsx")
    assert report.ok, report.errors
    survey = report.survey
    assert survey.intro_da == "Velkommen"
    steps = list(survey.sections.order_by("sort_order"))
    assert [s.code for s in steps] == ["outer", "children", "outer-2"]
    assert steps[0].intro_da == "Om dig\n\nLæs dette først"
    assert steps[2].title_da == "Ydre"
    assert list(steps[2].questions.values_list("code", flat=True)) == ["b"]
    assert "Repeats are not supported" in notes_text(report)
    assert "row 6, column A (type): Repeats" in notes_text(report)


def test_sheets_that_are_not_part_of_the_form_are_ignored():
    data = xlsx(
        {
            "Read me": [["This form was made for Aalborg"], ["=1+1"]],
            "survey": [["type", "name", "label"], ["text", "q", "Q?"]],
            "choices": [["list_name", "name", "label"]],
        }
    )
    report = xlsform.xlsform_import(data=data, filename="r.xlsx", code="with-notes")
    assert report.ok, report.errors
    assert "sheet “Read me”: This sheet is not part of an XLSForm" in notes_text(report)


# --- Invalid files: a report, and nothing imported -----------------------------


def assert_nothing_imported():
    assert not Survey.objects.exists()
    assert not Section.objects.exists()
    assert not Question.objects.exists()
    assert not Choice.objects.exists()


def test_problems_are_reported_with_sheet_row_and_column():
    data = xlsx(
        {
            "survey": [
                ["type", "name", "label"],
                ["select_one missing", "q1", "Q1"],
                ["text", "bad name", "Bad"],
                ["text", "dup", "One"],
                ["text", "dup", "Two"],
                ["begin group", "g", "G"],
                ["text", "inside", "Inside"],
                ["select_one yn", "yn", "Yes or no"],
            ],
            "choices": [
                ["list_name", "name", "label"],
                ["yn", "yes", "Yes"],
                ["yn", "yes", "Yes again"],
            ],
        }
    )
    report = xlsform.xlsform_import(data=data, filename="broken.xlsx")
    assert not report.ok
    found = {(p.sheet, p.row, p.column) for p in report.errors}
    assert ("survey", 2, "A") in found  # list not on the choices sheet
    assert ("survey", 3, "B") in found  # not a valid code
    assert ("survey", 5, "B") in found  # two questions "dup"
    assert ("survey", 6, "A") in found  # begin group never closed
    assert ("choices", 3, "B") in found  # the list has "yes" twice
    text = "\n".join(str(p) for p in report.errors)
    assert "sheet “survey”, row 3, column B (name)" in text
    assert "“missing” is not on the choices sheet" in text
    assert_nothing_imported()


def test_a_file_pyxform_rejects_imports_nothing():
    data = xlsx(
        {
            "survey": [
                ["type", "name", "label"],
                ["text", "fine", "Fine"],
                ["frobnicate", "q", "Q"],
            ],
            "settings": [["form_id"], ["odd"]],
        }
    )
    report = xlsform.xlsform_import(data=data, filename="odd.xlsx")
    assert not report.ok
    assert "not a valid XLSForm" in str(report.errors[0])
    assert_nothing_imported()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"not a spreadsheet at all", "form.xlsx", "not a valid .xlsx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1broken", "form.xls", "not a valid .xls"),
        (b"PK\x03\x04broken zip", "form.xlsx", "not a valid .xlsx file"),
        (b"hello", "form.txt", "Unsupported file type"),
        (b"\xff\xfe\x00bad", "form.csv", "not UTF-8"),
        (b"a,b\n", "form.csv", "no “type” column"),
        (b"\n,\n\n", "form.csv", "no XLSForm sheets"),
        (b"", "form.xlsx", "not a valid .xlsx file"),
    ],
)
def test_a_file_that_is_not_an_xlsform_gets_a_clear_report(data, filename, message):
    report = xlsform.xlsform_import(data=data, filename=filename)
    assert not report.ok
    assert message in str(report.errors[0])
    assert_nothing_imported()


def test_a_workbook_without_a_survey_sheet_or_columns_is_refused():
    no_survey = xlsx({"choices": [["list_name", "name"]], "settings": [["form_id"]]})
    report = xlsform.xlsform_import(data=no_survey, filename="x.xlsx")
    assert "no sheet named “survey”" in str(report.errors[0])
    no_type = xlsx({"survey": [["name", "label"], ["q", "Q"]]})
    report = xlsform.xlsform_import(data=no_type, filename="x.xlsx")
    assert str(report.errors[0]).startswith("sheet “survey”, row 1")
    assert "“type”" in str(report.errors[0])
    assert_nothing_imported()


def test_a_problem_found_while_writing_rolls_everything_back():
    data = xlsx(
        {
            "survey": [
                ["type", "name", "label"],
                ["text", "first", "Fine"],
                ["begin group", "long", "x" * 300],
                ["text", "second", "Fine too"],
                ["end group", "", ""],
            ]
        }
    )
    report = xlsform.xlsform_import(data=data, filename="long.xlsx")
    assert not report.ok
    assert report.errors[0].sheet == "survey" and report.errors[0].row == 3
    assert_nothing_imported()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(xlsform, "MAX_UNPACKED_BYTES", 1000)
    report = xlsform.xlsform_import(data=conditional_form(), filename="big.xlsx")
    assert "too large when unpacked" in str(report.errors[0])
    assert_nothing_imported()


# --- Export ------------------------------------------------------------------


def in_nine(field: str, text: str) -> dict[str, str]:
    """A made-up text in every language, as the export writes them all."""
    return {f"{field}_{code}": f"{text} [{code}]" for code in LANGS}


@pytest.fixture
def demo():
    """A survey shaped like the demo's (whose own XLSForm is tested in
    tests/cms/test_demo_instrument.py): a step with agreement questions and
    a yes/no with "don't know", a later step with a multiple choice shown on
    "yes", a number with bounds and a free text; every text in all nine
    languages; a few texts reviewed."""
    survey = SurveyFactory(
        code="representation",
        **in_nine("title", "Føler du dig repræsenteret?"),
        **in_nine("intro", "Det tager 5 minutter."),
        **in_nine("consent", "Vi gemmer dine svar anonymt.\n\nDu kan gå tilbage."),
        **in_nine("thanks", "Tak"),
    )
    first = SectionFactory(
        survey=survey, code="represented", **in_nine("title", "Repræsenteret")
    )
    later = SectionFactory(
        survey=survey, code="discrimination", **in_nine("title", "Forskelsbehandling")
    )
    question = QuestionFactory(
        section=first,
        code="represented_local",
        kind=QuestionKind.AGREE,
        **in_nine("text", "Jeg føler mig repræsenteret."),
    )
    QuestionFactory(
        section=first,
        code="trust_people",
        kind=QuestionKind.AGREE,
        **in_nine("text", "De fleste mennesker kan man stole på."),
    )
    asked = QuestionFactory(
        section=first,
        code="discrimination_12m",
        kind=QuestionKind.YESNO,
        dont_know=True,
        **in_nine("text", "Er du blevet behandlet uretfærdigt?"),
    )
    where = QuestionFactory(
        section=later,
        code="discrimination_where",
        kind=QuestionKind.MULTI,
        condition_question=asked,
        condition_values="yes",
        **in_nine("text", "Hvor skete det?"),
        **in_nine("help_text", "Du kan vælge flere svar."),
    )
    for code in ("work", "housing", "other"):
        ChoiceFactory(question=where, code=code, **in_nine("label", code))
    QuestionFactory(
        section=later,
        code="hours_month",
        kind=QuestionKind.NUMBER,
        min_value=0,
        max_value=300,
        **in_nine("text", "Hvor mange timer?"),
    )
    QuestionFactory(
        section=later,
        code="anything_else",
        kind=QuestionKind.TEXT,
        **in_nine("text", "Noget andet?"),
    )
    for language in ("so", "ar"):
        translation_review.mark_reviewed(
            survey=survey,
            model="question",
            object_id=question.pk,
            field="text",
            language=language,
        )
    translation_review.mark_reviewed(
        survey=survey, model="survey", object_id=survey.pk, field="title", language="so"
    )
    return survey


def read_back(data: bytes) -> dict[str, list[dict]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheets = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        sheets[sheet.title] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return sheets


def test_export_has_every_language_groups_conditions_and_review_states(demo):
    data = xlsform.xlsform_export(survey=demo)
    sheets = read_back(data)
    assert set(sheets) == {
        "survey",
        "choices",
        "settings",
        "medborger_texts",
        "medborger_exported",
    }
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["medborger_exported"].sheet_state == "hidden"
    headers = list(sheets["survey"][0])
    for name in ("Danish (da)", "Somali (so)", "Tigrinya (ti)", "Persian (fa)"):
        assert f"label::{name}" in headers and f"hint::{name}" in headers
    assert "medborger_review_so" in headers and "medborger_review_da" not in headers
    assert sheets["settings"] == [
        {
            "form_title": demo.title_da,
            "form_id": demo.code,
            "default_language": "Danish (da)",
        }
    ]
    rows = {row["name"]: row for row in sheets["survey"] if row["type"] != "end group"}
    assert rows["represented"]["type"] == "begin group"
    assert rows["represented_local"]["medborger_review_so"] == "reviewed"
    assert rows["represented_local"]["medborger_review_fa"] == "machine"
    where = rows["discrimination_where"]
    assert where["type"] == "select_multiple discrimination_where"
    assert where["relevant"] == "${discrimination_12m} = 'yes'"
    hours = Question.objects.get(survey=demo, code="hours_month")
    assert rows["hours_month"]["constraint"] == (
        f". >= {hours.min_value} and . <= {hours.max_value}"
    )
    labels = [r for r in sheets["choices"] if r["list_name"] == "medborger_agree"]
    assert [r["name"] for r in labels] == ["1", "2", "3", "4", "5", "dk"]
    title = next(r for r in sheets["medborger_texts"] if r["name"] == "title")
    assert title["label::Somali (so)"] == demo.title_so
    assert title["medborger_review_so"] == "reviewed"
    # Other XLSForm tools can read it.
    assert xlsform._pyxform_problems(data, "xlsx") == []


def snapshot(survey: Survey):
    """Every translated column of the survey and every review row."""
    texts = []
    for label, model in translation_review.MODELS.items():
        queryset = model.objects.filter(
            **({"pk": survey.pk} if label == "survey" else {})
        )
        if label in ("section", "question"):
            queryset = model.objects.filter(survey=survey)
        if label == "choice":
            queryset = model.objects.filter(question__survey=survey)
        columns = [f"{f}_{c}" for f in model.translated_fields for c in LANGS]
        texts += [
            (label, row) for row in queryset.order_by("pk").values("pk", *columns)
        ]
    reviews = list(
        TranslationReview.objects.filter(survey=survey)
        .order_by("pk")
        .values("pk", "model", "object_id", "field", "language", "reviewed_on")
    )
    return texts, reviews


def test_round_trip_without_edits_changes_nothing(demo):
    before = snapshot(demo)
    data = xlsform.xlsform_export(survey=demo)
    report = xlsform.xlsform_update(data=data, filename="demo.xlsx", survey=demo)
    assert report.ok, report.errors
    assert report.changes == []
    assert (report.reviews_marked, report.reviews_removed) == (0, 0)
    assert snapshot(demo) == before


def edit_cell(data: bytes, sheet: str, row_name: str, header: str, value) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    names = headers.index("name")
    for row in ws.iter_rows(min_row=2):
        if row[names].value == row_name and (
            sheet != "survey" or row[0].value != "end group"
        ):
            row[headers.index(header)].value = value
            break
    else:
        raise AssertionError(row_name)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_round_trip_changes_only_the_edited_somali_label(demo):
    question = Question.objects.get(survey=demo, code="represented_local")
    texts_before, reviews_before = snapshot(demo)
    data = xlsform.xlsform_export(survey=demo)
    edited = edit_cell(
        data, "survey", "represented_local", "label::Somali (so)", "Qoraal cusub"
    )
    report = xlsform.xlsform_update(data=edited, filename="demo.xlsx", survey=demo)
    assert report.ok, report.errors
    assert report.changes == ["question represented_local: text (so)"]
    question.refresh_from_db()
    assert question.text_so == "Qoraal cusub"
    texts_after, reviews_after = snapshot(demo)
    changed = [
        (label, column)
        for (label, old), (_label, new) in zip(texts_before, texts_after, strict=True)
        for column in old
        if old[column] != new[column]
    ]
    assert changed == [("question", "text_so")]
    # The edited text is machine-made now; every other review is kept as it was.
    gone = [r for r in reviews_before if r not in reviews_after]
    assert [(r["object_id"], r["field"], r["language"]) for r in gone] == [
        (question.pk, "text", "so")
    ]
    assert len(reviews_after) == len(reviews_before) - 1


def test_an_edited_text_marked_reviewed_in_the_sheet_stays_reviewed(demo):
    question = Question.objects.get(survey=demo, code="trust_people")
    data = xlsform.xlsform_export(survey=demo)
    data = edit_cell(data, "survey", "trust_people", "label::Polish (pl)", "Nowy tekst")
    data = edit_cell(data, "survey", "trust_people", "medborger_review_pl", "reviewed")
    data = edit_cell(data, "choices", "work", "medborger_review_ar", "reviewed")
    report = xlsform.xlsform_update(data=data, filename="demo.xlsx", survey=demo)
    assert report.ok, report.errors
    assert report.reviews_marked == 2
    keys = translation_review.reviewed_keys(demo)
    assert ("question", question.pk, "text", "pl") in keys
    work = Choice.objects.get(question__survey=demo, code="work")
    assert ("choice", work.pk, "label", "ar") in keys


def test_an_old_sheet_does_not_undo_edits_and_reviews_made_since(demo):
    data = xlsform.xlsform_export(survey=demo)
    question = Question.objects.get(survey=demo, code="trust_people")
    question.text_so = "Edited in the admin after the export"
    question.save()
    translation_review.mark_reviewed(
        survey=demo,
        model="question",
        object_id=question.pk,
        field="text",
        language="so",
    )
    before = snapshot(demo)
    report = xlsform.xlsform_update(data=data, filename="demo.xlsx", survey=demo)
    assert report.ok and report.changes == []
    assert snapshot(demo) == before


def test_a_sheet_made_elsewhere_updates_what_differs(demo):
    question = Question.objects.get(survey=demo, code="represented_local")
    data = xlsform.xlsform_export(survey=demo)
    data = edit_cell(data, "survey", "represented_local", "label::Somali (so)", "Cusub")
    data = edit_cell(data, "survey", "represented_local", "medborger_review_so", None)
    book = openpyxl.load_workbook(io.BytesIO(data))
    del book["medborger_exported"]
    out = io.BytesIO()
    book.save(out)
    report = xlsform.xlsform_update(data=out.getvalue(), filename="d.xlsx", survey=demo)
    assert report.ok, report.errors
    assert report.changes == ["question represented_local: text (so)"]
    keys = translation_review.reviewed_keys(demo)
    assert ("question", question.pk, "text", "so") not in keys
    assert ("question", question.pk, "text", "ar") in keys


def test_update_refuses_a_sheet_of_another_survey_and_an_empty_danish_text(demo):
    other = SurveyFactory(code="other")
    data = xlsform.xlsform_export(survey=demo)
    report = xlsform.xlsform_update(data=data, filename="demo.xlsx", survey=other)
    assert not report.ok
    assert "for the survey “representation”, not “other”" in str(report.errors[0])
    emptied = edit_cell(data, "survey", "trust_people", "label::Danish (da)", None)
    edited = edit_cell(emptied, "survey", "trust_people", "label::Somali (so)", "X")
    before = snapshot(demo)
    report = xlsform.xlsform_update(data=edited, filename="demo.xlsx", survey=demo)
    assert not report.ok
    assert "Danish text must not be empty" in str(report.errors[0])
    assert snapshot(demo) == before


def test_update_adds_nothing_and_says_so(demo):
    data = xlsform.xlsform_export(survey=demo)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["survey"].append(["text", "brand_new"])
    out = io.BytesIO()
    book.save(out)
    report = xlsform.xlsform_update(data=out.getvalue(), filename="d.xlsx", survey=demo)
    assert report.ok
    assert "“brand_new” is not a question of this survey" in notes_text(report)
    assert not Question.objects.filter(code="brand_new").exists()


def test_export_imports_back_as_the_same_survey(demo):
    data = xlsform.xlsform_export(survey=demo)
    report = xlsform.xlsform_import(data=data, filename="demo.xlsx", code="copy")
    assert report.ok, report.errors
    assert report.notes == []
    copy = report.survey

    def shape(survey):
        return [
            (
                q.section.code,
                q.code,
                q.kind,
                q.required,
                q.dont_know,
                q.min_value,
                q.max_value,
                q.max_length,
                q.background_role,
                q.condition_question.code if q.condition_question else None,
                q.condition_values,
                [(c.code, c.exclusive) for c in q.choices.all()],
            )
            for q in Question.objects.filter(survey=survey)
        ]

    assert shape(copy) == shape(demo)

    def words(survey):
        return [
            (t.model, t.field, t.language, t.value, t.reviewed)
            for t in translation_review.texts(survey)
        ]

    assert words(copy) == words(demo)


def test_a_text_that_looks_like_a_formula_stays_a_text():
    question = QuestionFactory(kind=QuestionKind.TEXT, text_da="=1+1", text_so="@x")
    data = xlsform.xlsform_export(survey=question.survey)
    row = next(r for r in read_back(data)["survey"] if r["name"] == question.code)
    assert row["label::Danish (da)"] == "=1+1"
    report = xlsform.xlsform_update(
        data=data, filename="x.xlsx", survey=question.survey
    )
    assert report.ok and report.changes == []


def test_export_of_a_small_survey_with_choices_and_condition():
    section = SectionFactory(code="first", title_da="Første", title_ar="الأول")
    later = SectionFactory(survey=section.survey, code="later", title_da="Senere")
    parent = QuestionFactory(section=section, code="kinds", kind=QuestionKind.MULTI)
    ChoiceFactory(question=parent, code="sport", label_da="Sport", label_so="Ciyaar")
    ChoiceFactory(question=parent, code="none", label_da="Ingen", exclusive=True)
    QuestionFactory(
        section=later,
        code="how",
        kind=QuestionKind.TEXT,
        condition_question=parent,
        condition_values="sport,none",
    )
    sheets = read_back(xlsform.xlsform_export(survey=section.survey))
    how = next(r for r in sheets["survey"] if r["name"] == "how")
    assert (
        how["relevant"] == "selected(${kinds}, 'sport') or selected(${kinds}, 'none')"
    )
    assert [
        (r["name"], r["label::Somali (so)"], r["medborger_exclusive"])
        for r in sheets["choices"]
    ] == [("sport", "Ciyaar", None), ("none", None, "yes")]


# --- Management commands -------------------------------------------------------


def test_import_command_imports_a_fixture_and_reports(capsys):
    call_command("import_xlsform", str(FIXTURES / "or_other.xlsx"), "--code", "colours")
    out = capsys.readouterr().out
    assert "or_other" in out and "Imported the survey “colours”" in out
    assert Survey.objects.filter(code="colours").exists()


def test_import_command_refuses_a_broken_file(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"nope")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_xlsform", str(path))
    assert_nothing_imported()


def test_export_and_update_commands_round_trip(demo, tmp_path, capsys):
    before = snapshot(demo)
    out = tmp_path / "demo.xlsx"
    call_command("export_xlsform", demo.code, str(out))
    call_command("import_xlsform", str(out), "--update")
    assert "0 texts changed" in capsys.readouterr().out
    assert snapshot(demo) == before
    with pytest.raises(CommandError, match="No survey"):
        call_command("export_xlsform", "nope", str(out))


# --- Admin ---------------------------------------------------------------------


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_admin_import_makes_a_survey_and_shows_the_notes(client):
    staff_with(client, "add_survey", "change_survey")
    url = reverse("surveys_xlsform_import")
    assert client.get(url).status_code == HTTPStatus.OK
    response = client.post(
        url, {"file": upload("members.xlsx", conditional_form()), "code": ""}
    )
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert Survey.objects.filter(code="members").exists()
    assert "${member} != &#x27;no&#x27;" in html


def test_admin_import_of_a_broken_file_lists_the_problems(client):
    staff_with(client, "add_survey")
    data = xlsx({"survey": [["type", "name", "label"], ["text", "bad name", "Q"]]})
    response = client.post(
        reverse("surveys_xlsform_import"), {"file": upload("b.xlsx", data)}
    )
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<td>survey</td>" in html and "<td>2</td>" in html and "B (name)" in html
    assert_nothing_imported()
    wrong = client.post(
        reverse("surveys_xlsform_import"), {"file": upload("b.pdf", b"%PDF")}
    )
    assert wrong.status_code == HTTPStatus.OK
    assert ".xlsx, .xls or .csv" in wrong.content.decode()


def test_admin_import_needs_the_add_permission(client):
    staff_with(client, "change_survey")
    response = client.post(
        reverse("surveys_xlsform_import"),
        {"file": upload("m.xlsx", conditional_form())},
    )
    assert refused(response)
    assert_nothing_imported()


def test_admin_download_and_update(client, demo):
    staff_with(client, "change_survey")
    response = client.get(reverse("surveys_xlsform_export", args=[demo.pk]))
    assert response.status_code == HTTPStatus.OK
    assert (
        response["Content-Disposition"] == 'attachment; filename="representation.xlsx"'
    )
    data = edit_cell(
        response.content, "survey", "trust_people", "label::Somali (so)", "Cusub"
    )
    update = client.post(
        reverse("surveys_xlsform_update", args=[demo.pk]),
        {"file": upload("representation.xlsx", data)},
    )
    assert update.status_code == HTTPStatus.OK
    assert "1 texts changed" in update.content.decode() or "1 text changed" in (
        update.content.decode()
    )
    assert Question.objects.get(survey=demo, code="trust_people").text_so == "Cusub"


def test_admin_download_needs_the_change_permission(client, demo):
    staff_with(client, "add_survey")
    assert refused(client.get(reverse("surveys_xlsform_export", args=[demo.pk])))


def test_admin_index_lists_surveys_with_their_actions(client, demo):
    staff_with(client, "change_survey")
    response = client.get(reverse("surveys_xlsform_index"))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert reverse("surveys_translation_review", args=[demo.pk]) in html
    assert reverse("surveys_xlsform_export", args=[demo.pk]) in html
    assert reverse("surveys_xlsform_import") not in html  # needs add_survey
    # The survey listing offers the same actions per survey.
    listing = client.get(reverse("wagtailsnippets_surveys_survey:list"))
    assert listing.status_code == HTTPStatus.OK
    assert reverse("surveys_xlsform_update", args=[demo.pk]) in listing.content.decode()


def test_admin_index_needs_a_survey_permission(client):
    staff_with(client)
    assert refused(client.get(reverse("surveys_xlsform_index")))


def test_admin_refuses_a_file_over_the_limit_next_to_the_field(client):
    staff_with(client, "add_survey")
    big = upload("big.xlsx", b"PK\x03\x04" + b"0" * xlsform.MAX_FILE_BYTES)
    response = client.post(reverse("surveys_xlsform_import"), {"file": big})
    assert response.status_code == HTTPStatus.OK
    assert "larger than 5 MB" in response.content.decode()
    assert_nothing_imported()


# --- An imported form runs as a survey -----------------------------------------


def _valid_answer(question: Question):
    """A valid answer to `question`, by its kind (codes, never labels)."""
    choices = list(question.choices.values_list("code", flat=True))
    return {
        QuestionKind.AGREE: "4",
        QuestionKind.YESNO: "yes",
        QuestionKind.SINGLE: choices[:1] and choices[0],
        QuestionKind.MULTI: choices[:1],
        QuestionKind.NUMBER: str(max(question.min_value or 0, 1)),
        QuestionKind.TEXT: "Et svar",
    }[question.kind]


@pytest.mark.parametrize(
    ("name", "language"),
    [("flat_xlsform_test.xlsx", "en"), ("table-list.xls", "da")],
)
def test_a_form_made_elsewhere_runs_as_a_survey(client, name, language):
    """Done means (issue 6 §7): imported, hosted on a page with an open
    wave, answered by a resident in one of its languages, stored by code."""
    survey = import_fixture(name).survey
    page_da, _page_ar = build_site(survey)
    if language != "da":  # Danish, the source, is always offered
        translation_review.languages_forced_set(survey=survey, languages=[language])
    if language not in ("da", "ar"):
        locale = Locale.objects.get_or_create(language_code=language)[0]
        page_da.get_parent().copy_for_translation(locale).save_revision().publish()
        page_da.copy_for_translation(locale).save_revision().publish()
    WaveFactory(survey=survey)
    url = f"/{language}/survey/"

    first = client.get(url)
    assert first.status_code == HTTPStatus.OK
    assert f'lang="{language}"' in first.content.decode()
    questions = [
        q
        for q in Question.objects.filter(survey=survey).order_by(
            "section__sort_order", "sort_order"
        )
        # Conditional questions stay unasked; a choice question needs choices.
        if q.condition_question_id is None
        and (
            q.kind not in (QuestionKind.SINGLE, QuestionKind.MULTI)
            or q.choices.exists()
        )
    ]
    answers = {q.code: _valid_answer(q) for q in questions}
    last_step = survey.sections.order_by("sort_order").last().code
    done = post_step(client, url, last_step, answers, nonce=start(client, url))

    assert done.status_code == HTTPStatus.OK
    assert 'class="receipt"' in done.content.decode(), done.content.decode()[:3000]
    response = SurveyResponse.objects.get(wave__survey=survey)
    assert response.language == language
    stored = {a.question.code for a in response.answers.select_related("question")}
    assert stored == set(answers)
