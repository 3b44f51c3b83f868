"""participation/stats/charts.py: the chart specs a page draws and tabulates
(no database): indicators' lines by year and survey tables' answers as bars."""

import json

from participation.stats.charts import (
    DONT_KNOW_COLOUR,
    LABEL_WIDTH,
    ORDERED_COLOURS,
    answers_chart,
    indicator_chart,
    rounded,
    row_shares,
    wrap_label,
)

LABELS = {
    "figure_label": "Measured",
    "target_label": "Target",
    "year_label": "Year",
    "hidden_text": "Not shown",
}


def chart(records, unit="percent", **extra):
    return indicator_chart(
        records, unit=unit, title="Feel represented", **LABELS, **extra
    )


def test_years_are_labels_and_a_hidden_year_is_a_gap_not_a_zero():
    spec = chart(
        [
            {"year": 2023, "figure": 41.234, "hidden": False, "target": None},
            {"year": 2024, "figure": None, "hidden": True, "target": None},
            {"year": 2025, "figure": 47.06, "hidden": False, "target": 50},
        ]
    )
    data = spec["config"]["data"]
    assert data["labels"] == ["2023", "2024", "2025"]
    figure, target = data["datasets"]
    assert figure["data"] == [41.2, None, 47.1]
    assert figure["spanGaps"] is False  # the line breaks at the hidden year
    assert target["data"] == [None, None, 50.0]
    assert spec["drawable"] is True
    # What json_script writes for charts.js: null where hidden.
    assert '"data": [41.2, null, 47.1]' in json.dumps(spec["config"])


def test_the_table_has_every_year_and_says_which_figure_is_hidden():
    spec = chart(
        [
            {"year": 2023, "figure": 12.0, "hidden": False, "target": 15},
            {"year": 2024, "figure": None, "hidden": True, "target": 16},
            {"year": 2026, "figure": None, "hidden": False, "target": 18},
        ]
    )
    table = spec["table"]
    assert table["heading"] == "Year"
    assert table["columns"] == ["Measured", "Target"]
    assert [row["label"] for row in table["rows"]] == ["2023", "2024", "2026"]
    assert table["rows"][1]["cells"][0] == {"value": None, "hidden": True}
    # 2026 has only a target yet: no figure, but nothing was hidden either.
    assert table["rows"][2]["cells"] == [
        {"value": None, "hidden": False},
        {"value": 18.0, "hidden": False},
    ]
    assert table["hidden_text"] == "Not shown"


def test_no_target_line_without_targets():
    spec = chart([{"year": 2023, "figure": 5.0}])
    assert [d["key"] for d in spec["config"]["data"]["datasets"]] == ["figure"]
    assert spec["table"]["columns"] == ["Measured"]


def test_a_chart_whose_figures_are_all_hidden_is_its_table_alone():
    spec = chart([{"year": 2023, "figure": None, "hidden": True}])
    assert spec["drawable"] is False
    assert spec["table"]["rows"][0]["cells"][0]["hidden"] is True


def test_no_records_gives_an_empty_chart_and_table():
    spec = chart([])
    assert spec["config"]["data"]["labels"] == []
    assert spec["table"]["rows"] == []
    assert spec["drawable"] is False


def test_rounding_follows_the_unit():
    assert rounded(0.98765, "ratio") == 0.99
    assert rounded(41.25, "percent") == 41.3  # half up, as by hand (round() gives 41.2)
    assert rounded(None, "percent") is None
    spec = chart([{"year": 2023, "figure": 0.98765}], unit="ratio")
    assert spec["decimals"] == 2
    assert spec["config"]["medborger"] == {"unit": "ratio", "decimals": 2, "suffix": ""}
    assert spec["config"]["options"]["scales"]["y"]["beginAtZero"] is False


def test_the_description_is_the_canvas_label():
    spec = chart([], description="Line chart of feeling represented by year")
    assert spec["description"] == "Line chart of feeling represented by year"
    assert chart([])["description"] == "Feel represented"


# --- answers by group: horizontal bars ---------------------------------------

AGREE = [
    ("1", "Strongly disagree"),
    ("2", "Disagree"),
    ("3", "Neither"),
    ("4", "Agree"),
    ("5", "Strongly agree"),
    ("dk", "Don't know"),
]


def bars(rows, columns=AGREE, **extra):
    options = {
        "title": "I feel represented",
        "row_heading": "Origin group",
        "value_label": "Per cent of the group's answers",
        "hidden_text": "hidden",
        **extra,
    }
    return answers_chart(rows, columns=columns, **options)


def row(label, cells, total=None):
    shown = [c for c in cells if c is not None]
    return {
        "label": label,
        "cells": cells,
        "total": sum(shown) if total is None else total,
    }


def test_each_answer_is_its_share_of_the_row_rounded_half_up_once():
    spec = bars(
        [
            # 202 of 470 is 42.978...: 43.0, as the table writes it; 1 of 16
            # is 6.25 exactly: half up to 6.3, never 6.2.
            row("Danish origin", [0, 0, 0, 202, 0, 268]),
            row("Immigrants", [1, 0, 0, 0, 15, 0]),
        ]
    )
    data = [d["data"] for d in spec["config"]["data"]["datasets"]]
    assert [column[0] for column in data] == [0.0, 0.0, 0.0, 43.0, 0.0, 57.0]
    assert [column[1] for column in data] == [6.3, 0.0, 0.0, 0.0, 93.8, 0.0]
    # The table the chart stands beside gets the same shares, row by row.
    table = spec["table"]
    assert [cell["value"] for cell in table["rows"][1]["cells"]] == [
        column[1] for column in data
    ]
    assert table["columns"] == [label for _code, label in AGREE]
    assert spec["unit"] == "percent" and spec["decimals"] == 1


def test_a_hidden_count_is_a_gap_not_a_zero_and_the_bars_stand_side_by_side():
    spec = bars(
        [
            row("Danish origin", [5, None, 10, 20, None, 0], total=45),
            row("All", [5, 7, 10, 20, 8, 0]),
        ]
    )
    datasets = spec["config"]["data"]["datasets"]
    assert datasets[1]["data"][0] is None
    assert datasets[5]["data"][0] == 0.0  # a real zero stays a zero
    assert spec["table"]["rows"][0]["cells"][1] == {"value": None, "hidden": True}
    assert spec["table"]["rows"][0]["cells"][5] == {"value": 0.0, "hidden": False}
    assert '"data": [null, 14.0]' in json.dumps(spec["config"])
    # Stacked, the pieces after a hidden one would move: each answer gets a
    # bar of its own, and the value axis fits the largest share.
    assert spec["stacked"] is False
    x = spec["config"]["options"]["scales"]["x"]
    assert x["stacked"] is False and "max" not in x


def test_a_table_with_nothing_hidden_is_stacked_to_100_per_cent():
    spec = bars([row("Danish origin", [1, 2, 3, 4, 5, 5])])
    x = spec["config"]["options"]["scales"]["x"]
    assert spec["stacked"] is True
    assert x["stacked"] is True and (x["min"], x["max"]) == (0, 100)
    assert spec["config"]["options"]["scales"]["y"]["stacked"] is True
    assert spec["config"]["options"]["indexAxis"] == "y"


def test_a_hidden_row_total_hides_every_share_of_the_row():
    spec = bars([{"label": "Descendants", "cells": [0, 0, 0, 6, 0, 0], "total": None}])
    cells = spec["table"]["rows"][0]["cells"]
    assert all(cell == {"value": None, "hidden": True} for cell in cells)
    assert spec["drawable"] is False
    # Its empty line in the chart says why.
    assert spec["config"]["data"]["labels"] == [["Descendants", "(hidden)"]]


def test_a_row_without_answers_has_no_share_and_hides_nothing():
    assert row_shares([0, 0], 0) == [
        {"value": None, "hidden": False},
        {"value": None, "hidden": False},
    ]
    assert row_shares([], 10) == []


def test_agreement_runs_red_to_blue_and_dont_know_is_grey():
    spec = bars([row("All", [1, 1, 1, 1, 1, 1])], ordered=True)
    colours = [d["backgroundColor"] for d in spec["config"]["data"]["datasets"]]
    assert colours == [*ORDERED_COLOURS, DONT_KNOW_COLOUR]
    assert spec["legend"] == [
        {"label": label, "colour": colour}
        for (_code, label), colour in zip(AGREE, colours, strict=True)
    ]
    # Unordered answers take distinct colours, as many as the demo's longest
    # list of places (ten).
    places = [(f"p{i}", f"Place {i}") for i in range(10)]
    spec = bars([row("All", [1] * 10)], columns=places)
    colours = [d["backgroundColor"] for d in spec["config"]["data"]["datasets"]]
    assert len(set(colours)) == 10
    assert DONT_KNOW_COLOUR not in colours


#: The demo's longest labels of a group (gender, neighbourhood) and of an
#: answer (where discrimination happened), in Arabic and Tigrinya
#: (cms/demo/data/medborger-demo.xlsform.csv).
LONG_LABELS = [
    "غير ذلك / أصف نفسي بطريقة أخرى",
    "ካልእ / ንርእሰይ ብኻልእ መገዲ እገልጾ",
    "Aalborg Centrum (آلبورغ سنتروم)",
    "Aalborg Centrum (ኦልቦርግ ሰንትሩም)",
    "في الخدمات الصحية، مثل عند الطبيب أو في المستشفى",
    "ኣብ ኣገልግሎት ጥዕና፣ ንኣብነት ኣብ ሓኪም ወይ ሆስፒታል",
]


def test_long_labels_wrap_between_words_and_lose_nothing():
    for label in LONG_LABELS:
        lines = wrap_label(label)
        assert len(lines) > 1, label
        assert all(len(line) <= LABEL_WIDTH for line in lines), lines
        assert " ".join(lines) == label
    # A word longer than a line keeps its own line whole.
    assert wrap_label("Kommunalbestyrelsesmedlemmer i alt") == [
        "Kommunalbestyrelsesmedlemmer",
        "i alt",
    ]
    assert wrap_label("") == [""]


def test_the_chart_is_tall_enough_for_every_line_of_its_labels():
    short = bars([row("All", [1, 1, 1, 1, 1, 1])])
    long = bars([row(LONG_LABELS[1], [1, 1, 1, 1, 1, 1])])
    assert long["config"]["data"]["labels"] == [wrap_label(LONG_LABELS[1])]
    assert (
        long["config"]["medborger"]["height"] > short["config"]["medborger"]["height"]
    )
    # Bars side by side need more room per group than one stacked bar.
    side_by_side = bars([row("All", [1, None, 1, 1, 1, 1], total=6)])
    assert (
        side_by_side["config"]["medborger"]["height"]
        > short["config"]["medborger"]["height"]
    )


def test_bars_may_follow_the_reading_direction_but_a_year_axis_never():
    spec = bars([row("All", [1, 1, 1, 1, 1, 1])])
    assert spec["config"]["medborger"]["mirror"] is True
    # The legend is HTML beside the canvas, where long answers wrap.
    assert spec["config"]["options"]["plugins"]["legend"]["display"] is False
    years = chart([{"year": 2023, "figure": 5.0}, {"year": 2024, "figure": 6.0}])
    assert not years["config"]["medborger"].get("mirror")


def test_numbers_are_written_as_the_page_writes_them_when_told_how():
    number_format = {"decimal": ",", "percent": "%{number}"}
    spec = bars([row("All", [1, 1, 1, 1, 1, 1])], number_format=number_format)
    assert spec["config"]["medborger"]["number"] == number_format
    spec = chart([{"year": 2023, "figure": 5.0}], number_format=number_format)
    assert spec["config"]["medborger"]["number"] == number_format
    assert "number" not in chart([])["config"]["medborger"]


def test_no_rows_give_nothing_to_draw():
    spec = bars([])
    assert spec["drawable"] is False
    assert spec["config"]["data"]["labels"] == []
    assert spec["table"]["rows"] == []
