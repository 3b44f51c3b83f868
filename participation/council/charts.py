"""The council explorer's charts (issue 17, item 9): a survey table's answers
as horizontal bars beside the table, in the active language.

Drawn only from what the table shows: its disclosed counts and totals
(``Table.records()``), each answer as a share of its row in per cent,
rounded once (participation/stats/charts.py ``answers_chart``). The same
shares are written in the table under each count, so the chart and the
table carry the same numbers; the table stays the accessible truth."""

from __future__ import annotations

from django.utils.translation import gettext

from participation.council.catalogue import Table
from participation.council.templatetags.council_tags import chart_number_format
from participation.stats import charts
from surveys.messages import AGREE_LABELS


def explorer_shown(table: Table) -> dict:
    """A survey table as the explorer shows it: the table and its records
    (as every page), the chart, the note under it and, per record, the
    chart's shares to write under the counts (``shares``, one list of
    ``{"value", "hidden"}`` per record; empty without a chart)."""
    records = table.records()
    chart = explorer_chart(table, records)
    return {
        "table": table,
        "records": records,
        "chart": chart,
        "chart_note": explorer_chart_note(table, chart) if chart else "",
        "shares": [row["cells"] for row in chart["table"]["rows"]] if chart else [],
    }


def explorer_chart(table: Table, records: list[dict]) -> dict | None:
    """The bar chart of a survey table, or None for a table without answer
    columns. ``records``: the rows the page shows (``table.records()``);
    their order is the chart's, top to bottom."""
    if not table.columns:
        return None
    columns = [(str(code), str(label)) for code, label in table.columns]
    scale = [code for code, _label in columns if code != charts.DONT_KNOW]
    title, heading = str(table.title), str(table.row_heading)
    return charts.answers_chart(
        records,
        columns=columns,
        title=title,
        row_heading=heading,
        value_label=gettext("Per cent of the group’s answers"),
        ordered=scale == list(AGREE_LABELS),
        description=gettext(
            "Bar chart of the answers to “%(title)s” by “%(breakdown)s”, in "
            "per cent of each group’s answers. The same figures are in the table."
        )
        % {"title": title, "breakdown": heading},
        # The words the table says for a hidden figure (hidden.html).
        hidden_text=gettext("hidden"),
        missing_text="–",
        number_format=chart_number_format(),
    )


def explorer_chart_note(table: Table, chart: dict) -> str:
    """What the figure says under the chart: how to read it, and why bars
    stand side by side when a share is hidden."""
    parts = [
        gettext(
            "Each bar is an answer’s share of the group’s answers, counted from "
            "the table below, where the same shares stand under the counts."
        )
    ]
    if not chart["stacked"]:
        parts.append(
            gettext(
                "Some figures are hidden, so each answer has a bar of its own: "
                "a hidden share is a gap."
            )
        )
    if any(statistic.code.startswith("weighted_") for statistic in table.statistics):
        parts.append(
            gettext(
                "The shares are not weighted; the weighted share agreeing is in "
                "the table."
            )
        )
    return " ".join(parts)
