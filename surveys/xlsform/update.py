"""Take the texts of an XLSForm back into an existing survey
(``xlsform_update``, "update translations from a spreadsheet"): only texts
change, matched by codes; nothing is added or removed. Exporting a survey
(export.py) and updating it from that file changes nothing.

The export also writes a hidden sheet, ``medborger_exported``: a
fingerprint of every text and the review state it was exported with. On an
update it tells what the translator changed:

- a text edited in the spreadsheet is written, and becomes machine-made
  unless its review cell was changed to ``reviewed`` (a reviewed text that
  is edited needs a new review);
- a review cell changed in the spreadsheet sets that state (``reviewed``
  marks an unedited text reviewed: bulk review in a spreadsheet);
- everything else is left as it is in the database, so a spreadsheet that
  was out for translation for weeks does not undo edits or reviews made in
  the admin meanwhile.

Without that sheet (a form made elsewhere) the spreadsheet is all there is:
a text that differs from the database is written, and a non-empty review
cell sets the state (an edited text with an empty cell is machine-made).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext, ngettext

from surveys import translation_review
from surveys.models import Question, Survey
from surveys.xlsform.expressions import SELECT, group_control
from surveys.xlsform.form import Form, FormRow, Texts, fingerprint, read_form
from surveys.xlsform.languages import language_code
from surveys.xlsform.layout import FIXED_LISTS, SETTINGS
from surveys.xlsform.report import ImportReport, Problem
from surveys.xlsform.sheets import split_key


@dataclass
class _Target:
    obj: object
    label: str
    field: str
    texts: Texts
    source: FormRow
    base: str  # "label" or "hint": the columns the text came from
    name: str  # what the change list calls it

    def key(self, code: str) -> str:
        """The text's key in the export's medborger_exported sheet."""
        return f"{self.label}:{self.name}:{self.field}:{code}"


REQUIRED_TEXTS = {
    ("survey", "title"),
    ("survey", "consent"),
    ("section", "title"),
    ("question", "text"),
    ("choice", "label"),
}


def _targets(form: Form, survey: Survey, notes: list[Problem]) -> list[_Target]:
    targets: list[_Target] = []
    for row in form.text_rows:
        if row.name in Survey.translated_fields:
            targets.append(
                _Target(survey, "survey", row.name, row.label, row, "label", "")
            )
        elif row.name:
            notes.append(
                row.name_problem(
                    gettext("“%(name)s” is not a text of a survey; it was ignored.")
                )
            )
    sections = {s.code: s for s in survey.sections.all()}
    questions = {
        q.code: q
        for q in Question.objects.filter(survey=survey).prefetch_related("choices")
    }
    seen_sections, seen_questions = set(), set()
    list_users: dict[str, list[Question]] = {}
    for row in form.survey_rows:
        control = group_control(row.type)
        if control.startswith("end_") or not row.name:
            continue
        if control.startswith("begin_"):
            section = sections.get(row.name)
            if section is None:
                notes.append(
                    row.name_problem(
                        gettext(
                            "“%(name)s” is not a step of this survey; it was not "
                            "added (an update changes texts only)."
                        )
                    )
                )
                continue
            seen_sections.add(section.code)
            targets += [
                _Target(
                    section, "section", "title", row.label, row, "label", section.code
                ),
                _Target(
                    section, "section", "intro", row.hint, row, "hint", section.code
                ),
            ]
            continue
        question = questions.get(row.name)
        if question is None:
            notes.append(
                row.name_problem(
                    gettext(
                        "“%(name)s” is not a question of this survey; it was not "
                        "added (an update changes texts only)."
                    )
                )
            )
            continue
        seen_questions.add(question.code)
        targets += [
            _Target(
                question, "question", "text", row.label, row, "label", question.code
            ),
            _Target(
                question, "question", "help_text", row.hint, row, "hint", question.code
            ),
        ]
        select = SELECT.match(row.type)
        if select:
            list_users.setdefault(select.group(2), []).append(question)
    for list_name, rows in form.lists.items():
        if list_name in FIXED_LISTS:
            continue
        users = list_users.get(list_name, [])
        for row in rows:
            for question in users:
                choice = next(
                    (c for c in question.choices.all() if c.code == row.name), None
                )
                if choice is None:
                    notes.append(
                        row.problem(
                            gettext(
                                "“%(name)s” is not a choice of “%(question)s”; it was "
                                "not added."
                            )
                            % {"name": row.name, "question": question.code},
                            "name",
                        )
                    )
                    continue
                targets.append(
                    _Target(
                        choice,
                        "choice",
                        "label",
                        row.label,
                        row,
                        "label",
                        f"{question.code}/{choice.code}",
                    )
                )
    missing = [code for code in questions if code not in seen_questions]
    missing_sections = [code for code in sections if code not in seen_sections]
    if missing or missing_sections:
        notes.append(
            Problem(
                gettext("Not in the spreadsheet, left as they are: %(codes)s")
                % {"codes": ", ".join(missing_sections + missing)}
            )
        )
    return targets


def _form_id_problem(form: Form, survey: Survey) -> Problem | None:
    key = "form_id" if "form_id" in form.settings else "id_string"
    form_id = form.settings.get(key, "")
    if form_id and form_id != survey.code:
        sheet = form.sheets[SETTINGS]
        return sheet.problem(
            gettext("This spreadsheet is for the survey “%(form)s”, not “%(survey)s”.")
            % {"form": form_id, "survey": survey.code},
            form.settings_row,
            key,
        )
    return None


def xlsform_update(
    *, data: bytes, filename: str, survey: Survey | None = None
) -> ImportReport:
    """Take the texts of an XLSForm (usually one exported from this survey
    and filled in by a translator) into ``survey`` (default: the survey whose
    code is the form's form_id). Only texts in the languages that have a
    column change, with their review states (see the module docstring);
    questions, choices and steps are matched by code and never added or
    removed. Nothing is written unless the whole file is valid."""
    report = ImportReport()
    form, errors, notes = read_form(data, filename, danish_fallback=False)
    report.note(notes)
    if form is None or errors:
        report.errors += errors
        return report
    if survey is None:
        form_id = form.settings.get("form_id") or form.settings.get("id_string", "")
        survey = Survey.objects.filter(code=form_id).first() if form_id else None
        if survey is None:
            report.errors.append(
                Problem(
                    gettext("No survey has the code “%(code)s” (the form's form_id).")
                    % {"code": form_id},
                    sheet=SETTINGS,
                )
            )
            return report
    report.survey = survey
    mismatch = _form_id_problem(form, survey)
    if mismatch:
        report.errors.append(mismatch)
        return report
    targets = _targets(form, survey, report.notes)
    changed: dict[int, tuple[object, set[str]]] = {}
    states: dict = {}
    review = set(translation_review.review_languages())
    for target in targets:
        for code, new in target.texts.values.items():
            column = f"{target.field}_{code}"
            old = (getattr(target.obj, column) or "").strip()
            new = new.strip()
            key = (target.label, target.obj.pk, target.field, code)
            cell = target.texts.reviewed.get(code)
            if form.exported is None:
                # Not our export: the sheet is all we know.
                write = new != old
                review_said = cell is not None
            else:
                sha, exported_cell = form.exported.get(target.key(code), ("", None))
                edited_in_sheet = fingerprint(new) != (sha or fingerprint(""))
                write = edited_in_sheet and new != old
                review_said = cell is not None and cell != exported_cell
            if write:
                problem = _text_problem(target, code, new)
                if problem:
                    report.errors.append(problem)
                    continue
                setattr(target.obj, column, new)
                changed.setdefault(id(target.obj), (target.obj, set()))[1].add(column)
                report.changes.append(
                    gettext("%(what)s %(name)s: %(field)s (%(language)s)")
                    % {
                        "what": target.label,
                        "name": target.name or survey.code,
                        "field": target.field,
                        "language": code,
                    }
                )
            if code not in review:
                continue
            text = new if write else old
            if review_said and (text or not cell):
                states[key] = bool(cell)
            elif write:
                states[key] = False
    if report.errors:
        report.changes = []
        return report
    with transaction.atomic():
        for obj, columns in changed.values():
            obj.save(update_fields=sorted(columns))
        report.reviews_marked, report.reviews_removed = (
            translation_review.reviews_apply(survey=survey, states=states)
        )
    report.summary = ngettext(
        "%(texts)s text changed; %(marked)s marked reviewed, %(removed)s marked "
        "machine-made.",
        "%(texts)s texts changed; %(marked)s marked reviewed, %(removed)s marked "
        "machine-made.",
        len(report.changes),
    ) % {
        "texts": len(report.changes),
        "marked": report.reviews_marked,
        "removed": report.reviews_removed,
    }
    return report


def _text_problem(target: _Target, code: str, new: str) -> Problem | None:
    sheet = target.source.sheet
    column = next(
        (k for k in sheet.keys(target.base) if language_code(split_key(k)[1]) == code),
        "",
    )
    if (
        not new
        and code == translation_review.source_language()
        and (
            target.label,
            target.field,
        )
        in REQUIRED_TEXTS
    ):
        return target.source.problem(
            gettext("The Danish text must not be empty."), column
        )
    model_field = type(target.obj)._meta.get_field(f"{target.field}_{code}")
    limit = getattr(model_field, "max_length", None)
    if limit and len(new) > limit and model_field.get_internal_type() == "CharField":
        return target.source.problem(
            gettext("The text is longer than %(max)s characters.") % {"max": limit},
            column,
        )
    return None
