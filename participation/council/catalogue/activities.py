"""The associations' activities for the council (issue 17): participants by
origin group and how many activities, per kind of activity and per half
year, counted across associations.

Both tables of a year are margins of one cube, kind × half year × origin
(participation/council/releases/linkage.py audits them together). A kind of
activity that fewer than MIN_UNITS associations held is shown only pooled
with others, so no row describes one or two associations (T09), as in the
members' tables. Participants are counted per activity: one person at two
activities counts twice.
"""

from __future__ import annotations

import pandas as pd
from django.db.models import Case, Count, F, IntegerField, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from participation.associations.models import Activity, ActivityKind, Status
from participation.council.catalogue.table import (
    COUNT,
    MIN_UNITS,
    ORIGIN_LABELS,
    POOLED,
    Statistic,
    Table,
    interpolate,
    model_text,
)
from participation.stats import aggregates
from participation.stats.disclosure import TOTAL, Policy, disclose
from surveys.origin import ORIGINS

ACTIVITY_TABLES = ("kinds", "periods")
HALVES = {1: _("January-June"), 2: _("July-December")}
PARTICIPANTS = {origin: f"participants_{origin}" for origin in ORIGINS}


def activity_frame(year: int) -> pd.DataFrame:
    """Per kind of activity and half year of ``year``: the activities of
    approved associations and the participants by origin. The database
    counts and sums."""
    rows = (
        Activity.objects.filter(association__status=Status.APPROVED, date__year=year)
        .annotate(
            half=Case(
                When(date__month__lte=6, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .values("half", kind_code=F("kind__code"))
        .annotate(
            activities=Count("id"),
            **{origin: Sum(field) for origin, field in PARTICIPANTS.items()},
        )
        .order_by()
    )
    columns = ["kind_code", "half", "activities", *ORIGINS]
    return pd.DataFrame.from_records(list(rows), columns=columns)


def activity_years() -> list[int]:
    """The years with activities of approved associations, newest first."""
    dates = Activity.objects.filter(association__status=Status.APPROVED).dates(
        "date", "year", order="DESC"
    )
    return [day.year for day in dates]


def shown_kinds(year: int) -> dict[str, str]:
    """Each kind of activity of ``year`` and the row it is shown in: itself,
    or POOLED when fewer than MIN_UNITS associations held it."""
    held = (
        Activity.objects.filter(association__status=Status.APPROVED, date__year=year)
        .values(kind_code=F("kind__code"))
        .annotate(associations=Count("association", distinct=True))
        .order_by()
    )
    return aggregates.pool_small_groups(
        {row["kind_code"]: row["associations"] for row in held},
        minimum=MIN_UNITS,
        pooled=POOLED,
    )


def activity_table(year: int, *, by: str, policy: Policy) -> Table:
    """Participants by origin group with the number of activities beside
    each row, by kind of activity (``by`` "kinds") or by half year
    ("periods"), for one year."""
    if by not in ACTIVITY_TABLES:
        raise ValueError(f"unknown activity table {by!r}")
    frame = activity_frame(year)
    if by == "kinds":
        frame = frame.assign(row=frame["kind_code"].map(shown_kinds(year)))
        names = {
            kind.code: model_text(kind, "name")
            for kind in ActivityKind.objects.order_by("sort_order", "code")
        }
        names[POOLED] = _("Other kinds together (too few to show alone)")
        order = list(names)
    else:
        frame = frame.assign(row=frame["half"])
        names = dict(HALVES)
        order = list(HALVES)
    grouped = frame.groupby("row")[[*ORIGINS, "activities"]].sum()
    grouped = grouped.reindex(sorted(grouped.index, key=order.index))
    counts = grouped[list(ORIGINS)].astype("int64")
    counts.index = pd.Index(list(counts.index), dtype=object)
    counts.columns = pd.Index(list(ORIGINS), dtype=object)
    events = grouped["activities"].astype("float64")
    events.index = counts.index
    events.loc[TOTAL] = events.sum()
    disclosed = disclose(counts, policy, row_values={"activities": events})
    title = (
        _("Participants in activities by kind and origin group, %(year)s")
        if by == "kinds"
        else _("Participants in activities by half year and origin group, %(year)s")
    )
    return Table(
        key=f"activities:{by}:{year}",
        title=interpolate(title, year=year),
        row_heading=_("Kind of activity") if by == "kinds" else _("Half year"),
        rows=[(code, names.get(code, code)) for code in counts.index],
        columns=[(code, ORIGIN_LABELS[code]) for code in ORIGINS],
        disclosed=disclosed,
        truth=counts,
        statistics=[Statistic("activities", _("Activities"), COUNT)],
        notes=[
            interpolate(
                _(
                    "Participants are counted per activity, so one person at "
                    "two activities counts twice. Counted across associations; "
                    "a kind held by fewer than %(units)s associations is shown "
                    "together with others."
                ),
                units=MIN_UNITS,
            )
        ],
        empty=disclosed.total is None,
    )
