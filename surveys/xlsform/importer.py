"""Import an XLSForm as a new survey (``xlsform_import``): read the form
(form.py), plan it (plan.py), let pyxform, the reference converter, check
it, and write the survey, its sections, questions and choices with the
review states the spreadsheet gives, in one transaction. A file with a
problem imports nothing; what the form has but a survey cannot represent is
in the report's notes.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from config.csvread import csv_rows
from surveys import translation_review
from surveys.models import Choice, Question, QuestionKind, Section, Survey
from surveys.xlsform.form import Form, FormRow, Texts, merge_texts, read_form
from surveys.xlsform.languages import our_languages
from surveys.xlsform.layout import SETTINGS
from surveys.xlsform.plan import CODE_MAX, SLUG_RE, Planner
from surveys.xlsform.report import ImportReport, Problem
from surveys.xlsform.sheets import CSV_LIMITS

DEFAULT_CONSENT = _(
    "Your answers are anonymous: we do not ask for your name or anything else "
    "that tells who you are. Taking part is voluntary and you can stop at any "
    "time. With the receipt code you get at the end you can withdraw your "
    "answers later."
)


# pyxform's CSV reader fails on a sheet it does not know (our own
# medborger_texts), where its .xlsx reader ignores such sheets.
PYXFORM_SHEETS = {
    "survey",
    "choices",
    "settings",
    "external_choices",
    "entities",
    "osm",
}


def _pyxform_csv(data: bytes) -> bytes:
    """The CSV layout with only the sheets pyxform reads, read by the one CSV
    reader under the same limits as sheets.read_sheets (which has already
    read it, so no limit is met here)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keep = True
    for row in csv_rows(data.decode("utf-8-sig"), limits=CSV_LIMITS):
        if row.cells and row.cells[0].strip():
            keep = row.cells[0].strip().lower() in PYXFORM_SHEETS
        if keep:
            writer.writerow(row.cells)
    return out.getvalue().encode()


def pyxform_problems(data: bytes, kind: str) -> list[Problem]:
    """What pyxform, the reference XLSForm converter, finds wrong."""
    try:
        if kind == "csv":
            data = _pyxform_csv(data)
        convert(xlsform=io.BytesIO(data), file_type=f".{kind}", warnings=[])
    except PyXFormError as error:
        text = str(error)
        match = re.search(r"\[row\s*:\s*(\d+)\]", text)
        sheet = re.search(r"'(survey|choices|settings)' sheet", text)
        return [
            Problem(
                gettext("This is not a valid XLSForm: %(message)s") % {"message": text},
                sheet=sheet.group(1) if sheet else "",
                row=int(match.group(1)) if match else None,
            )
        ]
    except Exception:  # noqa: BLE001 - pyxform reads untrusted input; never a 500
        return [Problem(gettext("This is not a valid XLSForm."))]
    return []


def _assign(obj, field_name: str, texts: Texts) -> None:
    for code in our_languages():
        setattr(obj, f"{field_name}_{code}", texts.get(code))


def _review_states(label: str, obj, field_name: str, texts: Texts, states: dict):
    for code in translation_review.review_languages():
        if texts.get(code) and texts.reviewed.get(code):
            states[(label, obj.pk, field_name, code)] = True


_FIELD_COLUMNS = {
    "text": "label",
    "title": "label",
    "label": "label",
    "help_text": "hint",
    "intro": "hint",
    "code": "name",
    "min_value": "constraint",
    "max_value": "constraint",
    "max_length": "constraint",
    "condition_question": "relevant",
    "condition_values": "relevant",
}


class _Invalid(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def _clean(obj, source: FormRow | None, sheet_name: str = "") -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        problems = []
        for name, errors in error.message_dict.items():
            base = (
                name.rsplit("_", 1)[0]
                if name.rsplit("_", 1)[-1] in our_languages()
                else name
            )
            column = _FIELD_COLUMNS.get(base, "")
            for message in errors:
                if source is not None:
                    key = column if column in source.sheet.headers else ""
                    if column == "label":
                        key = next(iter(source.sheet.keys("label")), "")
                    problems.append(source.problem(message, key))
                else:
                    problems.append(Problem(message, sheet=sheet_name))
        raise _Invalid(problems) from error


def _survey_texts(form: Form, planner: Planner, notes: list[Problem]) -> dict:
    texts = {name: Texts() for name in Survey.translated_fields}
    for row in form.text_rows:
        if row.name in texts:
            texts[row.name] = row.label
        elif row.name:
            notes.append(
                row.name_problem(
                    gettext("“%(name)s” is not a text of a survey; it was ignored.")
                )
            )
    if not texts["title"].get("da"):
        texts["title"] = planner.title
    if not texts["intro"].any() and planner.survey_intro:
        texts["intro"] = merge_texts(*planner.survey_intro)
    if not texts["consent"].get("da"):
        consent = Texts()
        with translation.override("en"):
            english = str(DEFAULT_CONSENT)
        for code in our_languages():
            with translation.override(code):
                text = str(DEFAULT_CONSENT)
            # A language whose catalogue lacks the text falls back to Danish.
            if code in ("da", "en") or text != english:
                consent.values[code] = text
        texts["consent"] = consent
        notes.append(
            Problem(
                gettext(
                    "The form has no consent text; a standard one was filled in. "
                    "Check it before the survey opens."
                )
            )
        )
    return texts


def _choose_code(form: Form, code: str, filename: str) -> tuple[str, list[Problem]]:
    settings_sheet = form.sheets.get(SETTINGS)
    row = form.settings_row
    key = "form_id" if "form_id" in form.settings else "id_string"
    where = (
        settings_sheet.problem("", row, key) if settings_sheet and row else Problem("")
    )
    if code:
        if not SLUG_RE.match(code) or len(code) > CODE_MAX:
            return "", [
                Problem(
                    gettext(
                        "“%(code)s” is not a valid survey code: use letters, digits, "
                        "_ and -, at most 64 characters."
                    )
                    % {"code": code}
                )
            ]
        chosen = code
    else:
        wanted = form.settings.get(key) or PurePath(filename or "").stem
        chosen = slugify(wanted)[:CODE_MAX] or "imported-survey"
        if chosen != wanted:
            return chosen, [
                Problem(
                    gettext("“%(id)s” is not a valid survey code; “%(code)s” is used.")
                    % {"id": wanted, "code": chosen},
                    sheet=where.sheet,
                    row=where.row,
                    column=where.column,
                    header=where.header,
                )
            ]
    if Survey.objects.filter(code=chosen).exists():
        raise _Invalid(
            [
                Problem(
                    gettext(
                        "A survey with the code “%(code)s” exists already. Choose "
                        "another code, or update that survey's translations from "
                        "the spreadsheet instead."
                    )
                    % {"code": chosen},
                    sheet=where.sheet,
                    row=where.row,
                    column=where.column,
                    header=where.header,
                )
            ]
        )
    return chosen, []


def xlsform_import(*, data: bytes, filename: str, code: str = "") -> ImportReport:
    """Make a new survey from an XLSForm file (its bytes and its name, whose
    suffix says the type). ``code``: the new survey's code (default: the
    form's form_id). Nothing is written unless the whole file is valid."""
    report = ImportReport()
    form, errors, notes = read_form(data, filename)
    report.note(notes)
    if form is None or errors:
        report.errors += errors
        return report
    planner = Planner(form, filename)
    planner.run()
    report.errors += planner.errors
    if report.errors:
        return report
    report.errors += pyxform_problems(data, form.kind)
    if report.errors:
        return report
    try:
        survey_code, code_notes = _choose_code(form, code, filename)
    except _Invalid as invalid:
        report.errors += invalid.problems
        return report
    if not survey_code:
        report.errors += code_notes
        return report
    report.note(planner.notes)
    report.note(code_notes)
    survey_texts = _survey_texts(form, planner, report.notes)
    try:
        with transaction.atomic():
            report.survey = _write_survey(survey_code, survey_texts, planner)
    except _Invalid as invalid:
        report.errors += invalid.problems
        report.survey = None
        return report
    questions = planner.questions.values()
    report.summary = gettext(
        "Imported the survey “%(code)s”: %(sections)s steps, %(questions)s "
        "questions, %(choices)s choices."
    ) % {
        "code": survey_code,
        "sections": len(planner.sections),
        "questions": len(questions),
        "choices": sum(len(q.choices) for q in questions),
    }
    return report


def _write_survey(code: str, texts: dict[str, Texts], planner: Planner) -> Survey:
    states: dict = {}
    survey = Survey(code=code)
    for name, value in texts.items():
        _assign(survey, name, value)
    _clean(survey, None, SETTINGS)
    survey.save()
    for name, value in texts.items():
        _review_states("survey", survey, name, value, states)
    saved: dict[str, Question] = {}
    for order, plan in enumerate(planner.sections):
        section = Section(survey=survey, code=plan.code, sort_order=order)
        _assign(section, "title", plan.title)
        _assign(section, "intro", plan.intro)
        _clean(section, plan.source)
        section.save()
        _review_states("section", section, "title", plan.title, states)
        _review_states("section", section, "intro", plan.intro, states)
        for q_order, item in enumerate(plan.questions):
            question = Question(
                survey=survey,
                section=section,
                code=item.code,
                kind=item.kind,
                sort_order=q_order,
                required=item.required,
                dont_know=item.dont_know,
                min_value=item.min_value,
                max_value=item.max_value,
                max_length=item.max_length,
                background_role=item.role,
            )
            _assign(question, "text", item.text)
            _assign(question, "help_text", item.help)
            _clean(question, item.source)
            question.save()
            saved[item.code] = question
            _review_states("question", question, "text", item.text, states)
            _review_states("question", question, "help_text", item.help, states)
            if item.kind not in (QuestionKind.SINGLE, QuestionKind.MULTI):
                continue
            for c_order, plan_choice in enumerate(item.choices):
                choice = Choice(
                    question=question,
                    code=plan_choice.code,
                    sort_order=c_order,
                    exclusive=plan_choice.exclusive,
                )
                _assign(choice, "label", plan_choice.label)
                _clean(choice, plan_choice.source)
                choice.save()
                _review_states("choice", choice, "label", plan_choice.label, states)
    for code_, item in planner.questions.items():
        if item.condition is None:
            continue
        question = saved[code_]
        question.condition_question = saved[item.condition[0]]
        question.condition_values = ",".join(item.condition[1])
        _clean(question, item.source)
        question.save(update_fields=["condition_question", "condition_values"])
    translation_review.reviews_apply(survey=survey, states=states)
    return survey
