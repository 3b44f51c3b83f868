"""How a form maps to a survey (surveys/xlsform/plan.py): groups become
steps, types become question kinds, simple conditions, bounds and required
are kept, and what cannot be represented is reported with its sheet, row and
column, never dropped silently."""

import pytest

from surveys import xlsform
from surveys.models import Question, QuestionKind
from tests.surveys.xlsform.helpers import (
    assert_nothing_imported,
    conditional_form,
    import_fixture,
    notes_text,
    xlsx,
)

pytestmark = pytest.mark.django_db


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
