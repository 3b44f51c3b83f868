"""The council catalogue's table: what every page, chart, file and API answer
of the council shows (:class:`Table`, built only through disclosure control),
the labels shared by its tables, and the council's disclosure policy."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.council.models import DisclosureSettings
from participation.stats.disclosure import TOTAL, Disclosed, Policy
from surveys import messages
from surveys.origin import CountryGroup, Origin

#: The label of a group whose value is not known (no answer, "unknown").
NOT_KNOWN = _("Not known")

ORIGIN_LABELS = {**messages.ORIGIN_LABELS, Origin.UNKNOWN.value: NOT_KNOWN}
COUNTRY_GROUP_LABELS = {
    **messages.COUNTRY_GROUP_LABELS,
    CountryGroup.UNKNOWN.value: NOT_KNOWN,
}


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

    current = DisclosureSettings.load()
    k = current.public_k if public else current.k
    return Policy(k=k, uniform_min=max(current.uniform_min, k))
