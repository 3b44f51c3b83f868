"""Real-browser tests: Playwright driving Debian's chromium against
pytest-django's live server with the demo municipality loaded.

Run them with ``pytest -m browser tests/browser`` (pyproject's addopts
deselects them otherwise; the later ``-m`` wins).
"""

import os
import sqlite3
import threading

import pytest
from django.core.signals import request_finished, request_started
from django.db import connection, transaction

from cms.demo import loader

CHROMIUM = "/usr/bin/chromium"  # Debian's package; CI installs it with apt-get
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session", autouse=True)
def _browser_test_environment(playwright):
    """Two things the browser tests need before anything touches the database
    (session-scoped and autouse, so this comes before the live server and the
    test database; it lives in this folder's conftest, so it never applies to
    the rest of the suite):

    - Playwright's sync API runs an asyncio event loop in this thread, so
      Django takes every ORM call made here (creating the test database,
      loading the demo) for a call from async code and raises
      SynchronousOnlyOperation. These tests are plain synchronous code that
      only shares the thread with that loop, hence DJANGO_ALLOW_ASYNC_UNSAFE.
    - Starting Playwright switches this thread to another contextvars context.
      Django keeps its database connections in asgiref Locals, which are
      per context: a connection opened before Playwright starts is not the one
      the tests use after. The test database's serialized migrated rows (kept
      on the connection, for serialized rollback) and the live server's shared
      SQLite connection must be made on the connection the tests use, so
      Playwright starts first."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE}


class _InFlight:
    """Counts the requests the live server is answering (Django's request
    signals fire in the server's threads)."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def started(self, **kwargs):
        with self.changed:
            self.count += 1

    def finished(self, **kwargs):
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.count <= 0, timeout)


#: The test database just after the demo was loaded, kept to be copied back
#: before each later test (SQLite's backup API: a fraction of a second, where
#: loading the demo again takes about ten).
_LOADED: dict[str, sqlite3.Connection] = {}


def _load_demo() -> None:
    """The pages, the survey and the council's strategy; no responses and no
    association records (the slow part): tests that want them add them. On
    SQLite (the test database in memory) the demo is loaded once per session
    and copied back before each later test; elsewhere loaded each time."""
    if connection.vendor != "sqlite":
        with transaction.atomic():
            loader.load_demo(responses=0, records=False)
        return
    connection.ensure_connection()
    loaded = _LOADED.get(connection.alias)
    if loaded is not None:
        loaded.backup(connection.connection)
        return
    with transaction.atomic():
        loader.load_demo(responses=0, records=False)
    loaded = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(loaded)
    _LOADED[connection.alias] = loaded


@pytest.fixture
def site(live_server, transactional_db, django_db_serialized_rollback):
    """The live server's base URL with the demo municipality loaded.

    The server thread only sees committed rows, hence a transactional test
    database; serialized rollback restores the rows migrations create (Wagtail's
    root page, which load_demo builds on) after each test's flush.

    With SQLite the server thread shares this thread's in-memory connection,
    so a request still being answered when the test ends would run in the
    middle of the flush and the restore. Browser contexts close before this
    fixture's teardown (new_context below depends on it), and the teardown
    waits for the last answers to go out."""
    _load_demo()
    in_flight = _InFlight()
    request_started.connect(in_flight.started, weak=False)
    request_finished.connect(in_flight.finished, weak=False)
    yield live_server.url
    idle = in_flight.wait_idle(timeout=15)
    request_started.disconnect(in_flight.started)
    request_finished.disconnect(in_flight.finished)
    assert idle, "the live server was still answering requests after the test"


@pytest.fixture
def new_context(site, browser, browser_context_args):
    """Replaces pytest-playwright's context factory (its ``context`` and
    ``page`` fixtures use this one):

    - options given here override the defaults above (the viewport, say),
      where pytest-playwright's factory refuses the same option twice;
    - it depends on ``site``, so every context is closed before the database
      is reset;
    - it answers Chromium's automatic /favicon.ico request itself: the site
      has none, and that request comes after the page's load event, when the
      test may already be tearing the database down."""
    contexts = []

    def make(**options):
        context = browser.new_context(**{**browser_context_args, **options})
        contexts.append(context)
        context.set_default_timeout(10_000)  # pages here load in well under 1 s
        context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
        return context

    yield make
    for context in contexts:
        context.close()
