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

Two kinds of chart:

- :func:`indicator_chart`, a line by year. A time axis: ``charts.js`` never
  mirrors it, also not on a right-to-left page (the first year is on the
  left in Arabic as in Danish).
- :func:`answers_chart`, horizontal bars of a survey table's answers in per
  cent of each group's answers, from the disclosed counts the table shows.
  Its spec adds ``"legend"`` (``[{"label": str, "colour": str}]``, drawn
  as HTML beside the canvas so that long answers wrap instead of being cut),
  ``"stacked"`` (False when a share is hidden: bars side by side) and
  ``config["medborger"]["mirror"]`` (True: the bars follow the reading
  direction, starting from the right on a right-to-left page, next to their
  labels) and ``["height"]`` (the canvas's height in CSS pixels, enough for
  every group's label lines and bars).

``config["medborger"]["number"]`` (optional, ``{"decimal": ",", "percent":
"{number} %"}``) tells ``charts.js`` to write numbers as the page's tables
do (the caller reads both from the active language), so the chart's ticks
and tooltips carry the same text as the cells.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
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
    number_format: Mapping[str, str] | None = None,
) -> dict:
    """A line chart of an indicator by year, with its target line.

    ``records``: one mapping per year, oldest first, with ``year`` (int),
    ``figure`` (float, or None when there is none or it is hidden),
    ``hidden`` (bool, optional: the figure was withheld by disclosure
    control) and ``target`` (float or None). The target dataset is left
    out when no year has a target. ``number_format``: how the page writes
    numbers (module docstring). Returns a spec as described in the module
    docstring."""
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
            "medborger": _meta(unit, number_format),
        },
        "table": {
            "heading": year_label,
            "columns": columns,
            "rows": rows,
            "hidden_text": hidden_text,
            "missing_text": missing_text,
        },
    }


def _meta(unit: str, number_format: Mapping[str, str] | None, **extra) -> dict:
    """What ``charts.js`` reads beside Chart.js's own config."""
    meta = {
        "unit": unit,
        "decimals": DECIMALS.get(unit, 1),
        "suffix": SUFFIXES.get(unit, ""),
        **extra,
    }
    if number_format:
        meta["number"] = dict(number_format)
    return meta


# --- answers by group: horizontal bars ---------------------------------------

#: The code of the "don't know" answer (surveys: agreement and yes/no
#: questions): always grey, after the answers that say something.
DONT_KNOW = "dk"
DONT_KNOW_COLOUR = "#4a4a4a"
#: An agreement scale, "strongly disagree" to "strongly agree": red through
#: grey to blue. Every colour here has at least 3:1 contrast against the
#: white page (WCAG 1.4.11), and neighbours differ in lightness as well as
#: hue, for readers who do not tell red from green.
ORDERED_COLOURS = ("#b2182b", "#d6604d", "#8c8c8c", "#4393c3", "#2166ac")
#: Answers without an order: Okabe and Ito's palette (darkened where a
#: colour had less than 3:1 against white), then Paul Tol's darker colours
#: for the demo's longest list (ten places); repeated past twelve.
NOMINAL_COLOURS = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#a86f00",
    "#6a3d9a",
    "#000000",
    "#8c8c8c",
    "#882255",
    "#117733",
    "#332288",
    "#7a7a29",
)
#: Characters per line of a group's label before it wraps: about a third of
#: a 360 px phone's chart (Chart.js gives the label axis at most half), in
#: Arabic and Ethiopic script as in Latin.
LABEL_WIDTH = 18
#: The canvas's height, in CSS pixels: per line of a label, per bar of a
#: group, the space around each group and the value axis below.
LINE_HEIGHT, BAR_HEIGHT, GROUP_PADDING, AXIS_HEIGHT = 16, 10, 14, 64
SHARE_PLACES = 1


def wrap_label(text: str, width: int = LABEL_WIDTH) -> list[str]:
    """``text`` as lines of at most ``width`` characters, broken between
    words (a word longer than ``width`` keeps its own line, never cut):
    Chart.js draws an array label as lines, where one long label would
    leave the canvas or squeeze the bars."""
    return textwrap.wrap(
        str(text), width, break_long_words=False, break_on_hyphens=False
    ) or [str(text)]


def row_shares(
    cells: Sequence[int | None], total: int | None
) -> list[dict[str, float | None | bool]]:
    """Each disclosed count of a row as a share of the row's disclosed
    total, in per cent, rounded half up once to one decimal (participation/
    stats/rounding.py): ``{"value": float | None, "hidden": bool}`` per cell.
    Computed from published numbers only, so it discloses nothing the table
    does not. A hidden count, or a hidden total, gives a hidden share
    (``None``, never 0); a row with no answers gives no share and nothing
    hidden."""
    out = []
    for count in cells:
        if count is None or total is None:
            out.append({"value": None, "hidden": True})
        elif total == 0:
            out.append({"value": None, "hidden": False})
        else:
            share = Decimal(count) / Decimal(total)
            out.append(
                {"value": half_up(share, SHARE_PLACES, scale=100), "hidden": False}
            )
    return out


def _colours(codes: Sequence[str], *, ordered: bool) -> list[str]:
    scale = [code for code in codes if code != DONT_KNOW]
    palette = (
        ORDERED_COLOURS
        if ordered and len(scale) <= len(ORDERED_COLOURS)
        else NOMINAL_COLOURS
    )
    if ordered and len(scale) < len(palette):
        # A shorter ordered scale keeps both ends and the middle.
        step = (len(palette) - 1) / max(len(scale) - 1, 1)
        palette = tuple(palette[round(i * step)] for i in range(len(scale)))
    colours, index = [], 0
    for code in codes:
        if code == DONT_KNOW:
            colours.append(DONT_KNOW_COLOUR)
        else:
            colours.append(palette[index % len(palette)])
            index += 1
    return colours


def _height(labels: Sequence[Sequence[str]], *, bars: int) -> int:
    per_group = [
        max(len(lines) * LINE_HEIGHT, bars * BAR_HEIGHT) + GROUP_PADDING
        for lines in labels
    ]
    return sum(per_group) + AXIS_HEIGHT


def answers_chart(
    rows: Iterable[Mapping[str, Any]],
    *,
    columns: Sequence[tuple[str, str]],
    title: str,
    row_heading: str,
    value_label: str,
    ordered: bool = False,
    description: str = "",
    hidden_text: str = "",
    missing_text: str = "",
    number_format: Mapping[str, str] | None = None,
) -> dict:
    """Horizontal bars of a disclosed survey table: one group of bars per
    row of the table (its groups, then "All"), one bar per answer, each the
    answer's share of the row's answers in per cent.

    ``rows``: one mapping per table row, in the table's order, with
    ``label`` (str), ``cells`` (the disclosed count per column, None where
    hidden) and ``total`` (the row's disclosed total, None where hidden):
    what ``Table.records()`` gives, never the counts before disclosure.
    ``columns``: ``(code, label)`` per answer, in the table's order; the
    code ``"dk"`` (don't know) is grey. ``ordered``: the answers are a
    scale (agreement), coloured from red to blue. ``value_label`` names the
    value axis ("Per cent of the group's answers").

    The bars are stacked to 100 % when no share is hidden. When one is, a
    stacked bar would move every piece after the hidden one, so each answer
    gets a bar of its own and the hidden one is a gap (None) where it
    belongs. Returns a spec (module docstring) whose table holds the same
    shares: the caller shows them in the table the chart stands beside."""
    rows = list(rows)
    codes = [code for code, _label in columns]
    shares = [row_shares(row["cells"], row.get("total")) for row in rows]
    stacked = not any(cell["hidden"] for row in shares for cell in row)
    # A group whose every share is hidden is an empty line of the chart: its
    # label says why.
    labels = [
        wrap_label(row["label"])
        + (
            wrap_label(f"({hidden_text})")
            if hidden_text and cells and all(cell["hidden"] for cell in cells)
            else []
        )
        for row, cells in zip(rows, shares, strict=True)
    ]
    colours = _colours(codes, ordered=ordered)
    datasets = [
        {
            "key": code,
            "label": str(label),
            "data": [row[index]["value"] for row in shares],
            "backgroundColor": colours[index],
            # A white line between the pieces of a stacked bar.
            "borderColor": "#ffffff",
            "borderWidth": 1 if stacked else 0,
        }
        for index, (code, label) in enumerate(columns)
    ]
    return {
        "title": title,
        "description": description or title,
        "unit": "percent",
        "decimals": DECIMALS["percent"],
        "drawable": any(cell["value"] is not None for row in shares for cell in row),
        "stacked": stacked,
        "legend": [
            {"label": str(label), "colour": colour}
            for (_code, label), colour in zip(columns, colours, strict=True)
        ],
        "config": {
            "type": "bar",
            "data": {"labels": labels, "datasets": datasets},
            "options": {
                "indexAxis": "y",
                "responsive": True,
                "maintainAspectRatio": False,
                "scales": {
                    "x": {
                        "stacked": stacked,
                        "min": 0,
                        # Stacked bars fill 100 %; bars side by side use the
                        # width for the largest share.
                        **({"max": 100} if stacked else {}),
                        "title": {"display": True, "text": value_label},
                        # Fewer ticks on a phone rather than slanted ones.
                        "ticks": {"maxRotation": 0},
                    },
                    "y": {"stacked": stacked},
                },
                # The legend is HTML beside the canvas (spec["legend"]).
                "plugins": {"legend": {"display": False}},
            },
            "medborger": _meta(
                "percent",
                number_format,
                mirror=True,
                height=_height(labels, bars=1 if stacked else len(columns)),
            ),
        },
        "table": {
            "heading": row_heading,
            "columns": [str(label) for _code, label in columns],
            "rows": [
                {"label": str(row["label"]), "cells": cells}
                for row, cells in zip(rows, shares, strict=True)
            ],
            "hidden_text": hidden_text,
            "missing_text": missing_text,
        },
    }
