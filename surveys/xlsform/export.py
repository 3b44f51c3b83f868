"""Write a survey as an .xlsx XLSForm (``xlsform_export``) with every
language, the review state of every translated text and the columns of
layout.py, for a translator to fill in and update.py to take back. Every
cell is written as text, never as a formula (docs/SECURITY.md, T10).
"""

from __future__ import annotations

import io

import openpyxl
from django.utils import translation
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from surveys import messages, translation_review
from surveys.models import Question, QuestionKind, Survey
from surveys.xlsform.form import fingerprint
from surveys.xlsform.languages import language_tag, our_languages
from surveys.xlsform.layout import (
    AGREE_LIST,
    CHOICES,
    DONT_KNOW,
    EXCLUSIVE,
    EXPORTED,
    FIXED_LISTS,
    KIND,
    MACHINE,
    REVIEW,
    REVIEW_HINT,
    REVIEWED,
    ROLE,
    SETTINGS,
    SURVEY,
    TEXTS,
    YESNO_DK_LIST,
    YESNO_LIST,
)


def _cell(ws, row: int, column: int, value) -> None:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = ws.cell(row=row, column=column, value=value if value != "" else None)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a text, never a formula


def _write_sheet(ws, headers: list[str], rows: list[dict[str, str]]) -> None:
    for column, header in enumerate(headers, start=1):
        _cell(ws, 1, column, header)
        ws.cell(row=1, column=column).font = Font(bold=True)
    for number, values in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            if values.get(header):
                _cell(ws, number, column, values[header])
    ws.freeze_panes = "C2"


def xlsform_export(*, survey: Survey) -> bytes:
    """The survey as an .xlsx XLSForm with every language and the review
    state of every translated text (layout.py names the columns)."""
    langs = our_languages()
    review = translation_review.review_languages()
    tags = {code: language_tag(code) for code in langs}
    reviewed = translation_review.reviewed_keys(survey)

    exported: list[dict[str, str]] = []

    def texts(label, name: str, obj, field_name: str, prefix: str, review_prefix):
        values = {}
        for code in langs:
            value = getattr(obj, f"{field_name}_{code}") or ""
            values[f"{prefix}::{tags[code]}"] = value
            if not value.strip():
                continue
            state = ""
            if code in review:
                reviewed_now = (label, obj.pk, field_name, code) in reviewed
                state = REVIEWED if reviewed_now else MACHINE
                values[f"{review_prefix}_{code}"] = state
            exported.append(
                {
                    "key": f"{label}:{name}:{field_name}:{code}",
                    "text_sha": fingerprint(value),
                    "review": state,
                }
            )
        return values

    survey_headers = [
        "type",
        "name",
        "required",
        "relevant",
        "constraint",
        *[f"label::{tags[c]}" for c in langs],
        *[f"hint::{tags[c]}" for c in langs],
        *[f"{REVIEW}_{c}" for c in review],
        *[f"{REVIEW_HINT}_{c}" for c in review],
        KIND,
        ROLE,
        DONT_KNOW,
    ]
    choice_headers = [
        "list_name",
        "name",
        *[f"label::{tags[c]}" for c in langs],
        *[f"{REVIEW}_{c}" for c in review],
        EXCLUSIVE,
    ]
    questions = list(
        Question.objects.filter(survey=survey)
        .select_related("condition_question")
        .prefetch_related("choices")
    )
    survey_rows: list[dict[str, str]] = []
    choice_rows: list[dict[str, str]] = []
    fixed: set[str] = set()
    for section in survey.sections.order_by("sort_order", "pk"):
        survey_rows.append(
            {
                "type": "begin group",
                "name": section.code,
                **texts("section", section.code, section, "title", "label", REVIEW),
                **texts("section", section.code, section, "intro", "hint", REVIEW_HINT),
            }
        )
        for question in (q for q in questions if q.section_id == section.pk):
            row, list_name = _question_row(question)
            row.update(
                texts("question", question.code, question, "text", "label", REVIEW)
            )
            row.update(
                texts(
                    "question",
                    question.code,
                    question,
                    "help_text",
                    "hint",
                    REVIEW_HINT,
                )
            )
            survey_rows.append(row)
            if list_name in FIXED_LISTS:
                fixed.add(list_name)
            elif list_name:
                for choice in question.choices.all():
                    choice_rows.append(
                        {
                            "list_name": list_name,
                            "name": choice.code,
                            EXCLUSIVE: "yes" if choice.exclusive else "",
                            **texts(
                                "choice",
                                f"{question.code}/{choice.code}",
                                choice,
                                "label",
                                "label",
                                REVIEW,
                            ),
                        }
                    )
        survey_rows.append({"type": "end group", "name": section.code})
    for list_name in FIXED_LISTS:
        if list_name in fixed:
            choice_rows += _fixed_choices(list_name, langs, tags)
    text_rows = [
        {"name": name, **texts("survey", "", survey, name, "label", REVIEW)}
        for name in Survey.translated_fields
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SURVEY
    _write_sheet(sheet, survey_headers, survey_rows)
    _write_sheet(book.create_sheet(CHOICES), choice_headers, choice_rows)
    settings_headers = ["form_title", "form_id", "default_language"]
    _write_sheet(
        book.create_sheet(SETTINGS),
        settings_headers,
        [
            {
                "form_title": survey.title_da or survey.code,
                "form_id": survey.code,
                "default_language": tags[translation_review.source_language()],
            }
        ],
    )
    _write_sheet(
        book.create_sheet(TEXTS),
        [
            "name",
            *[f"label::{tags[c]}" for c in langs],
            *[f"{REVIEW}_{c}" for c in review],
        ],
        text_rows,
    )
    fingerprints = book.create_sheet(EXPORTED)
    _write_sheet(fingerprints, ["key", "text_sha", "review"], exported)
    # Kept out of the translator's way: it tells the update which texts
    # and review cells were edited after the export.
    fingerprints.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _question_row(question: Question) -> tuple[dict[str, str], str]:
    kind = question.kind
    row = {
        "name": question.code,
        "required": "yes" if question.required else "",
        KIND: kind,
        ROLE: question.background_role,
        DONT_KNOW: "yes" if question.dont_know else "",
    }
    list_name = ""
    if kind == QuestionKind.AGREE:
        list_name = AGREE_LIST
        row["type"] = f"select_one {list_name}"
    elif kind == QuestionKind.YESNO:
        list_name = YESNO_DK_LIST if question.dont_know else YESNO_LIST
        row["type"] = f"select_one {list_name}"
    elif kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
        list_name = question.code
        word = "select_one" if kind == QuestionKind.SINGLE else "select_multiple"
        row["type"] = f"{word} {list_name}"
    elif kind == QuestionKind.NUMBER:
        row["type"] = "integer"
        bounds = []
        if question.min_value is not None:
            bounds.append(f". >= {question.min_value}")
        if question.max_value is not None:
            bounds.append(f". <= {question.max_value}")
        row["constraint"] = " and ".join(bounds)
    else:
        row["type"] = "text"
        row["constraint"] = f"string-length(.) <= {question.max_length}"
    parent = question.condition_question
    if parent is not None and question.condition_codes:
        codes = [c.strip() for c in question.condition_values.split(",") if c.strip()]
        if parent.kind == QuestionKind.MULTI:
            terms = [f"selected(${{{parent.code}}}, '{c}')" for c in codes]
        else:
            terms = [f"${{{parent.code}}} = '{c}'" for c in codes]
        row["relevant"] = " or ".join(terms)
    return row, list_name


def _fixed_choices(list_name: str, langs, tags) -> list[dict[str, str]]:
    if list_name == AGREE_LIST:
        options = [*messages.AGREE_LABELS.items(), ("dk", messages.DONT_KNOW)]
    else:
        options = [("yes", messages.YES), ("no", messages.NO)]
        if list_name == YESNO_DK_LIST:
            options.append(("dk", messages.DONT_KNOW))
    rows = []
    for code, label in options:
        row = {"list_name": list_name, "name": code}
        for lang in langs:
            with translation.override(lang):
                row[f"label::{tags[lang]}"] = str(label)
        rows.append(row)
    return rows
