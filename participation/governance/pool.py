"""The pool job: store waiting responses in mixed batches of at least the
council's k, then rewrite the small tables (surveys/pool.py, SPEC §4.1).

surveys never imports participation, so the minimum batch is read here,
from the disclosure settings (``DisclosureSettings.k``: a batch is never
smaller than the smallest group the council may see, so a batch's day and
transaction id never single out fewer than k residents), and handed to
``surveys.pool.pool_flush``. Two ways to run it, both idempotent:

- ``manage.py flush_pool`` from cron, e.g. every 10 minutes
  (docs/DEPLOY.md, "Scheduled jobs");
- the django-tasks task :func:`flush_pool`, run by ``manage.py db_worker``.
"""

from django_tasks import task

from participation.council.models import DisclosureSettings
from surveys.pool import pool_flush, pool_rewrite

#: Behind a release being made (participation/council/releases/build.py).
PRIORITY = 0


def pool_run(*, today=None) -> int:
    """Store every batch that is due (at least k of a wave, or a closed
    wave's rest), then rewrite the pool and invitation tables, which also
    clears what withdrawals and used codes left; returns how many responses
    were stored. Call it outside any transaction (VACUUM cannot run inside)."""
    stored = pool_flush(minimum=DisclosureSettings.load().k, today=today)
    pool_rewrite()
    return stored


@task(priority=PRIORITY)
def flush_pool() -> int:
    """:func:`pool_run` in the background (``manage.py db_worker``)."""
    return pool_run()
