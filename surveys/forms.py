"""The survey as one Django form, shown one section (step) at a time.

Every question is a field named ``q_<code>``. The whole form travels with
each post: answers of other steps ride along as hidden inputs, so Back keeps
them, nothing is held on the server between steps, and it all works without
JavaScript. Questions whose condition is not met are not required and their
answers are dropped.

The same form serves staff entering a paper or interpreted answer (all
questions on one page, surveys/paper_admin.py), and its question numbers and
condition hints the printable survey (surveys/templates/surveys/print.html).
"""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import BadRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from surveys import invitations, messages
from surveys.models import Question, QuestionKind, Section, Wave

PREFIX = "q_"
# Bounds for a number question that sets none: well inside a 32-bit integer.
DEFAULT_MIN, DEFAULT_MAX = 0, 1_000_000


def field_name(question: Question) -> str:
    return PREFIX + question.code


def options_for(question: Question) -> list[tuple[str, str]]:
    """(code, label) pairs in the active language."""
    if question.kind == QuestionKind.AGREE:
        return [*messages.AGREE_LABELS.items(), ("dk", messages.DONT_KNOW)]
    if question.kind == QuestionKind.YESNO:
        options = [("yes", messages.YES), ("no", messages.NO)]
        return options + [("dk", messages.DONT_KNOW)] if question.dont_know else options
    return [(choice.code, choice.label) for choice in question.choices.all()]


def _error_messages(question: Question) -> dict:
    low = DEFAULT_MIN if question.min_value is None else question.min_value
    high = DEFAULT_MAX if question.max_value is None else question.max_value
    number_range = messages.NUMBER_RANGE % {"min": low, "max": high}
    return {
        "required": messages.REQUIRED,
        "invalid_choice": messages.INVALID_CHOICE,
        "invalid_list": messages.INVALID_CHOICE,
        "invalid": messages.INVALID_NUMBER,
        "min_value": number_range,
        "max_value": number_range,
        "max_length": messages.TOO_LONG,
        "null_characters_not_allowed": messages.NULL_CHARACTER,
    }


class MultipleAnswerField(forms.MultipleChoiceField):
    """Several choices, where an option such as “None of these” stands alone."""

    def __init__(self, *args, exclusive: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.exclusive = exclusive

    def validate(self, value):
        super().validate(value)
        alone = [code for code in value if code in self.exclusive]
        if alone and len(value) > 1:
            raise forms.ValidationError(
                messages.EXCLUSIVE_CHOICE,
                code="exclusive",
                params={"label": self.exclusive[alone[0]]},
            )


def make_field(question: Question) -> forms.Field:
    common = {
        "required": question.required,
        "error_messages": _error_messages(question),
    }
    if question.kind == QuestionKind.MULTI:
        exclusive = {c.code: c.label for c in question.choices.all() if c.exclusive}
        return MultipleAnswerField(
            choices=options_for(question), exclusive=exclusive, **common
        )
    if question.kind == QuestionKind.NUMBER:
        low = DEFAULT_MIN if question.min_value is None else question.min_value
        high = DEFAULT_MAX if question.max_value is None else question.max_value
        return forms.IntegerField(min_value=low, max_value=high, **common)
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(max_length=question.max_length, strip=True, **common)
    return forms.ChoiceField(choices=options_for(question), **common)


@dataclass
class QuestionView:
    """What the template needs to draw one question."""

    question: Question
    name: str
    kind: str
    value: str = ""
    chosen: frozenset[str] = frozenset()
    options: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        return "q-" + self.question.code

    @property
    def target_id(self) -> str:
        """The element an error summary links to: the first input."""
        return self.dom_id + ("-1" if self.is_choice else "-input")

    @property
    def describedby(self) -> str:
        ids = []
        if self.question.help_text:
            ids.append(self.dom_id + "-help")
        if self.errors:
            ids.append(self.dom_id + "-error")
        return " ".join(ids)

    @property
    def is_choice(self) -> bool:
        return self.kind in (
            QuestionKind.AGREE,
            QuestionKind.YESNO,
            QuestionKind.SINGLE,
            QuestionKind.MULTI,
        )

    @property
    def input_type(self) -> str:
        return "checkbox" if self.kind == QuestionKind.MULTI else "radio"


class SurveyForm(forms.Form):
    """All questions of a survey; validation honours the conditions."""

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.by_name = {field_name(q): q for q in questions}
        for question in questions:
            self.fields[field_name(question)] = make_field(question)
        if self.is_bound:
            self._refuse_repeated_keys()
            self.visible = self._visible_codes()
            for question in questions:
                if question.code not in self.visible:
                    self.fields[field_name(question)].required = False
        else:
            self.visible = {q.code for q in questions if not q.condition_question_id}

    def _refuse_repeated_keys(self):
        # A browser never sends a single-answer field twice; a tampered post
        # might, and Django would silently keep the last value.
        for name, question in self.by_name.items():
            if question.kind != QuestionKind.MULTI and len(self.data.getlist(name)) > 1:
                raise BadRequest("repeated survey field")

    def posted_values(self, question: Question) -> list[str]:
        if not self.is_bound:
            return []
        return [v for v in self.data.getlist(field_name(question)) if v != ""]

    def _visible_codes(self) -> set[str]:
        """Codes of questions shown, given the answers posted so far.

        Questions are in survey order and conditions point backwards, so one
        pass settles chains (B depends on A, C on B).
        """
        by_id = {q.pk: q for q in self.questions}
        visible: set[str] = set()
        for question in self.questions:
            parent = by_id.get(question.condition_question_id)
            unconditional = question.condition_question_id is None
            condition_met = (
                parent is not None
                and parent.code in visible
                and bool(set(self.posted_values(parent)) & question.condition_codes)
            )
            if unconditional or condition_met:
                visible.add(question.code)
        return visible

    def step_questions(self, section: Section) -> list[Question]:
        return [
            q
            for q in self.questions
            if q.section_id == section.pk and q.code in self.visible
        ]

    def errors_in(self, questions: list[Question]) -> dict[str, list[str]]:
        errors = self.errors if self.is_bound else {}
        return {
            q.code: list(errors[field_name(q)])
            for q in questions
            if field_name(q) in errors and q.code in self.visible
        }

    def views(
        self, questions: list[Question], *, show_errors: bool
    ) -> list[QuestionView]:
        errors = self.errors_in(questions) if show_errors else {}
        result = []
        for question in questions:
            raw = self.posted_values(question)
            result.append(
                QuestionView(
                    question=question,
                    name=field_name(question),
                    kind=question.kind,
                    value=raw[-1]
                    if raw and question.kind != QuestionKind.MULTI
                    else "",
                    chosen=frozenset(raw),
                    options=options_for(question),
                    errors=errors.get(question.code, []),
                )
            )
        return result

    def carried(self, exclude: list[Question]) -> list[tuple[str, str]]:
        """(name, value) of answers to keep as hidden inputs on this step."""
        skip = {q.code for q in exclude}
        return [
            (field_name(q), value)
            for q in self.questions
            if q.code not in skip
            for value in self.posted_values(q)
        ]

    def answers(self) -> dict[str, object]:
        """Cleaned answers of visible questions, keyed by question code.

        Call after is_valid(). Empty answers are left out.
        """
        result = {}
        for question in self.questions:
            if question.code not in self.visible:
                continue
            value = self.cleaned_data.get(field_name(question))
            if value in (None, "", []):
                continue
            result[question.code] = value
        return result


class InvitationCodeForm(forms.Form):
    """The code from an invitation letter; cleans to the code's hash, and
    only if the code may still be used for the wave."""

    invitation_code = forms.CharField(
        label=_("Invitation code from your letter"),
        max_length=40,
        error_messages={
            "required": invitations.CODE_REQUIRED,
            "max_length": invitations.CODE_MALFORMED,
            "null_characters_not_allowed": invitations.CODE_MALFORMED,
        },
    )

    def __init__(self, *args, wave: Wave, refused: str = "", **kwargs):
        """`refused`: a message to show whatever was typed (the code was
        refused when the answers were sent)."""
        super().__init__(*args, **kwargs)
        self.wave = wave
        self.refused = refused
        if refused:
            self.fields["invitation_code"].required = False

    def clean_invitation_code(self) -> str:
        if self.refused:
            raise forms.ValidationError(self.refused, code="refused")
        try:
            return invitations.invitation_check(
                wave=self.wave, code=self.cleaned_data["invitation_code"]
            )
        except invitations.InvitationRefused as refused:
            raise forms.ValidationError(refused.message, code="refused") from None


# --- Numbers and condition hints, shared by the printable survey and the
# staff's paper entry, so staff find "question 7" in the same place on both.


def question_numbers(questions: list[Question]) -> dict[str, int]:
    """Question code -> its number in survey order, from 1."""
    return {q.code: number for number, q in enumerate(questions, start=1)}


def condition_hint(question: Question, questions: list[Question]) -> str:
    """'Answer only if ...' for a conditional question, in the active
    language; '' for a question that is always asked. The question it
    depends on is looked up in `questions` (with their choices loaded)."""
    numbers = question_numbers(questions)
    parent = next(
        (q for q in questions if q.pk == question.condition_question_id), None
    )
    if parent is None:
        return ""
    labels = dict(options_for(parent))
    answers = [str(labels.get(code, code)) for code in sorted(question.condition_codes)]
    return gettext(
        "Answer only if you answered “%(answers)s” to question %(number)s."
    ) % {"answers": "”, “".join(answers), "number": numbers[parent.code]}


def how_to_answer(question: Question) -> str:
    """The instruction printed under a question on paper."""
    if question.kind == QuestionKind.MULTI:
        return gettext("Tick every box that fits.")
    if question.kind == QuestionKind.NUMBER:
        low = DEFAULT_MIN if question.min_value is None else question.min_value
        high = DEFAULT_MAX if question.max_value is None else question.max_value
        return str(messages.NUMBER_RANGE) % {"min": low, "max": high}
    if question.kind == QuestionKind.TEXT:
        return gettext("Write your answer in the box.")
    return gettext("Tick one box.")


def number_boxes(question: Question) -> int:
    """How many digit boxes a number question gets on paper."""
    high = DEFAULT_MAX if question.max_value is None else question.max_value
    low = DEFAULT_MIN if question.min_value is None else question.min_value
    return min(7, max(len(str(abs(high))), len(str(abs(low))), 1))


@dataclass
class PrintedQuestion:
    """One question as printed, texts resolved in the paper's language."""

    number: int
    question: Question
    text: str
    help_text: str
    how: str
    hint: str
    options: list[tuple[str, str]]
    boxes: int = 0

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def is_choice(self) -> bool:
        return self.kind not in (QuestionKind.NUMBER, QuestionKind.TEXT)

    @property
    def box_range(self) -> range:
        return range(self.boxes)


def printed_questions(questions: list[Question]) -> list[PrintedQuestion]:
    """Every question with its number, texts, options and condition hint,
    resolved in the active language (so they can be shown in another)."""
    numbers = question_numbers(questions)
    return [
        PrintedQuestion(
            number=numbers[q.code],
            question=q,
            text=str(q.text),
            help_text=str(q.help_text),
            how=how_to_answer(q),
            hint=condition_hint(q, questions) if q.condition_question_id else "",
            options=[(code, str(label)) for code, label in options_for(q)],
            boxes=number_boxes(q) if q.kind == QuestionKind.NUMBER else 0,
        )
        for q in questions
    ]
