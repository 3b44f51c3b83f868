"""The demo's official figures in Statistics Denmark's own formats, made from
the same data as before so that they can be made again (``write_files()``):

- the strategy's Tables 1-3 as three JSON-stat datasets, one per table as
  api.statbank.dk gives a table, from the project's CSV of them
  (``STATISTICS_SOURCE``, a copy of
  ../shared/data/aalborg_integrationsstrategi_2023_tables.csv);
- the synthetic population as a PX file in Statistikbanken's FOLK1E layout
  (Windows-1252, CRLF), from folk1e.synthetic_folk1e with ``POPULATION``.
  Its first NOTE says it is synthetic, so it is stored and shown as such.

cms/demo/insights.py imports them with ``manage.py import_statistics``
(``IMPORT_OPTIONS`` name what a table's dimensions hold, as staff would)
and ``manage.py import_population``, through participation/council/statbank/.
The figures imported are those of the CSV files, to the digit
(tests/participation/council/test_statbank.py compares).
"""

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from participation.council.folk1e import (
    AALBORG_2023_TOTAL,
    NATIONAL_ORIGIN_SHARES,
    synthetic_folk1e,
)
from participation.council.indicators import StatisticRow, parse_statistics_csv
from participation.council.statbank import (
    Dimension,
    StatbankTable,
    cube_table,
    jsonstat_text,
    px_bytes,
    read_statbank_csv,
)

DATA = Path(__file__).parent / "data"
STATISTICS_SOURCE = DATA / "aalborg_integrationsstrategi_2023_tables.csv"
STATISTICS_FILES = {
    number: DATA / f"aalborg_tabel_{number}.json" for number in ("1", "2", "3")
}
# What staff would tell import_statistics: Table 3 has no breakdown of its
# own, its two contents (actual share, måltal) being the breakdown too.
IMPORT_OPTIONS: dict[str, dict[str, str]] = {
    "1": {},
    "2": {},
    "3": {"breakdown_dimension": "ContentsCode"},
}
POPULATION_FILE = DATA / "folk1e_aalborg_2023_synthetic.px"
# The arguments the population file is made with.
POPULATION = {
    "total": AALBORG_2023_TOTAL,
    "area": "Aalborg",
    "period": "2023K1",
    "shares": NATIONAL_ORIGIN_SHARES,
    "seed": 2023,
}

# Statistikbanken's HERKOMST labels for the groups of the project's CSV.
GROUP_LABELS = {
    "danish_origin": "Personer med dansk oprindelse",
    "immigrants": "Indvandrere",
    "descendants": "Efterkommere",
}
AREA = Dimension("OMRÅDE", "område", ("851",), ("Aalborg",))
# Per table: its title, the dimension its breakdowns make (None: the
# contents' labels are the breakdowns) and what each indicator measures.
TABLES = {
    "1": {
        "title": "Tabel 1. Højeste fuldførte uddannelse efter herkomst, "
        "Aalborg Kommune (pct.)",
        "breakdown": ("UDDANNELSE", "uddannelse"),
        "contents": {
            "highest_completed_education_share": "Andel med uddannelsen som "
            "højeste fuldførte (pct.)"
        },
    },
    "2": {
        "title": "Tabel 2. Beskæftigelsesfrekvens efter herkomst og alder, "
        "Aalborg Kommune (pct.)",
        "breakdown": ("ALDER", "alder"),
        "contents": {"employment_rate": "Beskæftigelsesfrekvens (pct.)"},
    },
    "3": {
        "title": "Tabel 3. Kommunens ansatte med ikke-vestlig baggrund og "
        "måltal (pct.)",
        "breakdown": None,
        "contents": None,
    },
}
POPULATION_TITLE = (
    "Befolkningen den 1. i kvartalet efter område, køn, alder, herkomst og tid"
)


def _first_seen(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def statistics_table(
    number: str, rows: list[StatisticRow], source: str
) -> StatbankTable:
    """Table ``number`` of the project's rows as a Statistikbanken table:
    OMRÅDE (Aalborg), the breakdown, HERKOMST (where the groups are origin
    groups), ContentsCode (the indicators) and Tid (the years)."""
    layout: Mapping = TABLES[number]
    rows = [row for row in rows if row.table == number]
    indicators = _first_seen(row.indicator for row in rows)
    if layout["contents"] is None:
        breakdown_of = {row.indicator: row.breakdown for row in rows}
        contents = Dimension(
            "ContentsCode",
            "indhold",
            indicators,
            tuple(breakdown_of[i] for i in indicators),
            "metric",
        )
    else:
        contents = Dimension(
            "ContentsCode",
            "indhold",
            indicators,
            tuple(layout["contents"][i] for i in indicators),
            "metric",
        )
    dimensions = [AREA]
    if layout["breakdown"] is not None:
        breakdowns = _first_seen(row.breakdown for row in rows)
        dimension_id, label = layout["breakdown"]
        dimensions.append(Dimension(dimension_id, label, breakdowns, breakdowns))
    groups = _first_seen(row.group for row in rows)
    has_group = set(groups) <= set(GROUP_LABELS)
    if has_group:
        labels = tuple(GROUP_LABELS[group] for group in groups)
        dimensions.append(Dimension("HERKOMST", "herkomst", groups, labels))
    years = _first_seen(str(row.year) for row in rows)
    dimensions += [contents, Dimension("Tid", "tid", years, years, "time")]

    value_of = {
        (row.indicator, row.breakdown, row.group, str(row.year)): float(row.value)
        for row in rows
    }
    has_breakdown = layout["breakdown"] is not None
    values = []
    for cell in _combinations(dimensions):
        named = dict(zip((d.id for d in dimensions), cell, strict=True))
        indicator = named["ContentsCode"]
        breakdown = (
            named[layout["breakdown"][0]]
            if has_breakdown
            else dict(zip(contents.codes, contents.labels, strict=True))[indicator]
        )
        group = named["HERKOMST"] if has_group else "all"
        values.append(value_of.get((indicator, breakdown, group, named["Tid"])))
    return cube_table(
        dimensions,
        values,
        format="json-stat",
        table_id=number,
        title=layout["title"],
        source=source,
    )


def _combinations(dimensions: list[Dimension]) -> list[tuple[str, ...]]:
    """Every combination of the dimensions' codes, the last fastest."""
    out: list[tuple[str, ...]] = [()]
    for dimension in dimensions:
        out = [cell + (code,) for cell in out for code in dimension.codes]
    return out


def population_table() -> StatbankTable:
    """The synthetic FOLK1E of ``POPULATION`` as Statistikbanken lays it
    out in a PX file: dimensions named in lower case with their ids as
    VARIABLE-CODE, TID the time, the "# SYNTHETIC" comment lines as NOTEs."""
    text = synthetic_folk1e(**POPULATION)
    table = read_statbank_csv(text.encode("utf-8"))
    notes = tuple(
        line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")
    )
    dimensions = [
        replace(d, label=d.id.lower(), role="time" if d.id == "TID" else "")
        for d in table.dimensions
    ]
    return StatbankTable(
        "px",
        dimensions,
        table.frame,
        table_id="FOLK1E",
        title=POPULATION_TITLE,
        contents="Befolkningen den 1. i kvartalet",
        units="antal",
        notes=notes,
    )


def write_files(directory: Path = DATA) -> list[Path]:
    """(Re)make the JSON-stat tables and the FOLK1E PX file in ``directory``."""
    parsed = parse_statistics_csv(STATISTICS_SOURCE.read_bytes())
    if parsed.problems:
        raise ValueError("\n".join(parsed.problems))
    written = []
    for number, path in STATISTICS_FILES.items():
        table = statistics_table(number, parsed.rows, parsed.source)
        target = directory / path.name
        target.write_text(jsonstat_text(table), encoding="utf-8")
        written.append(target)
    target = directory / POPULATION_FILE.name
    target.write_bytes(px_bytes(population_table()))
    written.append(target)
    return written
