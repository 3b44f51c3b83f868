"""`manage.py import_statistics FILE`: official statistics in long CSV format
(table, indicator, breakdown, year, group, value_pct), such as the tables of
Aalborg's Integrationsstrategi 2023-2026, for the indicators that follow them.

Every problem is reported with its line and column, and nothing is imported
unless the whole file is clean. Importing the same file again changes
nothing; a corrected figure replaces the old one. Indicators that take
their yearly targets (måltal) from an imported table get them copied.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from participation.council.indicators import parse_statistics_csv, statistics_import


class Command(BaseCommand):
    help = (
        "Import official statistics from a long-format CSV file "
        "(table,indicator,breakdown,year,group,value_pct; # comment lines)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--source",
            default="",
            help='Where the figures come from (default: the file\'s "# Source:" line).',
        )

    def handle(self, *args, file: Path, source: str, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        parsed = parse_statistics_csv(data)
        if parsed.problems:
            raise CommandError(
                f"Nothing imported: {len(parsed.problems)} problem(s) in {file}:\n"
                + "\n".join(f"  {problem}" for problem in parsed.problems)
            )
        counts = statistics_import(rows=parsed.rows, source=source or parsed.source)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(parsed.rows)} figures from {file}: "
                f"{counts['created']} new, {counts['updated']} updated; "
                f"{counts['targets']} indicator targets written."
            )
        )
