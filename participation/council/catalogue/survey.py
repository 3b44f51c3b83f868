"""Survey tables: one question of one wave by one breakdown, counts and
shares per answer and, for agreement questions, the share agreeing with its
interval and the mean; optionally weighted to the population (raking to
FOLK1E margins)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.db.models import Count, F, FilteredRelation, OuterRef, Q, Subquery, Sum
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from participation.council.catalogue.table import (
    COUNTRY_GROUP_LABELS,
    NOT_KNOWN,
    NUMBER,
    ORIGIN_LABELS,
    SHARE,
    Label,
    Statistic,
    Table,
    interpolate,
    model_text,
)
from participation.council.models import PopulationCell
from participation.stats import aggregates
from participation.stats.disclosure import TOTAL, Policy, disclose
from participation.stats.weighting import WeightingError, effective_sample_size, rake
from surveys.messages import AGREE_LABELS, DONT_KNOW
from surveys.models import (
    Answer,
    BackgroundRole,
    Channel,
    Question,
    QuestionKind,
    SurveyResponse,
    Wave,
)


@dataclass(frozen=True)
class Breakdown:
    """One way to split respondents: a column of the response, or the answer
    to a background question with that role."""

    code: str
    label: Label
    response_field: str = ""
    role: str = ""


BREAKDOWNS = {
    b.code: b
    for b in (
        Breakdown("origin", _("Origin group"), response_field="origin"),
        Breakdown(
            "country_group", _("Western / non-western"), response_field="country_group"
        ),
        Breakdown("age_band", _("Age band"), role=BackgroundRole.AGE_BAND),
        Breakdown("gender", _("Gender"), role=BackgroundRole.GENDER),
        Breakdown(
            "neighbourhood", _("Neighbourhood"), role=BackgroundRole.NEIGHBOURHOOD
        ),
        Breakdown("language", _("Language answered in"), response_field="language"),
        Breakdown("channel", _("Channel"), response_field="channel"),
    )
}

#: Question kinds the explorer offers (free text has its own page).
EXPLORABLE_KINDS = (
    QuestionKind.AGREE,
    QuestionKind.YESNO,
    QuestionKind.SINGLE,
    QuestionKind.MULTI,
)


def _answers_by_group(question: Question, wave: Wave, breakdown: Breakdown):
    """Answers to ``question`` in ``wave``, each annotated with its
    respondent's ``group``: a column of the response, or the answer to the
    background question with the breakdown's role, joined once
    (bench/aggregate.py: a correlated subquery per answer was 9x slower at
    a million answers). A background question is single choice, so the join
    gives each answer one group."""
    answers = Answer.objects.filter(question=question, response__wave=wave).exclude(
        choice=""
    )
    if breakdown.response_field:
        return answers.annotate(group=F(f"response__{breakdown.response_field}"))
    background = (
        Question.objects.filter(
            survey_id=question.survey_id, background_role=breakdown.role
        )
        .values_list("pk", flat=True)
        .first()
    )
    return answers.annotate(
        background=FilteredRelation(
            "response__answers",
            condition=Q(response__answers__question_id=background),
        )
    ).annotate(group=F("background__choice"))


def _group_labels(question: Question, breakdown: Breakdown, codes) -> dict[str, Label]:
    if breakdown.code == "origin":
        labels = ORIGIN_LABELS
    elif breakdown.code == "country_group":
        labels = COUNTRY_GROUP_LABELS
    elif breakdown.code == "language":
        labels = dict(settings.LANGUAGES)
    elif breakdown.code == "channel":
        labels = dict(Channel.choices)
    else:
        background = Question.objects.filter(
            survey_id=question.survey_id, background_role=breakdown.role
        ).first()
        labels = (
            {c.code: model_text(c, "label") for c in background.choices.all()}
            if background
            else {}
        )
    return {code: labels.get(code, NOT_KNOWN) for code in codes}


def _choices(question: Question) -> list[tuple[str, Label]]:
    if question.kind == QuestionKind.AGREE:
        return [*AGREE_LABELS.items(), ("dk", DONT_KNOW)]
    if question.kind == QuestionKind.YESNO:
        out = [("yes", _("Yes")), ("no", _("No"))]
        return out + ([("dk", DONT_KNOW)] if question.dont_know else [])
    return [
        (c.code, model_text(c, "label"))
        for c in question.choices.order_by("sort_order")
    ]


def population_margins(population) -> dict[str, pd.Series]:
    """Adults in a PopulationTable by origin, age band and gender, summed by
    the database. Children are left out: few of them answer, and raking them
    to a fifth of the population would give each a weight far beyond the
    cap; the under-18s who answer keep weight 1 (participation.stats.weighting)."""

    cells = PopulationCell.objects.filter(table=population).exclude(age_band="under_18")
    return {
        dimension: pd.Series(
            dict(cells.values_list(dimension).annotate(n=Sum("count")).order_by()),
            dtype="float64",
        )
        for dimension in ("origin", "age_band", "gender")
    }


def population_label(population) -> str:
    """The table's name, marked synthetic (once) when it is made up."""
    return str(population)


def _weights(wave: Wave, population) -> pd.Series | None:
    """A weight per response of ``wave`` raked to ``population``'s margins on
    origin × age band × gender, or None when raking is impossible."""
    if population is None:
        return None
    age = Answer.objects.filter(
        response=OuterRef("pk"), question__background_role=BackgroundRole.AGE_BAND
    ).values("choice")[:1]
    gender = Answer.objects.filter(
        response=OuterRef("pk"), question__background_role=BackgroundRole.GENDER
    ).values("choice")[:1]
    sample = pd.DataFrame.from_records(
        SurveyResponse.objects.filter(wave=wave)
        .annotate(age_band=Subquery(age), gender=Subquery(gender))
        .values_list("pk", "origin", "age_band", "gender"),
        columns=["pk", "origin", "age_band", "gender"],
    ).set_index("pk")
    if sample.empty:
        return None
    margins = population_margins(population)
    try:
        return rake(sample, margins)
    except WeightingError:
        return None


def survey_key(question_code: str, wave_id: int, breakdown_code: str, *, weighted):
    """The catalogue key (``Table.key``) of a survey table."""
    return f"survey:{question_code}:{wave_id}:{breakdown_code}" + (
        ":weighted" if weighted else ""
    )


def survey_table(
    question: Question,
    wave: Wave,
    breakdown: Breakdown,
    *,
    policy: Policy,
    weighted: bool = False,
    population=None,
) -> Table:
    """Answers to ``question`` in ``wave`` by ``breakdown``: counts per
    answer, and for the agreement scale the share agreeing (4-5) with its
    Wilson interval and the mean, weighted to ``population`` on request."""
    choices = _choices(question)
    grouped = (
        _answers_by_group(question, wave, breakdown)
        .values("group", "choice")
        .annotate(n=Count("id"))
        .order_by()
    )
    frame = pd.DataFrame.from_records(grouped, columns=["group", "choice", "n"])
    frame["group"] = frame["group"].fillna("unknown").replace("", "unknown")
    counts = (
        frame.groupby(["group", "choice"])["n"]
        .sum()
        .unstack("choice", fill_value=0)
        .reindex(columns=[code for code, _label in choices], fill_value=0)
        .astype("int64")
    )
    counts.columns = pd.Index([str(c) for c in counts.columns], dtype=object)
    counts.index = pd.Index([str(g) for g in counts.index], dtype=object)
    statistics, row_values, notes = [], {}, []
    if question.kind == QuestionKind.AGREE and not counts.empty:
        statistics, row_values, notes = _agreement_statistics(
            question, wave, breakdown, counts, weighted=weighted, population=population
        )
    disclosed = disclose(counts, policy, row_values=row_values)
    labels = _group_labels(question, breakdown, counts.index)
    # By the labels in the language active while the table is built.
    rows = sorted(
        ((code, labels[code]) for code in counts.index),
        key=lambda row: (row[0] == "unknown", str(row[1])),
    )
    if question.kind == QuestionKind.MULTI:
        notes.append(
            _(
                "Several answers could be chosen: the totals count answers, "
                "not respondents."
            )
        )
    return Table(
        key=survey_key(question.code, wave.pk, breakdown.code, weighted=weighted),
        title=model_text(question, "text"),
        row_heading=breakdown.label,
        rows=rows,
        columns=choices,
        disclosed=disclosed,
        truth=counts,
        statistics=statistics,
        notes=notes,
        empty=disclosed.total is None,
    )


def _agreement_statistics(question, wave, breakdown, counts, *, weighted, population):
    rows = pd.DataFrame.from_records(
        _answers_by_group(question, wave, breakdown).values_list(
            "response_id", "choice", "group"
        ),
        columns=["response", "answer", "group"],
    )
    rows["group"] = rows["group"].fillna("unknown").replace("", "unknown").astype(str)
    notes = []
    weights = _weights(wave, population) if weighted else None
    if weighted and weights is None:
        notes.append(
            _(
                "The figures could not be weighted (too few respondents in a "
                "population group); unweighted figures are shown."
            )
        )
    if weights is not None:
        rows["weight"] = rows["response"].map(weights).fillna(1.0)
    figures = aggregates.agreement_table(
        rows, by="group", weights_col="weight" if weights is not None else None
    ).set_index("group")
    figures = figures.rename(index={aggregates.TOTAL: TOTAL})
    statistics = [
        Statistic("share_agree", _("Agree (4-5)"), SHARE),
        Statistic(
            "share_low",
            # xgettext:no-python-format
            _("95% interval, from"),
            SHARE,
        ),
        Statistic(
            "share_high",
            # xgettext:no-python-format
            _("95% interval, to"),
            SHARE,
        ),
        Statistic("mean", _("Mean (1-5)"), NUMBER),
    ]
    if weights is not None:
        statistics += [
            Statistic("weighted_share_agree", _("Agree, weighted"), SHARE),
            Statistic("weighted_low", _("Weighted interval, from"), SHARE),
            Statistic("weighted_high", _("Weighted interval, to"), SHARE),
            Statistic("n_eff", _("Effective sample size"), NUMBER),
        ]
        notes.append(
            interpolate(
                _(
                    "Weighted to the population by origin group, age band and "
                    "gender (%(source)s); effective sample size %(n_eff)s of "
                    "%(n)s."
                ),
                source=lazy(population_label, str)(population),
                n_eff=round(effective_sample_size(weights)),
                n=len(weights),
            )
        )
    row_values = {s.code: figures[s.code] for s in statistics}
    return statistics, row_values, notes


def explorer_waves():
    """Waves the explorer offers: those that have opened, newest first."""
    from django.utils import timezone

    return Wave.objects.filter(opens_on__lte=timezone.localdate()).order_by(
        "-opens_on", "code"
    )


def explorer_questions(survey_id):
    """Questions of a survey the explorer offers (not background, not text)."""
    return Question.objects.filter(
        survey_id=survey_id, kind__in=EXPLORABLE_KINDS, background_role=""
    ).select_related("section")
