"""`manage.py apply_retention [--dry-run] [--today YYYY-MM-DD]`: apply each
survey's retention periods (participation/governance/retention.py) and print, per
survey and wave, what was deleted and archived (counts only).

Meant to run once a day from cron or a scheduler, for example::

    15 3 * * *  cd /srv/medborger && .venv/bin/python manage.py apply_retention

Running it twice changes nothing the second time.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from participation.governance.retention import WaveRetention, retention_apply


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"--today must be a date as YYYY-MM-DD, not {value!r}."
        ) from error


class Command(BaseCommand):
    help = (
        "Apply each survey's retention periods, counted from the day each wave "
        "closes: delete free-text answers (and their coding) after the survey's "
        "free-text period, and after its response period archive the wave's "
        "disclosed tables and delete its responses and invitation codes. Prints "
        "counts only and writes them to the retention log. Idempotent: run it "
        "daily, e.g. from cron: "
        "15 3 * * * cd /srv/medborger && .venv/bin/python manage.py apply_retention"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only print what would be deleted and archived; change nothing.",
        )
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help=(
                "Apply the periods as on this day (default: today); a later "
                "day only with --dry-run."
            ),
        )

    def handle(self, *args, dry_run: bool, today: str | None, **options):
        day = parse_day(today) if today else timezone.localdate()
        if day > timezone.localdate() and not dry_run:
            # A mistyped year would delete answers years early.
            raise CommandError(
                "--today may lie in the future only with --dry-run: "
                "it would delete data before its time."
            )
        verbosity = int(options.get("verbosity", 1))
        results = retention_apply(today=day, dry_run=dry_run)
        changed = [result for result in results if result.changed]
        for result in results:
            if result.changed or verbosity >= 2:
                self.stdout.write(self.describe(result, dry_run=dry_run))
        verb = "would change" if dry_run else "changed"
        summary = (
            f"Retention on {day.isoformat()}: {len(results)} closed wave(s) of "
            f"surveys with a retention period, {len(changed)} {verb}."
        )
        if dry_run:
            summary += " Dry run: nothing was deleted."
        self.stdout.write(self.style.SUCCESS(summary))

    @staticmethod
    def describe(result: WaveRetention, *, dry_run: bool) -> str:
        def due(what, day):
            return f"{what} go on {day.isoformat()}" if day else f"{what} are kept"

        prefix = "would delete" if dry_run else "deleted"
        archived = "would archive" if dry_run else "archived"
        return (
            f"{result.survey_code} / {result.wave_code} "
            f"(closed {result.closes_on.isoformat()}; "
            f"{due('free texts', result.free_text_due)}, "
            f"{due('responses', result.responses_due)}): "
            f"{prefix} {result.free_texts_deleted} free-text answer(s), "
            f"{result.responses_deleted} response(s), "
            f"{result.invitations_deleted} invitation code(s); "
            f"{archived} {result.tables_archived} table(s)."
        )
