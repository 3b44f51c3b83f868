"""Reading the council explorer's page as a person would: the numbers its
chart draws (the json_script charts.js reads) and the shares its table
writes under the counts, side by side. Shared by the view test
(tests/participation/council/test_council.py) and the demo's
(tests/cms/test_demo_releases.py)."""

import json

from bs4 import BeautifulSoup

from participation.council.catalogue import PERCENT
from participation.council.templatetags.council_tags import format_figure

CHART_ID = "explorer-chart"
TABLE_ID = "explorer-table"


def drawn_and_written(
    html: str,
) -> tuple[list[list[str | None]], list[list[str | None]]]:
    """Per row of the table (top to bottom) and per answer column: the share
    the chart draws, written as the table writes a figure in the active
    language, and the share the table writes under the count; None where
    the chart has a gap and where the table shows no share (a hidden count
    or share)."""
    soup = BeautifulSoup(html, "html.parser")
    config = json.loads(soup.find("script", id=CHART_ID).string)
    columns = [dataset["data"] for dataset in config["data"]["datasets"]]
    drawn = [
        [None if value is None else format_figure(value, PERCENT) for value in row]
        for row in zip(*columns, strict=True)
    ]
    written = []
    for tr in soup.select(f"#{TABLE_ID} tbody tr"):
        cells = tr.find_all("td")[: len(columns)]
        shares = [cell.select_one(".share") for cell in cells]
        written.append(
            [
                share.get_text(strip=True)
                if share is not None and any(c.isdigit() for c in share.get_text())
                else None
                for share in shares
            ]
        )
    return drawn, written
