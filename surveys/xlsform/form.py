"""An XLSForm read into rows with their texts per language and review
states (``read_form``): what the planner (plan.py) and the update
(update.py) work from. Also the fingerprints of the texts as Medborger
exported them (layout.py's hidden ``medborger_exported`` sheet), which tell
an update what a translator edited.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.utils.translation import gettext

from surveys.xlsform.languages import Languages, read_languages
from surveys.xlsform.layout import (
    CHOICES,
    EXPORTED,
    MACHINE,
    REVIEW,
    REVIEW_HINT,
    REVIEWED,
    SETTINGS,
    SURVEY,
    TEXTS,
)
from surveys.xlsform.report import Problem
from surveys.xlsform.sheets import Row, Sheet, read_sheets


@dataclass
class Texts:
    """One text of a row in each of our languages that has a column, and the
    review state its review cell names (None: no cell or an empty one)."""

    values: dict[str, str] = field(default_factory=dict)
    reviewed: dict[str, bool | None] = field(default_factory=dict)

    def get(self, code: str) -> str:
        return self.values.get(code, "")

    def any(self) -> bool:
        return any(v for v in self.values.values())


def merge_texts(*parts: Texts) -> Texts:
    """Texts joined with a blank line per language; reviewed only when every
    part that has text is reviewed."""
    merged = Texts()
    codes = {code for part in parts for code in part.values}
    for code in codes:
        with_text = [p for p in parts if p.get(code)]
        merged.values[code] = "\n\n".join(p.get(code) for p in with_text)
        states = [p.reviewed.get(code) for p in with_text]
        merged.reviewed[code] = all(states) if states else None
    return merged


@dataclass
class FormRow:
    sheet: Sheet
    row: Row
    label: Texts
    hint: Texts

    def get(self, key: str) -> str:
        return self.row.cells.get(key, "")

    def problem(self, message: str, key: str = "") -> Problem:
        return self.sheet.problem(message, self.row, key)

    def name_problem(self, message: str) -> Problem:
        """A problem with this row's name, which ``message`` quotes as
        %(name)s."""
        return self.problem(message % {"name": self.name}, "name")

    @property
    def name(self) -> str:
        return self.get("name")

    @property
    def type(self) -> str:
        return " ".join(self.get("type").split())

    def any_label(self) -> str:
        """The first label in any language (also ones we do not import)."""
        for key in self.sheet.keys("label"):
            if self.row.cells.get(key):
                return self.row.cells[key]
        return ""


@dataclass
class Form:
    kind: str
    sheets: dict[str, Sheet]
    settings: dict[str, str]
    settings_row: Row | None
    languages: Languages
    survey_rows: list[FormRow]
    lists: dict[str, list[FormRow]]
    text_rows: list[FormRow]
    # What our export wrote, by text key: (fingerprint, review state); None
    # for a form that was not exported by Medborger.
    exported: dict[str, tuple[str, bool | None]] | None = None


def _review_value(value: str) -> bool | None | str:
    word = value.strip().lower()
    if not word:
        return None
    if word == REVIEWED:
        return True
    if word == MACHINE:
        return False
    return value


def _form_rows(sheet: Sheet | None, langs: Languages, notes: list[Problem]):
    if sheet is None:
        return []
    label_columns = langs.columns(sheet, "label")
    hint_columns = langs.columns(sheet, "hint")
    review = langs.review_columns(sheet, REVIEW)
    review_hint = langs.review_columns(sheet, REVIEW_HINT)
    rows = []
    for row in sheet.rows:
        texts = []
        for columns, reviews in ((label_columns, review), (hint_columns, review_hint)):
            item = Texts()
            for code, keys in columns.items():
                item.values[code] = next(
                    (row.cells[k] for k in keys if row.cells.get(k)), ""
                )
            for code, key in reviews.items():
                state = _review_value(row.cells.get(key, ""))
                if isinstance(state, str):
                    notes.append(
                        sheet.problem(
                            gettext(
                                "“%(value)s” is not a review state (write "
                                "“reviewed” or “machine”); the text's state was "
                                "left as it is."
                            )
                            % {"value": state},
                            row,
                            key,
                        )
                    )
                    state = None
                item.reviewed[code] = state
            texts.append(item)
        rows.append(FormRow(sheet=sheet, row=row, label=texts[0], hint=texts[1]))
    return rows


def read_form(
    data: bytes, filename: str, *, danish_fallback: bool = True
) -> tuple[Form | None, list[Problem], list[Problem]]:
    """Read an XLSForm into rows with texts per language. Returns the form
    (None when it cannot be read at all), errors and notes."""
    sheets, errors, notes, kind = read_sheets(data, filename)
    if not sheets and not errors:
        errors.append(Problem(gettext("The file holds no sheets.")))
    if errors and not sheets:
        return None, errors, notes
    survey = sheets.get(SURVEY)
    if survey is None:
        errors.append(
            Problem(gettext("The file has no sheet named “survey”."), sheet=SURVEY)
        )
        return None, errors, notes
    for key in ("type", "name"):
        if key not in survey.headers:
            errors.append(
                Problem(
                    gettext("The survey sheet has no “%(column)s” column.")
                    % {"column": key},
                    sheet=survey.name,
                    row=1,
                )
            )
    choices = sheets.get(CHOICES)
    if choices is not None and choices.rows:
        for key in ("list_name", "name"):
            if key not in choices.headers:
                errors.append(
                    Problem(
                        gettext("The choices sheet has no “%(column)s” column.")
                        % {"column": key},
                        sheet=choices.name,
                        row=1,
                    )
                )
    settings_sheet = sheets.get(SETTINGS)
    settings_row = (
        settings_sheet.rows[0] if settings_sheet and settings_sheet.rows else None
    )
    form_settings = dict(settings_row.cells) if settings_row else {}
    langs, language_notes = read_languages(
        sheets,
        form_settings.get("default_language", ""),
        danish_fallback=danish_fallback,
    )
    notes += language_notes
    if errors:
        return None, errors, notes
    lists: dict[str, list[FormRow]] = {}
    for form_row in _form_rows(choices, langs, notes):
        list_name = form_row.get("list_name")
        if not list_name:
            errors.append(
                form_row.problem(gettext("The choice has no list name."), "list_name")
            )
            continue
        lists.setdefault(list_name, []).append(form_row)
    form = Form(
        kind=kind,
        sheets=sheets,
        settings=form_settings,
        settings_row=settings_row,
        languages=langs,
        survey_rows=_form_rows(survey, langs, notes),
        lists=lists,
        text_rows=_form_rows(sheets.get(TEXTS), langs, notes),
        exported=_exported(sheets.get(EXPORTED)),
    )
    return form, errors, notes


def fingerprint(text: str) -> str:
    """A short hash of a text as exported, to tell later whether it was edited."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()[:16]


def _exported(sheet: Sheet | None) -> dict[str, tuple[str, bool | None]] | None:
    if sheet is None:
        return None
    found = {}
    for row in sheet.rows:
        key = row.cells.get("key")
        if key:
            state = _review_value(row.cells.get("review", ""))
            found[key] = (
                row.cells.get("text_sha", ""),
                state if isinstance(state, bool) else None,
            )
    return found
