"""The themes of open answers by origin group, as staff coded them."""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext_lazy as _

from participation.council.catalogue.table import (
    ORIGIN_LABELS,
    Table,
    model_text,
)
from participation.council.coding import theme_counts_frame
from participation.council.models import Theme
from participation.stats.disclosure import Policy, disclose


def theme_table(*, policy: Policy, question=None, wave=None) -> Table:
    """Coded open answers by theme and origin group (staff code them,
    participation/council/coding.py); counts are codings, an answer may have
    several themes."""

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
    names = {t.code: model_text(t, "name") for t in themes}
    return Table(
        key=f"themes:{question.code if question else 'all'}:"
        f"{wave.pk if wave else 'all'}",
        title=_("Themes in the open answers"),
        row_heading=_("Theme"),
        rows=[(code, names[code]) for code in counts.index],
        columns=list(ORIGIN_LABELS.items()),
        disclosed=disclosed,
        truth=counts,
        notes=[
            _(
                "Staff read the open answers and sort them into themes; one "
                "answer can touch several themes, so the totals count themes "
                "mentioned, not people."
            )
        ],
        empty=disclosed.total is None,
    )
