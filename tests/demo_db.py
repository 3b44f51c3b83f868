"""The demo municipality loaded once per test run, for every module that
wants the same demo.

Loading the demo takes 7-60 seconds; eight modules want it, some the same
one, and under xdist each worker would load it again. On SQLite (the test
database in memory) the first module to ask loads it, commits it and copies
the database to a file beside the run's temporary files (SQLite's backup
API); every later module, in any worker, copies that file in, in a fraction
of a second. After the module the database it found is copied back, so no
other module sees the demo (as when the load was rolled back before). On
PostgreSQL the demo is loaded in a transaction and rolled back, as before.

What the load asks to run after its commit (tasks, memo resets) is dropped,
as it was when the load ran inside a transaction that was rolled back.
"""

import contextlib
import fcntl
import io
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction


@contextlib.contextmanager
def demo_database(
    name: str, load: Callable[[], object], *, blocker, store: Path
) -> Iterator[object]:
    """The database holding what ``load`` made (loaded or copied in), for
    the duration of the block; ``load``'s result (JSON) is kept with it."""
    with blocker.unblock():
        if connection.vendor != "sqlite":
            with transaction.atomic():
                yield load()
                transaction.set_rollback(True)
            return
        connection.ensure_connection()
        found = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(found)
        try:
            yield _copied_in(name, load, store)
        finally:
            found.backup(connection.connection)
            found.close()


def _copied_in(name: str, load: Callable[[], object], store: Path) -> object:
    path = store / f"demo-{name}.sqlite3"
    meta = store / f"demo-{name}.json"
    with (store / f"demo-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if meta.exists():
            source = sqlite3.connect(path)
            source.backup(connection.connection)
            source.close()
            return json.loads(meta.read_text())
        with transaction.atomic():
            value = load()
            connection.run_on_commit.clear()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        meta.write_text(json.dumps(value))
        return value


def store_for(tmp_path_factory, worker_id: str) -> Path:
    """A directory every xdist worker of this run shares."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


#: What ``load_coded`` loads the demo with.
CODED_RESPONSES, CODED_SEED = 400, 2023


def load_coded() -> str:
    """The demo with 400 responses (seed 2023), its themes coded, no
    releases: what tests/cms/test_demo.py, test_demo_insights.py and
    test_demo_themes.py read. Returns what the command printed."""
    out = io.StringIO()
    call_command(
        "load_demo",
        responses=CODED_RESPONSES,
        seed=CODED_SEED,
        releases=False,
        stdout=out,
    )
    return out.getvalue()
