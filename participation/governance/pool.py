"""The pool job: store waiting responses in mixed batches of at least the
council's k, then rewrite the small tables (surveys/pool.py, SPEC §4.1).

surveys never imports participation, so the minimum batch is read here,
from the disclosure settings (``DisclosureSettings.k``: a batch is never
smaller than the smallest group the council may see, so a batch's day and
transaction id never single out fewer than k residents), and handed to
``surveys.pool.pool_flush``. Two ways to run it, both idempotent:

- ``manage.py flush_pool`` from cron, e.g. every 10 minutes, and
  ``manage.py flush_pool --stored`` nightly after apply_retention
  (docs/DEPLOY.md, "Scheduled jobs");
- the django-tasks task :func:`flush_pool`, run by ``manage.py db_worker``.
"""

from django_tasks import task

from participation.council.models import AnswerCoding, DisclosureSettings
from surveys.pool import REWRITTEN, STORED, pool_flush, pool_rewrite

#: Behind a release being made (participation/council/releases/build.py).
PRIORITY = 0


#: Rewritten by the nightly run too: a response withdrawn after its batch
#: and what retention deletes (answers, their codings with the words staff
#: chose to quote) stay on disk in these until then.
STORED_TABLES = (*STORED, AnswerCoding, AnswerCoding.themes.through)


def pool_run(*, today=None, stored: bool = False) -> int:
    """Store every batch that is due (at least k of a wave, or a closed
    wave's rest), then rewrite the pool and invitation tables, which also
    clears what withdrawals and used codes left; with ``stored`` (the
    nightly run, after apply_retention) also the stored responses, answers
    and codings, so a response withdrawn after its batch or deleted by
    retention leaves nothing in the table files by the next morning. Returns
    how many responses were stored. Call it outside any transaction (VACUUM
    cannot run inside)."""
    count = pool_flush(minimum=DisclosureSettings.load().k, today=today)
    pool_rewrite(REWRITTEN + (STORED_TABLES if stored else ()))
    return count


@task(priority=PRIORITY)
def flush_pool() -> int:
    """:func:`pool_run` in the background (``manage.py db_worker``)."""
    return pool_run()
