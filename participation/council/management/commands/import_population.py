"""`manage.py import_population FILE`: a population table from Statistics
Denmark's FOLK1E, as downloaded from StatBank, for weighting survey results:
its semicolon CSV (OMRÅDE; KØN; ALDER; HERKOMST; TID; INDHOLD), PX file or
JSON-stat, told apart by the content.

The CSV is read unchanged by participation/council/folk1e.py, PX and
JSON-stat by participation/council/statbank/ into the same frame; the
counts are stored by origin group, country group, age band and gender for
one area and quarter (the latest in the file unless --year or --area
choose). Importing a table again under the same name replaces its counts.
A CSV whose first line starts with "# SYNTHETIC", or a PX or JSON-stat
table whose title or a note does, is stored as synthetic even without
--synthetic, so made-up figures are never shown as real.
"""

from pathlib import Path

import pandas as pd
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from participation.council import statbank
from participation.council.folk1e import (
    Folk1eError,
    parse_folk1e_bytes,
    select_population,
)
from participation.council.management.files import read_upload, refusal
from participation.council.models import PopulationCell, PopulationTable

SYNTHETIC_MARK = b"# SYNTHETIC"
DEFAULT_SOURCE = "Danmarks Statistik, StatBank FOLK1E"
CELL_COLUMNS = ["origin", "country_group", "age_band", "gender"]
AREA_MAX = PopulationTable._meta.get_field("area").max_length
NAME_MAX = PopulationTable._meta.get_field("name").max_length
COUNT_MAX = 2**31 - 1  # PositiveIntegerField on PostgreSQL


def read_folk1e(data: bytes) -> tuple[pd.DataFrame, bool]:
    """A FOLK1E file in any format as folk1e's frame, and whether the file
    says it is synthetic. Raises Folk1eError (CSV) or StatbankError."""
    if statbank.detect_format(data) == "csv":
        synthetic = data.lstrip(b"\xef\xbb\xbf").startswith(SYNTHETIC_MARK)
        return parse_folk1e_bytes(data), synthetic
    table = statbank.read_statbank(data)
    return statbank.population_frame(table), table.synthetic


def population_cells(chosen: pd.DataFrame) -> pd.DataFrame:
    """The counts of one area and quarter (folk1e.select_population's rows)
    by ``CELL_COLUMNS`` plus area, period, year and count: folk1e's
    population_cells kept apart by country group too. DST's "unknown"
    country group (no western / non-western split, and always for Danish
    origin) is stored as blank."""
    chosen = chosen.assign(country_group=chosen["country_group"].replace("unknown", ""))
    cells = chosen.groupby(["area", "period", "year", *CELL_COLUMNS], as_index=False)[
        "count"
    ].sum()
    return cells


def population_import(
    *, cells: pd.DataFrame, name: str, synthetic: bool, source: str
) -> PopulationTable:
    """Store ``cells`` (from population_cells) as the table ``name``,
    replacing the counts of a table of that name. All or nothing."""
    first = cells.iloc[0]
    with transaction.atomic():
        table, _created = PopulationTable.objects.update_or_create(
            name=name,
            defaults={
                "area": first["area"],
                "period": first["period"],
                "year": int(first["year"]),
                "synthetic": synthetic,
                "source": source,
                "imported_at": timezone.now(),
            },
        )
        table.cells.all().delete()
        PopulationCell.objects.bulk_create(
            PopulationCell(
                table=table,
                origin=row.origin,
                country_group=row.country_group,
                age_band=row.age_band,
                gender=row.gender,
                count=int(row.count),
            )
            for row in cells.itertuples(index=False)
        )
    return table


def _check_fits(cells: pd.DataFrame, *, name: str, file: Path) -> None:
    """Raise CommandError, before anything is written, for what the tables
    cannot hold: a file that reads as FOLK1E is not yet one that fits."""
    problems = []
    area = str(cells.iloc[0]["area"])
    if len(area) > AREA_MAX:
        problems.append(f"the area name is longer than {AREA_MAX} characters")
    if len(name) > NAME_MAX:
        problems.append(f"the table's name is longer than {NAME_MAX} characters")
    if int(cells["count"].max()) > COUNT_MAX:
        problems.append(f"a cell counts more than {COUNT_MAX} people")
    if problems:
        raise CommandError(
            f"Nothing imported from {file}: " + "; ".join(problems) + "."
        )


class Command(BaseCommand):
    help = (
        "Import a population table from Statistics Denmark's FOLK1E "
        "(CSV, PX or JSON-stat)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--name", help='Name of the table (default: "FOLK1E <area> <quarter>").'
        )
        parser.add_argument(
            "--synthetic",
            action="store_true",
            help="Made-up figures in FOLK1E format; labelled synthetic wherever shown.",
        )
        parser.add_argument("--source", default="", help="Where the figures come from.")
        parser.add_argument(
            "--year", type=int, help="Use the latest quarter of this year."
        )
        parser.add_argument("--area", help="The area, if the file holds several.")

    def handle(self, *args, file: Path, name, synthetic, source, year, area, **options):
        data = read_upload(file)
        try:
            frame, says_synthetic = read_folk1e(data)
            chosen = select_population(frame, year=year, area=area)
        except Folk1eError as error:
            problems = [str(problem) for problem in error.problems]
            raise refusal(file, problems, error.total) from error
        except statbank.StatbankError as error:
            raise refusal(file, error.render(gettext), error.total) from error
        cells = population_cells(chosen)
        synthetic = synthetic or says_synthetic
        first = cells.iloc[0]
        if not name:
            name = f"FOLK1E {first['area']} {first['period']}"
            if synthetic:
                name += " (synthetic)"
        _check_fits(cells, name=name, file=file)
        if not source:
            source = (
                "Synthetic, in the format of FOLK1E" if synthetic else DEFAULT_SOURCE
            )
        table = population_import(
            cells=cells, name=name, synthetic=synthetic, source=source
        )
        label = " SYNTHETIC" if table.synthetic else ""
        by_origin = cells.groupby("origin")["count"].sum()
        origins = ", ".join(f"{origin} {int(n)}" for origin, n in by_origin.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported{label} population table “{table.name}” "
                f"({table.area}, {table.period}): {len(cells)} cells, "
                f"{int(cells['count'].sum())} people ({origins})."
            )
        )
