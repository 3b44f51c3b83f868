"""Participation tables: members and board members by origin group, counted
across associations and boards (a kind with fewer than MIN_UNITS reports is
pooled), and board representation against the population."""

from __future__ import annotations

import numpy as np
import pandas as pd
from django.db.models import Count, F, Sum
from django.utils.translation import gettext_lazy as _

from participation.associations.models import (
    BOARD_FIELDS,
    COMPOSITION,
    MEMBER_FIELDS,
    AssociationKind,
    CompositionReport,
)
from participation.council import indicators
from participation.council.catalogue.table import (
    MIN_UNITS,
    ORIGIN_LABELS,
    PERCENT,
    POOLED,
    RATIO,
    Label,
    Statistic,
    Table,
    interpolate,
)
from participation.stats import aggregates
from participation.stats.disclosure import Policy, disclose
from surveys.origin import MULTICULTURAL, ORIGINS

PARTICIPATION_MEASURES = ("members", "board_members")


def participation_frame() -> pd.DataFrame:
    """Members and board members by origin group, per year and kind, across
    the approved associations and boards (aggregates.participation_table's
    columns). The database sums the reports per year and kind."""

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
    return aggregates.participation_table(frame, COMPOSITION)


def participation_years(frame: pd.DataFrame) -> list[int]:
    return sorted({int(year) for year in frame["year"]}, reverse=True)


def _kind_labels() -> dict[str, Label]:

    labels = dict(AssociationKind.choices)
    labels[POOLED] = _("Other kinds together (too few to show alone)")
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
    units = rows[rows["origin"] == ORIGINS[0]].set_index("kind")["reports"]
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
        .reindex(columns=list(ORIGINS), fill_value=0)
        .astype("int64")
    )
    counts.index = pd.Index([str(i) for i in counts.index], dtype=object)
    counts.columns = pd.Index(list(counts.columns), dtype=object)
    share = counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0)
    disclosed = disclose(counts, policy, values={"share": share})
    kinds = _kind_labels()
    title = interpolate(
        _("Board members by origin group, %(year)s")
        if measure == "board_members"
        else _("Members by origin group, %(year)s"),
        year=year,
    )
    order = list(kinds)
    return Table(
        key=f"participation:{measure}:{year}",
        title=title,
        row_heading=_("Kind"),
        rows=sorted(
            ((code, kinds.get(code, code)) for code in counts.index),
            key=lambda row: order.index(row[0]) if row[0] in order else len(order),
        ),
        columns=[(code, ORIGIN_LABELS[code]) for code in counts.columns],
        disclosed=disclosed,
        truth=counts,
        notes=[
            interpolate(
                _(
                    "Counted across associations and boards; a kind with fewer "
                    "than %(units)s reports is shown together with others."
                ),
                units=MIN_UNITS,
            )
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

    label, kinds = REPRESENTATION_SCOPES[scope]
    rows = frame[frame["kind"].isin(indicators.counted_kinds(kinds))]
    group = rows["origin"].isin(MULTICULTURAL)
    known = rows["origin"] != "unknown"
    units = rows[rows["origin"] == ORIGINS[0]].groupby("year")["reports"]
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
        title=interpolate(
            _("%(scope)s: seats held by people with a multicultural background"),
            scope=label,
        ),
        row_heading=_("Year"),
        rows=[(year, str(year)) for year in years],
        columns=[
            ("group", _("Multicultural background")),
            ("rest", _("Others of known origin")),
        ],
        disclosed=disclosed,
        truth=counts,
        statistics=[
            Statistic("share", _("Share of seats"), PERCENT),
            Statistic("population", _("Share of adult population"), PERCENT),
            Statistic("ratio", _("Representation ratio"), RATIO),
        ],
        notes=[
            _(
                "The representation ratio is the share of seats divided by the "
                "share of the adult population: 1 means represented in "
                "proportion, below 1 under-represented."
            )
        ],
        show_total=False,
        empty=disclosed.total is None,
    )
