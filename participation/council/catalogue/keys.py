"""The catalogue's keys: a table is named only by its key (``Table.key``),
so exports, the API and the prepared tables cannot ask for anything else
(T06, T17)."""

from __future__ import annotations

from collections.abc import Callable

from participation.council.catalogue.activities import (
    ACTIVITY_TABLES,
    activity_table,
    activity_years,
)
from participation.council.catalogue.indicators import (
    indicator_table,
)
from participation.council.catalogue.participation import (
    PARTICIPATION_MEASURES,
    REPRESENTATION_SCOPES,
    participation_frame,
    participation_origin_table,
    participation_years,
    representation_table,
)
from participation.council.catalogue.survey import (
    BREAKDOWNS,
    explorer_questions,
    explorer_waves,
    survey_table,
)
from participation.council.catalogue.table import (
    Table,
)
from participation.council.catalogue.themes import (
    theme_table,
)
from participation.council.indicators import population_table_for
from participation.council.models import Indicator
from participation.stats.disclosure import Policy
from surveys.models import (
    Question,
    QuestionKind,
)


def table_for_key(key: str, *, policy: Policy) -> Table | None:
    """The catalogue table a key names (``Table.key``), or None for a key
    outside the catalogue: exports and the JSON name a table only by key,
    so nothing else can be asked for (T06, T17)."""
    build = catalogue_builder(key)
    return build(policy) if build is not None else None


def catalogue_builder(key: str) -> Callable[[Policy], Table] | None:
    """What builds the table ``key`` names, given a policy, or None for a key
    outside the catalogue. Only looks the key's parts up (a few short
    queries): participation/council/prepared.py asks it before it queues any work."""

    parts = str(key).split(":")
    kind, args = parts[0], parts[1:]
    if kind == "survey" and len(args) in (3, 4):
        question_code, wave_id, breakdown_code = args[:3]
        weighted = args[3:] == ["weighted"]
        if (len(args) == 4 and not weighted) or not wave_id.isdigit():
            return None
        wave = explorer_waves().filter(pk=int(wave_id)).first()
        breakdown = BREAKDOWNS.get(breakdown_code)
        if wave is None or breakdown is None:
            return None
        question = explorer_questions(wave.survey_id).filter(code=question_code).first()
        if question is None:
            return None

        def survey(policy: Policy) -> Table:

            population = population_table_for(wave.closes_on.year) if weighted else None
            return survey_table(
                question,
                wave,
                breakdown,
                policy=policy,
                weighted=weighted,
                population=population,
            )

        return survey
    if kind == "participation" and len(args) == 2:
        measure, year = args
        if measure not in PARTICIPATION_MEASURES or not year.isdigit():
            return None
        frame = participation_frame()
        if int(year) not in participation_years(frame):
            return None
        return lambda policy: participation_origin_table(
            frame, year=int(year), measure=measure, policy=policy
        )
    if kind == "activities" and len(args) == 2:
        by, year = args
        if by not in ACTIVITY_TABLES or not year.isdigit():
            return None
        if int(year) not in activity_years():
            return None
        return lambda policy: activity_table(int(year), by=by, policy=policy)
    if kind == "representation" and len(args) == 1:
        if args[0] not in REPRESENTATION_SCOPES:
            return None
        return lambda policy: representation_table(
            participation_frame(), scope=args[0], policy=policy
        )
    if kind == "indicator" and len(args) == 1:
        indicator = Indicator.objects.filter(code=args[0]).first()
        if indicator is None:
            return None
        return lambda policy: indicator_table(indicator, policy=policy)
    if kind == "themes" and len(args) == 2:
        question = wave = None
        if args[0] != "all":
            question = Question.objects.filter(
                code=args[0], kind=QuestionKind.TEXT
            ).first()
            if question is None:
                return None
        if args[1] != "all":
            if not args[1].isdigit():
                return None
            wave = explorer_waves().filter(pk=int(args[1])).first()
            if wave is None:
                return None
        return lambda policy: theme_table(policy=policy, question=question, wave=wave)
    return None
