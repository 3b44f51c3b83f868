"""The council's fixed catalogue of tables (issue 5 §1-2, §4).

Every table a council page, a printed report or an export shows is built
here, and every number in it has passed participation.disclosure.disclose:
views and exports only format a :class:`Table` (T08: the page and the files
come from the same object, so they cannot differ). The database counts; the
weighting and the statistics run in pandas on what it returns.

The catalogue is fixed on purpose (differencing, T06): a question, a wave and
one breakdown from :data:`BREAKDOWNS`, nothing else. A table whose group is
smaller than k shows nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.conf import settings
from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation import aggregates
from participation.disclosure import TOTAL, Disclosed, Policy, disclose
from participation.weighting import WeightingError, effective_sample_size, rake
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

#: The label of a group whose value is not known (no answer, "unknown").
NOT_KNOWN = _("Not known")

ORIGIN_LABELS = {
    "danish": _("Danish origin"),
    "immigrant": _("Immigrants"),
    "descendant": _("Descendants"),
    "unknown": NOT_KNOWN,
}
COUNTRY_GROUP_LABELS = {
    "western": _("Western countries"),
    "non_western": _("Non-western countries"),
    "unknown": NOT_KNOWN,
}


@dataclass(frozen=True)
class Breakdown:
    """One way to split respondents: a column of the response, or the answer
    to a background question with that role."""

    code: str
    label: str
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


@dataclass(frozen=True)
class Statistic:
    """A figure of a whole row (share agreeing, mean ...), shown beside it."""

    code: str
    label: str
    kind: str  # "percent" (0-1 shown as %), "number", "count"


@dataclass
class Table:
    """A disclosed table and what is needed to show it or write it to a file.

    ``disclosed`` holds the counts; ``disclosed.row_values`` the row
    statistics named in ``statistics``. Nothing here is un-disclosed.
    """

    key: str
    title: str
    row_heading: str
    rows: list[tuple[str, str]]  # (code, label), in display order
    columns: list[tuple[str, str]]
    disclosed: Disclosed
    statistics: list[Statistic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty: bool = False
    #: Indicator tables: the council's targets by year (policy, not data).
    targets: dict[int, float] = field(default_factory=dict)
    #: Whether the "All" row means something (not for years of an indicator).
    show_total: bool = True

    @property
    def k(self) -> int:
        return self.disclosed.policy.k

    def records(self) -> list[dict]:
        """One dict per row (the total row last): what the page shows and every
        export writes. Hidden numbers are None."""
        out = []
        codes = [code for code, _label in self.rows]
        labels = [label for _code, label in self.rows]
        if self.columns and self.show_total:
            codes.append(TOTAL)
            labels.append(gettext("All"))
        for code, label in zip(codes, labels, strict=True):
            record = {"code": code, "label": str(label), "cells": []}
            if code == TOTAL:
                cells = self.disclosed.column_totals
                total = self.disclosed.total
            else:
                cells = self.disclosed.counts.loc[code]
                total = self.disclosed.row_totals.loc[code]
            for column, _column_label in self.columns:
                value = cells.loc[column]
                record["cells"].append(None if pd.isna(value) else int(value))
            record["total"] = None if total is None or pd.isna(total) else int(total)
            if self.targets and code != TOTAL:
                record["target"] = self.targets.get(int(code))
            for statistic in self.statistics:
                value = self.disclosed.row_values[statistic.code].get(code, np.nan)
                record[statistic.code] = None if pd.isna(value) else float(value)
            out.append(record)
        return out


def policy(*, public: bool = False) -> Policy:
    """The disclosure thresholds staff set (participation.DisclosureSettings)."""
    from participation.models import DisclosureSettings

    current = DisclosureSettings.load()
    k = current.public_k if public else current.k
    return Policy(k=k, uniform_min=max(current.uniform_min, k))


# --- survey tables --------------------------------------------------------------


def _group_expression(question: Question, breakdown: Breakdown):
    """What to group an answer of ``question`` by, as a database expression."""
    if breakdown.response_field:
        return f"response__{breakdown.response_field}"
    return Subquery(
        Answer.objects.filter(
            response=OuterRef("response"),
            question__survey_id=question.survey_id,
            question__background_role=breakdown.role,
        ).values("choice")[:1]
    )


def _group_labels(question: Question, breakdown: Breakdown, codes) -> dict:
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
            {c.code: c.label for c in background.choices.all()} if background else {}
        )
    return {code: str(labels.get(code, NOT_KNOWN)) for code in codes}


def _choices(question: Question) -> list[tuple[str, str]]:
    if question.kind == QuestionKind.AGREE:
        out = [(code, str(label)) for code, label in AGREE_LABELS.items()]
        return out + [("dk", str(DONT_KNOW))]
    if question.kind == QuestionKind.YESNO:
        out = [("yes", gettext("Yes")), ("no", gettext("No"))]
        return out + ([("dk", str(DONT_KNOW))] if question.dont_know else [])
    return [(c.code, c.label) for c in question.choices.order_by("sort_order")]


def population_margins(population) -> dict[str, pd.Series]:
    """Adults in a PopulationTable by origin, age band and gender, summed by
    the database. Children are left out: few of them answer, and raking them
    to a fifth of the population would give each a weight far beyond the
    cap; the under-18s who answer keep weight 1 (participation.weighting)."""
    from participation.models import PopulationCell

    cells = PopulationCell.objects.filter(table=population).exclude(age_band="under_18")
    return {
        dimension: pd.Series(
            dict(cells.values_list(dimension).annotate(n=Sum("count")).order_by()),
            dtype="float64",
        )
        for dimension in ("origin", "age_band", "gender")
    }


def population_label(population) -> str:
    if population.synthetic:
        return gettext("%(name)s, synthetic") % {"name": population.name}
    return population.name


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
    answers = Answer.objects.filter(question=question, response__wave=wave).exclude(
        choice=""
    )
    grouped = (
        answers.annotate(group=_group_expression(question, breakdown))
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
    rows = sorted(
        ((code, labels[code]) for code in counts.index),
        key=lambda row: (row[0] == "unknown", row[1]),
    )
    if question.kind == QuestionKind.MULTI:
        notes.append(
            gettext(
                "Several answers could be chosen: the totals count answers, "
                "not respondents."
            )
        )
    return Table(
        key=f"survey:{question.code}:{wave.code}:{breakdown.code}"
        + (":weighted" if weighted else ""),
        title=question.text,
        row_heading=str(breakdown.label),
        rows=rows,
        columns=choices,
        disclosed=disclosed,
        statistics=statistics,
        notes=notes,
        empty=disclosed.total is None,
    )


def _agreement_statistics(question, wave, breakdown, counts, *, weighted, population):
    rows = pd.DataFrame.from_records(
        Answer.objects.filter(question=question, response__wave=wave)
        .exclude(choice="")
        .annotate(group=_group_expression(question, breakdown))
        .values_list("response_id", "choice", "group"),
        columns=["response", "answer", "group"],
    )
    rows["group"] = rows["group"].fillna("unknown").replace("", "unknown").astype(str)
    notes = []
    weights = _weights(wave, population) if weighted else None
    if weighted and weights is None:
        notes.append(
            gettext(
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
        Statistic("share_agree", gettext("Agree (4-5)"), "percent"),
        Statistic("share_low", gettext("95% interval, from"), "percent"),
        Statistic("share_high", gettext("95% interval, to"), "percent"),
        Statistic("mean", gettext("Mean (1-5)"), "number"),
    ]
    if weights is not None:
        statistics += [
            Statistic("weighted_share_agree", gettext("Agree, weighted"), "percent"),
            Statistic("weighted_low", gettext("Weighted interval, from"), "percent"),
            Statistic("weighted_high", gettext("Weighted interval, to"), "percent"),
            Statistic("n_eff", gettext("Effective sample size"), "number"),
        ]
        notes.append(
            gettext(
                "Weighted to the population by origin group, age band and "
                "gender (%(source)s); effective sample size %(n_eff)s of %(n)s."
            )
            % {
                "source": population_label(population),
                "n_eff": round(effective_sample_size(weights)),
                "n": len(weights),
            }
        )
    row_values = {s.code: figures[s.code] for s in statistics}
    return statistics, row_values, notes


# --- participation --------------------------------------------------------------


def participation_origin_table(
    frame: pd.DataFrame, *, year: int, measure: str, policy: Policy
) -> Table:
    """Members or board members by origin group and kind of association for
    one year, across associations (``frame`` from participation_table)."""
    rows = frame[frame["year"] == year]
    counts = (
        rows.pivot_table(
            index="kind", columns="origin", values=measure, aggfunc="sum", fill_value=0
        )
        .reindex(columns=list(aggregates.ORIGINS), fill_value=0)
        .astype("int64")
    )
    counts.index = pd.Index([str(i) for i in counts.index], dtype=object)
    counts.columns = pd.Index(list(counts.columns), dtype=object)
    share = counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0)
    disclosed = disclose(counts, policy, values={"share": share})
    from participation.models import AssociationKind

    kinds = dict(AssociationKind.choices)
    title = (
        gettext("Board members by origin group, %(year)s")
        if measure == "board_members"
        else gettext("Members by origin group, %(year)s")
    ) % {"year": year}
    return Table(
        key=f"participation:{measure}:{year}",
        title=title,
        row_heading=gettext("Kind"),
        rows=[(code, str(kinds.get(code, code))) for code in counts.index],
        columns=[(code, str(ORIGIN_LABELS[code])) for code in counts.columns],
        disclosed=disclosed,
        empty=disclosed.total is None,
    )


# --- indicators -----------------------------------------------------------------


def indicator_table(indicator, *, policy: Policy) -> Table:
    """An indicator's figure per year with the counts behind it.

    Survey and participation figures are shares: per year, the group's count
    and the rest are a row of counts, so a year with a small group or a small
    rest shows no figure. Official statistics pass through
    disclosure.published. Targets are the council's own numbers, not data,
    and are kept beside the table (``Table.targets``)."""
    from participation import indicators
    from participation.disclosure import published
    from participation.models import IndicatorSource

    figures = indicators.measurements(indicator)
    value = pd.Series({m.year: m.value for m in figures}, dtype="float64", name="value")
    if indicator.source == IndicatorSource.STATISTICS:
        disclosed = published({"value": value}, policy)
        columns = []
    else:
        counts = pd.DataFrame(
            {
                "group": [m.count or 0 for m in figures],
                "rest": [(m.n or 0) - (m.count or 0) for m in figures],
            },
            index=pd.Index([m.year for m in figures], dtype=object),
            dtype="int64",
        )
        counts.columns = pd.Index(["group", "rest"], dtype=object)
        disclosed = disclose(counts, policy, row_values={"value": value})
        columns = [
            ("group", str(indicator.get_group_display())),
            ("rest", gettext("Others")),
        ]
    return Table(
        key=f"indicator:{indicator.code}",
        title=indicator.name,
        row_heading=gettext("Year"),
        rows=[(year, str(year)) for year in disclosed.counts.index],
        columns=columns,
        disclosed=disclosed,
        statistics=[Statistic("value", gettext("Figure"), indicator.unit)],
        show_total=False,
        targets={
            int(year): float(target)
            for year, target in indicator.targets.values_list("year", "value")
        },
    )
