"""Chart specifications for the public results page and the council pages
(SPEC §3.3: "charts where people would rather look than read; every chart
has its table").

Pure: no Django, only the standard library. A spec is a plain dict that
``templates/includes/chart.html`` renders as a figure with a canvas and,
always, the data table, and that ``static/js/charts.js`` hands to Chart.js
(``spec["config"]``, written into the page with Django's ``json_script``).
The caller translates every label before passing it in; nothing here knows
the active language.

A spec::

    {
      "title": str,                  # the figure's caption and the table's
      "description": str,            # the canvas's aria-label
      "unit": "percent" | "ratio" | "count",
      "decimals": int,               # places shown in the table and tooltips
      "drawable": bool,              # False when no year has a number to draw
      "config": {                    # what Chart.js draws (a line chart)
        "type": "line",
        "data": {"labels": [str, ...],
                 "datasets": [{"key": str, "label": str,
                               "data": [float | None, ...], ...}, ...]},
        "options": {...},
        "medborger": {"unit": str, "decimals": int, "suffix": str},
      },
      "table": {
        "heading": str,              # the row headers' column ("Year")
        "columns": [str, ...],       # one per dataset, in the same order
        "rows": [{"label": str,
                  "cells": [{"value": float | None, "hidden": bool}, ...]}],
        "hidden_text": str,          # what a hidden cell says
        "missing_text": str,         # what a cell without a figure says
      },
    }

A figure that disclosure control hid is ``None`` in the chart's data (a gap
in the line, never a zero) and ``hidden`` in the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from participation.stats.rounding import half_up

#: Places shown per unit: shares to a tenth of a percentage point, ratios to
#: a hundredth.
DECIMALS = {"percent": 1, "ratio": 2, "count": 0}
SUFFIXES = {"percent": " %"}

FIGURE_COLOUR = "#0b4f8a"  # --brand in static/css/site.css
TARGET_COLOUR = "#4a4a4a"  # --muted


def rounded(value: float | None, unit: str) -> float | None:
    """``value`` rounded half up to the places shown for ``unit`` (None
    stays None), by the one rule (participation/stats/rounding.py)."""
    return half_up(value, DECIMALS.get(unit, 1))


def indicator_chart(
    records: Iterable[Mapping[str, Any]],
    *,
    unit: str,
    title: str,
    figure_label: str,
    target_label: str,
    year_label: str,
    description: str = "",
    hidden_text: str = "",
    missing_text: str = "",
) -> dict:
    """A line chart of an indicator by year, with its target line.

    ``records``: one mapping per year, oldest first, with ``year`` (int),
    ``figure`` (float, or None when there is none or it is hidden),
    ``hidden`` (bool, optional: the figure was withheld by disclosure
    control) and ``target`` (float or None). The target dataset is left
    out when no year has a target. Returns a spec as described in the
    module docstring."""
    records = list(records)
    labels = [str(record["year"]) for record in records]
    figures = [rounded(record.get("figure"), unit) for record in records]
    hidden = [
        bool(record.get("hidden")) and record.get("figure") is None
        for record in records
    ]
    targets = [rounded(record.get("target"), unit) for record in records]
    datasets = [
        {
            "key": "figure",
            "label": figure_label,
            "data": figures,
            "borderColor": FIGURE_COLOUR,
            "backgroundColor": FIGURE_COLOUR,
            "pointStyle": "circle",
            "pointRadius": 4,
            "borderWidth": 3,
            "spanGaps": False,
        }
    ]
    columns = [figure_label]
    has_targets = any(target is not None for target in targets)
    if has_targets:
        datasets.append(
            {
                "key": "target",
                "label": target_label,
                "data": targets,
                "borderColor": TARGET_COLOUR,
                "backgroundColor": TARGET_COLOUR,
                "borderDash": [6, 4],
                "pointStyle": "rectRot",
                "pointRadius": 4,
                "borderWidth": 2,
                # Targets are policy, not data: join the years that have one.
                "spanGaps": True,
            }
        )
        columns.append(target_label)
    rows = []
    for index, label in enumerate(labels):
        cells = [{"value": figures[index], "hidden": hidden[index]}]
        if has_targets:
            cells.append({"value": targets[index], "hidden": False})
        rows.append({"label": label, "cells": cells})
    decimals = DECIMALS.get(unit, 1)
    suffix = SUFFIXES.get(unit, "")
    return {
        "title": title,
        "description": description or title,
        "unit": unit,
        "decimals": decimals,
        "drawable": any(v is not None for v in (*figures, *targets)),
        "config": {
            "type": "line",
            "data": {"labels": labels, "datasets": datasets},
            "options": {
                "responsive": True,
                "maintainAspectRatio": False,
                "scales": {
                    "y": {"beginAtZero": unit != "ratio"},
                    "x": {"title": {"display": True, "text": year_label}},
                },
                "plugins": {"legend": {"display": True, "position": "bottom"}},
            },
            "medborger": {"unit": unit, "decimals": decimals, "suffix": suffix},
        },
        "table": {
            "heading": year_label,
            "columns": columns,
            "rows": rows,
            "hidden_text": hidden_text,
            "missing_text": missing_text,
        },
    }
