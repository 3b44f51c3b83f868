"""participation/stats/charts.py: the chart spec a page draws and tabulates
(no database)."""

import json

from participation.stats.charts import indicator_chart, rounded

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
