"""`manage.py flush_pool [--today YYYY-MM-DD]`: store the responses waiting
in the pool in mixed batches of at least the council's k, a closed wave's
rest whatever the count, then rewrite the small tables
(participation/governance/pool.py). Prints how many were stored.

Meant to run every few minutes from cron, and with ``--stored`` (which also
rewrites the stored responses, answers and codings) nightly, for example::

    */10 * * * *  cd /srv/medborger && .venv/bin/python manage.py flush_pool
    20 3 * * *    cd /srv/medborger && .venv/bin/python manage.py flush_pool --stored
"""

from django.core.management.base import BaseCommand

from participation.governance.management.commands.apply_retention import parse_day
from participation.governance.pool import pool_run


class Command(BaseCommand):
    help = (
        "Store the responses waiting in the pool: per wave, when at least the "
        "council's k wait or the wave has closed, all of them in one batch in "
        "random order; then rewrite the pool and invitation tables (PostgreSQL "
        "VACUUM FULL). Idempotent: run it every 10 minutes, e.g. from cron: "
        "*/10 * * * * cd /srv/medborger && .venv/bin/python manage.py flush_pool"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stored",
            action="store_true",
            help=(
                "Also rewrite the stored responses, answers and codings, so a "
                "response withdrawn after its batch or deleted by retention "
                "leaves nothing in the table files (nightly, after "
                "apply_retention; about 11 s of lock at 100,000 responses)."
            ),
        )
        parser.add_argument(
            "--today",
            type=parse_day,
            help="The day to act as if it were (YYYY-MM-DD); default: today.",
        )

    def handle(self, *args, today=None, stored=False, **options):
        count = pool_run(today=today, stored=stored)
        self.stdout.write(f"{count} responses stored from the pool.")
