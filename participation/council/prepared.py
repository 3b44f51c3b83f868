"""Council tables prepared in the background: a web request never computes
a catalogue table, so a council member opening the heaviest tables cannot
hold the web workers residents need (docs/ARCHITECTURE.md, "How a council
table reaches a page"; docs/DEPLOY.md, "Task workers").

The one place that serves a catalogue table (``participation.council.catalogue.
table_for_key``: the explorer, the exports and the API all name a table by
its key) from the shared cache. When the table is not there, a django-tasks
task (:func:`prepare_table`, run by ``manage.py db_worker``) computes it and
stores it, and the page says it is being prepared. A table older than
``COUNCIL_TABLE_SECONDS`` is still served while a fresh one is prepared, so
new survey answers show within that time plus the time to prepare.

An entry is kept per table key, language (labels are stored translated),
disclosure policy (k, uniform_min: a table disclosed under another k is
never shown) and the council memo's revision (config/memo.py: a staff
edit bumps it, so an edit shows at once). What is stored is the Table that
catalogue.py built through disclosure control, nothing before it: this module
changes when numbers are computed, never which numbers are shown.

With the ImmediateBackend (tests) the task runs inside the request and the
table is served at once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django_tasks import TaskResultStatus, task

from config import memo
from participation.council import catalogue
from participation.stats.disclosure import Policy

DEFAULT_SECONDS = 300
#: How long an enqueued table keeps others from enqueueing it again; after
#: that (a worker stopped, the task failed) the next reader enqueues it anew.
QUEUED_SECONDS = 120
#: Ahead of Wagtail's own index updates in the same queue: a person waits.
PRIORITY = 10
#: How many seconds a page waiting for its table waits before it reloads,
#: and what the API's 202 answers carry in Retry-After.
RETRY_SECONDS = 3


class PreparationFailed(RuntimeError):
    """The backend ran the task at once (ImmediateBackend) and it failed."""


@dataclass(frozen=True)
class Prepared:
    """What the cache holds for a table: ``table`` is None while it is being
    prepared (an older table, when there is one, is served meanwhile)."""

    table: catalogue.Table | None

    @property
    def ready(self) -> bool:
        return self.table is not None


@dataclass(frozen=True)
class _Entry:
    #: None when the worker found the key outside the catalogue (a wave or
    #: question deleted since it was asked for).
    table: catalogue.Table | None
    #: time.time() when its computation started.
    made: float


def table_seconds() -> int:
    return getattr(settings, "COUNCIL_TABLE_SECONDS", DEFAULT_SECONDS)


def _keep_seconds() -> int:
    """How long an entry stays in the cache, stale ones included."""
    return max(3600, 4 * table_seconds())


def _entry_key(key: str, language: str, policy: Policy, revision: str) -> str:
    raw = "\x1f".join(
        [str(key), language, str(policy.k), str(policy.uniform_min), revision]
    )
    return "medborger:council-table:" + hashlib.sha256(raw.encode()).hexdigest()


def _queued_key(entry_key: str) -> str:
    return entry_key + ":queued"


def prepared_table(
    key: str, *, policy: Policy, language: str | None = None
) -> Prepared | None:
    """The catalogue table ``key`` under ``policy`` in ``language`` (the
    active one by default) as the cache holds it, or None for a key outside
    the catalogue. Enqueues its preparation (once) when it is missing or
    older than COUNCIL_TABLE_SECONDS; ``Prepared.table`` is None until it
    is ready."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    revision = memo.COUNCIL.revision()
    entry_key = _entry_key(key, language, policy, revision)
    entry = cache.get(entry_key)
    if entry is not None and entry.table is None:
        return None
    if entry is not None and time.time() - entry.made < table_seconds():
        return Prepared(entry.table)
    if entry is None:
        if cache.get(_queued_key(entry_key)) is not None:
            # Queued already, so its key was found in the catalogue then.
            return Prepared(None)
        if catalogue.catalogue_builder(key) is None:
            return None
    if _enqueue(key, language=language, policy=policy, revision=revision):
        # The backend ran it at once (ImmediateBackend): serve it now.
        entry = cache.get(entry_key)
        if entry is not None and entry.table is None:
            return None
    # Fresh from an immediate run, or the older table while a worker prepares.
    return Prepared(entry.table if entry else None)


def indicator_summary(
    indicator, *, policy: Policy
) -> catalogue.IndicatorSummary | None:
    """The indicator's summary from its prepared table (the one its page and
    the API show), or None while the table is being prepared."""
    found = prepared_table(f"indicator:{indicator.code}", policy=policy)
    if found is None or not found.ready:
        return None
    return catalogue.summary_of(indicator, found.table)


def _enqueue(key: str, *, language: str, policy: Policy, revision: str) -> bool:
    """Queue the table's preparation unless it is queued already; True when
    the backend ran it at once."""
    entry_key = _entry_key(key, language, policy, revision)
    queued = _queued_key(entry_key)
    if not cache.add(queued, 1, QUEUED_SECONDS):
        return False
    try:
        result = prepare_table.enqueue(
            key=key,
            language=language,
            k=policy.k,
            uniform_min=policy.uniform_min,
            revision=revision,
            requested_at=time.time(),
        )
    except Exception:
        cache.delete(queued)
        raise
    if result.status == TaskResultStatus.FAILED:
        raise PreparationFailed(
            "\n".join(error.traceback for error in result.errors) or key
        )
    return result.status == TaskResultStatus.SUCCESSFUL


def _frozen(table: catalogue.Table) -> catalogue.Table:
    """``table`` with every text a plain str in the active language, so what
    is pickled into the cache reads the same wherever it is unpickled (a
    lazy translation would be translated again by its reader)."""
    return dataclasses.replace(
        table,
        title=str(table.title),
        row_heading=str(table.row_heading),
        rows=[(code, str(label)) for code, label in table.rows],
        columns=[(code, str(label)) for code, label in table.columns],
        statistics=[
            dataclasses.replace(s, label=str(s.label)) for s in table.statistics
        ],
        notes=[str(note) for note in table.notes],
    )


@task(priority=PRIORITY)
def prepare_table(
    *,
    key: str,
    language: str,
    k: int,
    uniform_min: int,
    revision: str,
    requested_at: float,
) -> str:
    """Build the catalogue table ``key`` with catalogue.table_for_key in
    ``language`` under the policy (k, uniform_min) and store it for readers
    of ``revision``. Skipped when a table made after the request is there
    already (a second worker, or an enqueue after the marker expired)."""
    policy = Policy(k=k, uniform_min=uniform_min)
    entry_key = _entry_key(key, language, policy, revision)
    current = cache.get(entry_key)
    if current is not None and current.made >= requested_at:
        cache.delete(_queued_key(entry_key))
        return "fresh"
    started = time.time()
    with translation.override(language):
        table = catalogue.table_for_key(key, policy=policy)
        entry = _Entry(
            table=_frozen(table) if table is not None else None, made=started
        )
    cache.set(entry_key, entry, _keep_seconds())
    cache.delete(_queued_key(entry_key))
    return "prepared" if table is not None else "not in the catalogue"
