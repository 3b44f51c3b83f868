"""What a release covers: its population and the catalogue tables it freezes.

A population is a survey wave (``wave:<id>``) or a year of board and
association reports (``reports:<year>``). A release of a population freezes
every catalogue table whose numbers come from that population only: for a
wave, every question by every breakdown (weighted and not), the themes of
its open answers, and its row of each survey indicator; for a year of
reports, members and board members by origin and kind, its row of each
representation table and of each participation indicator. A table that
spans populations (an indicator's years, a representation table's years)
is read as the rows of the populations' published releases, stacked
(releases.read); one table never mixes two populations, so a release can
be audited on its own and replaced on its own.

The public results page reads the indicator rows frozen again at the
public threshold (scope "public"); everything else is scope "council".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext

from participation.council import catalogue
from participation.council.models import Indicator, IndicatorSource
from surveys.models import Question, QuestionKind, Wave

COUNCIL, PUBLIC = "council", "public"
WAVE, REPORTS = "wave", "reports"


@dataclass(frozen=True)
class Population:
    kind: str  # WAVE or REPORTS
    value: int  # the wave's id or the reports' year

    @property
    def code(self) -> str:
        return f"{self.kind}:{self.value}"

    @classmethod
    def parse(cls, code: str) -> Population | None:
        kind, _sep, value = str(code).partition(":")
        if kind not in (WAVE, REPORTS) or not value.isdigit():
            return None
        return cls(kind, int(value))

    def wave(self) -> Wave | None:
        if self.kind != WAVE:
            return None
        return catalogue.explorer_waves().filter(pk=self.value).first()

    def label(self) -> str:
        if self.kind == WAVE:
            wave = Wave.objects.filter(pk=self.value).first()
            return str(wave) if wave else gettext("Wave %(id)s") % {"id": self.value}
        return gettext("Board and association reports %(year)s") % {"year": self.value}


def populations() -> list[Population]:
    """Every population that has something to release now: the opened waves
    (newest first), then the years of reports (newest first)."""
    waves = [
        Population(WAVE, pk)
        for pk in catalogue.explorer_waves().values_list("pk", flat=True)
    ]
    years = catalogue.participation_years(catalogue.participation_frame())
    return waves + [Population(REPORTS, year) for year in years]


def survey_indicators(wave: Wave) -> list[Indicator]:
    """The indicators of the wave's survey: one question's answers, or an
    index of several of its questions."""
    return list(
        Indicator.objects.filter(
            Q(source=IndicatorSource.SURVEY, question__survey_id=wave.survey_id)
            | Q(
                source=IndicatorSource.COMPOSITE,
                components__survey_id=wave.survey_id,
            )
        )
        .distinct()
        .order_by("code")
    )


def participation_indicators() -> list[Indicator]:
    return list(
        Indicator.objects.filter(source=IndicatorSource.PARTICIPATION).order_by("code")
    )


def text_questions(wave: Wave) -> list[str]:
    return list(
        Question.objects.filter(survey_id=wave.survey_id, kind=QuestionKind.TEXT)
        .order_by("code")
        .values_list("code", flat=True)
    )


def council_keys(population: Population) -> list[str]:
    """The keys of the tables a release of ``population`` freezes at the
    council's threshold, in a fixed order."""
    keys: list[str] = []
    if population.kind == WAVE:
        wave = population.wave()
        if wave is None:
            return []
        questions = catalogue.explorer_questions(wave.survey_id).order_by("code")
        for code in questions.values_list("code", flat=True):
            for breakdown in catalogue.BREAKDOWNS:
                keys.append(
                    catalogue.survey_key(code, wave.pk, breakdown, weighted=False)
                )
                keys.append(
                    catalogue.survey_key(code, wave.pk, breakdown, weighted=True)
                )
        for code in ["all", *text_questions(wave)]:
            keys.append(f"themes:{code}:{wave.pk}")
        keys += [f"indicator:{i.code}" for i in survey_indicators(wave)]
        return keys
    year = population.value
    keys += [f"participation:{m}:{year}" for m in catalogue.PARTICIPATION_MEASURES]
    keys += [f"representation:{scope}" for scope in catalogue.REPRESENTATION_SCOPES]
    if year in catalogue.activity_years():
        keys += [f"activities:{by}:{year}" for by in catalogue.ACTIVITY_TABLES]
    keys += [f"indicator:{i.code}" for i in participation_indicators()]
    return keys


def public_keys(population: Population) -> list[str]:
    """The keys frozen again at the public threshold: the indicator rows the
    public results page shows, and each wave's themes of the open answers
    (residents' own voice on the public page, issue 17)."""
    return [
        key
        for key in council_keys(population)
        if key.startswith("indicator:") or key.startswith("themes:all:")
    ]


def populations_of(key: str) -> list[Population] | None:
    """The populations whose releases hold the rows of table ``key``; None
    for a key no release holds."""
    parts = str(key).split(":")
    kind = parts[0]
    if kind == "survey" and len(parts) >= 3 and parts[2].isdigit():
        return [Population(WAVE, int(parts[2]))]
    if kind == "themes" and len(parts) == 3 and parts[2].isdigit():
        return [Population(WAVE, int(parts[2]))]
    if kind == "participation" and len(parts) == 3 and parts[2].isdigit():
        return [Population(REPORTS, int(parts[2]))]
    if kind == "activities" and len(parts) == 3 and parts[2].isdigit():
        return [Population(REPORTS, int(parts[2]))]
    if kind == "representation" and len(parts) == 2:
        return [p for p in populations() if p.kind == REPORTS]
    if kind == "indicator" and len(parts) == 2:
        indicator = Indicator.objects.filter(code=parts[1]).first()
        if indicator is None or indicator.source == IndicatorSource.STATISTICS:
            return None
        if indicator.source == IndicatorSource.PARTICIPATION:
            return [p for p in populations() if p.kind == REPORTS]
        if indicator.source == IndicatorSource.COMPOSITE:
            surveys = indicator.components.values("survey_id")
            waves = catalogue.explorer_waves().filter(survey_id__in=surveys)
        else:
            waves = catalogue.explorer_waves().filter(
                survey__questions=indicator.question_id
            )
        return [Population(WAVE, pk) for pk in waves.values_list("pk", flat=True)]
    return None
