"""Reads of the survey instrument and its waves."""

import datetime
import threading
from dataclasses import dataclass

from django.db.models import Prefetch

from surveys.models import Choice, Question, Section, Survey, Wave


def open_wave(*, survey: Survey, on: datetime.date) -> Wave | None:
    """The wave of `survey` open on the day `on`, or None."""
    return (
        Wave.objects.filter(survey=survey, opens_on__lte=on, closes_on__gte=on)
        .order_by("-opens_on")
        .first()
    )


def survey_sections(*, survey: Survey) -> list[Section]:
    return list(Section.objects.filter(survey=survey).order_by("sort_order", "pk"))


def survey_questions(*, survey: Survey) -> list[Question]:
    """Questions in survey order with their choices, in two queries."""
    return list(
        Question.objects.filter(survey=survey)
        .select_related("section")
        .prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("sort_order"))
        )
        .order_by("section__sort_order", "sort_order", "pk")
    )


@dataclass(frozen=True)
class Instrument:
    """A survey's sections, questions (with choices) and waves, read once."""

    sections: list[Section]
    questions: list[Question]
    waves: list[Wave]

    def open_wave(self, on: datetime.date) -> Wave | None:
        open_now = [w for w in self.waves if w.opens_on <= on <= w.closes_on]
        return max(open_now, key=lambda w: w.opens_on, default=None)


_instruments: dict[tuple[int, str], Instrument] = {}
_lock = threading.Lock()
_MAX_CACHED = 64


def survey_instrument(*, survey: Survey) -> Instrument:
    """The instrument of `survey`, kept in this process until it changes.

    Every request needs all of it (the form spans every step), and it changes
    rarely: the key holds the survey's revision, which any edit replaces.
    """
    key = (survey.pk, survey.revision)
    instrument = _instruments.get(key)
    if instrument is None:
        instrument = Instrument(
            sections=survey_sections(survey=survey),
            questions=survey_questions(survey=survey),
            waves=list(Wave.objects.filter(survey=survey)),
        )
        with _lock:
            if len(_instruments) >= _MAX_CACHED:
                _instruments.clear()
            _instruments[key] = instrument
    return instrument
