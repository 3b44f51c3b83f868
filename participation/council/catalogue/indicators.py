"""Indicator tables: an indicator's figure by year, its movement against the
baseline and its targets."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
from django.utils.translation import gettext_lazy as _

from participation.council import indicators
from participation.council.catalogue.table import (
    NUMBER,
    PERCENT,
    RATIO,
    Statistic,
    Table,
    model_text,
)
from participation.council.models import IndicatorSource
from participation.stats import aggregates
from participation.stats.disclosure import Policy, disclose, published


def indicator_table(indicator, *, policy: Policy, wave=None, year=None) -> Table:
    """An indicator's figure per year with the counts behind it.

    Survey and participation figures are shares: per year, the group's count
    and the rest are a row of counts, so a year with a small group or a small
    rest shows no figure. Official statistics pass through
    disclosure.published. Targets are the council's own numbers, not data,
    and are kept beside the table (``Table.targets``). ``wave`` or ``year``:
    only the row of one release's population (participation/council/releases)."""

    figures = indicators.measurements(indicator, wave=wave, year=year)
    value = pd.Series({m.year: m.value for m in figures}, dtype="float64", name="value")
    if indicator.source == IndicatorSource.STATISTICS:
        disclosed = published({"value": value}, policy)
        columns, counts = [], None
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
        row_values = {"value": value}
        if indicator.source in SAMPLED:
            # A survey is a sample: the figure's 95 % interval (Wilson),
            # shown only where the figure is.
            low, high = aggregates.wilson_interval(
                counts["group"].astype("float64"), counts.sum(axis=1).astype("float64")
            )
            row_values |= {"low": low * 100, "high": high * 100}
        disclosed = disclose(counts, policy, row_values=row_values)
        # A survey figure counts, within the indicator's group, those who
        # agree against the rest who answered; a participation figure the
        # seats or members of the group against everyone else's.
        columns = _count_columns(indicator)
    return Table(
        key=f"indicator:{indicator.code}",
        title=model_text(indicator, "name"),
        row_heading=_("Year"),
        rows=[(year, str(year)) for year in disclosed.counts.index],
        columns=columns,
        disclosed=disclosed,
        truth=counts,
        statistics=[
            Statistic("value", _("Figure"), unit_kind(indicator.unit)),
            *(
                [
                    Statistic("low", _("95-percent interval: from"), PERCENT),
                    Statistic("high", _("95-percent interval: to"), PERCENT),
                ]
                if indicator.source in SAMPLED
                else []
            ),
        ],
        show_total=False,
        targets=indicator_targets(indicator),
    )


def indicator_targets(indicator) -> dict[int, float]:
    """The council's targets of ``indicator`` by year, as they stand now."""
    return {
        int(year): float(target)
        for year, target in indicator.targets.values_list("year", "value")
    }


#: Sources whose figures come from a sample (the survey): they carry an
#: interval.
SAMPLED = (IndicatorSource.SURVEY, IndicatorSource.COMPOSITE)


def _count_columns(indicator) -> list:
    """What the two count columns of an indicator's table hold."""
    if indicator.source == IndicatorSource.SURVEY and not indicator.answers.strip():
        return [("group", _("Agree (4-5)")), ("rest", _("Disagree or neither (1-3)"))]
    if indicator.source == IndicatorSource.SURVEY:
        return [("group", _("Counted answers")), ("rest", _("Other answers"))]
    if indicator.source == IndicatorSource.COMPOSITE:
        return [
            ("group", _("Agree on average (4-5)")),
            ("rest", _("Others who answered")),
        ]
    return [
        ("group", model_text(indicator, "get_group_display")),
        ("rest", _("Others")),
    ]


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
    movement: object  # participation.council.indicators.Movement


def indicator_summary(indicator, *, policy: Policy) -> IndicatorSummary:
    """``indicator_table`` and the movement of its latest shown figure after
    the baseline year against the baseline (typed by staff, or the shown
    figure of the baseline year)."""
    return summary_of(indicator, indicator_table(indicator, policy=policy))


def summary_of(indicator, table: Table) -> IndicatorSummary:
    """The summary of ``indicator`` from its table (``indicator_table``, or
    the same table as participation/council/prepared.py kept it). Targets
    are policy, not data: a release keeps the figures, and the targets are
    read as the council has them now, so a target set after the release
    counts at once."""
    table = replace(table, targets=indicator_targets(indicator))

    shown = [
        indicators.Measurement(int(record["code"]), record["value"], record["total"])
        for record in table.records()
        if record["value"] is not None
    ]
    return IndicatorSummary(
        indicator=indicator,
        table=table,
        movement=indicators.movement(indicator, measured=shown, targets=table.targets),
    )
