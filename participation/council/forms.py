"""Forms of the council pages: the explorer's fixed catalogue (a question,
a wave, one breakdown, weighted or not), the year of the participation page,
the period of the status report and the export request. A value outside
the catalogue is a form error, never a query (T06, T17)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.council import catalogue
from participation.council.exports import FORMATS


class ExplorerForm(forms.Form):
    wave = forms.TypedChoiceField(label=_("Wave"), coerce=int)
    question = forms.ChoiceField(label=_("Question"))
    breakdown = forms.ChoiceField(label=_("Broken down by"))
    weighted = forms.BooleanField(
        label=_("Weight to the population (origin, age band, gender)"), required=False
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        waves = list(catalogue.explorer_waves().select_related("survey"))
        self.waves = {wave.pk: wave for wave in waves}
        self.fields["wave"].choices = [(w.pk, w.name) for w in waves]
        survey_ids = {w.survey_id for w in waves}
        questions = [
            q for sid in sorted(survey_ids) for q in catalogue.explorer_questions(sid)
        ]
        self.questions = {(q.survey_id, q.code): q for q in questions}
        seen, choices = set(), []
        for question in questions:
            if question.code not in seen:
                seen.add(question.code)
                choices.append((question.code, question.text))
        self.fields["question"].choices = choices
        self.fields["breakdown"].choices = [
            (code, b.label) for code, b in catalogue.BREAKDOWNS.items()
        ]

    def clean(self):
        cleaned = super().clean()
        wave = self.waves.get(cleaned.get("wave"))
        code = cleaned.get("question")
        if wave is not None and code:
            question = self.questions.get((wave.survey_id, code))
            if question is None:
                self.add_error("question", _("This wave did not ask that question."))
            cleaned["question_obj"] = question
        cleaned["wave_obj"] = wave
        if "breakdown" in cleaned:
            cleaned["breakdown_obj"] = catalogue.BREAKDOWNS[cleaned["breakdown"]]
        return cleaned

    def initial_data(self) -> dict:
        """The catalogue's first table: the newest wave's first question by
        origin group (what the page shows before anything is chosen)."""
        wave = next(iter(self.waves), None)
        question = self.fields["question"].choices[:1]
        return {
            "wave": wave,
            "question": question[0][0] if question else "",
            "breakdown": "origin",
        }


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, data=None, *, years, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


class PeriodForm(forms.Form):
    """The status report's period, in whole years (Norddjurs follows its
    goals up twice a year; a report covers the years of the figures)."""

    first = forms.TypedChoiceField(label=_("From year"), coerce=int)
    last = forms.TypedChoiceField(label=_("To year"), coerce=int)

    def __init__(self, data=None, *, years, **kwargs):
        super().__init__(data, **kwargs)
        for name in ("first", "last"):
            self.fields[name].choices = [(y, str(y)) for y in years]

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first is not None and last is not None and first > last:
            self.add_error("last", _("The last year must not be before the first."))
        return cleaned


class ExportForm(forms.Form):
    """Which catalogue table, in which format (POST only: every export is
    logged)."""

    table = forms.CharField(max_length=200)
    format = forms.ChoiceField(choices=[(f, f) for f in FORMATS])


class ResponsesExportForm(forms.Form):
    """Which wave's responses: to see what protecting the file does (GET)
    and to download it (POST)."""

    wave = forms.TypedChoiceField(label=_("Wave"), coerce=int)

    def __init__(self, data=None, **kwargs):
        # Its own ids: the explorer's form beside it has a wave field too.
        kwargs.setdefault("auto_id", "id_responses_%s")
        super().__init__(data, **kwargs)
        self.fields["wave"].choices = [
            (w.pk, w.name) for w in catalogue.explorer_waves()
        ]
