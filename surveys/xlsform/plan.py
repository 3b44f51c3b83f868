"""The plan of a new survey: the walk over an XLSForm's survey sheet that
decides which sections, questions and choices an import writes (importer.py
writes them), collecting errors and notes on the way.

How an XLSForm maps to a survey
-------------------------------
- ``begin group`` / ``end group``: a section (one step). Nested groups
  become steps of their own; questions outside any group go to a default
  step. ``begin repeat``: a step asked once (reported).
- ``select_one L`` / ``select_multiple L``: single / multiple choice with the
  choices of list ``L``; ``integer``: a whole number, with bounds from a
  simple constraint such as ``. >= 0 and . <= 120``; ``text``: free text
  (``string-length(.) <= N`` gives its maximum length). ``note``: the
  survey's introduction when it comes before every question, a step's
  introduction at the start of a step, otherwise reported. Every other type
  (decimal, date, media, calculate, device metadata ...) is reported and not
  imported.
- ``name`` becomes the stable code (Question.code, Choice.code); it must be
  a slug (letters, digits, ``_`` and ``-``, at most 64 characters).
- ``required``: yes/true. ``relevant``: only ``${q} = 'x'``,
  ``selected(${q}, 'x')`` and ``or`` of those on one choice question of an
  earlier step can be represented (Question.condition_question /
  condition_values); anything else is reported and the question is shown
  always. A group's simple ``relevant`` applies to its questions.
- ``choice_filter`` (cascading selects), ``or_other``, media columns,
  appearance and other columns are reported, not imported.
- Languages: languages.py.
- Sheets other than ``survey``, ``choices``, ``settings`` and our own
  ``medborger_texts`` are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from surveys import messages
from surveys.models import BackgroundRole, Question, QuestionKind
from surveys.xlsform.expressions import (
    FROM_FILE,
    INTEGER_TYPES,
    METADATA_TYPES,
    NOTE_TYPES,
    SELECT,
    TEXT_TYPES,
    group_control,
    parse_bounds,
    parse_max_length,
    parse_relevant,
    truthy,
)
from surveys.xlsform.form import Form, FormRow, Texts, merge_texts
from surveys.xlsform.layout import (
    CHOICES,
    DONT_KNOW,
    EXCLUSIVE,
    KIND,
    REVIEW,
    ROLE,
    SETTINGS,
    SURVEY,
)
from surveys.xlsform.report import Problem
from surveys.xlsform.sheets import split_key

CODE_MAX = 64
LABEL_MAX = 255
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+\Z")
DEFAULT_MAX_LENGTH = Question._meta.get_field("max_length").default
MEDIA_BASES = {"image", "big-image", "audio", "video", "media"}


@dataclass
class PlanChoice:
    code: str
    label: Texts
    exclusive: bool
    source: FormRow


@dataclass
class PlanSection:
    code: str
    title: Texts
    intro: Texts
    source: FormRow | None
    questions: list[PlanQuestion] = field(default_factory=list)


@dataclass
class PlanQuestion:
    code: str
    kind: str
    text: Texts
    help: Texts
    section: PlanSection
    source: FormRow
    required: bool = False
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = DEFAULT_MAX_LENGTH
    dont_know: bool = False
    role: str = ""
    relevant: tuple[str, FormRow, str] | None = None  # expression, row, column
    condition: tuple[str, list[str]] | None = None
    choices: list[PlanChoice] = field(default_factory=list)


@dataclass
class _Group:
    kind: str
    source: FormRow
    section: PlanSection
    relevant: str
    continuation: int = 1


def _unique(code: str, used: set[str]) -> str:
    candidate, n = code, 1
    while candidate in used:
        n += 1
        suffix = f"-{n}"
        candidate = code[: CODE_MAX - len(suffix)] + suffix
    used.add(candidate)
    return candidate


class Planner:
    """Walks the survey sheet and builds the sections, questions and choices
    that will be written, collecting errors and notes on the way."""

    def __init__(self, form: Form, filename: str = ""):
        self.form = form
        self.filename = filename
        self.errors: list[Problem] = []
        self.notes: list[Problem] = []
        self.sections: list[PlanSection] = []
        self.questions: dict[str, PlanQuestion] = {}
        self.stack: list[_Group] = []
        self.current: PlanSection | None = None
        self.section_codes: set[str] = set()
        self.survey_intro: list[Texts] = []
        self.title = self._title()
        self.defaults = 0

    def _title(self) -> Texts:
        form = self.form
        title = (
            form.settings.get("form_title")
            or form.settings.get("title")
            or form.settings.get("form_id")
            or form.settings.get("id_string")
            or PurePath(self.filename).stem
            or gettext("Imported survey")
        )
        return Texts(values={"da": title[:LABEL_MAX]} if title else {})

    # sections

    def _new_section(
        self, code: str, title: Texts, intro: Texts, source
    ) -> PlanSection:
        section = PlanSection(
            code=_unique(code, self.section_codes),
            title=title,
            intro=intro,
            source=source,
        )
        self.sections.append(section)
        self.current = section
        return section

    def section(self) -> PlanSection:
        """The step the next question goes into (made when first needed)."""
        if self.current is not None:
            return self.current
        if self.stack:
            group = self.stack[-1]
            group.continuation += 1
            return self._new_section(
                f"{group.section.code}-{group.continuation}",
                group.section.title,
                Texts(),
                group.source,
            )
        self.defaults += 1
        return self._new_section(f"part-{self.defaults}", self.title, Texts(), None)

    def begin(self, row: FormRow, kind: str):
        name = row.name
        if not name:
            self.errors.append(row.problem(gettext("The group has no name."), "name"))
            name = "group"
        code = name
        if not SLUG_RE.match(code) or len(code) > CODE_MAX:
            code = slugify(name)[:CODE_MAX] or "group"
            self.notes.append(
                row.problem(
                    gettext("“%(name)s” is not a valid step code; “%(code)s” is used.")
                    % {"name": name, "code": code},
                    "name",
                )
            )
        title = row.label
        if not title.get("da"):
            title = self.stack[-1].section.title if self.stack else self.title
        section = self._new_section(code, title, row.hint, row)
        if kind == "repeat":
            self.notes.append(
                row.problem(
                    gettext(
                        "Repeats are not supported: the questions of “%(name)s” are "
                        "asked once, as one step."
                    )
                    % {"name": name},
                    "type",
                )
            )
        relevant = row.get("relevant")
        if relevant and parse_relevant(relevant) is None:
            self.notes.append(
                row.problem(
                    gettext(
                        "Condition not mapped, its questions are shown always: "
                        "%(expression)s"
                    )
                    % {"expression": relevant},
                    "relevant",
                )
            )
            relevant = ""
        self.stack.append(
            _Group(kind=kind, source=row, section=section, relevant=relevant)
        )

    def end(self, row: FormRow, kind: str):
        if not self.stack:
            self.errors.append(
                row.problem(
                    gettext("“%(type)s” closes nothing: there is no open group.")
                    % {"type": row.type},
                    "type",
                )
            )
            return
        if self.stack[-1].kind != kind:
            self.errors.append(
                row.problem(
                    gettext("“%(type)s” does not match the open “begin %(kind)s”.")
                    % {"type": row.type, "kind": self.stack[-1].kind},
                    "type",
                )
            )
        self.stack.pop()
        self.current = None

    # notes

    def note(self, row: FormRow):
        if not row.label.any():
            return
        if any("${" in v for v in row.label.values.values()):
            self.notes.append(
                row.problem(
                    gettext(
                        "The note shows earlier answers, which Medborger cannot do; "
                        "it was not imported."
                    ),
                    "type",
                )
            )
            return
        if row.get("relevant"):
            self.notes.append(
                row.problem(
                    gettext("The note's condition is not mapped: %(expression)s")
                    % {"expression": row.get("relevant")},
                    "relevant",
                )
            )
        texts = merge_texts(row.label, row.hint)
        if self.current is None and not self.stack and not self.sections:
            self.survey_intro.append(texts)
            return
        section = self.section()
        if not section.questions:
            section.intro = merge_texts(section.intro, texts)
            return
        self.notes.append(
            row.problem(
                gettext(
                    "A note between questions was not imported (only a note at the "
                    "start of a step becomes its introduction): “%(text)s”"
                )
                % {"text": row.any_label()[:80]},
                "type",
            )
        )

    # questions

    def question(self, row: FormRow, kind: str, list_name: str, or_other: bool):
        code = row.name
        if not code:
            self.errors.append(
                row.problem(gettext("The question has no name."), "name")
            )
            return
        if not SLUG_RE.match(code) or len(code) > CODE_MAX:
            self.errors.append(
                row.problem(
                    gettext(
                        "“%(name)s” is not a valid code: use letters, digits, _ and "
                        "-, at most 64 characters."
                    )
                    % {"name": code},
                    "name",
                )
            )
            return
        if code in self.questions:
            self.errors.append(
                row.problem(
                    gettext("Two questions are named “%(name)s”.") % {"name": code},
                    "name",
                )
            )
            return
        declared = row.get(KIND).lower()
        if declared:
            if declared not in QuestionKind.values:
                self.errors.append(
                    row.problem(
                        gettext("“%(value)s” is not a question kind.")
                        % {"value": row.get(KIND)},
                        KIND,
                    )
                )
                return
            kind = declared
        text = row.label
        if not text.get("da"):
            fallback = row.any_label() or code
            text = Texts(values={**text.values, "da": fallback}, reviewed=text.reviewed)
            self.notes.append(
                row.problem(
                    gettext(
                        "The question has no text in the default language; "
                        "“%(text)s” is used."
                    )
                    % {"text": fallback[:80]},
                    "label",
                )
            )
        if any("${" in v for v in text.values.values()):
            self.notes.append(
                row.problem(
                    gettext(
                        "The text refers to other answers with ${...}; it is shown "
                        "as written."
                    ),
                    "label",
                )
            )
        question = PlanQuestion(
            code=code,
            kind=kind,
            text=text,
            help=row.hint,
            section=self.section(),
            source=row,
        )
        self._required(question, row)
        self._constraint(question, row)
        self._extras(question, row)
        relevant = row.get("relevant")
        inherited = next((g for g in reversed(self.stack) if g.relevant), None)
        if relevant:
            question.relevant = (relevant, row, "relevant")
            if inherited:
                self.notes.append(
                    row.problem(
                        gettext(
                            "The condition of its group (row %(row)s) is not applied "
                            "to this question, which has its own."
                        )
                        % {"row": inherited.source.row.number},
                        "relevant",
                    )
                )
        elif inherited:
            question.relevant = (inherited.relevant, inherited.source, "relevant")
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
            self._choices(question, row, list_name)
        if or_other:
            self.notes.append(
                row.problem(
                    gettext(
                        "“or_other” is not supported: the “Other” option and its "
                        "“please specify” question were not imported."
                    ),
                    "type",
                )
            )
        if row.get("choice_filter"):
            self.notes.append(
                row.problem(
                    gettext(
                        "Cascading choices (choice_filter) are not supported: all "
                        "options of the list are shown."
                    ),
                    "choice_filter",
                )
            )
        question.section.questions.append(question)
        self.questions[code] = question

    def _required(self, question: PlanQuestion, row: FormRow):
        value = row.get("required")
        required = truthy(value)
        if required is None:
            self.notes.append(
                row.problem(
                    gettext(
                        "“Required” only under a condition is not supported; the "
                        "question is optional: %(expression)s"
                    )
                    % {"expression": value},
                    "required",
                )
            )
            required = False
        question.required = required

    def _constraint(self, question: PlanQuestion, row: FormRow):
        expression = row.get("constraint")
        if not expression:
            return
        if question.kind == QuestionKind.NUMBER:
            bounds = parse_bounds(expression)
            if bounds is not None and (
                bounds[0] is None or bounds[1] is None or bounds[0] <= bounds[1]
            ):
                question.min_value, question.max_value = bounds
                return
        if question.kind == QuestionKind.TEXT:
            limit = parse_max_length(expression)
            if limit is not None:
                question.max_length = limit
                return
        self.notes.append(
            row.problem(
                gettext("Constraint not mapped: %(expression)s")
                % {"expression": expression},
                "constraint",
            )
        )

    def _extras(self, question: PlanQuestion, row: FormRow):
        role = row.get(ROLE)
        if role:
            if role in BackgroundRole.values:
                question.role = role
            else:
                self.errors.append(
                    row.problem(
                        gettext("“%(value)s” is not a background role.")
                        % {"value": role},
                        ROLE,
                    )
                )
        question.dont_know = bool(truthy(row.get(DONT_KNOW)))

    def _choices(self, question: PlanQuestion, row: FormRow, list_name: str):
        rows = self.form.lists.get(list_name)
        if not rows:
            self.errors.append(
                row.problem(
                    gettext("The list “%(list)s” is not on the choices sheet.")
                    % {"list": list_name},
                    "type",
                )
            )
            return
        seen: set[str] = set()
        for choice_row in rows:
            code = choice_row.name
            if not code:
                self.errors.append(
                    choice_row.problem(gettext("The choice has no name."), "name")
                )
                continue
            if not SLUG_RE.match(code) or len(code) > CODE_MAX:
                self.errors.append(
                    choice_row.problem(
                        gettext(
                            "“%(name)s” is not a valid code: use letters, digits, _ "
                            "and -, at most 64 characters."
                        )
                        % {"name": code},
                        "name",
                    )
                )
                continue
            if code in seen:
                self.errors.append(
                    choice_row.problem(
                        gettext("The list “%(list)s” has two choices “%(name)s”.")
                        % {"list": list_name, "name": code},
                        "name",
                    )
                )
                continue
            seen.add(code)
            self._media(choice_row)
            label = choice_row.label
            if not label.get("da"):
                fallback = choice_row.any_label() or code
                label = Texts(
                    values={**label.values, "da": fallback}, reviewed=label.reviewed
                )
                self.notes.append(
                    choice_row.problem(
                        gettext(
                            "The choice has no label in the default language; "
                            "“%(text)s” is used."
                        )
                        % {"text": fallback[:80]},
                        "label",
                    )
                )
            question.choices.append(
                PlanChoice(
                    code=code,
                    label=label,
                    exclusive=bool(truthy(choice_row.get(EXCLUSIVE))),
                    source=choice_row,
                )
            )

    # the walk

    def run(self):
        for row in self.form.survey_rows:
            type_ = row.type
            if not type_:
                if row.name or row.label.any():
                    self.errors.append(
                        row.problem(gettext("The row has no type."), "type")
                    )
                continue
            self._media(row)
            control = group_control(type_)
            low = type_.lower()
            select = SELECT.match(type_)
            if control.startswith("begin_"):
                self.begin(row, control.removeprefix("begin_"))
            elif control.startswith("end_"):
                self.end(row, control.removeprefix("end_"))
            elif low.startswith(FROM_FILE):
                self._unsupported(row, type_)
            elif select:
                multi = (
                    "multiple" in select.group(1).lower()
                    or "all" in select.group(1).lower()
                )
                kind = QuestionKind.MULTI if multi else QuestionKind.SINGLE
                self.question(row, kind, select.group(2), bool(select.group(3)))
            elif low in TEXT_TYPES:
                self.question(row, QuestionKind.TEXT, "", False)
            elif low in INTEGER_TYPES:
                self.question(row, QuestionKind.NUMBER, "", False)
            elif low in NOTE_TYPES:
                self.note(row)
            else:
                self._unsupported(row, type_)
        for group in self.stack:
            self.errors.append(
                group.source.problem(
                    gettext("“begin %(kind)s” is never closed with “end %(kind)s”.")
                    % {"kind": group.kind},
                    "type",
                )
            )
        self._drop_empty_sections()
        self._resolve_conditions()
        self._unused_columns()
        if not self.questions and not self.errors:
            self.errors.append(
                Problem(
                    gettext("The form has no question that Medborger can ask."),
                    sheet=self.form.sheets[SURVEY].name,
                )
            )

    def _unsupported(self, row: FormRow, type_: str):
        if type_.lower() in METADATA_TYPES or type_.lower().startswith("uri:"):
            message = gettext(
                "“%(type)s” collects data about the device or the person "
                "automatically; Medborger collects none (answers are anonymous)."
            )
        elif type_.lower() == "decimal":
            message = gettext(
                "Decimal numbers are not supported (only whole numbers); the "
                "question was not imported."
            )
        else:
            message = gettext(
                "The question type “%(type)s” is not supported; the row was not "
                "imported."
            )
        self.notes.append(row.problem(message % {"type": type_}, "type"))

    def _media(self, row: FormRow):
        columns = [
            key
            for key, value in row.row.cells.items()
            if value and split_key(key)[0] in MEDIA_BASES
        ]
        if columns:
            headers = ", ".join(row.sheet.headers[k][0] for k in columns)
            self.notes.append(
                row.problem(
                    gettext(
                        "Media are not supported and were not imported: %(columns)s"
                    )
                    % {"columns": headers},
                    columns[0],
                )
            )

    def _drop_empty_sections(self):
        kept = []
        for section in self.sections:
            if section.questions:
                kept.append(section)
                continue
            self.section_codes.discard(section.code)
            if section.intro.any() or (
                section.source is not None and section.source.label.any()
            ):
                source = section.source
                problem = gettext(
                    "The step “%(code)s” has no questions of its own; its title and "
                    "introduction were not imported."
                ) % {"code": section.code}
                self.notes.append(
                    source.problem(problem, "type") if source else Problem(problem)
                )
        self.sections = kept

    def _resolve_conditions(self):
        order = {id(s): i for i, s in enumerate(self.sections)}
        position = {code: i for i, code in enumerate(self.questions)}
        for code, question in self.questions.items():
            if question.relevant is None:
                continue
            expression, row, column = question.relevant
            reason = self._condition(question, expression, order, position)
            if reason:
                self.notes.append(
                    row.problem(
                        gettext(
                            "Condition of “%(code)s” not mapped, shown always "
                            "(%(reason)s): %(expression)s"
                        )
                        % {"code": code, "reason": reason, "expression": expression},
                        column,
                    )
                )

    def _condition(self, question, expression, order, position) -> str:
        parsed = parse_relevant(expression)
        if parsed is None:
            return gettext("only “${q} = 'x'” and “selected(${q}, 'x')” can be used")
        name, values = parsed
        parent = self.questions.get(name)
        if parent is None:
            return gettext("“%(name)s” is not an imported question") % {"name": name}
        if position[name] >= position[question.code]:
            return gettext("it refers to a later question")
        if order[id(parent.section)] >= order[id(question.section)]:
            return gettext(
                "the question it depends on is on the same step; conditions work "
                "across steps only"
            )
        allowed = {
            QuestionKind.AGREE: {*messages.AGREE_LABELS, "dk"},
            QuestionKind.YESNO: {"yes", "no", "dk"},
        }.get(parent.kind) or {c.code for c in parent.choices}
        if parent.kind not in (
            QuestionKind.AGREE,
            QuestionKind.YESNO,
            QuestionKind.SINGLE,
            QuestionKind.MULTI,
        ):
            return gettext("“%(name)s” is not a choice question") % {"name": name}
        unknown = [v for v in values if v not in allowed]
        if unknown:
            return gettext("“%(value)s” is not an answer of “%(name)s”") % {
                "value": unknown[0],
                "name": name,
            }
        question.condition = (name, values)
        return ""

    def _unused_columns(self):
        used_survey = {"type", "name", "required", "relevant", "constraint"}
        used_survey |= {"choice_filter", KIND, ROLE, DONT_KNOW}
        used_choices = {"list_name", "name", EXCLUSIVE}
        for sheet_name, used in ((SURVEY, used_survey), (CHOICES, used_choices)):
            sheet = self.form.sheets.get(sheet_name)
            if sheet is None:
                continue
            for key, (header, letter) in sheet.headers.items():
                base, tag = split_key(key)
                if (
                    key in used
                    or base in ("label", "hint")
                    or base.startswith(REVIEW)
                    or base in MEDIA_BASES
                ):
                    continue
                count = sum(1 for r in sheet.rows if r.cells.get(key))
                if count:
                    self.notes.append(
                        Problem(
                            ngettext(
                                "This column is not used by Medborger; its value "
                                "(%(count)s row) was not imported.",
                                "This column is not used by Medborger; its values "
                                "(%(count)s rows) were not imported.",
                                count,
                            )
                            % {"count": count},
                            sheet=sheet.name,
                            column=letter,
                            header=header,
                        )
                    )
        ignored = [
            key
            for key, value in self.form.settings.items()
            if value
            and key
            not in ("form_title", "title", "form_id", "id_string", "default_language")
        ]
        if ignored:
            self.notes.append(
                Problem(
                    gettext("Settings not used by Medborger: %(names)s")
                    % {"names": ", ".join(ignored)},
                    sheet=self.form.sheets[SETTINGS].name,
                    row=self.form.settings_row.number,
                )
            )
