"""`manage.py import_statistics FILE`: official statistics, such as the tables
of Aalborg's Integrationsstrategi 2023-2026, for the indicators that follow
them. The file is the project's own long CSV (table, indicator, breakdown,
year, group, value_pct), or a table as downloaded from Statistikbanken or
its API: PX, JSON-stat or CSV (participation/council/statbank/). The
content tells which; for a Statistikbanken table the options say which
dimension is the year, the group, the breakdown and the indicator, where
the defaults (TID, HERKOMST, the one dimension left, the contents) do not.

Every problem is reported with where it is, and nothing is imported
unless the whole file is clean. Importing the same file again changes
nothing; a corrected figure replaces the old one. Indicators that take
their yearly targets (måltal) from an imported table get them copied.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from participation.council.indicators import parse_statistics_file, statistics_import
from participation.council.management.files import read_upload, refusal
from participation.council.statbank import StatisticsMapping


class Command(BaseCommand):
    help = (
        "Import official statistics: the project's long CSV "
        "(table,indicator,breakdown,year,group,value_pct; # comment lines), or "
        "a table from Statistikbanken as PX, JSON-stat or CSV."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--source",
            default="",
            help='Where the figures come from (default: the file\'s "# Source:" '
            "line, or a table's SOURCE).",
        )
        table = parser.add_argument_group(
            "tables from Statistikbanken (PX, JSON-stat, CSV ending in INDHOLD)",
            "Dimensions are named by their id or text, in any case.",
        )
        table.add_argument(
            "--table", default="", help="The table's name (default: its id, e.g. 1)."
        )
        table.add_argument(
            "--indicator",
            default="",
            help="The indicator of every figure (default: the codes of the "
            "contents dimension, or the table's id).",
        )
        table.add_argument(
            "--indicator-dimension",
            default="",
            help="The dimension whose category codes name the indicators.",
        )
        table.add_argument(
            "--year-dimension", default="", help="The year (default: TID)."
        )
        table.add_argument(
            "--group-dimension",
            default="",
            help="The origin group (default: HERKOMST).",
        )
        table.add_argument(
            "--group",
            default="all",
            help="The group of every figure of a table without a group "
            "dimension (default: all).",
        )
        table.add_argument(
            "--breakdown-dimension",
            default="",
            help="The breakdown, by category label (default: the one dimension "
            "left with several categories).",
        )

    def handle(self, *args, file: Path, source: str, **options):
        data = read_upload(file)
        mapping = StatisticsMapping(
            table=options["table"],
            indicator=options["indicator"],
            indicator_dimension=options["indicator_dimension"],
            year_dimension=options["year_dimension"],
            group_dimension=options["group_dimension"],
            group=options["group"],
            breakdown_dimension=options["breakdown_dimension"],
        )
        parsed = parse_statistics_file(data, mapping=mapping)
        if parsed.problems:
            raise refusal(file, parsed.problems)
        counts = statistics_import(rows=parsed.rows, source=source or parsed.source)
        message = gettext(
            "Imported %(rows)s figures from %(file)s: %(created)s new, "
            "%(updated)s updated; %(targets)s indicator targets written."
        ) % {"rows": len(parsed.rows), "file": file, **counts}
        if parsed.skipped:
            message += " " + gettext(
                "%(count)s figures marked missing (such as “..”) were left out."
            ) % {"count": parsed.skipped}
        self.stdout.write(self.style.SUCCESS(message))
