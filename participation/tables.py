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

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.conf import settings
from django.db.models import Count, F, FilteredRelation, OuterRef, Q, Subquery, Sum
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


SHARE, PERCENT, NUMBER, RATIO = "share", "percent", "number", "ratio"
#: Decimals kept in every figure a page or file shows, so the page, the
#: JSON and the files carry the same numbers (T08).
DECIMALS = 4

#: The fewest associations or boards behind a published row (Statistics
#: Denmark's minimum of units): fewer would describe those units (T09).
MIN_UNITS = 3
POOLED = "__pooled__"


@dataclass(frozen=True)
class Statistic:
    """A figure of a whole row (share agreeing, mean ...), shown beside it."""

    code: str
    label: str
    #: How to show it: SHARE (0-1, shown as a percentage), PERCENT (already
    #: 0-100), NUMBER (a mean, an effective sample size) or RATIO.
    kind: str


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
                record[statistic.code] = (
                    None if pd.isna(value) else round(float(value), DECIMALS)
                )
            out.append(record)
        return out


def policy(*, public: bool = False) -> Policy:
    """The disclosure thresholds staff set (participation.DisclosureSettings)."""
    from participation.models import DisclosureSettings

    current = DisclosureSettings.load()
    k = current.public_k if public else current.k
    return Policy(k=k, uniform_min=max(current.uniform_min, k))


# --- survey tables --------------------------------------------------------------


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
        key=survey_key(question.code, wave.pk, breakdown.code, weighted=weighted),
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
        Statistic("share_agree", gettext("Agree (4-5)"), SHARE),
        Statistic(
            "share_low",
            # xgettext:no-python-format
            gettext("95% interval, from"),
            SHARE,
        ),
        Statistic(
            "share_high",
            # xgettext:no-python-format
            gettext("95% interval, to"),
            SHARE,
        ),
        Statistic("mean", gettext("Mean (1-5)"), NUMBER),
    ]
    if weights is not None:
        statistics += [
            Statistic("weighted_share_agree", gettext("Agree, weighted"), SHARE),
            Statistic("weighted_low", gettext("Weighted interval, from"), SHARE),
            Statistic("weighted_high", gettext("Weighted interval, to"), SHARE),
            Statistic("n_eff", gettext("Effective sample size"), NUMBER),
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

PARTICIPATION_MEASURES = ("members", "board_members")


def participation_frame() -> pd.DataFrame:
    """Members and board members by origin group, per year and kind, across
    the approved associations and boards (aggregates.participation_table's
    columns). The database sums the reports per year and kind."""
    from participation.models import BOARD_FIELDS, MEMBER_FIELDS, CompositionReport

    fields = [*MEMBER_FIELDS, *BOARD_FIELDS]
    rows = (
        CompositionReport.objects.filter(association__status="approved")
        .values("year", kind=F("association__kind"))
        .annotate(reports=Count("id"), **{name: Sum(name) for name in fields})
        .order_by()
    )
    frame = pd.DataFrame.from_records(
        list(rows), columns=["year", "kind", "reports", *fields]
    )
    return aggregates.participation_table(frame)


def participation_years(frame: pd.DataFrame) -> list[int]:
    return sorted({int(year) for year in frame["year"]}, reverse=True)


def _kind_labels() -> dict[str, str]:
    from participation.models import AssociationKind

    labels = {code: str(label) for code, label in AssociationKind.choices}
    labels[POOLED] = gettext("Other kinds together (too few to show alone)")
    return labels


def participation_origin_table(
    frame: pd.DataFrame, *, year: int, measure: str, policy: Policy
) -> Table:
    """Members or board members by origin group and kind of association for
    one year, across associations (``frame`` from participation_frame). A
    kind with fewer than MIN_UNITS reports is shown only pooled with others,
    so no row describes one or two associations (T09)."""
    if measure not in PARTICIPATION_MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    rows = frame[frame["year"] == year]
    # Public boards have no members: a kind with nothing to count is no row.
    counted = rows.groupby("kind")[measure].sum()
    rows = rows[rows["kind"].isin(counted[counted > 0].index)]
    units = rows[rows["origin"] == aggregates.ORIGINS[0]].set_index("kind")["reports"]
    shown_as = aggregates.pool_small_groups(
        {str(kind): int(n) for kind, n in units.items()},
        minimum=MIN_UNITS,
        pooled=POOLED,
    )
    rows = rows.assign(kind=rows["kind"].astype(str).map(shown_as))
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
    kinds = _kind_labels()
    title = (
        gettext("Board members by origin group, %(year)s")
        if measure == "board_members"
        else gettext("Members by origin group, %(year)s")
    ) % {"year": year}
    order = list(kinds)
    return Table(
        key=f"participation:{measure}:{year}",
        title=title,
        row_heading=gettext("Kind"),
        rows=sorted(
            ((code, kinds.get(code, code)) for code in counts.index),
            key=lambda row: order.index(row[0]) if row[0] in order else len(order),
        ),
        columns=[(code, str(ORIGIN_LABELS[code])) for code in counts.columns],
        disclosed=disclosed,
        notes=[
            gettext(
                "Counted across associations and boards; a kind with fewer than "
                "%(units)s reports is shown together with others."
            )
            % {"units": MIN_UNITS}
        ],
        empty=disclosed.total is None,
    )


#: The representation tables the participation page offers: code -> (label,
#: kinds counted; None for every association that is not a public board).
REPRESENTATION_SCOPES = {
    "school_daycare": (
        _("School and day-care boards"),
        ("school_board", "daycare_board"),
    ),
    "housing_board": (_("Housing-section boards"), ("housing_board",)),
    "local_council": (_("Local councils"), ("local_council",)),
    "associations": (_("Association boards"), None),
}


def representation_table(frame: pd.DataFrame, *, scope: str, policy: Policy) -> Table:
    """Board seats held by people with a multicultural background
    (immigrants and descendants) against the rest of the seats of known
    origin, per year, for one scope of REPRESENTATION_SCOPES; beside each
    year the group's share of the seats and the representation ratio (that
    share divided by the group's share of the adult population). A year with
    fewer than MIN_UNITS reports is left out."""
    from participation import indicators
    from participation.models import PUBLIC_BOARD_KINDS

    label, kinds = REPRESENTATION_SCOPES[scope]
    if kinds is None:
        rows = frame[~frame["kind"].isin(list(PUBLIC_BOARD_KINDS))]
    else:
        rows = frame[frame["kind"].isin(kinds)]
    group = rows["origin"].isin(["immigrant", "descendant"])
    known = rows["origin"] != "unknown"
    units = rows[rows["origin"] == aggregates.ORIGINS[0]].groupby("year")["reports"]
    years = sorted(int(y) for y, n in units.sum().items() if n >= MIN_UNITS)
    held = rows[group].groupby("year")["board_members"].sum()
    of_known = rows[known].groupby("year")["board_members"].sum()
    counts = pd.DataFrame(
        {
            "group": [int(held.get(y, 0)) for y in years],
            "rest": [int(of_known.get(y, 0) - held.get(y, 0)) for y in years],
        },
        index=pd.Index(years, dtype=object),
        dtype="int64",
    )
    counts.columns = pd.Index(["group", "rest"], dtype=object)
    known_seats = counts.sum(axis=1).replace(0, np.nan)
    share = counts["group"] / known_seats
    population = pd.Series(
        {
            year: indicators.population_share("multicultural", year=year)
            for year in years
        },
        dtype="float64",
    )
    ratio = aggregates.representation_ratio(share, population)
    disclosed = disclose(
        counts,
        policy,
        row_values={
            "share": 100 * share,
            "population": 100 * population,
            "ratio": ratio,
        },
    )
    return Table(
        key=f"representation:{scope}",
        title=gettext("%(scope)s: seats held by people with a multicultural background")
        % {"scope": label},
        row_heading=gettext("Year"),
        rows=[(year, str(year)) for year in years],
        columns=[
            ("group", gettext("Multicultural background")),
            ("rest", gettext("Others of known origin")),
        ],
        disclosed=disclosed,
        statistics=[
            Statistic("share", gettext("Share of seats"), PERCENT),
            Statistic("population", gettext("Share of adult population"), PERCENT),
            Statistic("ratio", gettext("Representation ratio"), RATIO),
        ],
        notes=[
            gettext(
                "The representation ratio is the share of seats divided by the "
                "share of the adult population: 1 means represented in "
                "proportion, below 1 under-represented."
            )
        ],
        show_total=False,
        empty=disclosed.total is None,
    )


# --- open answers ---------------------------------------------------------------


def theme_table(*, policy: Policy, question=None, wave=None) -> Table:
    """Coded open answers by theme and origin group (staff code them,
    participation/coding.py); counts are codings, an answer may have
    several themes."""
    from participation.coding import theme_counts_frame
    from participation.models import Theme

    frame = theme_counts_frame(question=question, wave=wave)
    frame = frame.assign(origin=frame["origin"].replace("", "unknown"))
    themes = list(Theme.objects.order_by("sort_order", "code"))
    counts = (
        frame.pivot_table(
            index="theme", columns="origin", values="n", aggfunc="sum", fill_value=0
        )
        .reindex(
            index=[t.code for t in themes if t.code in set(frame["theme"])],
            columns=list(ORIGIN_LABELS),
            fill_value=0,
        )
        .astype("int64")
    )
    counts.index = pd.Index(list(counts.index), dtype=object)
    counts.columns = pd.Index(list(counts.columns), dtype=object)
    disclosed = disclose(counts, policy)
    names = {t.code: t.name for t in themes}
    return Table(
        key=f"themes:{question.code if question else 'all'}:"
        f"{wave.pk if wave else 'all'}",
        title=gettext("Themes in the open answers"),
        row_heading=gettext("Theme"),
        rows=[(code, names[code]) for code in counts.index],
        columns=[(code, str(label)) for code, label in ORIGIN_LABELS.items()],
        disclosed=disclosed,
        notes=[
            gettext(
                "Staff read the open answers and sort them into themes; one "
                "answer can touch several themes, so the totals count themes "
                "mentioned, not people."
            )
        ],
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
        statistics=[Statistic("value", gettext("Figure"), unit_kind(indicator.unit))],
        show_total=False,
        targets={
            int(year): float(target)
            for year, target in indicator.targets.values_list("year", "value")
        },
    )


def unit_kind(unit: str) -> str:
    """How to show a figure in an indicator's unit (IndicatorUnit)."""
    return {"percent": PERCENT, "ratio": RATIO}.get(unit, NUMBER)


@dataclass(frozen=True)
class IndicatorSummary:
    """An indicator as a person reads it: its disclosed yearly table and its
    movement, decided only from figures the table shows (a hidden year is
    skipped, a hidden baseline gives no movement)."""

    indicator: object
    table: Table
    movement: object  # participation.indicators.Movement


def indicator_summary(indicator, *, policy: Policy) -> IndicatorSummary:
    """``indicator_table`` and the movement of its latest shown figure after
    the baseline year against the baseline (typed by staff, or the shown
    figure of the baseline year)."""
    return summary_of(indicator, indicator_table(indicator, policy=policy))


def summary_of(indicator, table: Table) -> IndicatorSummary:
    """The summary of ``indicator`` from its table (``indicator_table``, or
    the same table as participation/prepared.py kept it)."""
    from participation import indicators

    shown = [
        indicators.Measurement(int(record["code"]), record["value"], record["total"])
        for record in table.records()
        if record["value"] is not None
    ]
    return IndicatorSummary(
        indicator=indicator,
        table=table,
        movement=indicators.movement(indicator, measured=shown),
    )


# --- the catalogue --------------------------------------------------------------


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


def table_for_key(key: str, *, policy: Policy) -> Table | None:
    """The catalogue table a key names (``Table.key``), or None for a key
    outside the catalogue: exports and the JSON name a table only by key,
    so nothing else can be asked for (T06, T17)."""
    build = catalogue_builder(key)
    return build(policy) if build is not None else None


def catalogue_builder(key: str) -> Callable[[Policy], Table] | None:
    """What builds the table ``key`` names, given a policy, or None for a key
    outside the catalogue. Only looks the key's parts up (a few short
    queries): participation/prepared.py asks it before it queues any work."""
    from participation.models import Indicator

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
            from participation.indicators import population_table_for

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
